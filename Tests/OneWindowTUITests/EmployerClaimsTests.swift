import Foundation
import OneWindowCore
import OneWindowResources
import OneWindowService
import OneWindowStore
@testable import OneWindowTUI
import Testing

/// Claims looked up by employer (issue 4 item 7): the one-line tally on the employer view (OW20) and the
/// list of the employer's claims (OW38), over claims filed, decided and paid through the services.
@Suite("OW20 claims line and OW38 employer's claims")
struct EmployerClaimsTests {
    static let zh = try! StringTable(language: .zh)
    static let en = try! StringTable(language: .en)

    /// The approval fixture's two claims, both by employees of the Tianjin company, approved by qian and
    /// paid in one run; the bank then returned Lina's allowance (order 1, "账户已销户"). So: claim 2, Wei's
    /// medical costs, paid 2,800.00; claim 1, Lina's allowance, approved with a failed payment.
    static func fixture() throws -> TUIFixture {
        let f = try ApprovalScreensTests.fixture()
        let qian = try f.context(.supervisor, name: "qian")
        for c in try ApprovalScreensTests.claims(f) { try ClaimService(qian).approve(c.id!) }
        _ = try PaymentService(qian).run()
        try PaymentService(qian).markReturned(1, reason: "账户已销户")
        return f
    }

    /// Files a medical-costs claim for Wei's birth with its own bill; returns the claim's id. The claims
    /// after the first repeat the event: filed as knowingly allowed duplicates.
    @discardableResult
    static func fileMedical(_ f: TUIFixture, bill: String, yuan: Int64 = 500) throws -> Int64 {
        let bill = try MedicalBill(item: .prenatal, hospital: "天津市妇产科医院", billNo: bill, actual: Money(yuan: yuan))
        let receipt = try ClaimService(try f.context(.clerk, name: "wang")).submit(ClaimRequest(
            claimant: CitizenID(ApprovalScreensTests.wei, today: TUIFixture.today), event: try ApprovalScreensTests.birth("2026-11-02"),
            allowance: false, bills: [bill], account: BankAccount("6217000010001234567")), allowDuplicate: true)
        return try #require(receipt.claims.first?.claim.id)
    }

    static func employer(_ f: TUIFixture, _ code: String = TUIFixture.tianjinCo, language: Language = .zh,
                         size: Size = .minimum) throws -> Application {
        let (app, _) = try f.app(as: .clerk, name: "wang", language: language, size: size)
        app.openEmployer(code)
        #expect(app.top.screenID == "OW20")
        return app
    }

    static func table(_ language: Language) -> StringTable { language == .zh ? zh : en }

    // MARK: goldens

    @Test("OW20 with the claims line: one paid, one payment failed (zh, en)", arguments: [Language.zh, .en])
    func employerGolden(language: Language) throws {
        let f = try Self.fixture()
        let app = try Self.employer(f, language: language)
        try Golden.check("OW20-employer-claims-\(language.rawValue)", app.frame())
    }

    @Test("OW38 with two claims, the failed one selected with the bank's reason (zh, en)", arguments: [Language.zh, .en])
    func claimsGolden(language: Language) throws {
        let f = try Self.fixture()
        let app = try Self.employer(f, language: language)
        app.press(.function(4))
        #expect(app.top is EmployerClaimsScreen)
        try Golden.check("OW38-employer-claims-\(language.rawValue)", app.press(.down))
    }

    // MARK: behaviour

