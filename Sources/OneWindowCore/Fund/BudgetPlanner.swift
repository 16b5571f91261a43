/// Projects next year's budget line by line from this year's figures and the stated assumptions, and solves
/// the 以支定收 employer rate. Rounding (explicit): each factor is applied in turn and rounded half up to the
/// fen (insured change, then base growth, then the rate ratio; cases to whole 人次); a solved rate is rounded
/// to the basis point away from the band's edge (up when raising to the floor, down when lowering to the cap),
/// so the rate found lands inside the band.
public enum BudgetPlanner {
    public static func plan(_ b: BudgetBase, _ a: BudgetAssumptions) -> Budget {
        project(b, a).budget
    }

    /// The unified employer rate that brings months of capacity at the end of `byYear` into [low, high] with
    /// the same assumptions each year; the rate in force when it is already there; nil when no rate from 0 to
    /// 30 % gets there. Interest is taken at the planned rate's figures (its small feedback is left out).
    public static func rateForBand(_ b: BudgetBase, _ a: BudgetAssumptions, byYear: Int, low: Int, high: Int) -> Rate? {
        var base = b
        var planned = a
        let r0 = Rate(basisPoints: a.employerRateBp ?? b.employerRate.basisPoints)
        planned.employerRateBp = r0.basisPoints
        var employer: Int64 = 0, others: Int64 = 0
        var lastExpenditure: Int64 = 0
        for _ in 0..<max(1, byYear - b.year) {
            let p = project(base, planned)
            employer += p.employerPart.fen
            others += p.budget.income.fen - p.employerPart.fen - p.budget.expenditure.fen
            lastExpenditure = p.budget.expenditure.fen
            base = p.next
        }
        guard lastExpenditure > 0 else { return r0 }
        let closing = b.closingBalance.fen + others + employer
        let inBand = closing * 12 >= Int64(low) * lastExpenditure && closing * 12 <= Int64(high) * lastExpenditure
        // Out of the band with no employer contributions to scale: no rate moves it.
        guard inBand || (employer > 0 && r0.basisPoints > 0) else { return nil }
        // Months of capacity k ⇔ closing = k × expenditure ÷ 12; the employer part moves linearly with the rate.
        func rate(for months: Int, roundUp: Bool) -> Rate? {
            let needed = Int64(months) * lastExpenditure - 12 * (closing - employer)  // 12 × employer part needed
            let numerator = needed * Int64(r0.basisPoints)
            let denominator = 12 * employer
            var bp = numerator / denominator
            if roundUp, numerator % denominator > 0 { bp += 1 }
            return (0...3_000).contains(bp) ? Rate(basisPoints: Int(bp)) : nil
        }
        if closing * 12 < Int64(low) * lastExpenditure { return rate(for: low, roundUp: true) }
        if closing * 12 > Int64(high) * lastExpenditure { return rate(for: high, roundUp: false) }
        return r0
    }

    struct Projection {
        let budget: Budget
        /// The employer-rate-driven part of income (employer and maternity lines).
        let employerPart: Money
        /// The base for the year after, as if this plan came true.
        let next: BudgetBase
    }

