import OneWindowCore
import OneWindowService
import OneWindowStore
import Testing

@Suite("Benefit estimate, wage declarations and direct settlement on a real store")
struct BenefitServiceTests {
    @Test("社会保险法 art. 56: the declared previous-year wage ÷ 30 × allowance days, half-up to the fen")
    func declaredWage() throws {
        let f = try Fixture().withEmployers()
        try f.paidUp()
        try BenefitService(f.clerk).declareWage(employer: Fixture.tianjinCo, year: 2025, wage: Money(fen: 269_500))
        let e = try BenefitService(f.clerk).estimate(Fixture.lina, event: Fixture.birth("2026-10-08"))
        #expect(e.eligibility.verdict == .eligible)
        #expect(e.basis?.monthlyWage == Money(fen: 269_500))
        #expect(e.basis?.lines.first?.rule == Message("allowance.basis.declared", texts: "2025"))
        let days = e.leave.allowanceDays
        #expect(e.allowance == Money(fen: Rounding.halfUp(269_500 * Int64(days), 30)))
    }

    @Test("Without a declaration the basis is derived from the employer's charged bases, and says so")
    func derivedWage() throws {
        let f = try Fixture().withEmployers()
        try f.paidUp()
        let e = try BenefitService(f.clerk).estimate(Fixture.lina, event: Fixture.birth("2026-10-08"))
        #expect(e.basis?.monthlyWage == yuan(8000))
        #expect(e.basis?.lines.first?.rule == Message("allowance.basis.derived", texts: "2025"))
    }

    @Test("Months short in a region that defers: the claim waits (Shantou, 12 continuous months)")
    func deferredInShantou() throws {
        let f = try Fixture().withEmployers()
        try RegistrationService(f.clerk).enrol(id: Fixture.lina, name: "李娜", category: .employee, employer: Fixture.shantouInst,
                                               base: yuan(6000), from: month("2026-06"))
        let e = try BenefitService(f.clerk).estimate(Fixture.lina, event: Fixture.birth("2026-10-08"))
        guard case .deferred = e.eligibility.verdict else { Issue.record("expected deferred, got \(e.eligibility.verdict)"); return }
        #expect(e.eligibility.requiredMonths == 12)
    }

    @Test("Retirees get no allowance; an unemployed spouse gets medical costs at the spouse share only")
    func refusals() throws {
        let f = try Fixture().withEmployers()
        try f.paidUp()
        try RegistrationService(f.clerk).enrol(id: Fixture.zhang, name: "张丽", category: .retiree, employer: nil,
                                               base: yuan(4000), from: month("2025-01"))
        let retiree = try BenefitService(f.clerk).estimate(Fixture.zhang, event: Fixture.birth("2026-10-08"))
        #expect(retiree.eligibility.verdict == .refused(Message("eligibility.category", [.message(Message("category.retiree"))])))
        #expect(retiree.allowance == nil)

        let spouse = try BenefitService(f.clerk).estimate(Fixture.wei, event: Fixture.birth("2026-10-08"),
                                                          items: [(.delivery(.natural), yuan(5000))], spouseOf: Fixture.lina)
        #expect(spouse.allowance == nil)
        let rules = try f.policies.period("tianjin", month("2026-10")).medical
        #expect(spouse.medicalTotal == rules.naturalDelivery.value.applying(rules.spouseShare.value))
    }

    @Test("Direct-settlement import: all or nothing, duplicates known, bad line named")
    func settlements() throws {
        let f = try Fixture()
        let service = BenefitService(f.clerk)
        let csv = "\u{FEFF}hospital,billNo,citizenID,settledOn,amountYuan\n天津市妇产科医院,B001,\(Fixture.lina.value),2026-10-09,3000\n天津市妇产科医院,B002,\(Fixture.lina.value),2026-10-10,450.50\n"
        #expect(try service.importSettlements(csv: csv) == .init(inserted: 2, alreadyKnown: 0))
        #expect(try service.importSettlements(csv: csv) == .init(inserted: 0, alreadyKnown: 2))
        #expect(try service.directlySettled(hospital: "天津市妇产科医院", billNo: "B001"))
        #expect(try !service.directlySettled(hospital: "天津市妇产科医院", billNo: "B009"))
        let bad = csv + "天津市妇产科医院,B003,110105199003070026,2026-10-11,100\n"
        #expect(throws: FieldError.self) { _ = try service.importSettlements(csv: bad) }
        #expect(try f.count("directSettlement") == 2)
    }

    @Test("Direct-settlement import in chunks: a transaction and an audit row per chunk; stopped part-way, the file again finishes it")
    func settlementChunks() throws {
        let f = try Fixture()
        let service = BenefitService(f.clerk)
        let lines = (1...7).map { "天津市妇产科医院,C\($0),\(Fixture.lina.value),2026-10-09,1\($0)0" }
        let csv = { (n: Int) in "hospital,billNo,citizenID,settledOn,amountYuan\n" + lines.prefix(n).joined(separator: "\n") + "\n" }
        // As if the first import had been stopped after its first chunks: four bills are in.
        #expect(try service.importSettlements(csv: csv(4), chunkSize: 3) == .init(inserted: 4, alreadyKnown: 0))
        #expect(try f.count("audit", where: "action = 'settlements.import.chunk'") == 1)
        #expect(try service.importSettlements(csv: csv(7), chunkSize: 3) == .init(inserted: 3, alreadyKnown: 4))
        #expect(try f.count("audit", where: "action = 'settlements.import.chunk'") == 3)
        #expect(try f.count("audit", where: "action = 'settlements.import'") == 2)
        #expect(try f.count("directSettlement") == 7)
        #expect(try AuditService(f.admin).verify().isIntact)
    }

    @Test("A wage must be positive and for a real year; the declaration is audited")
    func wageValidation() throws {
        let f = try Fixture().withEmployers()
        let service = BenefitService(f.clerk)
        #expect(throws: FieldError(.wage, "reason.money.zero")) { try service.declareWage(employer: Fixture.tianjinCo, year: 2025, wage: .zero) }
        #expect(throws: FieldError(.wage, "reason.wage.year", texts: "2031")) {
            try service.declareWage(employer: Fixture.tianjinCo, year: 2031, wage: yuan(6000))
        }
        let before = try f.auditCount()
        try service.declareWage(employer: Fixture.tianjinCo, year: 2025, wage: yuan(6000))
        #expect(try f.auditCount() == before + 1)
    }
}
