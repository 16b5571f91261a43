// Who and what the counter registers: operators, employers, persons, their enrolments and bases.
// Stored values, parsed into Core types where the rules need them.

public struct OperatorAccount: Codable, Sendable, Equatable {
    public var id: Int64?
    public var name: String
    public var role: Role
    public var passwordHash: String
    public var disabled: Bool
    public var failedSignOns: Int

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
    public var scheme: Scheme
    public var category: PersonCategory
    public var employerCode: String?
    public var region: String
    public var fromMonth: String
    public var toMonth: String?
    public var endReason: EndReason?

    public init(personID: Int64, period p: EnrolmentPeriod) {
        self.personID = personID
        self.scheme = p.scheme
        self.category = p.category
        self.employerCode = p.employer?.value
        self.region = p.region
        self.fromMonth = p.from.description
        self.toMonth = p.to?.description
        self.endReason = p.endReason
    }

    public var period: EnrolmentPeriod {
        EnrolmentPeriod(scheme: scheme, category: category, employer: employerCode.map(CreditCode.init(trusted:)),
                        region: region, from: try! YearMonth.parse(fromMonth),
                        to: toMonth.map { try! YearMonth.parse($0) }, endReason: endReason)
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
