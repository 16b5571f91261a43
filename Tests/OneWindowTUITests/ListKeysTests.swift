import Foundation
import OneWindowCore
import OneWindowResources
import OneWindowService
import OneWindowStore
@testable import OneWindowTUI
import Testing

/// A key means one thing on every list (issue 9, items 2 and 5): F7/F8 (PgUp/PgDn) page, and Enter opens
/// only the highlighted row while it is on screen. A key typed ahead of the next frame (`handle` without
/// `frame`) is what a clerk who cannot see the row yet would press.
@Suite("Lists: F7/F8 page everywhere, Enter only on a row on screen")
struct ListKeysTests {
    /// The approval fixture and twelve more medical-costs claims by Wei: 14 awaiting a decision.
    static func manyClaims() throws -> TUIFixture {
        let f = try ApprovalScreensTests.fixture()
        for i in 1...12 { try EmployerClaimsTests.fileMedical(f, bill: "B-\(i)") }
        return f
    }

    static func text(_ app: Application) -> String { app.frame().lines.joined(separator: "\n") }

    @Test("OW38: F8 typed ahead then Enter opens nothing; once the page is drawn Enter opens the highlighted claim")
    func employerClaimsEnterOnScreenOnly() throws {
        let f = try EmployerClaimsTests.fixture()
        for i in 1...12 { try EmployerClaimsTests.fileMedical(f, bill: "B-\(i)") }
        let app = try EmployerClaimsTests.employer(f)
        app.press(.function(4))
        let screen = try #require(app.top as? EmployerClaimsScreen)
        app.handle(.function(8))
        app.handle(.enter)
        #expect(app.top === screen, "the claim F8 moved to was never on screen")
        let shown = app.frame()
        let receipt = screen.claims[screen.table.selected].claim.receiptNo.value
        #expect(shown.lines.joined().contains(receipt))
        app.press(.enter)
        #expect(app.top.screenID == "OW32")
        #expect(Self.text(app).contains(receipt))
    }

    @Test("OW35: F7/F8 page the queue (page shown on the total line); Enter opens only the claim highlighted on screen")
    func queuePaging() throws {
        let f = try Self.manyClaims()
        let app = try ApprovalScreensTests.queue(f)
        let queue = try #require(app.top as? ApprovalQueueScreen)
        #expect(queue.claims.count == 14)
        #expect(Self.text(app).contains("第 1/2 页"))
        #expect(app.frame().line(23).contains("F7/F8"))
        app.press(.function(8))
        #expect(Self.text(app).contains("第 2/2 页"))
        #expect(queue.cursor.selected == queue.cursor.pageSize)
        app.press(.function(7))
        #expect(Self.text(app).contains("第 1/2 页") && queue.cursor.selected == 0)
        // Typed ahead: PgDn then Enter before the page was drawn.
        app.handle(.pageDown)
        app.handle(.enter)
        #expect(app.top === queue)
        _ = app.frame()
        let picked = queue.claims[queue.cursor.selected].claim
        app.press(.enter)
        let decision = try #require(app.top as? ClaimDecisionScreen)
        #expect(decision.id == picked.id)
    }

    @Test("OW36: F7/F8 page the claim (not a decision any more); F9 returns it for documents (F11 is full screen in many terminals)", arguments: [Language.en])
    func decisionPaging(language: Language) throws {
        let f = try ApprovalScreensTests.fixture()
        let app = try ApprovalScreensTests.queue(f, language: language)
        app.press(.enter)
        let screen = try #require(app.top as? ClaimDecisionScreen)
        #expect(Self.text(app).contains("page 1/2"))
        #expect(app.frame().line(23).contains("F9 Return") && app.frame().line(23).contains("F7/F8 Page"))
        app.press(.function(8))
        #expect(Self.text(app).contains("page 2/2") && Self.text(app).contains("Allowance: 6,000.00 ÷ 30 ×"))
        app.press(.function(7))
        #expect(Self.text(app).contains("page 1/2"))
        #expect(screen.editor == nil, "F7 pages; it opens no form")
        app.press(.function(9))
        #expect(screen.editor?.kind == .returnForDocuments)
    }

    @Test("OW37: F7/F8 page the payment orders; 2 and 3 act only on the order highlighted on screen")
    func paymentsPaging() throws {
        let f = try Self.manyClaims()
        let qian = try f.context(.supervisor, name: "qian")
        for c in try ApprovalScreensTests.claims(f) { try ClaimService(qian).approve(c.id!) }
        let app = try ApprovalScreensTests.payments(f)
        let screen = try #require(app.top as? PaymentsScreen)
        #expect(screen.table.rows.count == 14 && screen.table.cursor.pages)
        app.press(.function(8))
        #expect(screen.table.top > 0 && screen.table.selected == screen.table.pageSize)
        #expect(app.frame().line(23).contains("F7/F8"))
        app.press(.function(7))
        #expect(screen.table.top == 0 && screen.table.selected == 0)
        // A pending order cannot be returned by the bank; typed ahead of the page, 2 finds no order at all.
        app.handle(.function(8))
        app.handle(.char("2"))
        #expect(app.frame().line(22).contains(TUITestStrings.zh("tui.payments.noneSelected")))
    }

    @Test("OW10: F7/F8 page the claims tab; Enter typed before the tab was drawn opens nothing, then the highlighted claim")
    func personClaimsPaging() throws {
        let f = try Self.manyClaims()
        let (app, _) = try f.app(as: .clerk, name: "wang")
        app.type(ApprovalScreensTests.wei)
        app.press(.enter)
        let person = try #require(app.top as? PersonScreen)
        // Contributions → payments → claims, the Enter typed ahead of the claims being drawn.
        app.handle(.tab)
        app.handle(.tab)
        app.handle(.enter)
        #expect(app.top === person)
        var text = Self.text(app)
        // Her 13 claims, 6 a page at 80×24.
        #expect(text.contains("第 1/3 页") && app.frame().line(23).contains("F7/F8"))
        app.press(.function(8))
        text = Self.text(app)
        #expect(text.contains("第 2/3 页"))
        let claims = person.record?.claims ?? []
        let picked = claims[person.claimsTable.selected].claim.receiptNo.value
        #expect(text.contains(picked))
        app.press(.enter)
        #expect(app.top.screenID == "OW32" && Self.text(app).contains(picked))
    }

    @Test("OW10: F7/F8 page her payer accounts' months on the payments tab, the page beside the tabs")
    func personPaymentsPaging() throws {
        let f = try TUIFixture()
        let contributions = ContributionService(try f.context(.clerk, name: "wang"))
        for m in 1...8 { _ = try contributions.run(month: YearMonth(year: 2026, month: m)!) }
        let (app, _) = try f.app(as: .clerk, name: "wang")
        app.type(TUIFixture.lina)
        app.press(.enter)
        #expect(app.top is PersonScreen)
        var text = app.press(.tab).lines.joined(separator: "\n")
        #expect(text.contains("第 1/2 页") && text.contains("2026-11") && !text.contains("2026-02"))
        #expect(app.frame().line(23).contains("F7/F8"))
        text = app.press(.function(8)).lines.joined(separator: "\n")
        #expect(text.contains("第 2/2 页") && text.contains("2026-02"))
        text = app.press(.function(7)).lines.joined(separator: "\n")
        #expect(text.contains("第 1/2 页") && text.contains("2026-11"))
    }
}

/// String lookups for expectations.
enum TUITestStrings {
    static let zhTable = try! StringTable(language: .zh)
    static func zh(_ key: String, _ args: String...) -> String { zhTable.render(Message(key, args.map { .text($0) })) }
}
