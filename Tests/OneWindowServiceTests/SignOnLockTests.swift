import Foundation
import OneWindowCore
import OneWindowService
import OneWindowStore
import Testing

/// A clock a test moves forward (the lock's delay passing).
final class MovingClock: @unchecked Sendable {
    private let lock = NSLock()
    private var date: Date
    init(_ start: Date) { date = start }
    var clock: Clock { Clock { [self] in lock.lock(); defer { lock.unlock() }; return date } }
    func advance(minutes: Int) { lock.lock(); date += TimeInterval(minutes * 60); lock.unlock() }
}

@Suite("Sign-on lockout, operator names, and citizen IDs kept out of the audit")
struct SignOnLockTests {
    func withClerk() throws -> (Fixture, MovingClock) {
        let f = try Fixture()
        try OperatorService(f.admin).add(name: "wang", role: .clerk, password: "clerk-password")
        return (f, MovingClock(f.clock.now()))
    }

    func signOn(_ f: Fixture, _ c: MovingClock, _ password: String, name: String = "wang") throws -> ServiceContext {
        try StoreSetup.signOn(store: f.store, name: name, password: password, clock: c.clock)
    }

    func actions(_ f: Fixture) throws -> [String] { try f.store.read { tx in try tx.auditRecords.all().map(\.action) } }

    @Test("Five wrong passwords lock the operator; the right one is refused until the delay passes; each step audited")
    func locksAfterFive() throws {
        let (f, c) = try withClerk()
        for _ in 1...4 { #expect(throws: DomainError("error.signon.failed")) { _ = try signOn(f, c, "wrong-password") } }
        let fifth = #expect(throws: DomainError.self) { _ = try signOn(f, c, "wrong-password") }
        #expect(fifth?.message.key == "error.signon.nowLocked")
        let locked = #expect(throws: DomainError.self) { _ = try signOn(f, c, "clerk-password") }
        #expect(locked?.message.key == "error.signon.locked")
        let tail = try actions(f).suffix(7)
        #expect(Array(tail) == ["signon.failed", "signon.failed", "signon.failed", "signon.failed", "signon.failed", "operator.lock", "signon.locked"])
        c.advance(minutes: 1)  // the lock has ended: the right password works and the count starts again
        #expect(try signOn(f, c, "clerk-password").session.operatorName == "wang")
        #expect(try f.store.read { tx in try tx.operators.find(name: "wang") }?.failedSignOns == 0)
        #expect(try actions(f).last == "signon.reset")
    }

    @Test("Each further failure doubles the delay (1, 2, 4 … minutes, at most 60)")
    func growingDelay() throws {
        #expect((1...4).allSatisfy { SignOnLock.minutes(afterFailures: $0) == nil })
        #expect([5, 6, 7, 8, 9, 10, 11, 12, 40].map { SignOnLock.minutes(afterFailures: $0) } == [1, 2, 4, 8, 16, 32, 60, 60, 60])
        let (f, c) = try withClerk()
        for _ in 1...5 { _ = try? signOn(f, c, "wrong-password") }
        c.advance(minutes: 1)
        _ = try? signOn(f, c, "wrong-password")  // the sixth: locked for 2 minutes now
        c.advance(minutes: 1)
        #expect(throws: DomainError("error.signon.locked", texts: "2026-11-22 10:03")) { _ = try signOn(f, c, "clerk-password") }
        c.advance(minutes: 1)
        #expect(try signOn(f, c, "clerk-password").session.operatorName == "wang")
    }

    @Test("An admin unlocks at once (audited); a clerk may not")
    func adminUnlocks() throws {
        let (f, c) = try withClerk()
        for _ in 1...5 { _ = try? signOn(f, c, "wrong-password") }
        #expect(throws: DomainError.self) { try OperatorService(f.clerk).unlock(name: "wang") }
        try OperatorService(f.admin).unlock(name: "wang")
        let row = try #require(try f.store.read { tx in try tx.auditRecords.all().last { $0.action == "operator.unlock" } })
        #expect(row.operator == "root" && row.afterJSON == #"{"failedSignOns":"0","lockedUntil":""}"#)
        #expect(try signOn(f, c, "clerk-password").session.role == .clerk)
    }

    @Test("A name no operator could have is recorded as '-', never as typed", arguments: [
        "110105199003070025", "wang\u{1B}[31m", String(repeating: "名", count: 100_000), "wang li", "",
    ])
    func typedNameNotStored(name: String) throws {
        let (f, c) = try withClerk()
        #expect(throws: DomainError("error.signon.failed")) { _ = try signOn(f, c, "whatever-pass", name: name) }
        let row = try #require(try f.store.read { tx in try tx.auditRecords.all().last })
        #expect(row.action == "signon.failed" && row.operator == "-" && row.entity == "operator:-")
    }

    @Test("Operator names: a letter first, letters, digits and . _ - only, at most 32", arguments: [
        ("王芳", true), ("li.na_2-b", true), ("Ayşe", true), ("1abc", false), ("110105199003070025", false),
        ("a b", false), ("a:b", false), ("wang\u{1B}", false), ("wang\u{200B}", false), (String(repeating: "a", count: 33), false),
    ])
    func names(name: String, valid: Bool) throws {
        #expect(OperatorName.isValid(name) == valid)
        let f = try Fixture()
        let before = try f.auditCount()
        if valid {
            try OperatorService(f.admin).add(name: name, role: .clerk, password: "clerk-password")
        } else {
            #expect(throws: FieldError(.operatorName, "reason.operator.name", texts: "32")) {
                try OperatorService(f.admin).add(name: name, role: .clerk, password: "clerk-password")
            }
            #expect(try f.auditCount() == before)
        }
    }

