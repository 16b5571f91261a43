import OneWindowCore
import OneWindowService

/// `fund report --json`: the figures in fen, with the labels of the text report.
struct FundReportJSON: Encodable {
    struct Line: Encodable {
        let account: String
        let monthFen: Int64
        let yearToDateFen: Int64
    }
    let month: String
    let closed: Bool
    let income: [Line]
    let expenditure: [Line]
    let incomeFen: Int64, expenditureFen: Int64, surplusFen: Int64, surplusYearToDateFen: Int64
    let balanceFen: Int64, bankFen: Int64, receivableFen: Int64
    let capacityTenths: Int64?
    let band: String?
    let bandsAreSamples: Bool
    let maternityGrowthBp: Int64?, incomeGrowthBp: Int64?
    let runDryMonth: String?
    let oldFundTransferredFen: Int64?, oldFundRemainingFen: Int64?
    let warnings: [String]
    let rows: [[String]]

    init(_ o: FundOverview, _ rows: [FundText.Row]) {
        func lines(_ l: [FundOverview.Line]) -> [Line] { l.map { Line(account: $0.account.rawValue, monthFen: $0.month.fen, yearToDateFen: $0.yearToDate.fen) } }
        month = o.month.description
        closed = o.closed
        income = lines(o.income)
        expenditure = lines(o.expenditure)
        incomeFen = o.incomeTotal.month.fen
        expenditureFen = o.expenditureTotal.month.fen
        surplusFen = o.surplus.month.fen
        surplusYearToDateFen = o.surplus.yearToDate.fen
        balanceFen = o.balance.fen
        bankFen = o.bank.fen
        receivableFen = o.receivable.fen
        capacityTenths = o.risk.capacityTenths
        band = o.risk.band?.rawValue
        bandsAreSamples = o.rules.isSample
        maternityGrowthBp = o.risk.maternityGrowthBp
        incomeGrowthBp = o.risk.incomeGrowthBp
        runDryMonth = o.risk.runDryMonth?.description
        if case let .transferred(_, amount, remaining) = o.oldFund {
            oldFundTransferredFen = amount.fen
            oldFundRemainingFen = remaining.fen
        } else {
            oldFundTransferredFen = nil
            oldFundRemainingFen = nil
        }
        warnings = o.risk.warnings.map(\.message.key)
        self.rows = rows.map { [$0.label, $0.month, $0.yearToDate] }
    }
}

struct LedgerEntryJSON: Encodable {
    struct Line: Encodable {
        let account: String
        let debitFen: Int64
        let creditFen: Int64
    }
    let id: Int64
    let period: String
    let postedOn: String
    let source: String
    let ref: String
    let document: String?
    let memo: String
    let reversalOf: Int64?
    let postedBy: String
    let lines: [Line]

    init(_ e: LedgerEntry) {
        id = e.id
        period = e.period.description
        postedOn = e.postedOn.description
        source = e.source.rawValue
        ref = e.ref
        document = e.document
        memo = e.memo
        reversalOf = e.reversalOf
        postedBy = e.postedBy
        lines = e.lines.postings.map { Line(account: $0.account.rawValue, debitFen: $0.debit.fen, creditFen: $0.credit.fen) }
    }
}
