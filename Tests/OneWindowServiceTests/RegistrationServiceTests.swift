import Foundation
import OneWindowCore
import OneWindowService
import OneWindowStore
import Testing

@Suite("Synchronized registration on a real store")
struct RegistrationServiceTests {
    /// 国办发〔2019〕10号: after every change, each month has both schemes or neither (for employees).
    func assertInStep(_ f: Fixture, _ id: CitizenID, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let view = try LookupService(f.clerk).person(id)
        #expect(view.mismatch == nil, "schemes out of step: \(String(describing: view.mismatch))", sourceLocation: sourceLocation)
    }

    @Test("国办发〔2019〕10号: enrolling an employee in medical enrols her in maternity in the same transaction")
    func employeeEnrolmentCarriesMaternity() throws {
        let f = try Fixture().withEmployers()
        let audits = try f.auditCount()
        try RegistrationService(f.clerk).enrol(id: Fixture.lina, name: "李娜", category: .employee,
                                               employer: Fixture.tianjinCo, base: yuan(8000), from: month("2026-01"))
        let view = try LookupService(f.clerk).person(Fixture.lina)
        #expect(view.periods(.medical).map(\.from) == [month("2026-01")])
        #expect(view.periods(.maternity).map(\.from) == [month("2026-01")])
        #expect(view.periods(.maternity).first?.employer == Fixture.tianjinCo)
        #expect(view.person.sex == .female)
        // person, two enrolments and the base: four audit rows in the one transaction.
        #expect(try f.auditCount() == audits + 4)
        try assertInStep(f, Fixture.lina)
    }

    @Test("Every change keeps both schemes in step: transfer, base change, suspend, resume, retire")
    func lifecycleStaysInStep() throws {
        let f = try Fixture().withEmployers()
        let reg = RegistrationService(f.clerk)
        try reg.enrol(id: Fixture.lina, name: "李娜", category: .employee, employer: Fixture.tianjinCo,
                      base: yuan(8000), from: month("2024-01"))
        try reg.transfer(id: Fixture.lina, to: Fixture.shantouInst, from: month("2024-07"))
        try assertInStep(f, Fixture.lina)
        try reg.changeBase(id: Fixture.lina, base: yuan(9000), from: month("2024-09"))
        try reg.suspend(id: Fixture.lina, from: month("2025-01"))
        try assertInStep(f, Fixture.lina)
        try reg.resume(id: Fixture.lina, from: month("2025-04"))
        try assertInStep(f, Fixture.lina)
        try reg.retire(id: Fixture.lina, from: month("2026-01"))
        try assertInStep(f, Fixture.lina)

        let v = try LookupService(f.clerk).person(Fixture.lina)
        let medical = v.periods(.medical)
        #expect(medical.map(\.from) == ["2024-01", "2024-07", "2025-04", "2026-01"].map(month))
        #expect(medical.map(\.to) == [month("2024-06"), month("2024-12"), month("2025-12"), nil])
        #expect(medical.last?.category == .retiree && medical.last?.employer == nil)
        // Maternity ends with retirement: no open maternity period remains.
        #expect(v.periods(.maternity).allSatisfy { !$0.isOpen })
        #expect(v.periods(.maternity).last?.endReason == .retired)
        #expect(v.bases.map(\.baseFen) == [800_000, 900_000])
    }

    @Test("Termination ends both schemes together")
    func terminationEndsBoth() throws {
        let f = try Fixture().withEmployers()
        let reg = RegistrationService(f.clerk)
        try reg.enrol(id: Fixture.lina, name: "李娜", category: .employee, employer: Fixture.tianjinCo,
                      base: yuan(8000), from: month("2025-01"))
        try reg.terminate(id: Fixture.lina, from: month("2026-03"))
        let v = try LookupService(f.clerk).person(Fixture.lina)
        #expect(v.periods.allSatisfy { $0.to == month("2026-02") && $0.endReason == .terminated })
        #expect(v.periods.count == 2)
    }

    @Test("Flexible workers follow the region flag; retirees and the unemployed get no maternity")
    func categoriesAndRegionFlag() throws {
        let f = try Fixture().withEmployers()
        let reg = RegistrationService(f.clerk)
        // Tianjin's policy enrols flexible workers in maternity; the national default does not.
        try reg.enrol(id: Fixture.lina, name: "李娜", category: .flexible, employer: nil, base: yuan(5000),
                      from: month("2026-01"), region: "tianjin")
        try reg.enrol(id: Fixture.wei, name: "魏芳", category: .flexible, employer: nil, base: yuan(5000),
                      from: month("2026-01"), region: "national")
        try reg.enrol(id: Fixture.zhang, name: "张丽", category: .retiree, employer: nil, base: yuan(5000),
                      from: month("2026-01"))
        let lookup = LookupService(f.clerk)
        #expect(try lookup.person(Fixture.lina).periods(.maternity).count == 1)
        #expect(try lookup.person(Fixture.wei).periods(.maternity).isEmpty)
        #expect(try lookup.person(Fixture.zhang).periods(.maternity).isEmpty)
        for id in [Fixture.lina, Fixture.wei, Fixture.zhang] { try assertInStep(f, id) }
    }

