// Who and what the counter registers: operators, employers, persons, their enrolments and bases.
// Stored values, parsed into Core types where the rules need them.

public struct OperatorAccount: Codable, Sendable, Equatable {
    public var id: Int64?
    public var name: String
    public var role: Role
    public var passwordHash: String
    public var disabled: Bool
    public var failedSignOns: Int
    /// Until when (an audit time, UTC) sign-on is refused after repeated failures (`SignOnLock`); nil: not locked.
    public var lockedUntil: String?

    public init(name: String, role: Role, passwordHash: String) {
        self.name = name
        self.role = role
        self.passwordHash = passwordHash
        self.disabled = false
        self.failedSignOns = 0
    }

    /// What the audit log keeps: never the password hash.
    public var audited: [String: String] {
        ["name": name, "role": role.rawValue, "disabled": String(disabled)]
    }
}

public struct Employer: Codable, Sendable, Equatable {
    public var code: String
    public var name: String
    public var region: String
    public var kind: EmployerKind
    public var unifiedFrom: String?

    public init(code: CreditCode, name: String, region: String, kind: EmployerKind, unifiedFrom: YearMonth?) {
        self.code = code.value
        self.name = name
        self.region = region
        self.kind = kind
        self.unifiedFrom = unifiedFrom?.description
    }

    public var creditCode: CreditCode { CreditCode(trusted: code) }
    public var unifiedFromMonth: YearMonth? { unifiedFrom.flatMap { try? YearMonth.parse($0) } }
}

public struct Person: Codable, Sendable, Equatable {
    public var id: Int64?
    public var citizenID: String
    public var name: String
    public var sex: Sex
    public var birthDate: String
    public var region: String

    public init(id: CitizenID, name: String, region: String) {
        self.citizenID = id.value
        self.name = name
        self.sex = id.sex
        self.birthDate = id.birthDate.description
        self.region = region
    }

    public var citizen: CitizenID { CitizenID(trusted: citizenID) }

    /// What the audit log keeps: the masked ID (full IDs never go to logs).
    public var audited: [String: String] {
        ["id": String(id ?? 0), "citizenID": citizen.masked, "name": name, "region": region]
    }
}

public struct Enrolment: Codable, Sendable, Equatable {
    public var id: Int64?
    public var personID: Int64
    /// Parsed once, when the row is read: a stored month that does not parse fails the read.
    public var period: EnrolmentPeriod

    public init(personID: Int64, period p: EnrolmentPeriod) {
        self.personID = personID
        self.period = p
    }

    // The stored fields, by the names of their columns.
    public var scheme: Scheme { period.scheme }
    public var category: PersonCategory { period.category }
    public var employerCode: String? { period.employer?.value }
    public var region: String { period.region }
    public var fromMonth: String { period.from.description }
    public var toMonth: String? { period.to?.description }
    public var endReason: EndReason? { period.endReason }

    enum CodingKeys: String, CodingKey {
        case id, personID, scheme, category, employerCode, region, fromMonth, toMonth, endReason
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func month(_ key: CodingKeys) throws -> YearMonth? {
            guard let text = try c.decodeIfPresent(String.self, forKey: key) else { return nil }
            guard let m = try? YearMonth.parse(text) else {
                throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: "not a month: \(text)")
            }
            return m
        }
        guard let from = try month(.fromMonth) else {
            throw DecodingError.valueNotFound(String.self, .init(codingPath: c.codingPath + [CodingKeys.fromMonth],
                                                                 debugDescription: "no first month"))
        }
        id = try c.decodeIfPresent(Int64.self, forKey: .id)
        personID = try c.decode(Int64.self, forKey: .personID)
        period = EnrolmentPeriod(scheme: try c.decode(Scheme.self, forKey: .scheme),
                                 category: try c.decode(PersonCategory.self, forKey: .category),
                                 employer: try c.decodeIfPresent(String.self, forKey: .employerCode).map(CreditCode.init(trusted:)),
                                 region: try c.decode(String.self, forKey: .region), from: from, to: try month(.toMonth),
                                 endReason: try c.decodeIfPresent(EndReason.self, forKey: .endReason))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(personID, forKey: .personID)
        try c.encode(scheme, forKey: .scheme)
        try c.encode(category, forKey: .category)
        try c.encode(employerCode, forKey: .employerCode)
        try c.encode(region, forKey: .region)
        try c.encode(fromMonth, forKey: .fromMonth)
        try c.encode(toMonth, forKey: .toMonth)
        try c.encode(endReason, forKey: .endReason)
    }
}

public struct ContributionBase: Codable, Sendable, Equatable {
    public var personID: Int64
    public var fromMonth: String
    public var baseFen: Int64

    public init(personID: Int64, from: YearMonth, base: Money) {
        self.personID = personID
        self.fromMonth = from.description
        self.baseFen = base.fen
    }
}