    static func project(_ b: BudgetBase, _ a: BudgetAssumptions) -> Projection {
        let year = b.year + 1
        let r0 = b.employerRate
        let r1 = Rate(basisPoints: a.employerRateBp ?? r0.basisPoints)
        func scale(_ m: Money, _ bp: Int) -> Money { Money(fen: Rounding.halfUp(m.fen * Int64(10_000 + bp), 10_000)) }
        func ratio(_ m: Money) -> Money { r0.basisPoints > 0 ? Money(fen: Rounding.halfUp(m.fen * Int64(r1.basisPoints), Int64(r0.basisPoints))) : m }
        func actual(_ acc: LedgerAccount) -> Money { b.annual[acc] ?? .zero }
        let source = b.months >= 12 ? Message("budget.source.year", texts: String(b.year))
            : Message("budget.source.months", texts: String(b.year), String(b.months))
        var lines: [BudgetLine] = []
        func add(_ acc: LedgerAccount, _ amount: Money, _ principle: String, _ basis: Message, _ reason: Message) {
            lines.append(BudgetLine(account: acc, base: actual(acc), amount: amount, principle: Message(principle),
                                    source: source, basis: basis, reason: reason))
        }
        // Income.
        var employerPart = Money.zero
        for acc in [LedgerAccount.employerIncome, .maternityIncome] where acc != .maternityIncome || actual(acc) > .zero {
            let amount = ratio(scale(scale(actual(acc), a.insuredChangeBp), a.baseGrowthBp))
            employerPart = employerPart + amount
            add(acc, amount, "budget.principle.contributions",
                Message("budget.basis.employer", texts: actual(acc).grouped, signed(a.insuredChangeBp), signed(a.baseGrowthBp),
                        r1.description, r0.description, amount.grouped),
                Message("budget.reason.employer", texts: signed(a.insuredChangeBp), signed(a.baseGrowthBp), r0.description, r1.description))
        }
        let individual = scale(scale(actual(.individualIncome), a.insuredChangeBp), a.baseGrowthBp)
        add(.individualIncome, individual, "budget.principle.contributions",
            Message("budget.basis.individual", texts: actual(.individualIncome).grouped, signed(a.insuredChangeBp), signed(a.baseGrowthBp), individual.grouped),
            Message("budget.reason.individual", texts: signed(a.insuredChangeBp), signed(a.baseGrowthBp)))
        let unemployed = scale(actual(.unemploymentFundIncome), a.baseGrowthBp)
        add(.unemploymentFundIncome, unemployed, "budget.principle.contributions",
            Message("budget.basis.growth", texts: actual(.unemploymentFundIncome).grouped, signed(a.baseGrowthBp), unemployed.grouped),
            Message("budget.reason.base", texts: signed(a.baseGrowthBp)))
        if let rate = a.interestRateBp {
            let interest = Money(fen: Rounding.halfUp(b.closingBalance.fen * Int64(rate), 10_000))
            add(.interestIncome, interest, "budget.principle.interest",
                Message("budget.basis.interest", texts: b.closingBalance.grouped, Rate(basisPoints: rate).description, interest.grouped),
                Message("budget.reason.interest", texts: Rate(basisPoints: rate).description))
        } else {
            add(.interestIncome, actual(.interestIncome), "budget.principle.interest",
                Message("budget.basis.carried", texts: actual(.interestIncome).grouped), Message("budget.reason.carried"))
        }
        add(.transferIncome, .zero, "budget.principle.oneTime", Message("budget.basis.none"), Message("budget.reason.oneTime"))
        // Expenditure.
        let medical = scale(actual(.medicalExpense), a.medicalGrowthBp)
        add(.medicalExpense, medical, "budget.principle.medical",
            Message("budget.basis.growth", texts: actual(.medicalExpense).grouped, signed(a.medicalGrowthBp), medical.grouped),
            Message("budget.reason.medical", texts: signed(a.medicalGrowthBp)))
        func cases(_ n: Int) -> Int { Int(Rounding.halfUp(Int64(n) * Int64(10_000 + a.birthsChangeBp), 10_000)) }
        func perCase(_ acc: LedgerAccount, _ n: Int) -> Money { n > 0 ? Money(fen: Rounding.halfUp(actual(acc).fen, Int64(n))) : .zero }
        let allowanceCases = cases(b.allowanceCases), medicalCases = cases(b.medicalCases)
        let allowanceAverage = scale(perCase(.maternityAllowanceExpense, b.allowanceCases), a.baseGrowthBp)
        let costAverage = scale(perCase(.maternityMedicalExpense, b.medicalCases), a.maternityCostGrowthBp)
        let allowance = Money(fen: allowanceAverage.fen * Int64(allowanceCases))
        let cost = Money(fen: costAverage.fen * Int64(medicalCases))
        add(.maternityMedicalExpense, cost, "budget.principle.maternity",
            Message("budget.basis.cases", texts: String(b.medicalCases), signed(a.birthsChangeBp), String(medicalCases),
                    perCase(.maternityMedicalExpense, b.medicalCases).grouped, signed(a.maternityCostGrowthBp), costAverage.grouped, cost.grouped),
            Message("budget.reason.maternityCost", texts: signed(a.birthsChangeBp), signed(a.maternityCostGrowthBp)))
        add(.maternityAllowanceExpense, allowance, "budget.principle.maternity",
            Message("budget.basis.cases", texts: String(b.allowanceCases), signed(a.birthsChangeBp), String(allowanceCases),
                    perCase(.maternityAllowanceExpense, b.allowanceCases).grouped, signed(a.baseGrowthBp), allowanceAverage.grouped, allowance.grouped),
            Message("budget.reason.allowance", texts: signed(a.birthsChangeBp), signed(a.baseGrowthBp)))

        let budget = Budget(year: year, assumptions: a, lines: lines, openingBalance: b.closingBalance)
        let next = BudgetBase(year: year, months: 12, annual: Dictionary(uniqueKeysWithValues: lines.map { ($0.account, $0.amount) }),
                              allowanceCases: allowanceCases, medicalCases: medicalCases,
                              closingBalance: budget.closingBalance, employerRate: r1)
        return Projection(budget: budget, employerPart: employerPart, next: next)
    }

    /// `+2.00%`, `-3.00%`, `+0.00%`.
    static func signed(_ bp: Int) -> String { (bp >= 0 ? "+" : "") + FundRisk.percent(Int64(bp)) }
}
