import Foundation
import OneWindowCore
import OneWindowService
import OneWindowStore
import Testing

@Suite("Audit chain, roles and sign-on")
struct AuditAndRoleTests {
    func populated() throws -> Fixture { try Fixture().withEmployers().withLina() }

    @Test("An intact chain verifies; rows carry operator, action and before/after")
    func intact() throws {
        let f = try populated()
        let result = try AuditService(f.admin).verify()
        let count = try f.auditCount()
        #expect(result.isIntact && result.rows == count)
        let rows = try f.store.read { tx in try tx.auditRecords.all() }
        let enrol = try #require(rows.first { $0.action == "enrolment.enrol" })
        #expect(enrol.operator == "clerk" && enrol.beforeJSON == nil && enrol.afterJSON?.contains("\"scheme\":\"medical\"") == true)
        // Full citizen IDs never reach the log.
        #expect(rows.allSatisfy { !($0.afterJSON ?? "").contains(Fixture.lina.value) })
    }

    @Test("The store refuses UPDATE and DELETE on audit rows (and TRUNCATE on PostgreSQL, which has it)")
    func appendOnly() throws {
        let f = try populated()
        #expect(throws: (any Error).self) { try f.raw("UPDATE audit SET operator = 'x' WHERE seq = 1") }
        #expect(throws: (any Error).self) { try f.raw("DELETE FROM audit WHERE seq = 1") }
        if !Fixture.onSQLite { #expect(throws: (any Error).self) { try f.raw("TRUNCATE audit") } }
        #expect(try f.count("audit") == f.auditCount() && f.auditCount() > 0)
    }

    @Test("audit verify detects a changed row", arguments: ["operator", "afterJSON"])
    func detectsChange(column: String) throws {
        let f = try populated()
        try f.dropAuditTrigger("audit_no_update")
        try f.raw("UPDATE audit SET \(column) = 'mallory' WHERE seq = 3")
        let result = try AuditService(f.admin).verify()
        #expect(result.problems == [.altered(seq: 3)])
    }

    @Test("audit verify detects a deleted row in the middle and at the end")
    func detectsDeletion() throws {
        let f = try populated()
        let last = Int64(try f.auditCount())
        try f.dropAuditTrigger("audit_no_delete")
        try f.raw("DELETE FROM audit WHERE seq = 2")
        #expect(try AuditService(f.admin).verify().problems.contains(.missing(from: 2, to: 2)))
        try f.raw("DELETE FROM audit WHERE seq = \(last)")
        #expect(try AuditService(f.admin).verify().problems.contains(.missing(from: last, to: last)))
    }

    @Test("A clerk cannot manage operators, set rates or fix reconciliation; each refusal is audited")
    func clerkRefusals() throws {
        let f = try populated()
        let before = try f.auditCount()
        let denied = { (p: Permission) in
            DomainError(Message("error.role.denied", [.message(Message("role.clerk")), .message(Message("permission.\(p.rawValue)"))]))
        }
        #expect(throws: denied(.manageOperators)) {
            try OperatorService(f.clerk).add(name: "eve", role: .admin, password: "password1")
        }
        var changes = PolicyService.Changes()
        changes.maternityRate = Rate(basisPoints: 100)
        #expect(throws: denied(.setPolicy)) {
            _ = try PolicyService(f.clerk).addPeriod(region: "tianjin", from: month("2027-01"), changes: changes, source: nil)
        }
        #expect(throws: denied(.fixReconciliation)) { _ = try ReconciliationService(f.clerk).fixAll() }
        #expect(throws: denied(.verifyAudit)) { _ = try AuditService(f.clerk).verify() }
        #expect(try f.auditCount() == before + 4)
        let actions = try f.store.read { tx in try tx.auditRecords.all().suffix(4).reversed().map(\.action) }
        #expect(actions == Array(repeating: "denied", count: 4))
    }

    @Test("Trainees work only on a training store")
    func traineeOnlyInTraining() throws {
        let live = try Fixture().withEmployers()
        #expect(throws: DomainError.self) {
            try RegistrationService(live.context(.trainee)).enrol(id: Fixture.lina, name: "李娜", category: .employee,
                                                                  employer: Fixture.tianjinCo, base: yuan(8000), from: month("2026-01"))
        }
        #expect(try live.count("person") == 0)
        let training = try Fixture(mode: .training)
        _ = try RegistrationService(training.context(.trainee)).registerEmployer(
            code: Fixture.tianjinCo, name: "练习单位", region: "tianjin", kind: .enterprise, unifiedFrom: nil)
        #expect(try training.count("employer") == 1)
    }

    @Test("Sign-on: scrypt hash stored, wrong password refused and audited, last admin protected")
    func signOn() throws {
        let f = try Fixture()
        let stored = try #require(try f.store.read { tx in try tx.operators.find(name: "root") })
        #expect(stored.passwordHash.hasPrefix("scrypt$") && !stored.passwordHash.contains(Fixture.adminPassword))
        #expect(throws: DomainError("error.signon.failed")) {
            _ = try StoreSetup.signOn(store: f.store, name: "root", password: "wrong-password", clock: f.clock)
        }
        #expect(try f.store.read { tx in try tx.operators.find(name: "root")?.failedSignOns } == 1)
        #expect(try f.store.read { tx in try tx.auditRecords.all().last?.action } == "signon.failed")
        let ctx = try StoreSetup.signOn(store: f.store, name: "root", password: Fixture.adminPassword, clock: f.clock)
        #expect(ctx.session.role == .admin && ctx.session.agencyRegion == "tianjin")
        #expect(try f.store.read { tx in try tx.operators.find(name: "root")?.failedSignOns } == 0)

        let ops = OperatorService(ctx)
        try ops.add(name: "wang", role: .clerk, password: "clerk-password")
        #expect(throws: FieldError(.operatorName, "reason.operator.exists", texts: "wang")) {
            try ops.add(name: "wang", role: .clerk, password: "clerk-password")
        }
        #expect(throws: FieldError(.password, "reason.password.short")) { try ops.add(name: "li", role: .clerk, password: "short") }
        #expect(throws: DomainError("error.operator.lastAdmin")) { try ops.setDisabled(name: "root", true) }
        try ops.setDisabled(name: "wang", true)
        #expect(throws: DomainError("error.signon.failed")) {
            _ = try StoreSetup.signOn(store: f.store, name: "wang", password: "clerk-password", clock: f.clock)
        }
    }

    @Test("init refuses an existing store; open refuses a missing one")
    func storeFiles() throws {
        let f = try Fixture()
        #expect(throws: DomainError(Fixture.onSQLite ? "error.store.exists" : "error.store.pgExists", texts: f.store.path)) {
            _ = try StoreSetup.initialize(path: f.store.path, admin: "x", password: "password1", region: "national")
        }
        let missing = f.dir.appendingPathComponent("nope.sqlite").path
        #expect(throws: DomainError("error.store.missing", texts: missing)) { _ = try StoreSetup.open(path: missing) }
        #expect(!FileManager.default.fileExists(atPath: missing))
    }
}
