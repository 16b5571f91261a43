import Foundation
import OneWindowCore
import OneWindowResources
import OneWindowService
import OneWindowStore
@testable import OneWindowTUI
import Testing

/// The supervisor's screens: OW35 approval queue, OW36 claim decision, OW37 payments, driven through the
/// application on a virtual terminal over claims filed through ClaimService.
@Suite("OW35–OW37 approval queue, claim decision, payments")
struct ApprovalScreensTests {
    static let wei = "210102199204150042"
    static let account = "6222020012345678"

    /// The seeded store plus a second supervisor (qian), a declared 2025 wage, paid months, and two claims:
    /// 1. Lina's allowance for a birth on 2026-10-08, taken by the clerk wang: flagged, her maternity
    ///    insurance began 2026-01, nine months before the event;
    /// 2. Wei's medical costs for a delivery bill, taken by the supervisor zhao (four eyes: not hers to decide).
    static func fixture() throws -> TUIFixture {
        let f = try TUIFixture()
        try OperatorService(try f.context(.admin, name: "root")).add(name: "qian", role: .supervisor, password: "super-password-2")
        let clerk = try f.context(.clerk, name: "wang")
        try BenefitService(clerk).declareWage(employer: CreditCode(TUIFixture.tianjinCo), year: 2025, wage: Money(yuan: 6000))
        try RegistrationService(clerk).enrol(id: CitizenID(wei, today: TUIFixture.today), name: "王薇", category: .employee,
                                             employer: CreditCode(TUIFixture.tianjinCo), base: Money(yuan: 7000),
                                             from: YearMonth(year: 2025, month: 1)!)
        let contributions = ContributionService(clerk)
        let payer = PayerAccount.employer(try CreditCode(TUIFixture.tianjinCo))
        for m in 9...10 {
            let month = YearMonth(year: 2026, month: m)!
            _ = try contributions.run(month: month)
            let due = try contributions.statement(payer).first { $0.month == month }!.outstanding
            if due > .zero { _ = try contributions.recordPayment(payer: payer, month: month, amount: due, paidOn: TUIFixture.today) }
        }
        let birth = try Self.birth("2026-10-08")
        _ = try ClaimService(clerk).submit(ClaimRequest(claimant: CitizenID(TUIFixture.lina, today: TUIFixture.today), event: birth,
                                                        allowance: true, account: BankAccount(account)))
        let bill = try MedicalBill(item: .delivery(.natural), hospital: "天津市妇产科医院", billNo: "B2026-117", actual: Money(yuan: 2800))
        _ = try ClaimService(try f.context(.supervisor, name: "zhao")).submit(ClaimRequest(
            claimant: CitizenID(wei, today: TUIFixture.today), event: try Self.birth("2026-11-02"), allowance: false, bills: [bill],
            account: BankAccount("6217000010001234567")))
        return f
    }

    static func birth(_ date: String) throws -> MaternityEvent {
        let d = try CalendarDate.parse(date)
        return try MaternityEvent(date: d, birth: Birth(babies: 1, delivery: .natural, dystocia: false,
                                                        gestation: Gestation(start: d.adding(months: -9), end: d)))
    }

    /// Home as a supervisor, then the queue through the menu (Tab to the menu, the item's digit).
    static func queue(_ f: TUIFixture, name: String = "zhao", language: Language = .zh) throws -> Application {
        try open("tui.approval.menu", f, name: name, language: language)
    }

    static func payments(_ f: TUIFixture, language: Language = .zh) throws -> Application {
        try open("tui.payments.menu", f, name: "zhao", language: language)
    }

    static func open(_ item: String, _ f: TUIFixture, name: String, language: Language) throws -> Application {
        let (app, _) = try f.app(as: .supervisor, name: name, language: language)
        let home = try #require(app.top as? HomeScreen)
        let index = try #require(home.menu(app.ui).firstIndex { $0.key == item })
        app.press(.tab, .char(Character("\(index + 1)")))
        return app
    }

    static func claims(_ f: TUIFixture) throws -> [Claim] {
        try f.store.read { tx in try tx.claims.all() }
    }

    static func orders(_ f: TUIFixture) throws -> [PaymentOrder] {
        try f.store.read { tx in try Array(tx.paymentOrders.list().reversed()) }
    }

    static func auditActions(_ f: TUIFixture) throws -> [String] {
        try f.store.read { tx in try tx.auditRecords.all().map(\.action) }
    }

    // MARK: goldens

