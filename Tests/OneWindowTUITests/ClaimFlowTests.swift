import Foundation
import OneWindowCore
import OneWindowResources
import OneWindowService
import OneWindowStore
import OneWindowTUI
import Testing

/// The counter claim flow driven through the virtual terminal as a clerk would: the person view (OW10),
/// claim type and materials (OW30), the event form and its result (OW31), the receipt (OW32), and the
/// employer's wage (OW20 → OW33).
@Suite("Counter claim flow: claim type, form, result, receipt, estimate, employer wage")
struct ClaimFlowTests {
    static let lina = try! CitizenID(TUIFixture.lina, today: TUIFixture.today)
    static let tianjin = try! CreditCode(TUIFixture.tianjinCo)
    static let shantou = try! CreditCode(TUIFixture.shantouInst)
    static let hospital = "天津市中心妇产医院"

    /// Her employer's 2025 wage declared (6,000 yuan: the allowance basis for a 2026 birth) and the
    /// charged months paid, as an employer that keeps its account settled.
    func prepare(_ f: TUIFixture) throws {
        let clerk = try f.context(.clerk, name: "wang")
        try BenefitService(clerk).declareWage(employer: Self.tianjin, year: 2025, wage: Money(yuan: 6000))
        let contributions = ContributionService(clerk)
        for m in 9...11 {
            let month = YearMonth(year: 2026, month: m)!
            let due = try contributions.statement(.employer(Self.tianjin)).first { $0.month == month }!.outstanding
            if due > .zero { try contributions.recordPayment(payer: .employer(Self.tianjin), month: month, amount: due, paidOn: TUIFixture.today) }
        }
    }

    /// Home → her ID → the person view.
    func openLina(_ f: TUIFixture, language: Language = .zh, factory: ScreenFactory = .standard) throws -> Application {
        let (app, _) = try f.app(language: language, factory: factory)
        app.type(TUIFixture.lina)
        app.press(.enter)
        #expect(app.top.screenID == "OW10")
        return app
    }

    /// OW10 → 4 (or 5 for an estimate) → the claim type by its digit → every material ticked → the form.
    func openForm(_ app: Application, type digit: Character, estimate: Bool = false) {
        app.type(estimate ? "5" : "4")
        #expect(app.top.screenID == "OW30")
        app.type(String(digit))
        if !estimate {
            // Picking the type puts the cursor on its first material: Space ticks, ↓ goes on.
            let count = app.screenText.components(separatedBy: "[ ]").count - 1
            for _ in 0..<count { app.press(.char(" "), .down) }
        }
        app.press(.enter)
        #expect(app.top.screenID == "OW31")
    }

    /// The birth bundle: a natural birth on 2026-11-20, a delivery bill and a prenatal bill, her account.
    func fillBundle(_ app: Application, deliveryBill: String = "FP20261120-01") {
        app.type("2026-11-20")
        app.press(.tab, .tab, .tab, .tab, .tab, .tab)           // delivery, babies, dystocia, start, 1st and 2nd operation
        app.press(.tab)
        app.type("3")                                           // bill 1: delivery
        app.press(.tab)
        app.type(Self.hospital)
        app.press(.tab)
        app.type(deliveryBill)
        app.press(.tab)
        app.type("3200")
        app.press(.tab)
        app.type("2")                                           // bill 2: prenatal checks
        app.press(.tab)
        app.type(Self.hospital)
        app.press(.tab)
        app.type("FP20261001-07")
        app.press(.tab)
        app.type("900")
        app.press(.tab, .tab, .tab, .tab, .tab)                 // bill 3 (none), grade 3, payee, referral, account
        app.type("6222 0212 3456 7890 123")
    }

    /// The allowance alone: the same birth, her account.
    func fillAllowance(_ app: Application, date: String = "2026-11-20") {
        app.type(date)
        app.press(.tab, .tab, .tab, .tab, .tab, .tab, .tab, .tab, .tab)  // event type … 2nd operation, payee, account
        app.type("6222021234567890123")
    }

    func claims(_ f: TUIFixture) throws -> [ClaimView] {
        try ClaimLookup(f.context(.clerk)).claims(of: Self.lina)
    }

    func receipts(_ f: TUIFixture) throws -> Int {
        try f.store.read { tx in try tx.receipts.count() }
    }

    // MARK: goldens

