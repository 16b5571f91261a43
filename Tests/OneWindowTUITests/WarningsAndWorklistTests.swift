import Foundation
import OneWindowCore
import OneWindowResources
import OneWindowService
import OneWindowStore
import OneWindowTUI
import Testing

private func validID(_ body: String) -> String { body + String(CitizenID.checkCharacter(for: body)!) }
private let chen = validID("11010519880512002")   // female, born 1988-05-12

/// Issue 9, items 3 and 8 at the counter: registration warnings and duplicate claims asked about before
/// F5 saves, today's work (OW39), and the one-time notification printed from the checklist (OW30).
@Suite("Warnings before harm, worklists and the one-time notification at the counter")
struct WarningsAndWorklistTests {
    static let zh = try! StringTable(language: .zh)
    let flow = ClaimFlowTests()

    /// Lina's birth of 2026-11-20, as the counter form files it.
    static func birth() throws -> MaternityEvent {
        let d = CalendarDate(year: 2026, month: 11, day: 20)!
        return try MaternityEvent(date: d, birth: Birth(babies: 1, delivery: .natural, dystocia: false,
                                                        gestation: try Gestation(start: d.adding(months: -9), end: d)))
    }

    /// The screen as one string, each line trimmed: a sentence wrapped over lines (a dialog, a preview) reads whole.
    func flat(_ app: Application) -> String { app.frame().lines.map { $0.trimmingCharacters(in: .whitespaces) }.joined() }

    func people(_ f: TUIFixture) throws -> Int { try f.store.read { tx in try tx.persons.count() } }

    /// OW11 for Chen, an employee of the Tianjin company.
    func enrolChen(_ app: Application, base: String, from: String = "2026-12") {
        app.openMenu(1)
        app.fillEmployee(id: chen, name: "陈静", employer: TUIFixture.tianjinCo, base: base, from: from)
        app.press(.enter)
    }

    // MARK: registration warnings (item 3)

    @Test("A base below the floor shows the clamped figure, F5 asks; Enter on the question saves nothing, Y saves")
    func baseBelowFloor() throws {
        let f = try TUIFixture()
        let (app, _) = try f.app()
        enrolChen(app, base: "3000")
        let text = app.screenText
        #expect(text.contains("缴费基数 3,000.00 元低于天津市下限 4,000.00 元，将按下限 4,000.00 元核定"))
        #expect(text.contains("（样例数值，未确认）"))            // Tianjin's floor is a sample figure
        #expect(app.messageLine.contains("校验通过，但有提示"))
        app.press(.function(5))
        #expect(flat(app).contains("请注意：缴费基数 3,000.00 元低于天津市下限"))
        #expect(flat(app).contains("仍要保存？"))
        app.press(.enter)                                    // the safe answer: back to the form, nothing lost
        #expect(app.top.screenID == "OW11")
        #expect(try people(f) == 1)
        #expect(app.screenText.contains("将按下限 4,000.00 元核定"))
        app.press(.function(5), .char("y"))
        #expect(app.top.screenID == "OW10")
        #expect(try people(f) == 2)
    }

    @Test("The warning question over OW11 (zh, en)", arguments: [Language.zh, .en])
    func baseQuestionGolden(language: Language) throws {
        let f = try TUIFixture()
        let (app, _) = try f.app(language: language)
        enrolChen(app, base: "30000")                        // above the cap this time
        try Golden.check("OW11-warning-question-\(language.rawValue)", app.press(.function(5)))
    }

    @Test("A base within floor and cap saves on F5 without a question")
    func noWarningNoQuestion() throws {
        let f = try TUIFixture()
        let (app, _) = try f.app()
        enrolChen(app, base: "7000")
        #expect(!app.screenText.contains("核定"))
        app.press(.function(5))
        #expect(app.top.screenID == "OW10")
    }

    @Test("An enrolment month more than one month ahead is named before F5")
    func enrolAhead() throws {
        let f = try TUIFixture()
        let (app, _) = try f.app()
        enrolChen(app, base: "7000", from: "2027-03")
        #expect(app.screenText.contains("参保起始月 2027-03 比本月 2026-11 晚 4 个月"))
        app.press(.function(5))
        #expect(flat(app).contains("仍要保存？"))
    }

