import Foundation
import OneWindowCore
import OneWindowService
import OneWindowStore
import Testing

@Suite("Counter day (日结): per operator and office totals, the supervisor's sign-off once, changes after it")
struct DailySummaryTests {
    static let account = try! BankAccount("6222020012345678")
    static let day = Fixture.today

    /// One day at the office: "clerk" registered the employers, enrolled Lina and recorded her employer's
    /// payments; wang took her allowance claim and changed Zhang's base; li enrolled Zhang, took the medical
    /// costs of the same birth and recorded one more payment.
    func day() throws -> (f: Fixture, wang: ServiceContext, li: ServiceContext, claims: [Claim], payment: Money) {
        let f = try Fixture().withEmployers()
        try f.paidUp()
        try BenefitService(f.clerk).declareWage(employer: Fixture.tianjinCo, year: 2025, wage: yuan(6000))
        let (wang, li) = (f.context(.clerk, name: "wang"), f.context(.clerk, name: "li"))
        let birth = try Fixture.birth("2026-10-08")
        let a = try ClaimService(wang).submit(ClaimRequest(claimant: Fixture.lina, event: birth, allowance: true, account: Self.account))
        try RegistrationService(li).enrol(id: Fixture.zhang, name: "张敏", category: .employee, employer: Fixture.tianjinCo,
                                          base: yuan(6000), from: month("2026-11"))
        let bill = try MedicalBill(item: .delivery(.natural), hospital: "天津市妇产科医院", billNo: "B1", actual: yuan(3000))
        let m = try ClaimService(li).submit(ClaimRequest(claimant: Fixture.lina, event: birth, allowance: false, bills: [bill], account: Self.account))
        try RegistrationService(wang).changeBase(id: Fixture.zhang, base: yuan(7000), from: month("2027-01"))
        _ = try ContributionService(li).run(month: month("2026-11"))
        let payment = yuan(100)
        _ = try ContributionService(li).recordPayment(payer: .employer(Fixture.tianjinCo), month: month("2026-11"), amount: payment, paidOn: Self.day)
        return (f, wang, li, a.claims.map(\.claim) + m.claims.map(\.claim), payment)
    }

    func figures(_ s: DailySummary, _ name: String) -> CounterFigures? { s.operators.first { $0.name == name }?.figures }

    @Test("Two clerks on one day: receipts, claims and amounts, registrations and payments per operator; the office's totals")
    func twoClerks() throws {
        let (f, _, _, claims, payment) = try day()
        let s = try DailySummaryService(f.supervisor).summary(Self.day)
        #expect(s.operators.map(\.name) == ["clerk", "li", "wang"])
        let wang = try #require(figures(s, "wang")), li = try #require(figures(s, "li")), clerk = try #require(figures(s, "clerk"))
        #expect(wang.receipts == 1 && wang.claims == 1 && wang.claimed == claims[0].amount)
        #expect(wang.enrolments == 0 && wang.employers == 0 && wang.changes == 1 && wang.payments == 0)
        #expect(li.receipts == 1 && li.claims == 1 && li.claimed == claims[1].amount)
        #expect(li.enrolments == 1 && li.changes == 0 && li.payments == 1 && li.paid == payment)
        // What "clerk" did, counted again from the tables: every payment recorded today but li's.
        let paidRows = try f.count("contributionPayment")
        let paidFen = try f.store.testingScalar("SELECT SUM(amountFen) FROM contributionPayment")
        #expect(clerk.employers == 2 && clerk.enrolments == 1 && clerk.changes == 0 && clerk.receipts == 0)
        #expect(clerk.payments == paidRows - 1 && clerk.paidFen == Int64(paidFen) - payment.fen && clerk.payments > 10)
        let t = s.total
        #expect(t.receipts == 2 && t.claims == 2 && t.claimed == claims[0].amount + claims[1].amount)
        #expect(t.employers == 2 && t.enrolments == 2 && t.changes == 1 && t.payments == paidRows && t.paidFen == Int64(paidFen))
        #expect(s.signoff == nil && !s.changedSinceSignoff && s.digest.count == 64)
    }

