/// The two schemes of the merged insurance.
public enum Scheme: String, Sendable, Codable, CaseIterable, Comparable {
    case medical, maternity
    public static func < (a: Scheme, b: Scheme) -> Bool { a == .medical && b == .maternity }
    public var messageKey: String { "scheme.\(rawValue)" }
}

/// Who the person is to the medical scheme; decides rates and maternity membership.
public enum PersonCategory: String, Sendable, Codable, CaseIterable {
    /// 在职职工
    case employee
    /// 灵活就业人员
    case flexible
    /// 退休人员
    case retiree
    /// 领取失业保险金人员
    case unemployed

    public var messageKey: String { "category.\(rawValue)" }

    /// Only in-service employees belong to an employer.
    public var needsEmployer: Bool { self == .employee }

    /// 国办发〔2019〕10号: in-service employees are enrolled in maternity insurance with medical;
    /// flexible workers follow the region's flag; retirees and benefit recipients never are.
    public func hasMaternity(flexibleInMaternity: Bool) -> Bool {
        switch self {
        case .employee: true
        case .flexible: flexibleInMaternity
        case .retiree, .unemployed: false
        }
    }
}

/// Employer kind: the order in which Shantou migrated employers to unified registration.
public enum EmployerKind: String, Sendable, Codable, CaseIterable {
    /// 省直单位
    case provincial
    /// 机关事业单位
    case government
    /// 企业
    case enterprise
    public var messageKey: String { "employerKind.\(rawValue)" }
}

/// Why an enrolment period ended.
public enum EndReason: String, Sendable, Codable, CaseIterable {
    case transferred, retired, suspended, terminated, categoryChanged, reconciled
    public var messageKey: String { "endReason.\(rawValue)" }
}
