import Foundation
import OneWindowCore
import OneWindowResources
import OneWindowService
import OneWindowStore
import Testing

@Suite("Worklists of the day and the one-time notification (一次性告知书)")
struct WorklistAndNoticeTests {
    static let account = try! BankAccount("6222 0200 1234 5678")

    /// Lina and Wei paid up in Tianjin; Lina's claim taken by clerk wang, Wei's by clerk li.
    func twoClaims() throws -> (Fixture, lina: Int64, wei: Int64) {
        let f = try Fixture().withEmployers()
        try f.paidUp()
        try f.paidUp(Fixture.wei, name: "魏芳", enrol: true)
        try BenefitService(f.clerk).declareWage(employer: Fixture.tianjinCo, year: 2025, wage: yuan(6000))
        let lina = try ClaimService(f.context(.clerk, name: "wang")).submit(
            ClaimRequest(claimant: Fixture.lina, event: try Fixture.birth("2026-10-08"), allowance: true, account: Self.account))
        let wei = try ClaimService(f.context(.clerk, name: "li")).submit(
            ClaimRequest(claimant: Fixture.wei, event: try Fixture.birth("2026-10-01"), allowance: true,
                         account: try BankAccount("6217000010001234567")))
        return (f, lina.claims[0].claim.id!, wei.claims[0].claim.id!)
    }

    @Test("Returned for documents: the clerk's own, and the office's, each with its receipt")
    func returned() throws {
        let (f, lina, wei) = try twoClaims()
        let sup = f.context(.supervisor, name: "zhao")
        try ClaimService(sup).returnForDocuments(lina, note: "补交分娩记录")
        try ClaimService(sup).returnForDocuments(wei, note: "补交银行卡")
        let wang = Worklists(f.context(.clerk, name: "wang"))
        #expect(try wang.returnedClaims(.mine).map(\.claim.id) == [lina])
        #expect(try wang.returnedClaims(.mine).first?.claim.receiptNo.value == "SY20261122-0001")
        #expect(try wang.returnedClaims(.office).map(\.claim.id) == [lina, wei])
        try ClaimService(f.context(.clerk, name: "wang")).resubmit(lina)
        #expect(try wang.returnedClaims(.mine).isEmpty)
    }

    @Test("My receipts today: only the signed-on clerk's, only today's")
    func receiptsToday() throws {
        let (f, _, _) = try twoClaims()
        #expect(try Worklists(f.context(.clerk, name: "wang")).myReceiptsToday().map(\.receipt.receiptNo.value) == ["SY20261122-0001"])
        #expect(try Worklists(f.context(.clerk, name: "li")).myReceiptsToday().map(\.receipt.receiptNo.value) == ["SY20261122-0002"])
        let tomorrow = Clock.fixed(Fixture.today.adding(days: 1))
        #expect(try Worklists(f.context(.clerk, name: "wang", clock: tomorrow)).myReceiptsToday().isEmpty)
    }

    @Test("A supervisor's decisions today, from the audit log: a return survives the resubmission; clerks are refused")
    func decisionsToday() throws {
        let (f, lina, wei) = try twoClaims()
        let zhao = f.context(.supervisor, name: "zhao")
        try ClaimService(zhao).returnForDocuments(lina, note: "补交分娩记录")
        try ClaimService(f.context(.clerk, name: "wang")).resubmit(lina)
        try ClaimService(zhao).approve(wei)
        try ClaimService(f.context(.supervisor, name: "qian")).approve(lina)
        let mine = try Worklists(zhao).myDecisionsToday()
        #expect(mine.map(\.decision) == [.returned, .approved])
        #expect(mine.map(\.receiptNo.value) == ["SY20261122-0001", "SY20261122-0002"])
        #expect(mine[0].claim.claim.status == .approved)    // where it stands now
        #expect(try Worklists(f.context(.supervisor, name: "qian")).myDecisionsToday().map(\.decision) == [.approved])
        let tomorrow = Clock.fixed(Fixture.today.adding(days: 1))
        #expect(try Worklists(f.context(.supervisor, name: "zhao", clock: tomorrow)).myDecisionsToday().isEmpty)
        #expect(throws: DomainError.self) { _ = try Worklists(f.context(.clerk, name: "wang")).myDecisionsToday() }
    }

