import OneWindowCore
import OneWindowService
import Testing

@Suite("Budget from the ledger: this year's finished months annualized, each line with its basis; the rate check")
struct BudgetServiceTests {
    @Test("Next year's budget rests on this year's ten finished months, annualized, and says so on every line")
    func fromTheLedger() throws {
        let f = try FundLedgerTests().activity()
        let fund = FundService(f.supervisor)
        _ = try fund.enter(.medicalExpense, month: month("2026-10"), amount: yuan(2_000), document: "HIS-10")
        let plan = try BudgetService(f.supervisor).plan(year: 2027)
        #expect(plan.base.year == 2026 && plan.base.months == 10)   // the fixture's today is 2026-11-22
        let ytd = try fund.overview(month: month("2026-10"))
        let employer = try #require(plan.budget.lines.first { $0.account == .employerIncome })
        let actual = try #require(ytd.income.first { $0.account == .employerIncome }).yearToDate
        #expect(employer.base == Money(fen: Rounding.halfUp(actual.fen * 12, 10)) && employer.amount == employer.base)
        #expect(employer.source == Message("budget.source.months", texts: "2026", "10"))
        let medical = try #require(plan.budget.lines.first { $0.account == .medicalExpense })
        #expect(medical.base == Money(fen: Rounding.halfUp(yuan(2_000).fen * 12, 10)))
        // Tianjin's maternity income line is planned too; the rate in force is Tianjin's unified rate.
        #expect(plan.budget.lines.contains { $0.account == .maternityIncome })
        #expect(plan.currentRate == (try f.policies.period("tianjin", month("2027-01")).contribution.unifiedEmployerRate))
        // Contributions of a year against 2,400 yuan of spending: even a zero rate leaves more than 15 months.
        #expect(plan.bandRate == nil && (plan.budget.capacityTenths ?? 0) > 150)
    }

    @Test("Assumptions move the lines they name; refusals name the field")
    func assumptionsAndRefusals() throws {
        let f = try FundLedgerTests().activity()
        var a = BudgetAssumptions()
        a.insuredChangeBp = 1_000
        let flat = try BudgetService(f.supervisor).plan(year: 2027)
        let grown = try BudgetService(f.supervisor).plan(year: 2027, assumptions: a)
        func individual(_ p: BudgetService.Plan) -> Money { p.budget.lines.first { $0.account == .individualIncome }!.amount }
        #expect(individual(grown).fen == Rounding.halfUp(individual(flat).fen * 11_000, 10_000))
        #expect(throws: FieldError(.year, "reason.budget.year", texts: "2029")) { _ = try BudgetService(f.supervisor).plan(year: 2029) }
        #expect(throws: FieldError(.year, "reason.budget.byYear", texts: "2026", "2027")) {
            _ = try BudgetService(f.supervisor).plan(year: 2027, byYear: 2026)
        }
        #expect(throws: DomainError.self) { _ = try BudgetService(f.clerk).plan(year: 2027) }
    }

    @Test("An adopted budget is kept once and compared with the year so far: 序时进度 and the deviation rate")
    func adoptedAgainstActual() throws {
        let f = try FundLedgerTests().activity()
        let service = BudgetService(f.supervisor)
        #expect(throws: DomainError("error.budget.notAdopted", texts: "2026")) { _ = try service.vsActual(year: 2026) }
        let budget = try service.adopt(year: 2026)   // built on 2025, a whole year
        #expect(throws: DomainError("error.budget.adopted", texts: "2026", "supervisor", "2026-11-22")) { _ = try service.adopt(year: 2026) }
        #expect(throws: DomainError.self) { _ = try BudgetService(f.clerk).adopt(year: 2027) }
        let r = try service.vsActual(year: 2026)
        #expect(r.month == month("2026-10") && r.budget == budget)
        let employer = try #require(r.lines.first { $0.account == .employerIncome })
        let planned = try #require(budget.lines.first { $0.account == .employerIncome }).amount
        #expect(employer.prorated == Money(fen: Rounding.halfUp(planned.fen * 10, 12)))
        let actual = try #require(try FundService(f.supervisor).overview(month: month("2026-10")).income.first { $0.account == .employerIncome })
        #expect(employer.actual == actual.yearToDate)
        #expect(employer.deviationBp == Rounding.halfUp((employer.actual.fen - employer.prorated.fen) * 10_000, employer.prorated.fen))
        #expect(try f.count("audit", where: "action = 'budget.adopt'") == 1)
    }
}
