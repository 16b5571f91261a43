import GRDB
import OneWindowCore

// Rows as stored. Conversions to Core types live beside them; columns are plain text and integers
// so the file stays readable with the sqlite3 shell.

public struct OperatorRow: Codable, FetchableRecord, MutablePersistableRecord, Sendable, Equatable {
    public static let databaseTableName = "operator"
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

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    /// What the audit log keeps: never the password hash.
    public var audited: [String: String] {
        ["name": name, "role": role.rawValue, "disabled": String(disabled)]
    }
}

public struct EmployerRow: Codable, FetchableRecord, PersistableRecord, Sendable, Equatable {
    public static let databaseTableName = "employer"
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

public struct PersonRow: Codable, FetchableRecord, MutablePersistableRecord, Sendable, Equatable {
    public static let databaseTableName = "person"
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

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    public var citizen: CitizenID { CitizenID(trusted: citizenID) }

    /// What the audit log keeps: the masked ID (full IDs never go to logs).
    public var audited: [String: String] {
        ["id": String(id ?? 0), "citizenID": citizen.masked, "name": name, "region": region]
    }
}

public struct EnrolmentRow: Codable, FetchableRecord, MutablePersistableRecord, Sendable, Equatable {
    public static let databaseTableName = "enrolment"
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

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    public var period: EnrolmentPeriod {
        EnrolmentPeriod(scheme: scheme, category: category, employer: employerCode.map(CreditCode.init(trusted:)),
                        region: region, from: try! YearMonth.parse(fromMonth),
                        to: toMonth.map { try! YearMonth.parse($0) }, endReason: endReason)
    }
}

public struct BaseRow: Codable, FetchableRecord, PersistableRecord, Sendable, Equatable {
    public static let databaseTableName = "contributionBase"
    public var personID: Int64
    public var fromMonth: String
    public var baseFen: Int64

    public init(personID: Int64, from: YearMonth, base: Money) {
        self.personID = personID
        self.fromMonth = from.description
        self.baseFen = base.fen
    }
}

public struct ContributionRow: Codable, FetchableRecord, MutablePersistableRecord, Sendable, Equatable {
    public static let databaseTableName = "contribution"
    public var id: Int64?
    public var personID: Int64
    public var month: String
    public var item: ContributionItem
    public var payer: String
    public var employerCode: String?
    public var region: String
    public var baseFen: Int64
    public var rateBp: Int
    public var amountFen: Int64
    public var maternityFen: Int64

    public init(personID: Int64, month: YearMonth, region: String, employer: CreditCode?, line: ContributionLine) {
        self.personID = personID
        self.month = month.description
        self.item = line.item
        self.payer = line.payer.description
        self.employerCode = employer?.value
        self.region = region
        self.baseFen = line.base.fen
        self.rateBp = line.rate.basisPoints
        self.amountFen = line.amount.fen
        self.maternityFen = line.maternityShare.fen
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

public struct ContributionPaymentRow: Codable, FetchableRecord, MutablePersistableRecord, Sendable, Equatable {
    public static let databaseTableName = "contributionPayment"
    public var id: Int64?
    public var payer: String
    public var month: String
    public var amountFen: Int64
    public var paidOn: String

    public init(payer: PayerAccount, month: YearMonth, amount: Money, paidOn: CalendarDate) {
        self.payer = payer.description
        self.month = month.description
        self.amountFen = amount.fen
        self.paidOn = paidOn.description
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

public struct PolicyPeriodRow: Codable, FetchableRecord, MutablePersistableRecord, Sendable, Equatable {
    public static let databaseTableName = "policyPeriod"
    public var id: Int64?
    public var region: String
    public var fromMonth: String
    public var contributionJSON: String
    public var addedBy: String

    public init(region: String, from: YearMonth, contributionJSON: String, addedBy: String) {
        self.region = region
        self.fromMonth = from.description
        self.contributionJSON = contributionJSON
        self.addedBy = addedBy
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

public struct WageDeclarationRow: Codable, FetchableRecord, PersistableRecord, Sendable, Equatable {
    public static let databaseTableName = "wageDeclaration"
    public var employerCode: String
    public var year: Int
    public var averageMonthlyWageFen: Int64

    public init(employer: CreditCode, year: Int, wage: Money) {
        self.employerCode = employer.value
        self.year = year
        self.averageMonthlyWageFen = wage.fen
    }
}

public struct DirectSettlementRow: Codable, FetchableRecord, MutablePersistableRecord, Sendable, Equatable {
    public static let databaseTableName = "directSettlement"
    public var id: Int64?
    public var hospital: String
    public var billNo: String
    public var citizenID: String
    public var settledOn: String
    public var amountFen: Int64

    public init(hospital: String, billNo: String, person: CitizenID, settledOn: CalendarDate, amount: Money) {
        self.hospital = hospital
        self.billNo = billNo
        self.citizenID = person.value
        self.settledOn = settledOn.description
        self.amountFen = amount.fen
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