    @Test("The OW20 line counts by state and totals what was paid; F4 opens OW38 newest first")
    func tallyAndOrder() throws {
        let f = try Self.fixture()
        let app = try Self.employer(f)
        let line = app.frame().line(6)
        #expect(line.contains(Self.zh("tui.employerClaims.headBy", "2", "支付失败 1、已支付 1")))
        #expect(line.contains(Self.zh("tui.employerClaims.paid", "2,800.00")))
        #expect(line.contains(Self.zh("tui.employerClaims.key")))
        let list = app.press(.function(4))
        #expect(app.top.screenID == "OW38")
        let rows = list.lines.enumerated().filter { $0.element.contains("SY20261122-") }.map(\.offset)
        #expect(rows.count == 2)
        // Newest first: Wei's medical costs (receipt 0002), then Lina's allowance (0001).
        #expect(list.line(rows[0]).contains("SY20261122-0002") && list.line(rows[0]).contains("2026-11-22"))
        #expect(list.line(rows[1]).contains("SY20261122-0001") && list.line(rows[1]).contains(Self.zh("paymentStatus.failed")))
        // The failed payment's row is drawn as an error when not selected; the selected row as selected.
        #expect(list.styleLine(rows[1]).dropFirst().hasPrefix("eeeeeeeeeeeeeee"))
        #expect(list.styleLine(rows[0]).dropFirst().hasPrefix("SSSSSSSSSSSSSSS"))
        // The selected claim's claimant with her masked ID, never the full number.
        #expect(list.lines.joined().contains("王薇 210102********0042"))
        #expect(!list.lines.joined().contains(ApprovalScreensTests.wei))
    }

    @Test("The selected failed claim shows the bank's reason; Enter opens its receipt, F3 comes back to OW38 then OW20")
    func enterOpensReceipt() throws {
        let f = try Self.fixture()
        let app = try Self.employer(f)
        app.press(.function(4))
        var screen = app.press(.down)
        #expect(screen.lines.joined().contains(Self.zh("tui.claim.failure", "账户已销户")))
        screen = app.press(.enter)
        #expect(app.top.screenID == "OW32")
        #expect(screen.lines.joined().contains("SY20261122-0001"))
        #expect(screen.lines.joined().contains(Self.zh("tui.claim.failure", "账户已销户")))
        app.press(.function(3))
        #expect(app.top.screenID == "OW38")
        // The selection is kept: Enter again opens the same receipt.
        app.press(.enter)
        #expect((app.top as? ReceiptScreen)?.number.value == "SY20261122-0001")
        app.press(.function(3), .function(3))
        #expect(app.top.screenID == "OW20")
    }

    @Test("After a re-issue to a corrected account the claim counts as approved again and the detail names the new account")
    func reissued() throws {
        let f = try Self.fixture()
        try PaymentService(f.context(.supervisor, name: "qian")).reissue(1, account: BankAccount("6222020200556677889"))
        let app = try Self.employer(f)
        #expect(app.frame().line(6).contains(Self.zh("tui.employerClaims.headBy", "2", "已核准 1、已支付 1")))
        let list = app.press(.function(4), .down).lines.joined()
        #expect(list.contains("领取：本人 ****7889"))
        #expect(list.contains(Self.zh("tui.claim.payment", Self.zh("paymentStatus.pending"))))
        #expect(!list.contains(Self.zh("tui.claim.failure", "账户已销户")))
    }

    @Test("An employer without claims says so on OW20 and on OW38, where Enter does nothing", arguments: [Language.zh, .en])
    func noClaims(language: Language) throws {
        let f = try Self.fixture()
        let strings = Self.table(language)
        let app = try Self.employer(f, TUIFixture.shantouInst, language: language)
        #expect(app.frame().line(6).contains(strings.render(Message("tui.employerClaims.none"))))
        let list = app.press(.function(4))
        #expect(app.top.screenID == "OW38")
        #expect(list.lines.joined().contains(strings.render(Message("tui.employerClaims.empty"))))
        #expect(!list.line(23).contains("Enter"))
        app.press(.enter)
        #expect(app.top.screenID == "OW38")
        app.press(.function(3))
        #expect(app.top.screenID == "OW20")
    }

