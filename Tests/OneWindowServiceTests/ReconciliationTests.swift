import OneWindowCore
import OneWindowService
import OneWindowStore
import Testing

@Suite("应保尽保 reconciliation")
struct ReconciliationTests {
    @Test("Legacy mismatches are listed with their months and fixed on request until none remain")
    func listAndFix() throws {
        let f = try Fixture().withEmployers()
        let reg = RegistrationService(f.clerk)
        try reg.enrol(id: Fixture.lina, name: "李娜", category: .employee, employer: Fixture.tianjinCo,
                      base: yuan(8000), from: month("2025-01"))
        try reg.enrol(id: Fixture.wei, name: "魏芳", category: .employee, employer: Fixture.tianjinCo,
                      base: yuan(8000), from: month("2025-01"))
        try reg.enrol(id: Fixture.zhang, name: "张丽", category: .retiree, employer: nil, base: yuan(4000), from: month("2025-01"))
        // Legacy data: Lina's maternity started late; a retiree carries a maternity period.
        try f.raw("UPDATE enrolment SET fromMonth = '2025-04' WHERE scheme = 'maternity' AND personID = 1")
        try f.raw("""
            INSERT INTO enrolment (personID, scheme, category, region, fromMonth, toMonth)
            VALUES (3, 'maternity', 'retiree', 'tianjin', '2025-01', '2025-06')
            """)
        let found = try ReconciliationService(f.clerk).mismatches()
        #expect(found.map(\.person.name) == ["李娜", "张丽"])
        #expect(found[0].mismatch.missingMaternity.map(\.description) == ["2025-01–2025-03"])
        #expect(found[1].mismatch.extraMaternity.map(\.description) == ["2025-01–2025-06"])
        #expect(try LookupService(f.clerk).person(Fixture.lina).mismatch != nil)

        let fixed = try ReconciliationService(f.supervisor).fixAll()
        #expect(fixed.count == 2)
        #expect(try ReconciliationService(f.clerk).mismatches().isEmpty)
        #expect(try LookupService(f.clerk).person(Fixture.zhang).periods(.maternity).isEmpty)
        #expect(try LookupService(f.clerk).person(Fixture.lina).periods(.maternity).map(\.from) == [month("2025-01")])
        #expect(try AuditService(f.admin).verify().isIntact)
    }
    @Test("One person's mismatch is fixed from her record: supervisors only, others untouched, audited")
    func fixOnePerson() throws {
        let f = try Fixture().withEmployers()
        let reg = RegistrationService(f.clerk)
        try reg.enrol(id: Fixture.lina, name: "李娜", category: .employee, employer: Fixture.tianjinCo,
                      base: yuan(8000), from: month("2025-01"))
        try reg.enrol(id: Fixture.wei, name: "魏芳", category: .employee, employer: Fixture.tianjinCo,
                      base: yuan(8000), from: month("2025-01"))
        try f.raw("UPDATE enrolment SET fromMonth = '2025-04' WHERE scheme = 'maternity'")
        #expect(try ReconciliationService(f.clerk).mismatches().count == 2)

        #expect(throws: DomainError.self) { try ReconciliationService(f.clerk).fix(Fixture.lina) }
        let audited = try f.auditCount()
        let fixed = try ReconciliationService(f.supervisor).fix(Fixture.lina)
        #expect(fixed?.mismatch.missingMaternity.map(\.description) == ["2025-01–2025-03"])
        #expect(try f.auditCount() == audited + 1)
        #expect(try LookupService(f.clerk).person(Fixture.lina).mismatch == nil)
        #expect(try LookupService(f.clerk).person(Fixture.lina).periods(.maternity).map(\.from) == [month("2025-01")])
        // The other person is left for her own fix or the reconciliation run.
        #expect(try ReconciliationService(f.clerk).mismatches().map(\.person.name) == ["魏芳"])
        // Already in step: nothing to change, still one audited transaction.
        #expect(try ReconciliationService(f.supervisor).fix(Fixture.lina) == nil)
        #expect(try f.auditCount() == audited + 2)
        #expect(try AuditService(f.admin).verify().isIntact)
    }

    @Test("An enrolment whose person was deleted past the program: reconcile says so instead of crashing")
    func orphanEnrolment() throws {
        let f = try Fixture().withEmployers()
        let orphan = "INSERT INTO enrolment (personID, scheme, category, region, fromMonth) VALUES (99999, 'medical', 'flexible', 'tianjin', '2026-01')"
        try f.raw(Fixture.onSQLite ? "PRAGMA foreign_keys = OFF; \(orphan)"
                  : "BEGIN; SET LOCAL session_replication_role = replica; \(orphan); COMMIT")
        #expect(throws: DomainError("error.reconcile.orphan", texts: "99999")) { _ = try ReconciliationService(f.supervisor).mismatches() }
    }
}
