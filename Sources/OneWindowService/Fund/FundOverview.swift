import OneWindowCore
import OneWindowStore

/// OW50's figures for one month: income and expenditure by item (month and year to date), surplus,
/// balances, the old maternity fund, and the risk warning with the bands it was judged against.
public struct FundOverview: Sendable {
    public struct Line: Sendable, Equatable {
        public let account: LedgerAccount
        public let month: Money
        public let yearToDate: Money
    }
    public enum OldFund: Sendable, Equatable {
        case notTransferred
        /// Cleared and transferred in `period`; `remaining` is the old fund's balance now (zero).
        case transferred(period: YearMonth, amount: Money, remaining: Money)
    }

    public let month: YearMonth
    public let closed: Bool
    public let income: [Line]
    public let expenditure: [Line]
    public let balance: Money
    public let bank: Money
    public let receivable: Money
    public let oldFund: OldFund
    public let risk: FundRisk
    public let rules: FundRules

    public var incomeTotal: Line { Self.total(income) }
    public var expenditureTotal: Line { Self.total(expenditure) }
    /// 生育待遇支出 (medical costs and allowance together).
    public var maternity: Line { Self.total(expenditure.filter { LedgerAccount.maternityExpense.contains($0.account) }) }
    public var surplus: Line {
        Line(account: .opening, month: incomeTotal.month - expenditureTotal.month, yearToDate: incomeTotal.yearToDate - expenditureTotal.yearToDate)
    }
    /// Surplus ÷ income in basis points (half up); nil without income.
    public var surplusRateBp: (month: Int64?, yearToDate: Int64?) {
        func rate(_ s: Money, _ i: Money) -> Int64? { i > .zero ? Rounding.halfUp(s.fen * 10_000, i.fen) : nil }
        return (rate(surplus.month, incomeTotal.month), rate(surplus.yearToDate, incomeTotal.yearToDate))
    }

    static func total(_ lines: [Line]) -> Line {
        Line(account: .opening, month: lines.reduce(.zero) { $0 + $1.month }, yearToDate: lines.reduce(.zero) { $0 + $1.yearToDate })
    }
}

extension FundService {
    /// The overview of `month`, after posting whatever waits (unless `catchingUp` is false: a read only).
    public func overview(month: YearMonth, catchingUp: Bool = true) throws -> FundOverview {
        try ctx.require(.viewFund)
        if catchingUp { try catchUp() }
        guard let rules = ctx.policies.fund(ctx.session.agencyRegion, month) else {
            throw DomainError("error.policy.noPeriodForMonth", texts: ctx.session.agencyRegion, month.description)
        }
        return try ctx.store.read { tx in
            let moves = try tx.ledger.movements(through: month)
            func normal(_ a: LedgerAccount, _ m: YearMonth) -> Money {
                guard let v = moves[m]?[a] else { return .zero }
                return Money(fen: a.debitNormal ? v.debit - v.credit : v.credit - v.debit)
            }
            let ytdMonths = (1...month.month).map { YearMonth(year: month.year, month: $0)! }
            func line(_ a: LedgerAccount) -> FundOverview.Line {
                .init(account: a, month: normal(a, month), yearToDate: ytdMonths.reduce(.zero) { $0 + normal(a, $1) })
            }
            let maternityLine = (try? ctx.policies.period(ctx.session.agencyRegion, month).contribution.maternityIncomeLine.value) ?? false
            let income = LedgerAccount.income.map(line).filter { $0.account != .maternityIncome || maternityLine || $0.yearToDate != .zero }
            let balances = Self.accountMonths(month, movements: moves)
            func closing(_ a: LedgerAccount) -> Money { balances.first { $0.account == a }?.closing ?? .zero }

            // The risk series leaves out the one-time transfer: a trend is what recurs.
            let first = moves.keys.min() ?? month
            let series = stride(from: first, through: month, by: 1).map { m in
                FundMonth(month: m,
                          income: LedgerAccount.income.filter { $0 != .transferIncome }.reduce(.zero) { $0 + normal($1, m) },
                          expenditure: LedgerAccount.expense.reduce(.zero) { $0 + normal($1, m) },
                          maternityExpenditure: LedgerAccount.maternityExpense.reduce(.zero) { $0 + normal($1, m) })
            }
            let ytdSurplus = series.filter { $0.month.year == month.year }.reduce(Money.zero) { $0 + $1.income - $1.expenditure }
            let balance = closing(.bank) + closing(.receivable)
            var oldFund = FundOverview.OldFund.notTransferred
            if let cleared = try tx.ledger.entry(.oldFundTransfer, ref: "cleared"), cleared.period <= month {
                oldFund = .transferred(period: cleared.period, amount: cleared.lines.total, remaining: closing(.oldFundBank))
            }
            return FundOverview(month: month, closed: try tx.ledger.isClosed(month), income: income,
                                expenditure: LedgerAccount.expense.map(line), balance: balance,
                                bank: closing(.bank), receivable: closing(.receivable), oldFund: oldFund,
                                risk: FundRisk(month: month, balance: balance, months: series, ytdSurplus: ytdSurplus, rules: rules),
                                rules: rules)
        }
    }

    /// The warnings of the last finished month, for a supervisor's home screen; none without a ledger.
    /// A read only: home appears often, and the counter's writes post as they go (only a store that had
    /// records before its ledger waits for a catch-up, which OW50 and the reports do).
    public func warnings() throws -> (month: YearMonth, warnings: [FundWarning])? {
        try ctx.require(.viewFund)
        let month = ctx.clock.currentMonth.previous
        let hasLedger = try ctx.store.read { tx in try tx.ledger.firstPeriod() != nil }
        guard hasLedger else { return nil }
        return (month, try overview(month: month, catchingUp: false).risk.warnings)
    }
}
