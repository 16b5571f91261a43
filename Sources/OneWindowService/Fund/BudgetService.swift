import OneWindowCore
import OneWindowStore

/// Next year's budget of the fund (Changzhou: 编制原则、政策依据、数据来源、预测及计算依据、增减变化原因) from this
/// year's ledger and the stated assumptions, and the 以支定收 rate check beside it.
public struct BudgetService: Sendable {
    let ctx: ServiceContext
    public init(_ ctx: ServiceContext) { self.ctx = ctx }

    public struct Plan: Sendable {
        public let budget: Budget
        public let base: BudgetBase
        /// The unified employer rate in force, and the one that brings months of capacity into the band by
        /// `byYear` (nil: no rate from 0 to 30 % does).
        public let currentRate: Rate
        public let bandRate: Rate?
        public let byYear: Int
        public let rules: FundRules
    }

    public func plan(year: Int, assumptions: BudgetAssumptions = BudgetAssumptions(), byYear: Int? = nil) throws -> Plan {
        try ctx.require(.viewFund)
        try assumptions.validate()
        let current = ctx.clock.currentMonth
        guard year >= 2000, year <= current.year + 1 else { throw FieldError(.year, "reason.budget.year", texts: String(year)) }
        let byYear = byYear ?? year
        guard byYear >= year, byYear <= year + 10 else { throw FieldError(.year, "reason.budget.byYear", texts: String(byYear), String(year)) }
        let base = try self.base(year - 1)
        let region = ctx.session.agencyRegion
        guard let rules = ctx.policies.fund(region, YearMonth(year: year, month: 1)!) else {
            throw DomainError("error.policy.noPeriodForMonth", texts: region, "\(year)-01")
        }
        let budget = BudgetPlanner.plan(base, assumptions)
        let band = BudgetPlanner.rateForBand(base, assumptions, byYear: byYear, low: rules.capacityLowBelowMonths.value,
                                             high: rules.capacityHighAboveMonths.value)
        return Plan(budget: budget, base: base, currentRate: base.employerRate, bandRate: band, byYear: byYear, rules: rules)
    }

    /// The base year's figures from the ledger: a finished year whole; the current year's finished months,
    /// annualized (× 12 ÷ months, half up), with the year-end balance expected at the same monthly rate.
    func base(_ year: Int) throws -> BudgetBase {
        let current = ctx.clock.currentMonth
        let months = year < current.year ? 12 : current.month - 1
        guard months > 0, year <= current.year else { throw FieldError(.year, "reason.budget.noBase", texts: String(year)) }
        let fund = FundService(ctx)
        try fund.catchUp()
        let last = YearMonth(year: year, month: months)!
        let overview = try fund.overview(month: last, catchingUp: false)
        let stats = try StatisticsService(ctx).year(year, catchingUp: false)
        func annual(_ m: Money) -> Money { Money(fen: Rounding.halfUp(m.fen * 12, Int64(months))) }
        func annual(_ n: Int) -> Int { Int(Rounding.halfUp(Int64(n) * 12, Int64(months))) }
        var amounts: [LedgerAccount: Money] = [:]
        for line in overview.income + overview.expenditure { amounts[line.account] = annual(line.yearToDate) }
        // The one-time transfer does not recur: the year-end balance grows by the recurring net only.
        let recurring = overview.surplus.yearToDate - (overview.income.first { $0.account == .transferIncome }?.yearToDate ?? .zero)
        let rest = Money(fen: Rounding.halfUp(recurring.fen * Int64(12 - months), Int64(months)))
        let rate = try ctx.policies.period(ctx.session.agencyRegion, YearMonth(year: year + 1, month: 1)!).contribution.unifiedEmployerRate
        return BudgetBase(year: year, months: months, annual: amounts, allowanceCases: annual(stats.total(.allowance).netCount),
                          medicalCases: annual(stats.total(.medical).netCount), closingBalance: overview.balance + rest, employerRate: rate)
    }
}
