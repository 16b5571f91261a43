import Testing
@testable import OneWindowCore

@Suite("Risk flags at submission (domain.md, Claims): thresholds at their edges")
struct RiskScreenTests {
    func birth(_ d: CalendarDate) -> MaternityEvent {
        try! MaternityEvent(date: d, birth: Birth(babies: 1, delivery: .natural, dystocia: false,
                                                  gestation: try! Gestation(start: d.adding(months: -9), end: d)))
    }

    func facts(event: MaternityEvent, maternityFrom: YearMonth? = ym(2020, 1), bases: [(from: YearMonth, fen: Int64)] = [],
               others: [MaternityEvent] = [], ended: YearMonth? = nil, shared: [String] = []) -> RiskScreen.Facts {
        RiskScreen.Facts(event: event, kind: .allowance, submittedOn: day(2026, 11, 22), maternityFrom: maternityFrom,
                         coverEndedAt: ended, bases: bases, otherEvents: others, accountSharedWith: shared)
    }

    @Test("Recent enrolment: 9 months before the event is flagged, exactly 10 months is not",
          arguments: [(ym(2026, 1), true), (ym(2025, 12), false), (ym(2026, 10), true)])
    func recentEnrolment(from: YearMonth, flagged: Bool) {
        let hits = RiskScreen.flags(facts(event: birth(day(2026, 10, 8)), maternityFrom: from))
        #expect(hits.contains { $0.flag == .recentEnrolment } == flagged)
    }

    @Test("Base raised: exactly +50 % within 12 months is flagged, +49.99 % and a raise 13 months back are not",
          arguments: [(Int64(1_200_000), 12, true), (Int64(1_199_999), 12, false), (Int64(1_200_000), 13, false)])
    func baseRaised(newBase: Int64, monthsBefore: Int, flagged: Bool) {
        let event = birth(day(2026, 10, 8))
        let bases: [(from: YearMonth, fen: Int64)] = [(ym(2020, 1), 800_000), (ym(2026, 10).advanced(by: -monthsBefore + 1), newBase)]
        let hits = RiskScreen.flags(facts(event: event, bases: bases))
        #expect(hits.contains { $0.flag == .baseRaised } == flagged)
    }

    @Test("Duplicate event: births 179 days apart are one event, 180 days are two; operations only on the same day")
    func duplicateEvent() throws {
        let event = birth(day(2026, 10, 8))
        #expect(RiskScreen.flags(facts(event: event, others: [birth(day(2026, 10, 8).adding(days: -179))])).map(\.flag) == [.duplicateEvent])
        #expect(RiskScreen.flags(facts(event: event, others: [birth(day(2026, 10, 8).adding(days: -180))])).isEmpty)
        let op = try MaternityEvent(date: day(2026, 10, 8), operations: [.iudInsertion])
        let opNextDay = try MaternityEvent(date: day(2026, 10, 9), operations: [.iudInsertion])
        #expect(RiskScreen.flags(facts(event: op, others: [opNextDay])).isEmpty)
        #expect(RiskScreen.flags(facts(event: op, others: [op])).map(\.flag) == [.duplicateEvent])
    }

    @Test("After termination and a shared account are flagged with their details")
    func terminationAndAccount() {
        let hits = RiskScreen.flags(facts(event: birth(day(2026, 10, 8)), ended: ym(2026, 10), shared: ["110105********0025"]))
        #expect(hits == [RiskFlagHit(.afterTermination, Message("risk.afterTermination", texts: "2026-10")),
                         RiskFlagHit(.sharedAccount, Message("risk.sharedAccount", texts: "110105********0025"))])
    }
}

@Suite("Claim identifiers: bank accounts and receipt numbers")
struct ClaimIdentifierTests {
    @Test("Accounts: spaces and dashes dropped, digits only, 12 to 30 long, masked to the last four")
    func accounts() throws {
        #expect(try BankAccount("6222 0200-1234 5678").value == "6222020012345678")
        #expect(try BankAccount("6222020012345678").masked == "****5678")
        #expect(throws: FieldError(.account, "reason.account.digits")) { _ = try BankAccount("6222O20012345678") }
        #expect(throws: FieldError(.account, "reason.account.length", texts: "11")) { _ = try BankAccount("62220200123") }
        #expect(throws: FieldError(.account, "reason.required")) { _ = try BankAccount("  ") }
        #expect(try BankAccount(String(repeating: "1", count: 30)).value.count == 30)
        #expect(throws: FieldError(.account, "reason.account.length", texts: "31")) { _ = try BankAccount(String(repeating: "1", count: 31)) }
        // Full-width digits are not ASCII digits: refused rather than silently kept.
        #expect(throws: FieldError(.account, "reason.account.digits")) { _ = try BankAccount("６２２２０２００１２３４５６７８") }
    }

    @Test("Receipt numbers: SY + date + four digits, typed in any case")
    func receipts() throws {
        #expect(ReceiptNumber(date: day(2026, 11, 22), sequence: 7).value == "SY20261122-0007")
        #expect(try ReceiptNumber(" sy20261122-0007 ").value == "SY20261122-0007")
        for bad in ["SY2026112-0007", "SX20261122-0007", "SY20261122-007", "SY20261122", "SY2026112A-0007"] {
            #expect(throws: FieldError(.receipt, "reason.receipt.format", texts: bad)) { _ = try ReceiptNumber(bad) }
        }
    }
}