    /// OW10 → 1 (change registration) → the kind whose label is `kind`, by ←/→.
    func openChange(_ f: TUIFixture, kind: RegistrationAction) throws -> Application {
        let app = try flow.openLina(f)
        app.type("1")
        #expect(app.top.screenID == "OW12")
        app.press(.up)                                       // on the kind field (the first)
        let label = Self.zh(kind.messageKey)
        for _ in 0..<RegistrationAction.allCases.count where !app.screenText.contains("< \(label) >") { app.press(.right) }
        #expect(app.screenText.contains("< \(label) >"))
        return app
    }

    @Test("Retiring someone younger than the region's lowest retirement age is named, then the clerk decides")
    func retireeUnderAge() throws {
        let f = try TUIFixture()
        let app = try openChange(f, kind: .retire)
        app.press(.enter)
        #expect(flat(app).contains("低于女职工最低退休年龄 50 岁"))
        app.press(.function(5))
        #expect(flat(app).contains("仍要保存？"))
        app.press(.escape)
        #expect(app.top.screenID == "OW12")
    }

    @Test("A transfer to another region's employer is named; Y on the question saves the transfer")
    func transferOtherRegion() throws {
        let f = try TUIFixture()
        let app = try openChange(f, kind: .transfer)
        app.press(.down)
        app.type(TUIFixture.shantouInst)
        app.press(.enter)
        #expect(flat(app).contains("跨统筹地区须办理医保关系转移接续"))
        app.press(.function(5))
        #expect(flat(app).contains("仍要保存？"))
        app.press(.char("y"))
        #expect(app.top.screenID == "OW10")
        let medical = try LookupService(f.context(.clerk)).person(ClaimFlowTests.lina).periods(.medical)
        #expect(medical.last?.employer?.value == TUIFixture.shantouInst)
    }

    // MARK: duplicate claims (item 3)

    /// Lina's allowance for the birth of 2026-11-20 filed on the counter; back on her view.
    func fileAllowance(_ f: TUIFixture) throws -> Application {
        try flow.prepare(f)
        let factory = ScreenFactory.standard
        factory.receipt = { ui, number in ReceiptScreen(ui: ui, number: number, folder: f.dir.appendingPathComponent("receipts")) }
        let app = try flow.openLina(f, factory: factory)
        flow.openForm(app, type: "1")
        flow.fillAllowance(app)
        app.press(.enter, .function(5))
        #expect(app.top.screenID == "OW32")
        app.press(.function(3))
        #expect(app.top.screenID == "OW10")
        return app
    }

    @Test("A second claim for the same birth names the first receipt; Enter on the question files nothing; Y files it")
    func duplicateAsks() throws {
        let f = try TUIFixture()
        let app = try fileAllowance(f)
        flow.openForm(app, type: "1")
        flow.fillAllowance(app, date: "2026-11-21")
        app.press(.enter)
        #expect(flat(app).contains("该事件已申领过生育津贴：回执 SY20261122-0001，2026-11-22 受理（事件日期") && flat(app).contains("2026-11-20，待审核）"))
        #expect(app.messageLine.contains("注意：该事件已申领过（回执 SY20261122-0001，2026-11-22 受理），F5 时会先询问"))
        app.press(.function(5))
        #expect(flat(app).contains("该事件已申领过生育津贴：回执 SY20261122-0001（2026-11-22 受理）"))
        app.press(.enter)
        #expect(app.top.screenID == "OW31")
        #expect(try flow.receipts(f) == 1)
        app.press(.function(5), .char("y"))
        #expect(app.top.screenID == "OW32")
        #expect(try flow.receipts(f) == 2)
        #expect(app.messageLine.contains("SY20261122-0002"))
    }