    @Test("OW30 claim type and materials, the birth bundle with one material ticked (zh, en)", arguments: [Language.zh, .en])
    func typeGolden(language: Language) throws {
        let f = try TUIFixture()
        try prepare(f)
        let app = try openLina(f, language: language)
        app.type("4")
        app.type("3")
        try Golden.check("OW30-type-\(language.rawValue)", app.press(.char(" "), .down))
    }

    @Test("OW31 birth bundle form filled in, before Enter (zh, en)", arguments: [Language.zh, .en])
    func formGolden(language: Language) throws {
        let f = try TUIFixture()
        try prepare(f)
        let app = try openLina(f, language: language)
        openForm(app, type: "3")
        fillBundle(app)
        try Golden.check("OW31-form-\(language.rawValue)", app.frame())
    }

    @Test("OW31 birth bundle result after Enter, and its second page (zh, en)", arguments: [Language.zh, .en])
    func resultGolden(language: Language) throws {
        let f = try TUIFixture()
        try prepare(f)
        let app = try openLina(f, language: language)
        openForm(app, type: "3")
        fillBundle(app)
        try Golden.check("OW31-result-\(language.rawValue)", app.press(.enter))
        try Golden.check("OW31-result-page2-\(language.rawValue)", app.press(.pageDown))
    }

    @Test("OW32 receipt of a birth bundle after F5 (zh, en)", arguments: [Language.zh, .en])
    func receiptGolden(language: Language) throws {
        let f = try TUIFixture()
        try prepare(f)
        let app = try openLina(f, language: language)
        openForm(app, type: "3")
        fillBundle(app)
        app.press(.enter)
        try Golden.check("OW32-receipt-\(language.rawValue)", app.press(.function(5)))
    }

    @Test("OW31 estimate of the allowance, nothing to pay or submit (zh, en)", arguments: [Language.zh, .en])
    func estimateGolden(language: Language) throws {
        let f = try TUIFixture()
        try prepare(f)
        let app = try openLina(f, language: language)
        openForm(app, type: "1", estimate: true)
        app.type("2027-03-01")
        try Golden.check("OW31-estimate-\(language.rawValue)", app.press(.enter))
    }

    @Test("OW10 claims panel after a submission (zh, en)", arguments: [Language.zh, .en])
    func personClaimsGolden(language: Language) throws {
        let f = try TUIFixture()
        try prepare(f)
        let app = try openLina(f, language: language)
        openForm(app, type: "3")
        fillBundle(app)
        app.press(.enter, .function(5), .function(3))
        try Golden.check("OW10-person-claims-\(language.rawValue)", app.press(.tab, .tab))
    }

    @Test("OW20 with a declared wage, and OW33 after Enter (zh, en)", arguments: [Language.zh, .en])
    func wageGolden(language: Language) throws {
        let f = try TUIFixture()
        try prepare(f)
        let (app, _) = try f.app(language: language)
        app.type(TUIFixture.tianjinCo)
        app.press(.enter)
        #expect(app.top.screenID == "OW20")
        try Golden.check("OW20-employer-wage-\(language.rawValue)", app.frame())
        app.press(.function(9))
        app.type("6500")
        try Golden.check("OW33-wage-\(language.rawValue)", app.press(.enter))
    }

    // MARK: behaviour

    static let zh = try! StringTable(language: .zh)

    /// Row of the screen whose text contains `text`.
    func row(of text: String, in canvas: Canvas) -> Int? { canvas.lines.firstIndex { $0.contains(text) } }

    func messageLine(_ app: Application) -> String { app.frame().line(22) }