    @Test("Every state counted; when the count by state does not fit OW20 the line keeps the total, failures, paid and F4")
    func allStates() throws {
        let f = try Self.fixture()
        let qian = try ClaimService(f.context(.supervisor, name: "qian"))
        let wang = try ClaimService(f.context(.clerk, name: "wang"))
        try Self.fileMedical(f, bill: "B-S")                                  // awaiting
        try qian.returnForDocuments(try Self.fileMedical(f, bill: "B-R"), note: "缺少费用清单")
        try qian.reject(try Self.fileMedical(f, bill: "B-X"), reason: .notCovered, note: "")
        try wang.cancel(try Self.fileMedical(f, bill: "B-C"))
        try qian.approve(try Self.fileMedical(f, bill: "B-A"))                 // approved, payment pending

        let app = try Self.employer(f, language: .en)
        let line = app.frame().line(6)
        #expect(line.trimmingCharacters(in: .whitespaces) ==
                "Claims: 7; 1 payment failed; paid 2,800.00 yuan; F4 lists them")
        let list = app.press(.function(4)).lines.joined(separator: "\n")
        // OW38 has it all, over two rows broken between states, never between a count and its state.
        #expect(list.contains("""
             Claims: 7 (1 awaiting, 1 returned, 1 approved, 1 payment failed, 1 paid,
             1 rejected, 1 withdrawn); paid 2,800.00 yuan
            """))
    }

    @Test("The detail under the table cuts the first lines to one row before it would lose the bank's reason")
    func detailFit() {
        let lines = [ScrollText.Line(String(repeating: "who and where ", count: 8)),
                     ScrollText.Line(String(repeating: "decided ", count: 12)),
                     ScrollText.Line("returned by the bank: account closed", style: .error)]
        let fitted = EmployerClaimsScreen.fit(lines, rows: 3, width: 40)
        #expect(fitted.map(\.text) == ["who and where who and where who and w...", "decided decided decided decided decid...",
                                       "returned by the bank: account closed"])
        #expect(fitted.allSatisfy { DisplayWidth.of($0.text) <= 40 })
        // When they fit, nothing is cut.
        #expect(EmployerClaimsScreen.fit(lines, rows: 8, width: 40).count == 3 + 3 + 1)
    }

    @Test("↑↓ and PgUp/PgDn move through more claims than a page holds; the page is shown above the table")
    func paging() throws {
        let f = try Self.fixture()
        for i in 1...12 { try Self.fileMedical(f, bill: "B-\(i)") }
        let app = try Self.employer(f)
        app.press(.function(4))
        let screen = try #require(app.top as? EmployerClaimsScreen)
        var canvas = app.frame()
        #expect(canvas.lines.joined().contains(Self.zh("tui.claim.page", "1", "2")))
        #expect(canvas.line(23).contains("F7/F8"))
        let page = screen.table.pageSize
        #expect(page < 14)
        canvas = app.press(.pageDown)
        #expect(screen.table.selected == page)
        #expect(canvas.lines.joined().contains(Self.zh("tui.claim.page", "2", "2")))
        // The oldest claim, Lina's allowance (receipt 0001), is on the last page.
        #expect(canvas.lines.joined().contains("SY20261122-0001"))
        app.press(.end)
        #expect(screen.table.selected == 13)
        app.press(.pageUp, .up)
        #expect(screen.table.selected == 13 - page - 1)
        app.press(.home)
        #expect(screen.table.selected == 0)
        #expect(app.frame().lines.joined().contains(Self.zh("tui.claim.page", "1", "2")))
    }

    @Test("F1 on OW20 and on OW38 opens the help screen: what the screen is for and its keys, F9 and F4 among them; whole lines",
          arguments: [Language.zh, .en])
    func help(language: Language) throws {
        let f = try Self.fixture()
        let strings = Self.table(language)
        let app = try Self.employer(f, language: language)
        var text = app.press(.function(1)).lines.joined(separator: "\n")
        #expect(app.top is HelpScreen)
        #expect(text.contains(strings.render(Message("tui.help.about"))))
        for key in ["F6", "F9", "F4", "F3/Esc"] { #expect(text.contains("  \(key) "), "\(key)") }
        app.press(.function(1), .function(4))
        text = app.press(.function(1)).lines.joined(separator: "\n")
        #expect(app.top is HelpScreen && text.contains("Enter"))
        #expect(text.contains(String(strings.render(Message("about.OW38")).prefix(8))))
    }

    @Test("A wide terminal shows the masked ID beside the claimant's name in the table")
    func wideShowsID() throws {
        let f = try Self.fixture()
        let app = try Self.employer(f, size: Size(rows: 30, cols: 120))
        let list = app.press(.function(4))
        let row = try #require(list.lines.first { $0.contains("SY20261122-0001") })
        #expect(row.contains("李娜 110105********0025"))
    }
}