    @Test("Approval queue with a flagged claim (zh, en)", arguments: [Language.zh, .en])
    func queueGolden(language: Language) throws {
        let f = try Self.fixture()
        let app = try Self.queue(f, language: language)
        #expect(app.top is ApprovalQueueScreen)
        try Golden.check("OW35-queue-\(language.rawValue)", app.frame())
    }

    @Test("Decision screen of the flagged allowance claim (zh, en)", arguments: [Language.zh, .en])
    func decisionGolden(language: Language) throws {
        let f = try Self.fixture()
        let app = try Self.queue(f, language: language)
        app.press(.enter)
        #expect(app.top is ClaimDecisionScreen)
        try Golden.check("OW36-decision-\(language.rawValue)", app.frame())
    }

    @Test("Decision screen scrolled to the end, and the reject form open (zh, en)", arguments: [Language.zh, .en])
    func rejectFormGolden(language: Language) throws {
        let f = try Self.fixture()
        let app = try Self.queue(f, language: language)
        app.press(.enter)
        app.press(.end)
        app.press(.function(6), .char("6"), .tab)
        app.type(language == .zh ? "出生医学证明与身份证姓名不符" : "name on the birth certificate differs")
        app.press(.enter)
        try Golden.check("OW36-reject-\(language.rawValue)", app.frame())
    }

    @Test("Payments after approval and a run, one returned by the bank (zh, en)", arguments: [Language.zh, .en])
    func paymentsGolden(language: Language) throws {
        let f = try Self.fixture()
        let qian = try f.context(.supervisor, name: "qian")
        for c in try Self.claims(f) { try ClaimService(qian).approve(c.id!) }
        _ = try PaymentService(qian).run()
        try PaymentService(qian).markReturned(1, reason: "账户已销户")
        let app = try Self.payments(f, language: language)
        app.press(.right, .right, .right)  // all
        try Golden.check("OW37-payments-\(language.rawValue)", app.frame())
    }

    // MARK: behaviour

    @Test("Home offers the queue and payments to supervisors only")
    func menuByRole() throws {
        let f = try Self.fixture()
        let (clerk, _) = try f.app(as: .clerk, name: "wang")
        #expect(!clerk.screenText.contains("审核队列") && !clerk.screenText.contains("待遇支付"))
        let (sup, _) = try f.app(as: .supervisor, name: "zhao")
        #expect(sup.screenText.contains("审核队列") && sup.screenText.contains("待遇支付"))
    }

    @Test("A receipt number typed in the home search box opens the receipt; an unknown one is said on home")
    func receiptFromHome() throws {
        let f = try Self.fixture()
        let (app, _) = try f.app(as: .clerk, name: "wang")
        app.type("SY20261122-0099")
        var screen = app.press(.enter)
        #expect(app.top is HomeScreen)
        #expect(screen.line(22).contains("没有回执 SY20261122-0099"))
        app.press(.ctrl("u"))
        app.type("sy20261122-0001")
        screen = app.press(.enter)
        #expect(app.top is ReceiptScreen)
        #expect(screen.lines.joined().contains("SY20261122-0001"))
    }

    @Test("Approve: F5 asks first; yes creates the payment order, back on the queue without the claim")
    func approve() throws {
        let f = try Self.fixture()
        let app = try Self.queue(f)
        app.press(.enter)
        var screen = app.press(.function(5))
        #expect(screen.lines.joined().contains("核准生育津贴"))
        #expect(screen.lines.joined().contains("李娜（****5678）？"))
        #expect(try Self.orders(f).isEmpty)
        screen = app.press(.char("y"))
        #expect(app.top is ApprovalQueueScreen)
        let claim = try Self.claims(f)[0]
        #expect(claim.status == .approved && claim.decidedBy == "zhao")
        let orders = try Self.orders(f)
        #expect(orders.count == 1 && orders[0].claimID == claim.id && orders[0].amount == claim.amount && orders[0].status == .pending)
        #expect(screen.line(22).contains("已核准回执 SY20261122-0001：支付单 1 已生成"))
        let queue = screen.lines[2..<22].joined()
        #expect(!queue.contains("SY20261122-0001") && queue.contains("SY20261122-0002"))
        #expect(try Self.auditActions(f).suffix(2) == ["claim.approve", "payment.order"])
    }

    @Test("Answering no to the approval question changes nothing")
    func approveDeclined() throws {
        let f = try Self.fixture()
        let app = try Self.queue(f)
        app.press(.enter, .function(5), .char("n"))
        #expect(app.top is ClaimDecisionScreen)
        #expect(try Self.claims(f)[0].status == .submitted && Self.orders(f).isEmpty)
    }

