import OneWindowCore
import OneWindowStore

/// One budget line against the year so far: 序时进度 (the budget × months ÷ 12, half up) and the deviation
/// rate (actual − 序时预算) ÷ 序时预算 in basis points, half up; nil when the prorated budget is zero.
public struct BudgetVsActual: Sendable, Equatable {
    public let account: LedgerAccount
    public let budget: Money
    public let prorated: Money
    public let actual: Money
    public var deviationBp: Int64? { prorated.fen != 0 ? Rounding.halfUp((actual.fen - prorated.fen) * 10_000, prorated.fen) : nil }
}

extension BudgetService {
    /// Adopts the plan of `year` (a supervisor): kept whole, once; what budget vs actual compares with.
    @discardableResult
    public func adopt(year: Int, assumptions: BudgetAssumptions = BudgetAssumptions()) throws -> Budget {
        try ctx.require(.manageFund)
        let plan = try self.plan(year: year, assumptions: assumptions)
        return try ctx.write { tx, audit in
            if let done = try tx.budgets.find(year: year) {
                throw DomainError("error.budget.adopted", texts: String(year), done.adoptedBy, done.adoptedOn.description)
            }
            try tx.budgets.insert(plan.budget, by: ctx.session.operatorName, on: ctx.clock.today)
            audit.append(AuditEntry(action: "budget.adopt", entity: "budget:\(year)", before: nil as String?,
                                    after: Dictionary(uniqueKeysWithValues: plan.budget.lines.map { ($0.account.rawValue, String($0.amount.fen)) })))
            return plan.budget
        }
    }

    /// The adopted budget of `year` against the ledger through `month` (default: the last finished month of that year).
    public func vsActual(year: Int, through month: YearMonth? = nil) throws -> (budget: Budget, month: YearMonth, lines: [BudgetVsActual]) {
        try ctx.require(.viewFund)
        guard let adopted = try ctx.store.read({ tx in try tx.budgets.find(year: year) }) else {
            throw DomainError("error.budget.notAdopted", texts: String(year))
        }
        let last = month ?? min(ctx.clock.currentMonth.previous, YearMonth(year: year, month: 12)!)
        guard last.year == year else { throw FieldError(.month, "reason.budget.monthOutside", texts: last.description, String(year)) }
        let overview = try FundService(ctx).overview(month: last)
        let actual = Dictionary(uniqueKeysWithValues: (overview.income + overview.expenditure).map { ($0.account, $0.yearToDate) })
        let lines = adopted.budget.lines.map { l in
            BudgetVsActual(account: l.account, budget: l.amount, prorated: Money(fen: Rounding.halfUp(l.amount.fen * Int64(last.month), 12)),
                           actual: actual[l.account] ?? .zero)
        }
        return (adopted.budget, last, lines)
    }
}