    @Test("Enter puts the cursor on a bad field with its reason: an impossible date, a bill without its amount, a bill not of the event")
    func badFieldFocused() throws {
        let f = try TUIFixture()
        try prepare(f)
        let app = try openLina(f)
        openForm(app, type: "3")
        app.press(.enter)
        #expect(messageLine(app).contains("事件日期：" + Self.zh("reason.required")))
        app.type("2026-02-30")
        var screen = app.press(.enter)
        #expect(messageLine(app).contains("事件日期：" + Self.zh("reason.date.impossible", "2026-02-30")))
        #expect(screen.cursor?.row == row(of: "事件日期", in: screen))
        #expect(app.top.screenID == "OW31")

        // A valid date, then a delivery bill with no amount: the cursor lands on that amount.
        app.press(.ctrl("u"))
        app.type("2026-11-20")
        app.press(.tab, .tab, .tab, .tab, .tab, .tab, .tab)
        app.type("3")
        app.press(.tab)
        app.type(Self.hospital)
        app.press(.tab)
        app.type("FP1")
        screen = app.press(.enter)
        #expect(messageLine(app).contains("票据1金额：" + Self.zh("reason.required")))
        let billRow = try #require(row(of: "1  < 分娩 >", in: screen))
        #expect(screen.cursor?.row == billRow)

        // A future date is refused for a claim (an estimate may look ahead).
        let later = try openLina(f)
        openForm(later, type: "1")
        later.type("2026-12-01")
        later.press(.enter)
        #expect(messageLine(later).contains(Self.zh("reason.date.future", "2026-12-01")))
        #expect(try receipts(f) == 0)
    }

    @Test("A bill for something the event does not have (a delivery for a miscarriage) is refused on its item")
    func itemNotInEvent() throws {
        let f = try TUIFixture()
        try prepare(f)
        let app = try openLina(f)
        openForm(app, type: "2")
        app.type("2026-11-20")
        app.press(.tab)
        app.type("2")                                           // miscarriage
        app.press(.tab)                                         // the birth fields are skipped: the start
        app.type("2026-08-01")
        app.press(.tab, .tab, .tab)                             // 1st, 2nd operation, bill 1
        app.type("3")                                           // delivery
        app.press(.tab)
        app.type(Self.hospital)
        app.press(.tab)
        app.type("FP9")
        app.press(.tab)
        app.type("1200")
        app.press(.tab, .tab, .tab, .tab)                       // bills 2 and 3 (their details are skipped), grade 3, account
        app.type("6222021234567890123")
        let screen = app.press(.enter)
        #expect(messageLine(app).contains(Self.zh("tui.claim.reason.itemNotInEvent")))
        #expect(screen.cursor?.row == row(of: "1  < 分娩 >", in: screen))
    }

    @Test("F5 before Enter files nothing and says so; after Enter, a change to the form makes F5 ask again")
    func f5BeforeEnter() throws {
        let f = try TUIFixture()
        try prepare(f)
        let app = try openLina(f)
        openForm(app, type: "3")
        fillBundle(app)
        app.press(.function(5))
        #expect(messageLine(app).contains(Self.zh("tui.claim.validateFirst")))
        #expect(app.top.screenID == "OW31")
        app.press(.enter)
        #expect(messageLine(app).contains(Self.zh("tui.claim.validated")))
        app.press(.escape)                                      // back to the form, input kept
        app.type("4")                                           // the account changes
        app.press(.function(5))
        #expect(messageLine(app).contains(Self.zh("tui.claim.validateFirst")))
        #expect(try receipts(f) == 0)
    }

    @Test("F5 after Enter files both claims of the bundle with the computed amounts and shows the receipt number")
    func submitFilesTheClaims() throws {
        let f = try TUIFixture()
        try prepare(f)
        let app = try openLina(f)
        openForm(app, type: "3")
        fillBundle(app)
        let result = app.press(.enter).lines.joined(separator: "\n")
        #expect(result.contains("31,600.00"))
        #expect(result.contains("3,900.00"))
        let screen = app.press(.function(5))
        #expect(app.top.screenID == "OW32")
        #expect(screen.lines.joined().contains("SY20261122-0001"))
        #expect(messageLine(app).contains("SY20261122-0001"))

        let filed = try claims(f)
        #expect(filed.count == 2)
        let allowance = try #require(filed.first { $0.claim.kind == .allowance })
        let medical = try #require(filed.first { $0.claim.kind == .medical })
        // 6,000 yuan × 158 days (98 + Tianjin's 60) / 30, and min(actual, standard) for each bill.
        #expect(allowance.claim.amount == Money(yuan: 31_600))
        #expect(allowance.claim.allowanceDays == 158)
        #expect(medical.claim.amount == Money(yuan: 3_900))
        #expect(medical.bills.map(\.billNo) == ["FP20261120-01", "FP20261001-07"])
        #expect(filed.allSatisfy { $0.claim.status == .submitted && $0.claim.account.value == "6222021234567890123" })
        #expect(filed.allSatisfy { $0.claim.receiptNo.value == "SY20261122-0001" && $0.claim.submittedBy == "wang" })
        let receipt = try ClaimLookup(f.context(.clerk)).receiptView(ReceiptNumber("SY20261122-0001"))
        #expect(receipt.receipt.newborns == 1)

        // Back on the person view the claims are listed; Enter on one opens its receipt again.
        app.press(.function(3))
        #expect(app.top.screenID == "OW10")
        let panel = app.press(.tab, .tab)
        #expect(panel.lines.contains { $0.contains("SY20261122-0001") && $0.contains("31,600.00") && $0.contains("待审核") })
        app.press(.down, .enter)
        #expect(app.top.screenID == "OW32")
    }