    @Test("Reject: the reason comes from the list; \"other\" without a note focuses the note; F5 needs Enter first")
    func reject() throws {
        let f = try Self.fixture()
        let app = try Self.queue(f)
        app.press(.enter, .function(6))
        app.press(.char("6"))                    // other reason
        var screen = app.press(.enter)
        #expect(screen.line(22) == " 说明：不能为空")
        let form = try #require((app.top as? ClaimDecisionScreen)?.editor?.form)
        #expect(form.focused.id == "note")
        screen = app.press(.function(5))
        #expect(screen.line(22).contains("请先按 Enter 校验"))
        #expect(try Self.claims(f)[0].status == .submitted)
        // A reason from the list needs no note.
        app.press(.backTab, .char("2"))          // duplicate claim
        screen = app.press(.enter)
        #expect(screen.line(22).contains("校验通过"))
        // Rejecting asks as approving does; Enter on the question keeps the form, nothing decided.
        screen = app.press(.function(5))
        #expect(screen.lines.joined().contains("SY20261122-0001的生育津贴不予支付，原因：重复申领？"))
        app.press(.enter)
        #expect(app.top is ClaimDecisionScreen)
        #expect(try Self.claims(f)[0].status == .submitted)
        screen = app.press(.function(5), .char("y"))
        #expect(app.top is ApprovalQueueScreen)
        let claim = try Self.claims(f)[0]
        #expect(claim.status == .rejected && claim.rejectReason == .duplicateClaim && claim.note == nil)
        #expect(screen.line(22).contains("回执 SY20261122-0001：不予支付（重复申领）"))
        #expect(try Self.orders(f).isEmpty)
    }

    @Test("Return for documents needs a note saying which")
    func returnForDocuments() throws {
        let f = try Self.fixture()
        let app = try Self.queue(f, language: .en)
        app.press(.enter, .function(9))
        var screen = app.press(.enter)
        #expect(screen.line(22) == " note: is required")
        app.type("bring the birth certificate")
        app.press(.enter)
        screen = app.press(.function(5))
        #expect(screen.lines.joined().contains("Return SY20261122-0001 (maternity allowance) for documents?"))
        screen = app.press(.function(5))         // F5 answers yes where it saves
        #expect(app.top is ApprovalQueueScreen)
        let claim = try Self.claims(f)[0]
        #expect(claim.status == .returned && claim.note == "bring the birth certificate")
        #expect(screen.line(22).contains("Receipt SY20261122-0001 returned for documents"))
    }

    @Test("Four eyes: the supervisor who took a claim is told, and the service refuses and audits her attempt")
    func fourEyes() throws {
        let f = try Self.fixture()
        let app = try Self.queue(f)
        var screen = app.frame()
        #expect(screen.lines.joined().contains("zhao（本人）"))
        app.press(.down, .enter)
        screen = app.frame()
        #expect(screen.lines.joined().contains("此申领由您本人受理"))
        screen = app.press(.function(5), .char("y"))
        #expect(app.top is ClaimDecisionScreen)
        #expect(screen.line(22) == " 不能审核自己受理的申领（回执 SY20261122-0002）：须由另一名主管办理")
        #expect(screen.styleLine(22).contains("e"))
        // Rejecting is refused the same way; the form closes, the claim stays pending.
        app.press(.function(6), .char("1"))
        app.press(.enter)
        screen = app.press(.function(5), .char("y"))
        #expect(screen.line(22).contains("不能审核自己受理的申领"))
        #expect((app.top as? ClaimDecisionScreen)?.editor == nil)
        #expect(try Self.claims(f)[1].status == .submitted && Self.orders(f).isEmpty)
        #expect(try Self.auditActions(f).suffix(2) == ["denied", "denied"])
        // Another supervisor may.
        let other = try Self.queue(f, name: "qian")
        other.press(.down, .enter, .function(5), .char("y"))
        #expect(try Self.claims(f)[1].status == .approved)
    }

