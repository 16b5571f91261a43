import OneWindowCore
import OneWindowService
import OneWindowStore
import Testing

@Suite("Unified contributions on a real store")
struct ContributionServiceTests {
    func enrolLina(_ f: Fixture, employer: CreditCode = Fixture.tianjinCo, base: Int64 = 8000) throws {
        try RegistrationService(f.clerk).enrol(id: Fixture.lina, name: "李娜", category: .employee, employer: employer,
                                               base: yuan(base), from: month("2026-01"))
    }

    func rules(_ f: Fixture, _ region: String, _ m: String) throws -> ContributionRules {
        try f.policies.period(region, month(m)).contribution
    }

    @Test("统一征缴: a unified employer pays one item at medical + maternity rate; the person pays no maternity share")
    func unifiedEmployer() throws {
        let f = try Fixture().withEmployers()
        try enrolLina(f)
        let summary = try ContributionService(f.clerk).run(month: month("2026-03"))
        #expect(summary.persons == 1 && summary.inserted == 2)
        let lines = try ContributionService(f.clerk).lines(for: Fixture.lina)
        let r = try rules(f, "tianjin", "2026-03")
        let employer = try #require(lines.first { $0.row.item == .employerUnified })
        #expect(employer.row.rateBp == r.employerMedicalRate.value.basisPoints + r.maternityRate.value.basisPoints)
        #expect(employer.row.amountFen == Rounding.halfUp(800_000 * Int64(employer.row.rateBp), 10_000))
        #expect(employer.row.maternityFen == Rounding.halfUp(800_000 * Int64(r.maternityRate.value.basisPoints), 10_000))
        let individual = try #require(lines.first { $0.row.item == .individualMedical })
        #expect(individual.row.rateBp == r.individualMedicalRate.value.basisPoints)
        #expect(individual.row.maternityFen == 0)
        #expect(Set(lines.map(\.row.item)) == [.employerUnified, .individualMedical])
    }

    @Test("An employer not yet unified pays medical and maternity through the old channels")
    func oldChannels() throws {
        let f = try Fixture().withEmployers()
        try enrolLina(f, employer: Fixture.shantouInst)
        _ = try ContributionService(f.clerk).run(month: month("2026-03"))
        let items = Set(try ContributionService(f.clerk).lines(for: Fixture.shantouInst).map(\.row.item))
        #expect(items == [.employerMedical, .employerMaternity, .individualMedical])
    }

    @Test("The base is clamped to the region's floor and cap for the month")
    func baseClamped() throws {
        let f = try Fixture().withEmployers()
        try enrolLina(f, base: 1)
        _ = try ContributionService(f.clerk).run(month: month("2026-02"))
        let floor = try rules(f, "tianjin", "2026-02").baseFloor.value
        #expect(try ContributionService(f.clerk).lines(for: Fixture.lina).allSatisfy { $0.row.baseFen == floor.fen })
    }

    @Test("Re-running a month changes nothing")
    func idempotentRun() throws {
        let f = try Fixture().withEmployers()
        try enrolLina(f)
        let service = ContributionService(f.clerk)
        _ = try service.run(month: month("2026-04"))
        let first = try f.store.read { tx in try tx.contributions.all() }
        let again = try service.run(month: month("2026-04"))
        #expect(again.inserted == 0 && again.unchanged == 2 && again.total == .zero)
        let second = try f.store.read { tx in try tx.contributions.all() }
        #expect(first == second)
    }

    @Test("A future month cannot be charged")
    func futureMonthRefused() throws {
        let f = try Fixture()
        #expect(throws: FieldError(.month, "reason.month.future", texts: "2026-12")) {
            _ = try ContributionService(f.clerk).run(month: month("2026-12"))
        }
    }

    @Test("Payments settle a month; arrears are what is due and unpaid; overpayment refused")
    func paymentsAndArrears() throws {
        let f = try Fixture().withEmployers()
        try enrolLina(f)
        let service = ContributionService(f.clerk)
        _ = try service.run(month: month("2026-05"))
        _ = try service.run(month: month("2026-06"))
        let payer = PayerAccount.employer(Fixture.tianjinCo)
        let statement = try service.statement(payer)
        #expect(statement.count == 2 && statement.allSatisfy { $0.outstanding == $0.due })
        let due = statement[0].due
        #expect(throws: FieldError(.amount, "reason.payment.overpaid", texts: due.yuanText)) {
            _ = try service.recordPayment(payer: payer, month: month("2026-05"), amount: due + Money(fen: 1), paidOn: Fixture.today)
        }
        #expect(throws: FieldError(.month, "reason.payment.nothingDue", texts: "2026-01")) {
            _ = try service.recordPayment(payer: payer, month: month("2026-01"), amount: yuan(1), paidOn: Fixture.today)
        }
        _ = try service.recordPayment(payer: payer, month: month("2026-05"), amount: due, paidOn: Fixture.today)
        let after = try service.statement(payer)
        #expect(after.filter { $0.outstanding > .zero }.map(\.month) == [month("2026-06")])
        let views = try service.lines(for: Fixture.lina)
        #expect(views.filter(\.settled).map(\.month) == [month("2026-05"), month("2026-05")])
    }

    @Test("费率动态调整: a new rate period applies from its month on and never rewrites charged months")
    func ratePeriod() throws {
        let f = try Fixture().withEmployers()
        try enrolLina(f)
        _ = try ContributionService(f.clerk).run(month: month("2026-11"))
        let before = try f.store.read { tx in try tx.contributions.all() }
        var changes = PolicyService.Changes()
        changes.employerMedicalRate = Rate(basisPoints: 750)
        // The past and the charged current month are refused.
        #expect(throws: FieldError(.fromMonth, "reason.policy.past", texts: "2026-11")) {
            _ = try PolicyService(f.supervisor).addPeriod(region: "tianjin", from: month("2026-10"), changes: changes, source: "测试文件")
        }
        #expect(throws: FieldError(.fromMonth, "reason.reg.monthCharged", texts: "2026-11")) {
            _ = try PolicyService(f.supervisor).addPeriod(region: "tianjin", from: month("2026-11"), changes: changes, source: "测试文件")
        }
        let rules = try PolicyService(f.supervisor).addPeriod(region: "tianjin", from: month("2027-01"), changes: changes, source: "津医保发〔2026〕1号")
        #expect(rules.employerMedicalRate.value == Rate(basisPoints: 750) && rules.employerMedicalRate.confirmed)
        // The new period is in the book the next session loads; older months keep the old rate.
        let book = try PolicyBook.load(store: f.store, shipped: StoreSetup.shippedPolicies())
        #expect(try book.period("tianjin", month("2027-03")).contribution.employerMedicalRate.value.basisPoints == 750)
        #expect(try book.period("tianjin", month("2026-12")).contribution.employerMedicalRate.value
                == f.policies.period("tianjin", month("2026-12")).contribution.employerMedicalRate.value)
        #expect(try f.store.read { tx in try tx.contributions.all() } == before)
    }
}
