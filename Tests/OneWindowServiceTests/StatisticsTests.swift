import OneWindowCore
import OneWindowService
import OneWindowStore
import Testing

@Suite("Statistics: beneficiaries and payments by month, contributions, claims, cover — reconciled with the ledger")
struct StatisticsTests {
    @Test("A returned and re-issued allowance counts once; amounts agree with the ledger month by month")
    func paymentsReconciled() throws {
        let f = try FundLedgerTests().activity()
        let st = try StatisticsService(f.supervisor).year(2026)
        #expect(st.months.map(\.month) == Array(month("2026-01")...month("2026-11")))
        let nov = try #require(st.months.last)
        let allowance = nov.of(.allowance)
        #expect(allowance.paidCount == 2 && allowance.returnedCount == 1 && allowance.netCount == 1)
        #expect(nov.of(.medical).netCount == 1)
        let paid = Int64(try f.store.testingScalar("SELECT SUM(amountFen) FROM paymentOrder WHERE status = 'paid'"))
        #expect(nov.benefits.fen == paid && nov.postedPayments.fen == paid)
        #expect(st.averageAllowance == allowance.net)
        // Zhang (flexible) is charged and has not paid: outstanding, and still reconciled with the ledger.
        let oct = try #require(st.months.first { $0.month == month("2026-10") })
        #expect(oct.contributionsDue > oct.contributionsPaid && oct.contributionsDue == oct.postedCharges && oct.contributionsPaid == oct.postedReceipts)
        #expect(st.reconciled)
        #expect(st.claims.contains { $0.status == .paid && $0.region == "tianjin" && $0.count == 2 })
        #expect(st.cover.contains { $0.scheme == .maternity && $0.category == .employee && $0.count == 1 })
        #expect(st.employeesWithoutMaternity == 0)
    }

    @Test("A payment changed past the program, or an employee in medical without maternity, shows")
    func findsGaps() throws {
        let f = try FundLedgerTests().activity()
        try f.raw("DELETE FROM enrolment WHERE scheme = 'maternity' AND toMonth IS NULL")
        try f.raw("UPDATE paymentOrder SET amountFen = amountFen + 1 WHERE id = (SELECT MAX(id) FROM paymentOrder WHERE status = 'paid')")
        let st = try StatisticsService(f.supervisor).year(2026)
        #expect(!st.reconciled && !(st.months.last!.reconciled))
        #expect(st.employeesWithoutMaternity == 1)
        #expect(try FundService(f.supervisor).check().contains { $0.message.key == "ledger.check.orders" && !$0.ok })
    }

    @Test("Roles and bad years")
    func refusals() throws {
        let f = try Fixture()
        #expect(throws: DomainError.self) { _ = try StatisticsService(f.clerk).year(2026) }
        #expect(throws: FieldError(.year, "reason.stats.year", texts: "2027")) { _ = try StatisticsService(f.supervisor).year(2027) }
        #expect(try StatisticsService(f.admin).year(2026).months.count == 11)
    }
}