    @Test("Payment run: the confirmation gives count and total; yes marks the orders paid and the claims paid")
    func paymentRun() throws {
        let f = try Self.fixture()
        let qian = try f.context(.supervisor, name: "qian")
        for c in try Self.claims(f) { try ClaimService(qian).approve(c.id!) }
        let total = try Self.orders(f).reduce(Money.zero) { $0 + $1.amount }
        let app = try Self.payments(f)
        var screen = app.frame()
        #expect(screen.lines.joined().contains("[待支付 2]"))
        screen = app.press(.char("1"))
        #expect(screen.lines.joined().contains("支付 2 笔，合计 \(total.grouped) 元，支付日期 2026-11-22？"))
        screen = app.press(.char("y"))
        #expect(try Self.orders(f).allSatisfy { $0.status == .paid && $0.paidOn == "2026-11-22" })
        #expect(try Self.claims(f).allSatisfy { $0.status == .paid })
        #expect(screen.line(22).contains("已支付 2 笔，合计 \(total.grouped) 元"))
        #expect(screen.lines.joined().contains("[待支付 0]") && screen.lines.joined().contains("[已支付 2]"))
        // Nothing left: a second run says so and asks nothing.
        screen = app.press(.char("1"))
        #expect(screen.line(22).contains("没有待支付的支付单"))
    }

    @Test("Returned by the bank (reason required), then re-issued to a corrected account")
    func returnedAndReissued() throws {
        let f = try Self.fixture()
        let qian = try f.context(.supervisor, name: "qian")
        try ClaimService(qian).approve(Self.claims(f)[0].id!)
        _ = try PaymentService(qian).run()
        let app = try Self.payments(f)
        app.press(.right)                          // paid
        // 3 on a paid order: only failed ones are re-issued.
        var screen = app.press(.char("3"))
        #expect(screen.line(22).contains("没有支付失败"))
        app.press(.char("2"))
        screen = app.press(.enter)
        #expect(screen.line(22) == " 退回原因：不能为空")
        app.type("账户已销户")
        app.press(.enter)
        screen = app.press(.function(5))
        var order = try Self.orders(f)[0]
        #expect(order.status == .failed && order.failure == "账户已销户")
        #expect(try Self.claims(f)[0].status == .approved)
        #expect(screen.line(22).contains("支付单 1 已登记为银行退回（账户已销户）"))
        #expect(screen.lines.joined().contains("支付失败（2026-11-22）：账户已销户"))
        // Re-issue: a bad account is refused on Enter, a good one saved.
        app.press(.char("3"))
        app.type("12345")
        screen = app.press(.enter)
        #expect(screen.line(22).contains("更正账户：应为12至30位数字（现为5位）"))
        app.press(.ctrl("u"))
        app.type("6217 0000 2000 8888")
        app.press(.enter)
        screen = app.press(.function(5))
        let orders = try Self.orders(f)
        #expect(orders.count == 2)
        order = orders[1]
        #expect(order.status == .pending && order.reissueOf == 1 && order.account.value == "6217000020008888")
        #expect(screen.line(22).contains("支付单 1 已重新发起为支付单 2（账户 ****8888）"))
        #expect(screen.lines.joined().contains("[待支付 1]"))
        // The failed order now says where it went; it cannot be re-issued twice.
        app.press(.right, .right)                  // pending → paid → failed
        screen = app.press(.char("3"))
        #expect(screen.line(22).contains("支付单 1 已重新发起为支付单 2"))
        // The run pays the re-issue.
        app.press(.char("1"), .char("y"))
        #expect(try Self.orders(f)[1].status == .paid && Self.claims(f)[0].status == .paid)
    }

    @Test("A clerk sees the payment list without the supervisor's actions, and the service would refuse them")
    func clerkPayments() throws {
        let f = try Self.fixture()
        let (app, _) = try f.app(as: .clerk, name: "wang")
        let screen = PaymentsScreen(ui: app.ui)
        screen.didAppear(app.ui)
        #expect(!screen.keyHints(app.ui).contains { $0.key == "1-3" })
        guard case .unhandled = screen.handle(.char("1"), ui: app.ui) else { Issue.record("1 must do nothing for a clerk"); return }
        #expect(throws: DomainError.self) { _ = try PaymentService(try f.context(.clerk, name: "wang")).run() }
    }

    @Test("F3 with a half-filled decision form asks before closing it")
    func discardAsks() throws {
        let f = try Self.fixture()
        let app = try Self.queue(f)
        app.press(.enter, .function(9))
        app.type("缺")
        var screen = app.press(.function(3))
        #expect(screen.lines.joined().contains("放弃填写的内容并关闭？"))
        screen = app.press(.char("y"))
        #expect((app.top as? ClaimDecisionScreen)?.editor == nil)
        #expect(app.top is ClaimDecisionScreen)
    }

    @Test("Scrolling the decision screen reaches the computation's last line")
    func scrolling() throws {
        let f = try Self.fixture()
        let app = try Self.queue(f, language: .en)
        app.press(.enter)
        let screen = app.press(.end)
        #expect(screen.lines.joined().contains("Allowance: 6,000.00 ÷ 30 ×"))
    }
}