    @Test("A duplicate filed elsewhere after Enter (a race) is asked about on F5 in the same way")
    func duplicateRace() throws {
        let f = try TUIFixture()
        try flow.prepare(f)
        let app = try flow.openLina(f)
        flow.openForm(app, type: "1")
        flow.fillAllowance(app)
        app.press(.enter)
        #expect(!app.screenText.contains("该事件已申领过"))
        // Another counter files the same birth meanwhile.
        _ = try ClaimService(f.context(.clerk, name: "zhao")).submit(
            ClaimRequest(claimant: ClaimFlowTests.lina, event: try Self.birth(),
                         allowance: true, account: try BankAccount("6222021234567890123")))
        app.press(.function(5))
        #expect(try flow.receipts(f) == 1)
        #expect(flat(app).contains("该事件已申领过生育津贴：回执 SY20261122-0001（2026-11-22 受理）"))
        app.press(.escape)
        #expect(app.top.screenID == "OW31")
        #expect(app.screenText.contains("回执 SY20261122-0001，2026-11-22 受理"))   // now in the result too
        app.press(.function(5), .function(5))                 // F5 answers the save question too
        #expect(try flow.receipts(f) == 2)
        #expect(app.top.screenID == "OW32")
    }

    // MARK: one-time notification (item 8)

    func claimTypeWithFolder(_ f: TUIFixture, _ folder: URL) throws -> Application {
        let factory = ScreenFactory.standard
        factory.claim = { ui, id, estimate in
            let s = ClaimTypeScreen(ui: ui, id: id, estimate: estimate, factory: factory)
            s.noticeFolder = folder
            return s
        }
        let app = try flow.openLina(f, factory: factory)
        app.type("4")
        #expect(app.top.screenID == "OW30")
        return app
    }

    @Test("One material not ticked: F6 prints the notice naming it and what it is for; all ticked: no F6")
    func noticePrinted() throws {
        let f = try TUIFixture()
        let folder = f.dir.appendingPathComponent("papers")
        let app = try claimTypeWithFolder(f, folder)
        app.type("1")                                        // the allowance: event proof, payee account
        app.press(.char(" "))                                // event proof ticked, the account not
        #expect(app.frame().line(23).contains("F6"))
        app.press(.function(6))
        let file = folder.appendingPathComponent("告知书-20261122-110105xxxxxxxx0025-allowance.txt")
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text.contains("一次性告知书") && text.contains(Self.zh("tui.claim.material.payeeAccount")))
        #expect(text.contains("用途：" + Self.zh("material.purpose.payeeAccount")))
        #expect(!text.contains(Self.zh("tui.claim.material.eventProof")))
        #expect(app.messageLine.contains("一次性告知书已打印到"))
        #expect(flat(app).contains(file.path))