    @Test("An estimate creates nothing, asks for no account, and F5 only explains")
    func estimateCreatesNothing() throws {
        let f = try TUIFixture()
        try prepare(f)
        let app = try openLina(f)
        app.type("5")
        #expect(app.screenText.contains(Self.zh("tui.claim.title.estimate")))
        #expect(!app.screenText.contains("[ ]"))                // nothing to tick
        app.type("3")
        app.press(.enter)
        #expect(app.top.screenID == "OW31")
        #expect(!app.screenText.contains(Self.zh("tui.claim.label.account")))
        #expect(!app.frame().line(23).contains("F5"))
        app.type("2026-11-20")
        app.press(.tab, .tab, .tab, .tab, .tab, .tab, .tab)
        app.type("3")                                           // bill 1: delivery
        app.press(.tab)
        app.type("3200")
        let result = app.press(.enter).lines.joined(separator: "\n")
        #expect(result.contains(Self.zh("tui.claim.result.estimateHeading")))
        #expect(result.contains("31,600.00"))
        #expect(result.contains("3,000.00"))
        app.press(.function(5))
        #expect(messageLine(app).contains(Self.zh("tui.claim.estimateOnly")))
        #expect(try receipts(f) == 0)
        #expect(try claims(f).isEmpty)
        // Nothing typed is "unsaved" in the sense of a claim, but the form asks before it is thrown away.
        app.press(.function(3))
        #expect(app.screenText.contains(Self.zh("tui.confirm.discard")))
    }

    @Test("F3 with typed input asks first: N stays, Y goes back to the person view; without input it goes straight back")
    func f3Asks() throws {
        let f = try TUIFixture()
        try prepare(f)
        let app = try openLina(f)
        openForm(app, type: "1")
        app.press(.function(3))
        #expect(app.top.screenID == "OW10")

        openForm(app, type: "1")
        app.type("2026-11")
        app.press(.function(3))
        #expect(app.screenText.contains(Self.zh("tui.confirm.discard")))
        app.press(.char("n"))
        #expect(app.top.screenID == "OW31")
        #expect(app.screenText.contains("2026-11"))
        app.press(.function(3), .char("y"))
        #expect(app.top.screenID == "OW10")
    }

    @Test("Materials: Enter with one not ticked stays on the checklist, points at it and says which")
    func materialsChecklist() throws {
        let f = try TUIFixture()
        try prepare(f)
        let app = try openLina(f)
        app.type("4")
        app.type("2")                                           // medical costs: three materials
        app.press(.char(" "), .down, .char(" "), .down)         // the third is left unticked
        app.press(.up, .up, .up, .up)                           // back on its claim type row: Enter keeps that type
        app.press(.enter)
        #expect(app.top.screenID == "OW30")
        #expect(messageLine(app).contains(Self.zh("tui.claim.materialMissing")))
        #expect(app.frame().styleLine(try #require(row(of: "[ ] 本人银行卡", in: app.frame()))).contains("SSSS"))
        // Nothing the system has is asked for.
        #expect(!app.screenText.contains("[ ] 身份证"))
        app.press(.char(" "), .enter)
        #expect(app.top.screenID == "OW31")
        #expect(app.screenText.contains("#  项目"))            // the bills grid of a medical-costs claim
    }