    @Test("Bad input writes nothing: unknown employer, name mismatch, non-positive base, change before start")
    func refusalsWriteNothing() throws {
        let f = try Fixture().withEmployers()
        let reg = RegistrationService(f.clerk)
        let before = try f.auditCount()
        #expect(throws: FieldError(.employer, "reason.employer.unknown", texts: Fixture.shenyangCo.value)) {
            try reg.enrol(id: Fixture.lina, name: "李娜", category: .employee, employer: Fixture.shenyangCo,
                          base: yuan(8000), from: month("2026-01"))
        }
        #expect(throws: FieldError(.base, "reason.base.zero")) {
            try reg.enrol(id: Fixture.lina, name: "李娜", category: .employee, employer: Fixture.tianjinCo,
                          base: .zero, from: month("2026-01"))
        }
        #expect(try f.auditCount() == before)
        #expect(try f.count("person") == 0)

        try reg.enrol(id: Fixture.lina, name: "李娜", category: .employee, employer: Fixture.tianjinCo,
                      base: yuan(8000), from: month("2026-01"))
        let after = try f.auditCount()
        #expect(throws: FieldError(.name, "reason.person.nameMismatch", texts: "李娜")) {
            try reg.enrol(id: Fixture.lina, name: "王娜", category: .employee, employer: Fixture.tianjinCo,
                          base: yuan(8000), from: month("2026-05"))
        }
        #expect(throws: FieldError(.fromMonth, "reason.reg.notAfterStart", texts: "2026-01")) {
            try reg.transfer(id: Fixture.lina, to: Fixture.shantouInst, from: month("2026-01"))
        }
        #expect(throws: DomainError("error.reg.alreadyEnrolled")) {
            try reg.enrol(id: Fixture.lina, name: "李娜", category: .employee, employer: Fixture.tianjinCo,
                          base: yuan(8000), from: month("2026-05"))
        }
        #expect(try f.auditCount() == after)
    }

    @Test("A change may not reach back into months already charged")
    func noRetroactiveChangeAfterCharging() throws {
        let f = try Fixture().withEmployers()
        let reg = RegistrationService(f.clerk)
        try reg.enrol(id: Fixture.lina, name: "李娜", category: .employee, employer: Fixture.tianjinCo,
                      base: yuan(8000), from: month("2026-01"))
        _ = try ContributionService(f.clerk).run(month: month("2026-06"))
        #expect(throws: FieldError(.fromMonth, "reason.reg.monthCharged", texts: "2026-06")) {
            try reg.terminate(id: Fixture.lina, from: month("2026-05"))
        }
        #expect(throws: FieldError(.fromMonth, "reason.reg.monthCharged", texts: "2026-06")) {
            try reg.changeBase(id: Fixture.lina, base: yuan(9000), from: month("2026-06"))
        }
        try reg.terminate(id: Fixture.lina, from: month("2026-07"))
    }

    @Test("Preview shows both schemes' changes and writes nothing")
    func previewWritesNothing() throws {
        let f = try Fixture().withEmployers()
        let reg = RegistrationService(f.clerk)
        try reg.enrol(id: Fixture.lina, name: "李娜", category: .employee, employer: Fixture.tianjinCo,
                      base: yuan(8000), from: month("2026-01"))
        let audits = try f.auditCount()
        let plan = try reg.preview(Fixture.lina, .transfer(employer: Fixture.shantouInst, region: "", from: month("2026-08")))
        #expect(plan.count == 4)
        #expect(plan.contains(.close(scheme: .maternity, lastMonth: month("2026-07"), reason: .transferred)))
        #expect(plan.contains { if case .open(let p) = $0 { p.scheme == .maternity && p.region == "shantou" } else { false } })
        #expect(try f.auditCount() == audits)
        #expect(try LookupService(f.clerk).person(Fixture.lina).periods(.medical).count == 1)
    }

    @Test("Employer registration: duplicate code refused, unification state recorded")
    func employers() throws {
        let f = try Fixture().withEmployers()
        let reg = RegistrationService(f.clerk)
        #expect(throws: FieldError(.creditCode, "reason.employer.exists", texts: "天津某某科技有限公司")) {
            _ = try reg.registerEmployer(code: Fixture.tianjinCo, name: "重复", region: "tianjin", kind: .enterprise, unifiedFrom: nil)
        }
        #expect(throws: FieldError(.region, Message("reason.region.unknown", [.text("beijing"),
                                   .text(f.policies.codes.joined(separator: ", "))]))) {
            _ = try reg.registerEmployer(code: Fixture.shenyangCo, name: "某公司", region: "beijing", kind: .enterprise, unifiedFrom: nil)
        }
        let row = try reg.setUnified(code: Fixture.shantouInst, from: month("2026-12"))
        #expect(row.unifiedFromMonth == month("2026-12"))
    }

    @Test("A stored month that does not parse fails the read with an error, and a change on it writes nothing")
    func badStoredMonth() throws {
        let f = try Fixture().withEmployers()
        let reg = RegistrationService(f.clerk)
        try reg.enrol(id: Fixture.lina, name: "李娜", category: .employee, employer: Fixture.tianjinCo,
                      base: yuan(8000), from: month("2026-01"))
        // PostgreSQL's schema checks a month's shape itself: there the bad month cannot even be planted.
        guard Fixture.onSQLite else {
            #expect(throws: (any Error).self) { try f.raw("UPDATE enrolment SET fromMonth = '2026-13' WHERE scheme = 'maternity'") }
            return
        }
        try f.raw("UPDATE enrolment SET fromMonth = '2026-13' WHERE scheme = 'maternity'")
        #expect(throws: DecodingError.self) { _ = try LookupService(f.clerk).person(Fixture.lina) }
        let audits = try f.auditCount()
        #expect(throws: DecodingError.self) { try reg.retire(id: Fixture.lina, from: month("2026-12")) }
        #expect(try f.auditCount() == audits)
        #expect(try f.count("enrolment", where: "toMonth IS NOT NULL") == 0)
    }
}