        try FileManager.default.removeItem(at: folder)
        app.press(.down, .char(" "))                          // the account ticked too: nothing is missing
        #expect(!app.frame().line(23).contains("F6"))
        app.press(.function(6))
        #expect(!FileManager.default.fileExists(atPath: folder.path))
        #expect(app.top.screenID == "OW30")
    }

    // MARK: today's work (item 8)

    /// Home → the "today's work" menu entry, by the number it shows.
    func openWorklists(_ app: Application) {
        let text = app.screenText
        // "3 今日工作" or "3 Today's work", wherever the menu puts it.
        let n = try! #require(text.firstMatch(of: /(\d) (今日工作|Today's work)/)).1
        app.openMenu(Int(n)!)
        #expect(app.top.screenID == "OW39")
    }

    /// Lina's allowance filed by wang and returned for documents by zhao.
    func returnedClaim(_ f: TUIFixture) throws -> Int64 {
        try flow.prepare(f)
        let filed = try ClaimService(f.context(.clerk, name: "wang")).submit(
            ClaimRequest(claimant: ClaimFlowTests.lina, event: try Self.birth(),
                         allowance: true, account: try BankAccount("6222021234567890123")))
        let id = filed.claims[0].claim.id!
        try ClaimService(f.context(.supervisor, name: "zhao")).returnForDocuments(id, note: "补交分娩记录")
        return id
    }

    @Test("OW39 for a clerk: a returned claim in 'mine', and each list in turn (zh, en)", arguments: [Language.zh, .en])
    func worklistGoldens(language: Language) throws {
        let f = try TUIFixture()
        _ = try returnedClaim(f)
        let (app, _) = try f.app(language: language)
        openWorklists(app)
        try Golden.check("OW39-returned-mine-\(language.rawValue)", app.frame())
        try Golden.check("OW39-receipts-today-\(language.rawValue)", app.press(.right, .right))
    }

    @Test("OW39 for a supervisor: the decisions made today (zh, en)", arguments: [Language.zh, .en])
    func decisionsGolden(language: Language) throws {
        let f = try TUIFixture()
        _ = try returnedClaim(f)
        let (app, _) = try f.app(as: .supervisor, name: "zhao", language: language)
        openWorklists(app)
        try Golden.check("OW39-decisions-\(language.rawValue)", app.press(.left))
    }

    @Test("A returned claim shows in 'mine' for its clerk and in 'office' for another; Enter opens its receipt")
    func returnedMineAndOffice() throws {
        let f = try TUIFixture()
        _ = try returnedClaim(f)
        try OperatorService(f.context(.admin, name: "root")).add(name: "li", role: .clerk, password: "clerk-password")
        var opened: [String] = []
        let factory = ScreenFactory.standard
        factory.receipt = { ui, number in opened.append(number.value); return PersonProbe() }

        let (wang, _) = try f.app(factory: factory)
        openWorklists(wang)
        #expect(wang.screenText.contains("SY20261122-0001") && wang.screenText.contains("补交分娩记录"))
        #expect(wang.frame().line(23).contains("打开回执"))
        wang.press(.enter)
        #expect(opened == ["SY20261122-0001"])
        #expect(wang.top is PersonProbe)

        let (li, _) = try f.app(name: "li", factory: factory)
        openWorklists(li)
        #expect(!li.screenText.contains("SY20261122-0001"))
        #expect(li.screenText.contains(Self.zh("tui.worklist.empty.returnedMine")))
        #expect(!li.frame().line(23).contains("Enter"))
        li.press(.enter)                                     // an empty list opens nothing
        #expect(li.top.screenID == "OW39" && opened.count == 1)
        li.press(.right)
        #expect(li.screenText.contains("SY20261122-0001") && li.screenText.contains("wang"))
        li.press(.enter)
        #expect(opened == ["SY20261122-0001", "SY20261122-0001"])
    }

    @Test("F1 on OW39 explains the screen and its keys in both languages", arguments: [Language.zh, .en])
    func worklistHelp(language: Language) throws {
        let f = try TUIFixture()
        let strings = try StringTable(language: language)
        #expect(strings.has("about.OW39") && strings.has("help.OW39"))
        let (app, _) = try f.app(language: language)
        openWorklists(app)
        app.press(.function(1))
        let text = flat(app)
        #expect(text.contains(String(strings("about.OW39").prefix(12))))
        #expect(text.contains(strings("tui.worklist.key.switch")))
        app.press(.function(1))
        #expect(app.top.screenID == "OW39")
    }

    @Test("A supervisor's approval shows in her decisions today; a clerk has no such list")
    func approvalInDecisions() throws {
        let f = try TUIFixture()
        let id = try returnedClaim(f)
        try ClaimService(f.context(.clerk, name: "wang")).resubmit(id)
        try ClaimService(f.context(.supervisor, name: "zhao")).approve(id)
        let (app, _) = try f.app(as: .supervisor, name: "zhao")
        openWorklists(app)
        app.press(.left)                                     // the last list: decisions today
        let text = app.screenText
        #expect(text.contains("今日审批（2）"))              // returned, then approved
        let rows = app.frame().lines.filter { $0.contains("SY20261122-0001") }
        #expect(rows.count == 2)
        #expect(rows.contains { $0.contains(Self.zh(ClaimStatus.approved.messageKey)) })
        #expect(rows.contains { $0.contains(Self.zh(ClaimStatus.returned.messageKey)) })

        let (clerk, _) = try f.app()
        openWorklists(clerk)
        #expect(!clerk.screenText.contains("今日审批"))
    }
}