    @Test("F6 prints the receipt to a file named by its number, and says where")
    func printsReceipt() throws {
        let f = try TUIFixture()
        try prepare(f)
        let folder = f.dir.appendingPathComponent("receipts")
        let factory = ScreenFactory.standard
        factory.receipt = { ui, number in ReceiptScreen(ui: ui, number: number, folder: folder) }
        let app = try openLina(f, factory: factory)
        openForm(app, type: "1")
        fillAllowance(app)
        app.press(.enter, .function(5))
        #expect(app.top.screenID == "OW32")
        app.press(.function(6))
        let file = folder.appendingPathComponent("SY20261122-0001.txt")
        let printed = try String(contentsOf: file, encoding: .utf8)
        let view = try ClaimLookup(f.context(.clerk)).receiptView(ReceiptNumber("SY20261122-0001"))
        #expect(printed == ClaimText.receipt(view, Self.zh) + "\n")
        #expect(printed.contains("SY20261122-0001"))
        #expect(printed.contains("31,600.00"))
        #expect(messageLine(app).hasPrefix(" " + Self.zh("tui.claim.printed", "").trimmingCharacters(in: .whitespaces)))
        #expect(app.screenText.replacingOccurrences(of: "\n ", with: "").contains(file.path))
    }

    @Test("On a training store the receipt says TRAINING — NOT VALID on screen and in the printed file")
    func trainingReceipt() throws {
        let f = try TUIFixture(training: true)
        try prepare(f)
        let folder = f.dir.appendingPathComponent("receipts")
        let factory = ScreenFactory.standard
        factory.receipt = { ui, number in ReceiptScreen(ui: ui, number: number, folder: folder) }
        let app = try openLina(f, factory: factory)
        openForm(app, type: "1")
        fillAllowance(app)
        app.press(.enter, .function(5), .function(6))
        #expect(app.screenText.contains("TRAINING — NOT VALID"))
        let printed = try String(contentsOf: folder.appendingPathComponent("SY20261122-0001-TRAINING.txt"), encoding: .utf8)
        #expect(printed.hasPrefix(Self.zh("out.receipt.training")))
    }

    @Test("A bill a designated hospital already settled directly is refused on Enter, on its bill number")
    func settledDirectlyRefused() throws {
        let f = try TUIFixture()
        try prepare(f)
        _ = try BenefitService(f.context(.clerk)).importSettlements(csv: """
            hospital,billNo,citizenID,settledOn,amountYuan
            \(Self.hospital),FP20261120-01,\(TUIFixture.lina),2026-11-21,3200.00
            """)
        let app = try openLina(f)
        openForm(app, type: "3")
        fillBundle(app)
        let screen = app.press(.enter)
        #expect(messageLine(app).contains(Self.zh("tui.claim.reason.settledDirectly", "FP20261120-01", Self.hospital)))
        #expect(screen.cursor?.row == row(of: "FP20261120-01", in: screen))
        #expect(!screen.lines.joined().contains(Self.zh("tui.claim.result.heading")))
        app.press(.function(5))
        #expect(try receipts(f) == 0)
    }

    @Test("The allowance paid to the employer is refused where the region pays the person only")
    func employerPayeeNotInRegion() throws {
        let f = try TUIFixture()
        try prepare(f)
        let app = try openLina(f)
        openForm(app, type: "1")
        app.type("2026-11-20")
        app.press(.tab, .tab, .tab, .tab, .tab, .tab, .tab, .tab)  // event type … 2nd operation, payee
        app.press(.right)                                       // the employer
        app.press(.tab)                                         // her own account is not needed: the employer's
        app.type("1100 2233 4455 6677")
        let screen = app.press(.enter)
        #expect(messageLine(app).contains(Self.zh("reason.payee.notInRegion")))
        #expect(screen.cursor?.row == row(of: "领取人", in: screen))
    }

    @Test("Months short where the region defers: the result says the allowance waits, and the claim is filed deferred")
    func deferredClaim() throws {
        let f = try TUIFixture()
        let clerk = try f.context(.clerk, name: "wang")
        let fang = try CitizenID("440511199205150029", today: TUIFixture.today)
        try RegistrationService(clerk).enrol(id: fang, name: "王芳", category: .employee, employer: Self.shantou,
                                             base: Money(yuan: 6000), from: YearMonth(year: 2026, month: 9)!)
        try BenefitService(clerk).declareWage(employer: Self.shantou, year: 2025, wage: Money(yuan: 5000))
        let contributions = ContributionService(clerk)
        for m in 9...11 {
            let month = YearMonth(year: 2026, month: m)!
            _ = try contributions.run(month: month)
            let due = try contributions.statement(.employer(Self.shantou)).first { $0.month == month }!.outstanding
            if due > .zero { try contributions.recordPayment(payer: .employer(Self.shantou), month: month, amount: due, paidOn: TUIFixture.today) }
        }
        let (app, _) = try f.app()
        app.type(fang.value)
        app.press(.enter)
        openForm(app, type: "1")
        fillAllowance(app)
        let result = app.press(.enter).lines.joined(separator: "\n")
        #expect(result.contains(Self.zh("out.claim.deferredOpen")))
        #expect(messageLine(app).contains(Self.zh("tui.claim.validated")))
        app.press(.function(5))
        #expect(app.top.screenID == "OW32")
        let filed = try ClaimLookup(f.context(.clerk)).claims(of: fang)
        #expect(filed.count == 1)
        #expect(filed[0].claim.deferred)
    }