    @Test("A full citizen ID is masked in every audit field it arrives in; other long numbers are kept")
    func idsMasked() throws {
        let f = try Fixture()
        let id = Fixture.lina.value
        try f.store.write(operator: "x\(id)") { _, audit in
            audit.append(AuditEntry(action: "test", entity: "note:\(id)", before: "{\"n\":\"\(id.lowercased())\"}",
                                    after: "{\"n\":\"\(id)\",\"account\":\"6222021234567890123\",\"other\":\"110105199003070026\"}"))
        }
        let row = try #require(try f.store.read { tx in try tx.auditRecords.all().last })
        let masked = Fixture.lina.masked
        #expect(row.operator == "x" + masked && row.entity == "note:" + masked && row.beforeJSON == "{\"n\":\"\(masked)\"}")
        #expect(row.afterJSON == "{\"n\":\"\(masked)\",\"account\":\"6222021234567890123\",\"other\":\"110105199003070026\"}")
        #expect(try AuditService(f.admin).verify().isIntact)
    }

    @Test("Opening a person's record is an audited read (who, which record, the ID masked); a form's name lookup is not")
    func personOpenAudited() throws {
        let f = try Fixture().withEmployers().withLina()
        let before = try f.auditCount()
        _ = try LookupService(f.clerk).person(Fixture.lina)
        #expect(try f.auditCount() == before)
        let view = try LookupService(f.clerk).open(Fixture.lina)
        let row = try #require(try f.store.read { tx in try tx.auditRecords.all().last })
        #expect(row.action == "person.view" && row.operator == "clerk" && row.entity == "person:\(view.person.id!)")
        #expect(row.afterJSON == "{\"citizenID\":\"\(Fixture.lina.masked)\"}")
    }

    @Test("A registration month before the person is 16 or over a year ahead is refused, nothing written", arguments: [
        ("0001-01", "reason.reg.beforeWorkingAge", "2006-03"), ("2006-02", "reason.reg.beforeWorkingAge", "2006-03"),
        ("9999-12", "reason.reg.tooFarAhead", "2027-11"), ("2027-12", "reason.reg.tooFarAhead", "2027-11"),
    ])
    func enrolWindow(from: String, reason: String, bound: String) throws {
        let f = try Fixture().withEmployers()
        let before = try f.auditCount()
        #expect(throws: FieldError(.fromMonth, reason, texts: from, bound)) {
            try RegistrationService(f.clerk).enrol(id: Fixture.lina, name: "李娜", category: .employee,
                                                   employer: Fixture.tianjinCo, base: yuan(8000), from: month(from))
        }
        #expect(try f.auditCount() == before && f.count("person") == 0)
    }
}
