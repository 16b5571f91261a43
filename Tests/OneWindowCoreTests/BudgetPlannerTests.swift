import OneWindowCore
import Testing

@Suite("Budget: lines projected from this year's figures and stated assumptions; the 以支定收 rate at the band's edges")
struct BudgetPlannerTests {
    static func base(balance: Int64 = 50_000_000, medical: Int64 = 80_000_000, employer: Int64 = 60_000_000) -> BudgetBase {
        BudgetBase(year: 2026, months: 12,
                   annual: [.employerIncome: Money(fen: employer), .individualIncome: Money(fen: 20_000_000),
                            .interestIncome: Money(fen: 300_000), .transferIncome: Money(fen: 9_999),
                            .medicalExpense: Money(fen: medical), .maternityAllowanceExpense: Money(fen: 3_000_000),
                            .maternityMedicalExpense: Money(fen: 400_000)],
                   allowanceCases: 100, medicalCases: 80, closingBalance: Money(fen: balance), employerRate: Rate(basisPoints: 600))
    }

    @Test("Without assumptions every line stays as this year; the one-time transfer does not recur")
    func carriedOver() {
        let b = BudgetPlanner.plan(Self.base(), BudgetAssumptions())
        func line(_ a: LedgerAccount) -> BudgetLine { b.lines.first { $0.account == a }! }
        #expect(b.year == 2027 && b.openingBalance == Money(fen: 50_000_000))
        #expect(line(.employerIncome).amount == Money(fen: 60_000_000) && line(.employerIncome).changeBp == 0)
        #expect(line(.transferIncome).amount == .zero && line(.transferIncome).reason.key == "budget.reason.oneTime")
        #expect(line(.maternityAllowanceExpense).amount == Money(fen: 3_000_000))   // 100 cases × 30,000.00
        #expect(b.lines.allSatisfy { !$0.principle.key.isEmpty && !$0.source.key.isEmpty && !$0.basis.key.isEmpty && !$0.reason.key.isEmpty })
        #expect(b.closingBalance == b.openingBalance + b.income - b.expenditure)
    }

    @Test("Each factor applied in turn, half up to the fen: insured, base, then the rate ratio; cases to whole 人次")
    func factors() {
        var a = BudgetAssumptions()
        a.insuredChangeBp = 200
        a.baseGrowthBp = 500
        a.employerRateBp = 700
        a.birthsChangeBp = -1_050
        a.interestRateBp = 150
        let b = BudgetPlanner.plan(Self.base(employer: 33_333_333), a)
        func amount(_ acc: LedgerAccount) -> Int64 { b.lines.first { $0.account == acc }!.amount.fen }
        let insured = Rounding.halfUp(33_333_333 * 10_200, 10_000)
        let based = Rounding.halfUp(insured * 10_500, 10_000)
        #expect(amount(.employerIncome) == Rounding.halfUp(based * 700, 600))
        #expect(amount(.interestIncome) == Rounding.halfUp(50_000_000 * 150, 10_000))
        // 100 cases − 10.5 % = 89.5 → 90 人次; the allowance follows wages (+5 %): 300.00 → 315.00 a case.
        #expect(amount(.maternityAllowanceExpense) == 90 * 31_500)
    }

    @Test("Below the band: the rate found reaches the floor, one basis point less does not", arguments: [2027, 2029])
    func raiseToFloor(byYear: Int) throws {
        let b = Self.base(balance: 1_000_000, medical: 85_000_000)
        let rate = try #require(BudgetPlanner.rateForBand(b, BudgetAssumptions(), byYear: byYear, low: 6, high: 15))
        #expect(rate.basisPoints > 600)
        #expect(Self.months(b, rate: rate.basisPoints, byYear: byYear) { $0 >= 6 * $1 })
        #expect(Self.months(b, rate: rate.basisPoints - 1, byYear: byYear) { $0 < 6 * $1 })
    }

    @Test("Above the band: the rate found brings it to the cap, one basis point more does not")
    func lowerToCap() throws {
        let b = Self.base(balance: 30_000_000, medical: 20_000_000)
        let rate = try #require(BudgetPlanner.rateForBand(b, BudgetAssumptions(), byYear: 2027, low: 6, high: 15))
        #expect(rate.basisPoints < 600)
        #expect(Self.months(b, rate: rate.basisPoints, byYear: 2027) { $0 <= 15 * $1 })
        #expect(Self.months(b, rate: rate.basisPoints + 1, byYear: 2027) { $0 > 15 * $1 })
        // In the band already: the rate in force.
        #expect(BudgetPlanner.rateForBand(Self.base(balance: 60_000_000), BudgetAssumptions(), byYear: 2027, low: 6, high: 15) == Rate(basisPoints: 600))
        // So much in hand that even a zero rate leaves too many months: no rate, said plainly.
        #expect(BudgetPlanner.rateForBand(Self.base(balance: 3_000_000_000), BudgetAssumptions(), byYear: 2027, low: 6, high: 15) == nil)
    }

    /// Whether `test(12 × closing balance, expenditure)` holds at the end of `byYear`, planning every year at
    /// `rate`: months of capacity compared exactly (closing ÷ (expenditure ÷ 12) ≥ k ⇔ 12 × closing ≥ k × expenditure).
    static func months(_ b: BudgetBase, rate: Int, byYear: Int, _ test: (Int64, Int64) -> Bool) -> Bool {
        var a = BudgetAssumptions()
        a.employerRateBp = rate
        var base = b
        var budget = BudgetPlanner.plan(base, a)
        while budget.year < byYear {
            base = BudgetBase(year: budget.year, months: 12, annual: Dictionary(uniqueKeysWithValues: budget.lines.map { ($0.account, $0.amount) }),
                              allowanceCases: b.allowanceCases, medicalCases: b.medicalCases, closingBalance: budget.closingBalance,
                              employerRate: Rate(basisPoints: rate))
            budget = BudgetPlanner.plan(base, a)
        }
        return test(budget.closingBalance.fen * 12, budget.expenditure.fen)
    }

    @Test("Assumptions out of range are refused")
    func validated() {
        var a = BudgetAssumptions()
        a.baseGrowthBp = 20_000
        #expect(throws: DomainError("error.budget.assumptionRange")) { try a.validate() }
    }
}