    @Test("The person view lists a failed payment with the bank's reason, and the receipt shows it too")
    func failedPaymentShown() throws {
        let f = try TUIFixture()
        try prepare(f)
        let app = try openLina(f)
        openForm(app, type: "1")
        fillAllowance(app)
        app.press(.enter, .function(5), .function(3))
        let supervisor = try f.context(.supervisor, name: "zhao")
        let id = try #require(try claims(f).first?.claim.id)
        try ClaimService(supervisor).approve(id)
        let order = try #require(try claims(f).first?.latestPayment?.id)
        _ = try PaymentService(supervisor).run(returned: [order: "账户已销户"])

        let again = try openLina(f)
        let panel = again.press(.tab, .tab)
        #expect(panel.lines.contains { $0.contains("SY20261122-0001") && $0.contains(Self.zh("paymentStatus.failed")) })
        #expect(panel.lines.joined().contains(Self.zh("tui.claim.failure", "账户已销户")))
        let receipt = again.press(.enter)
        #expect(again.top.screenID == "OW32")
        #expect(receipt.lines.joined().contains(Self.zh("tui.claim.failure", "账户已销户")))
    }

    @Test("Employer view: F9 records last year's average wage (Enter, then F5), and the view shows it")
    func recordsWage() throws {
        let f = try TUIFixture()
        let (app, _) = try f.app()
        app.type(TUIFixture.shantouInst)
        app.press(.enter)
        #expect(app.top.screenID == "OW20")
        #expect(app.screenText.contains(Self.zh("tui.claim.wage.none", "2025")))
        app.press(.function(9))
        #expect(app.top.screenID == "OW33")
        app.type("5,800")
        app.press(.function(5))
        #expect(messageLine(app).contains(Self.zh("tui.validateFirst")))
        app.press(.enter, .function(5))
        #expect(app.top.screenID == "OW20")
        #expect(messageLine(app).contains(Self.zh("tui.claim.wage.saved", "2025", "5,800.00")))
        #expect(app.screenText.contains(Self.zh("tui.claim.wage.declared", "2025", "5,800.00")))
        let figure = try BenefitService(f.context(.clerk)).wageFigure(employer: Self.shantou, year: 2025)
        #expect(figure?.wage == Money(yuan: 5_800))

        // A bad wage keeps the cursor on it with the reason.
        app.press(.function(9))
        app.type("0")
        app.press(.enter)
        #expect(messageLine(app).contains(Self.zh("reason.money.zero")))
        #expect(app.top.screenID == "OW33")

        // A bad year is named by its label on the form, never by a raw string key.
        app.press(.up, .ctrl("u"))
        app.type("20x5")
        app.press(.enter)
        #expect(messageLine(app).contains("：") && !messageLine(app).contains("field."))
    }

    @Test("Wrapping keeps Latin words and numbers whole, breaks CJK anywhere, never starts a row with closing punctuation")
    func wrapping() {
        #expect(ScrollText.wrap("natural delivery: actual 3200.00, standard 3000.00 (sample figure, unconfirmed)", width: 65)
            == ["natural delivery: actual 3200.00, standard 3000.00 (sample", "figure, unconfirmed)"])
        #expect(ScrollText.wrap("产前检查：实际900.00元，标准", width: 10) == ["产前检查：", "实际900.00", "元，标准"])
        #expect(ScrollText.wrap("一二三四，五", width: 8) == ["一二三", "四，五"])
        #expect(ScrollText.wrap("", width: 8) == [""])
    }
}
