// Contribution lines charged and paid, policy amendments, wage declarations and hospital settlements.

public struct ContributionCharge: Codable, Sendable, Equatable {
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
}

public struct ContributionPayment: Codable, Sendable, Equatable {
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
}

public struct PolicyAmendment: Codable, Sendable, Equatable {
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
}

public struct WageDeclaration: Codable, Sendable, Equatable {
    public var employerCode: String
    public var year: Int
    public var averageMonthlyWageFen: Int64

    public init(employer: CreditCode, year: Int, wage: Money) {
        self.employerCode = employer.value
        self.year = year
        self.averageMonthlyWageFen = wage.fen
    }
}

public struct DirectSettlement: Codable, Sendable, Equatable {
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
}