    func noticeFixture(_ mode: StoreMode = .live) throws -> Fixture {
        let f = try Fixture(mode: mode).withEmployers()
        try RegistrationService(f.clerk).enrol(id: Fixture.lina, name: "李娜", category: .employee, employer: Fixture.tianjinCo,
                                               base: yuan(8000), from: month("2026-01"))
        return f
    }

    @Test("The notice lists every missing item with what it is for, what is on file, the office, date and clerk")
    func noticeText() throws {
        let f = try noticeFixture()
        let v = try ClaimLookup(f.context(.clerk, name: "wang")).notice(for: Fixture.lina, type: .bundle, missing: [.payeeAccount, .birthProof])
        #expect(v.missing == [.birthProof, .payeeAccount])    // the checklist's order
        let zh = NoticeText.notice(v, try StringTable(language: .zh))
        let lines = zh.split(separator: "\n").map(String.init)
        #expect(lines.first == "一次性告知书")
        #expect(lines.contains("申请人：李娜（110105********0025）") && !zh.contains("110105199003070025"))
        #expect(zh.contains("出生医学证明和分娩记录") && zh.contains("用途：证明出生日期和胎数"))
        #expect(zh.contains("领取人银行卡") && zh.contains("用途：生育津贴打入此账户"))
        #expect(!zh.contains("医疗费用票据原件"))     // brought: not listed
        #expect(zh.contains("无需提交（系统已有）") && zh.contains("经办机构：天津市") && zh.contains("告知日期：2026-11-22  经办人：wang"))
        #expect(!zh.contains("培训专用"))
        let en = NoticeText.notice(v, try StringTable(language: .en))
        #expect(en.contains("Office: Tianjin") && en.contains("What it is for:"))
        #expect(throws: DomainError("error.notice.nothingMissing")) {
            _ = try ClaimLookup(f.clerk).notice(for: Fixture.lina, type: .allowance, missing: [.bills])
        }
    }

    @Test("Printed into the receipts folder as receipts are; on a training store marked in the name and the text")
    func noticeFile() throws {
        let f = try noticeFixture()
        // Beside the file; a database's counters print into their own data folder (not the test's to write).
        let folder = Fixture.onSQLite ? Printout.folder(storePath: f.store.path) : f.dir.appendingPathComponent("receipts")
        #expect(folder.lastPathComponent == "receipts" && folder.deletingLastPathComponent().path == f.dir.path)
        let v = try ClaimLookup(f.clerk).notice(for: Fixture.lina, type: .allowance, missing: [.eventProof])
        let url = try NoticeText.print(v, try StringTable(language: .zh), folder: folder)
        #expect(url.lastPathComponent == "告知书-20261122-110105xxxxxxxx0025-allowance.txt")
        #expect(try String(contentsOf: url, encoding: .utf8) == NoticeText.notice(v, try StringTable(language: .zh)) + "\n")

        let t = try noticeFixture(.training)
        let tv = try ClaimLookup(t.context(.trainee)).notice(for: Fixture.lina, type: .allowance, missing: [.eventProof])
        let turl = try NoticeText.print(tv, try StringTable(language: .zh), folder: t.dir.appendingPathComponent("receipts"))
        #expect(turl.lastPathComponent == "告知书-20261122-110105xxxxxxxx0025-allowance-TRAINING.txt")
        let text = try String(contentsOf: turl, encoding: .utf8)
        let training = try StringTable(language: .zh)("out.receipt.training")
        #expect(text.hasPrefix(training + "\n") && text.hasSuffix(training + "\n"))
    }
}