    @Test("Another day has nothing; a day to come is refused, to look at and to sign")
    func otherDays() throws {
        let (f, _, _, _, _) = try day()
        let before = try DailySummaryService(f.supervisor).summary(try CalendarDate.parse("2026-11-21"))
        #expect(before.operators.isEmpty && before.total == CounterFigures())
        let audit = try f.auditCount()
        for attempt in [{ _ = try DailySummaryService(f.supervisor).summary(try CalendarDate.parse("2026-11-23")) },
                        { _ = try DailySummaryService(f.supervisor).signOff(try CalendarDate.parse("2026-11-23")) }] {
            #expect(throws: FieldError(.date, "reason.date.future", texts: "2026-11-23")) { try attempt() }
        }
        #expect(try f.auditCount() == audit && f.count("dailySignoff") == 0)
    }

    @Test("A supervisor signs the day off once: who, when and the figures are kept and audited; a second sign-off is refused")
    func signOffOnce() throws {
        let (f, _, _, _, _) = try day()
        let zhao = f.context(.supervisor, name: "zhao")
        let signed = try DailySummaryService(zhao).signOff(Self.day)
        let so = try #require(signed.signoff)
        #expect(so.by == "zhao" && so.atLocal == "2026-11-22 10:00" && so.digest == signed.digest && so.totals == signed.total)
        #expect(!signed.changedSinceSignoff)
        #expect(try DailySummaryService(f.admin).summary(Self.day) == signed)
        let rows = try f.store.read { tx in try tx.auditRecords.with(action: "daily.signoff", entity: "day:2026-11-22") }
        #expect(rows.count == 1 && rows[0].operator == "zhao" && (rows[0].afterJSON ?? "").contains(signed.digest))
        let audit = try f.auditCount()
        for who in [zhao, f.context(.supervisor, name: "qian")] {
            #expect(throws: DomainError("error.daily.signedOff", texts: "2026-11-22", "zhao", "2026-11-22 10:00")) {
                _ = try DailySummaryService(who).signOff(Self.day)
            }
        }
        #expect(try f.auditCount() == audit && f.count("dailySignoff") == 1)
        // The sign-off is final in the store too: it cannot be changed or taken away past the program.
        #expect(throws: (any Error).self) { try f.raw("UPDATE dailySignoff SET signedBy = 'x'") }
        #expect(throws: (any Error).self) { try f.raw("DELETE FROM dailySignoff") }
        #expect(try DailySummaryService(f.supervisor).summary(Self.day).signoff?.by == "zhao")
    }

    @Test("Work recorded on the day after its sign-off shows as a change, with the totals as signed kept beside today's")
    func changeAfterSignoff() throws {
        let (f, wang, _, _, _) = try day()
        let signed = try DailySummaryService(f.supervisor).signOff(Self.day)
        let r = try ClaimService(wang).submit(ClaimRequest(claimant: Fixture.lina, event: try MaternityEvent(
            date: try CalendarDate.parse("2026-11-02"), operations: [.iudInsertion]), allowance: true, account: Self.account))
        let now = try DailySummaryService(f.supervisor).summary(Self.day)
        #expect(now.changedSinceSignoff && now.digest != signed.digest)
        #expect(now.signoff?.totals == signed.total)
        #expect(now.total.receipts == signed.total.receipts + 1 && now.total.claimed == signed.total.claimed + r.claims[0].claim.amount)
        // A day with no work is signed off as such, and stays unchanged.
        let quiet = try CalendarDate.parse("2026-11-21")
        #expect(!(try DailySummaryService(f.supervisor).signOff(quiet).changedSinceSignoff))
    }

    @Test("Only a supervisor signs; admins may look, clerks may not; a trainee is refused on a live store")
    func roles() throws {
        let (f, wang, _, _, _) = try day()
        #expect(throws: DomainError.self) { _ = try DailySummaryService(wang).summary(Self.day) }
        #expect(throws: DomainError.self) { _ = try DailySummaryService(wang).signOff(Self.day) }
        #expect(throws: DomainError.self) { _ = try DailySummaryService(f.admin).signOff(Self.day) }
        #expect(throws: DomainError.self) { _ = try DailySummaryService(f.context(.trainee)).summary(Self.day) }
        #expect(try DailySummaryService(f.admin).summary(Self.day).operators.count == 3)
        let denied = try f.store.read { tx in try tx.auditRecords.with(action: "denied") }.map(\.entity)
        #expect(denied.contains("permission:signOffDay") && denied.contains("permission:viewDaySummary"))
        #expect(try f.count("dailySignoff") == 0)
    }
}
