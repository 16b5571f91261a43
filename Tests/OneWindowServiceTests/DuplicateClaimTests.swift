import OneWindowCore
import OneWindowResources
import OneWindowService
import OneWindowStore
import Testing

@Suite("Duplicate claim guard: the same event and kind already claimed is named before filing")
struct DuplicateClaimTests {
    static let account = try! BankAccount("6222 0200 1234 5678")

    func ready() throws -> Fixture {
        let f = try Fixture().withEmployers()
        try f.paidUp()
        try BenefitService(f.clerk).declareWage(employer: Fixture.tianjinCo, year: 2025, wage: yuan(6000))
        return f
    }

    func request(_ date: String, allowance: Bool = true, bills: [MedicalBill] = []) throws -> ClaimRequest {
        ClaimRequest(claimant: Fixture.lina, event: try Fixture.birth(date), allowance: allowance, bills: bills, account: Self.account)
    }

    func bill(_ no: String) throws -> MedicalBill {
        try MedicalBill(item: .delivery(.natural), hospital: "天津市妇产科医院", billNo: no, actual: yuan(3000))
    }

    @Test("Refused, naming the earlier receipt and its date; nothing written; the query names the same claim")
    func refused() throws {
        let f = try ready()
        let first = try ClaimService(f.clerk).submit(try request("2026-10-08"))
        let retry = try request("2026-10-09")
        let earlier = try ClaimService(f.clerk).earlierClaims(for: retry)
        #expect(earlier.count == 1)
        #expect(earlier[0].receiptNo == first.receipt.receiptNo && earlier[0].kind == .allowance && earlier[0].status == .submitted)
        #expect(earlier[0].submittedOn == Fixture.today && earlier[0].eventDate.description == "2026-10-08")
        let (claims, audit) = (try f.count("claim"), try f.auditCount())
        let error = try #require(throws: DuplicateClaimError.self) { try ClaimService(f.clerk).submit(retry) }
        #expect(error.earlier == earlier)
        for language in [Language.zh, .en] {
            let text = try StringTable(language: language).render(error.message)
            #expect(text.contains("SY20261122-0001") && text.contains("2026-11-22") && text.contains("2026-10-08"), "\(text)")
        }
        #expect(try f.count("claim") == claims && f.auditCount() == audit)
    }

    @Test("Allowed knowingly: filed, and the audit log says which earlier receipt it repeats")
    func allowed() throws {
        let f = try ready()
        _ = try ClaimService(f.clerk).submit(try request("2026-10-08"))
        let second = try ClaimService(f.clerk).submit(try request("2026-10-09"), allowDuplicate: true)
        #expect(second.receipt.receiptNo.value == "SY20261122-0002")
        #expect(second.claims[0].claim.flags.map(\.flag).contains(.duplicateEvent))
        let row = try f.store.read { tx in try tx.auditRecords.with(action: "claim.duplicateAllowed").first }
        #expect(row?.entity == "receipt:SY20261122-0002" && row?.operator == "clerk")
        #expect(row?.afterJSON?.contains("SY20261122-0001") == true)
    }

    @Test("Another kind for the same event is fine; a bundle is refused for the kind already claimed")
    func otherKind() throws {
        let f = try ready()
        _ = try ClaimService(f.clerk).submit(try request("2026-10-08"))
        let medical = try request("2026-10-08", allowance: false, bills: [try bill("B1")])
        #expect(try ClaimService(f.clerk).earlierClaims(for: medical).isEmpty)
        _ = try ClaimService(f.clerk).submit(medical)
        // Now both kinds are on file: a bundle names both.
        let bundle = try request("2026-10-08", bills: [try bill("B2")])
        #expect(Set(try ClaimService(f.clerk).earlierClaims(for: bundle).map(\.kind)) == [.allowance, .medical])
    }

    @Test("A rejected or cancelled claim does not block; a paid one does; another event does not",
          arguments: [ClaimStatus.rejected, .cancelled])
    func ended(_ status: ClaimStatus) throws {
        let f = try ready()
        let first = try ClaimService(f.clerk).submit(try request("2026-10-08")).claims[0].claim.id!
        if status == .rejected {
            try ClaimService(f.supervisor).reject(first, reason: .notEligible, note: "")
        } else {
            try ClaimService(f.clerk).cancel(first)
        }
        #expect(try ClaimService(f.clerk).earlierClaims(for: try request("2026-10-09")).isEmpty)
        _ = try ClaimService(f.clerk).submit(try request("2026-10-09"))
    }

    @Test("A paid claim blocks; a birth 180 days or more from it is another event")
    func paidAndOtherEvent() throws {
        let f = try ready()
        let id = try ClaimService(f.clerk).submit(try request("2026-10-08")).claims[0].claim.id!
        try ClaimService(f.supervisor).approve(id)
        _ = try PaymentService(f.supervisor).run()
        #expect(try ClaimService(f.clerk).earlierClaims(for: try request("2026-10-20")).map(\.status) == [.paid])
        #expect(try ClaimService(f.clerk).earlierClaims(for: try request("2026-04-11")).isEmpty)   // 180 days before
        #expect(try ClaimService(f.clerk).earlierClaims(for: try request("2026-04-12")).count == 1)  // 179 days before
    }
}
