import Foundation
import OneWindowCore
import OneWindowResources
import OneWindowService
import OneWindowStore
@testable import OneWindowTUI
import Testing

/// A valid citizen ID from 17 digits (the check character computed, GB 11643).
private func validID(_ body: String) -> String { body + String(CitizenID.checkCharacter(for: body)!) }

/// The same number with a wrong check character.
private func wrongCheck(_ body: String) -> String {
    let right = CitizenID.checkCharacter(for: body)!
    return body + (right == "1" ? "2" : "1")
}

private let chenBody = "11010519880512002"   // female, born 1988-05-12
private let zhouBody = "12010119561103001"   // male, born 1956-11-03

extension Application {
    /// Home → Tab to the menu → item n.
    func openMenu(_ n: Int) { press(.tab); type("\(n)") }

    /// Home search for an employer's credit code: one hit opens its view.
    func openEmployer(_ code: String) { type(code); press(.enter) }

    /// Fills OW11 from the ID field down (category employee), leaving the from month as given.
    func fillEmployee(id: String, name: String, employer: String, base: String, from: String) {
        type(id); press(.tab)
        type(name); press(.tab)
        press(.tab)                             // category: employee (the default)
        type(employer); press(.tab)             // region is skipped for employees
        type(base); press(.tab)
        press(.ctrl("u")); type(from)
    }

    var messageLine: String { frame().line(22) }
}

@Suite("Registration screens: employer view (OW20), employer registration (OW21), enrolment (OW11)")
struct RegistrationScreensTests {
    // MARK: OW20

    @Test("Employer view, unified employer with a roster and charged months (zh, en)", arguments: [Language.zh, .en])
    func employerGolden(language: Language) throws {
        let f = try TUIFixture()
        let (app, _) = try f.app(language: language)
        app.openEmployer(TUIFixture.tianjinCo)
        #expect(app.top.screenID == "OW20")
        try Golden.check("OW20-employer-\(language.rawValue)", app.frame())
    }

    @Test("Employer view, not yet unified and nobody on the roster (zh, en)", arguments: [Language.zh, .en])
    func employerOldChannelsGolden(language: Language) throws {
        let f = try TUIFixture()
        let (app, _) = try f.app(language: language)
        app.openEmployer(TUIFixture.shantouInst)
        let text = app.screenText
        #expect(text.contains(language == .zh ? "尚未统一参保" : "not yet unified"))
        try Golden.check("OW20-employer-oldChannels-\(language.rawValue)", app.frame())
    }

    @Test("The monthly summary shows due, paid and outstanding of the employer's account, newest first")
    func employerSummary() throws {
        let f = try TUIFixture()
        let clerk = try f.context(.clerk, name: "wang")
        let code = try CreditCode(TUIFixture.tianjinCo)
        let statement = try ContributionService(clerk).statement(.employer(code))
        let november = try #require(statement.last)
        _ = try ContributionService(clerk).recordPayment(payer: .employer(code), month: november.month,
                                                         amount: november.due, paidOn: TUIFixture.today)
        let (app, _) = try f.app()
        app.openEmployer(TUIFixture.tianjinCo)
        let lines = app.frame().lines
        let first = try #require(lines.firstIndex { $0.hasPrefix(" 2026-11") })
        let second = try #require(lines.firstIndex { $0.hasPrefix(" 2026-10") })
        #expect(first < second)
        #expect(lines[first].contains(november.due.grouped) && lines[first].contains("0.00") && lines[first].contains("已缴清"))
        #expect(lines[second].contains("未缴"))
    }

    @Test("Roster pages with F7/F8 and Enter opens the selected employee's view")
    func rosterPagingAndOpen() throws {
        let f = try TUIFixture()
        let reg = RegistrationService(try f.context(.clerk, name: "wang"))
        let code = try CreditCode(TUIFixture.tianjinCo)
        // Twelve more employees, named so they sort after 李娜: 王01 … 王12.
        for i in 1...12 {
            let id = try CitizenID(validID("11010519900101" + String(format: "%03d", 2 * i)), today: TUIFixture.today)
            try reg.enrol(id: id, name: "王\(String(format: "%02d", i))", category: .employee, employer: code,
                          base: Money(yuan: 6000), from: YearMonth(year: 2026, month: 11)!)
        }
        var opened: [CitizenID] = []
        var factory = ScreenFactory.standard
        factory.person = { ui, id in opened.append(id); return PersonProbe() }
        let probing = factory
        factory.employer = { ui, code in EmployerScreen(ui: ui, code: code, factory: probing) }
        let (app, _) = try f.app(factory: factory)
        app.openEmployer(TUIFixture.tianjinCo)
        #expect(app.screenText.contains("在册职工（13人）"))
        #expect(!app.screenText.contains("王12"))
        app.press(.function(8), .function(8), .function(8))
        #expect(app.screenText.contains("王12"))
        app.press(.function(7), .function(7), .function(7))
        #expect(app.screenText.contains("李娜"))
        app.press(.down, .enter)
        #expect(opened.map(\.value) == [validID("11010519900101002")])
        #expect(app.top is PersonProbe)
    }

    @Test("F6 enrols a new employee of this employer; back in the view she is on the roster")
    func enrolFromEmployerView() throws {
        let f = try TUIFixture()
        let (app, _) = try f.app()
        app.openEmployer(TUIFixture.tianjinCo)
        app.press(.function(6))
        #expect(app.top.screenID == "OW11")
        var text = app.screenText
        #expect(text.contains("天津某某科技有限公司"))        // the employer's name beside its code
        #expect(text.contains("91120116MA05XXXX0J"))
        app.type(validID(chenBody)); app.press(.tab)
        app.type("陈静"); app.press(.tab)              // category and employer are fixed: base is next
        app.type("7000"); app.press(.tab)
        app.press(.ctrl("u")); app.type("2026-12")
        app.press(.enter)
        text = app.screenText
        #expect(text.contains("职工医保：自 2026-12 起参保（在职职工，天津某某科技有限公司）"))
        #expect(text.contains("生育保险：自 2026-12 起参保（同步）"))
        app.press(.function(5))
        #expect(app.top.screenID == "OW10")
        app.press(.function(3))
        #expect(app.top.screenID == "OW20")
        #expect(app.screenText.contains("陈静"))
        #expect(app.screenText.contains("在册职工（2人）"))
    }

    // MARK: OW21

    @Test("Employer registration: empty, a bad check character, validated with the preview (zh, en)",
          arguments: [Language.zh, .en])
    func employerRegistrationGoldens(language: Language) throws {
        let f = try TUIFixture()
        let (app, _) = try f.app(language: language)
        app.openMenu(2)
        #expect(app.top.screenID == "OW21")
        try Golden.check("OW21-empty-\(language.rawValue)", app.frame())
        app.type("91210102MA0Y2K3L4K"); app.press(.tab)
        app.type("沈阳某某贸易有限公司")
        app.press(.enter)
        #expect(app.frame().cursor?.row == 2)
        try Golden.check("OW21-error-\(language.rawValue)", app.frame())
        app.press(.end, .backspace); app.type("J")
        app.press(.down, .down); app.press(.right)           // region: the next one after the agency's
        app.press(.down, .down); app.type("2021-07")
        app.press(.enter)
        try Golden.check("OW21-preview-\(language.rawValue)", app.frame())
    }

    @Test("An employer registered on OW21 opens in the employer view, unified state and all")
    func registerEmployer() throws {
        let f = try TUIFixture()
        let (app, _) = try f.app()
        app.openMenu(2)
        app.type("91210102MA0Y2K3L4J"); app.press(.tab)
        app.type("沈阳某某贸易有限公司"); app.press(.tab)
        app.press(.tab, .tab)
        app.press(.enter)
        #expect(app.messageLine.contains("校验通过，按 F5 保存"))
        #expect(app.screenText.contains("尚未统一参保"))
        app.press(.function(5))
        #expect(app.top.screenID == "OW20")
        let text = app.screenText
        #expect(text.contains("沈阳某某贸易有限公司") && text.contains("91210102MA0Y2K3L4J"))
        #expect(text.contains("尚未统一参保"))
        #expect(app.messageLine.contains("已登记单位 91210102MA0Y2K3L4J"))
        let row = try LookupService(try f.context(.clerk)).employerRow(try CreditCode("91210102MA0Y2K3L4J"))
        #expect(row.region == "tianjin" && row.kind == .enterprise && row.unifiedFrom == nil)
        // F3 goes back to home: the form it replaced is gone.
        app.press(.function(3))
        #expect(app.top.screenID == "OW01")
    }

    @Test("OW21: a code already registered is refused on Enter, on the code field")
    func employerExists() throws {
        let f = try TUIFixture()
        let (app, _) = try f.app()
        app.openMenu(2)
        app.type(TUIFixture.tianjinCo); app.press(.tab)
        app.type("另一个名称")
        app.press(.enter)
        #expect(app.messageLine.contains("统一社会信用代码：该代码已登记为“天津某某科技有限公司”"))
        #expect(app.frame().cursor?.row == 2)
        app.press(.function(5))
        #expect(try f.store.read { tx in try tx.employers.count() } == 2)
    }

    @Test("OW21: a bad unified-from month focuses that field")
    func employerBadMonth() throws {
        let f = try TUIFixture()
        let (app, _) = try f.app()
        app.openMenu(2)
        app.type("91210102MA0Y2K3L4J"); app.press(.tab)
        app.type("沈阳某某贸易有限公司"); app.press(.tab, .tab, .tab)
        app.type("2021-13")
        app.press(.enter)
        #expect(app.messageLine.contains("统一参保起始月：月份2021-13不存在"))
        #expect(app.frame().cursor?.row == 6)
    }

    // MARK: OW11

    @Test("Enrolment: empty, a wrong check character, validated with both schemes (zh, en)", arguments: [Language.zh, .en])
    func enrolGoldens(language: Language) throws {
        let f = try TUIFixture()
        let (app, _) = try f.app(language: language)
        app.openMenu(1)
        #expect(app.top.screenID == "OW11")
        try Golden.check("OW11-empty-\(language.rawValue)", app.frame())
        app.fillEmployee(id: wrongCheck(chenBody), name: "陈静", employer: TUIFixture.tianjinCo, base: "7000", from: "2026-12")
        app.press(.enter)
        try Golden.check("OW11-error-\(language.rawValue)", app.frame())
        app.press(.ctrl("u"))
        app.type(validID(chenBody))
        app.press(.enter)
        try Golden.check("OW11-preview-\(language.rawValue)", app.frame())
    }

    @Test("Enrolling from the form writes medical and maternity together and opens the person")
    func enrolWritesBothSchemes() throws {
        let f = try TUIFixture()
        var opened: [CitizenID] = []
        var factory = ScreenFactory.standard
        factory.person = { ui, id in opened.append(id); return PersonProbe() }
        let probing = factory
        factory.enrol = { ui, id, code in EnrolScreen(ui: ui, prefill: id, employer: code, factory: probing) }
        let (app, _) = try f.app(factory: factory)
        app.openMenu(1)
        app.fillEmployee(id: validID(chenBody), name: "陈静", employer: TUIFixture.tianjinCo, base: "7000.50", from: "2026-12")
        app.press(.enter)
        #expect(app.messageLine.contains("校验通过，按 F5 保存"))
        app.press(.function(5))
        #expect(app.top is PersonProbe)
        #expect(opened.map(\.value) == [validID(chenBody)])
        #expect(app.messageLine.contains("已保存：陈静（110105********\(validID(chenBody).suffix(4))）参保登记"))
        let view = try LookupService(try f.context(.clerk)).person(try CitizenID(validID(chenBody), today: TUIFixture.today))
        #expect(view.periods.count == 2)
        #expect(Set(view.periods.map(\.scheme)) == [.medical, .maternity])
        #expect(view.periods.allSatisfy { $0.isOpen && $0.from == YearMonth(year: 2026, month: 12)! && $0.category == .employee
                                          && $0.employer?.value == TUIFixture.tianjinCo })
        #expect(view.mismatch == nil)
        #expect(view.bases.map(\.baseFen) == [700_050])
    }

    @Test("A wrong check character focuses the ID field and says why; nothing is saved")
    func wrongChecksum() throws {
        let f = try TUIFixture()
        let (app, _) = try f.app()
        app.openMenu(1)
        app.fillEmployee(id: wrongCheck(chenBody), name: "陈静", employer: TUIFixture.tianjinCo, base: "7000", from: "2026-12")
        app.press(.enter)
        #expect(app.messageLine.contains("身份证号码：校验位错误（按前17位应为\(CitizenID.checkCharacter(for: chenBody)!)）"))
        #expect(app.frame().cursor?.row == 2)
        app.press(.function(5))
        #expect(try f.store.read { tx in try tx.persons.count() } == 1)
    }

    @Test("F5 before Enter saves nothing, and neither does F5 after the form changed since Enter")
    func saveNeedsValidation() throws {
        let f = try TUIFixture()
        let (app, _) = try f.app()
        app.openMenu(1)
        app.fillEmployee(id: validID(chenBody), name: "陈静", employer: TUIFixture.tianjinCo, base: "7000", from: "2026-12")
        app.press(.function(5))
        #expect(app.top.screenID == "OW11")
        #expect(app.messageLine.contains("请先按 Enter 校验"))
        app.press(.enter)
        app.press(.backspace); app.type("1")       // 2026-11 now: the preview no longer holds
        #expect(!app.screenText.contains("保存后："))
        app.press(.function(5))
        #expect(app.top.screenID == "OW11")
        #expect(try f.store.read { tx in try tx.persons.count() } == 1)
    }

    @Test("F3 with typed input asks before going back")
    func backAsks() throws {
        let f = try TUIFixture()
        let (app, _) = try f.app()
        app.openMenu(1)
        app.type("1101")
        app.press(.function(3))
        #expect(app.screenText.contains("放弃未保存的输入并返回？"))
        app.press(.char("n"))
        #expect(app.top.screenID == "OW11")
        app.press(.function(3), .char("y"))
        #expect(app.top.screenID == "OW01")
    }

    @Test("An unregistered ID from the home search is prefilled, with its birth date and sex")
    func prefilledFromSearch() throws {
        let f = try TUIFixture()
        let (app, _) = try f.app()
        app.type(validID(chenBody)); app.press(.enter)
        app.press(.char("y"))                           // yes: register now
        #expect(app.top.screenID == "OW11")
        let line = app.frame().line(2)
        #expect(line.contains(validID(chenBody)) && line.contains("出生 1988-05-12  女"))
        #expect(app.frame().cursor?.row == 3)           // the name is next
        #expect(!app.top.hasUnsavedInput)
    }

    @Test("A 15-digit ID shows its 18-digit upgrade; a retiree's preview says maternity does not apply")
    func fifteenDigitsAndRetiree() throws {
        let f = try TUIFixture()
        let (app, _) = try f.app()
        app.openMenu(1)
        let upgraded = validID(zhouBody)
        let old = String(zhouBody.prefix(6) + zhouBody.dropFirst(8).prefix(9))
        app.type(old)
        #expect(app.frame().line(2).contains("升级为 \(upgraded)  1956-11-03 男"))
        app.press(.tab); app.type("周强"); app.press(.tab)
        app.type("3")                                   // retiree
        app.press(.tab)                                 // the employer is skipped: region next
        #expect(app.frame().cursor?.row == 6)
        app.press(.tab); app.type("5000"); app.press(.tab, .ctrl("u")); app.type("2026-12")
        app.press(.enter)
        let text = app.screenText
        #expect(text.contains("职工医保：自 2026-12 起参保（退休人员，天津市）"))
        #expect(text.contains("生育保险：不参加（退休人员）"))
        app.press(.function(5))
        let view = try LookupService(try f.context(.clerk)).person(try CitizenID(upgraded, today: TUIFixture.today))
        #expect(view.periods.map(\.scheme) == [.medical])
        #expect(view.person.region == "tianjin")
    }

    @Test("A person already enrolled: the preview refuses and nothing can be saved")
    func alreadyEnrolled() throws {
        let f = try TUIFixture()
        let (app, _) = try f.app()
        app.openMenu(1)
        app.type(TUIFixture.lina); app.press(.tab)
        #expect(app.frame().line(3).contains("李娜"))    // a registered person's name is filled in
        app.press(.tab, .tab); app.type(TUIFixture.tianjinCo); app.press(.tab)
        app.type("8000"); app.press(.enter)
        #expect(app.messageLine.contains("此人已在参保中"))
        app.press(.function(5))
        #expect(app.messageLine.contains("请先按 Enter 校验"))
    }

    @Test("An unknown employer is refused on the employer field")
    func unknownEmployer() throws {
        let f = try TUIFixture()
        let (app, _) = try f.app()
        app.openMenu(1)
        app.fillEmployee(id: validID(chenBody), name: "陈静", employer: "91210102MA0Y2K3L4J", base: "7000", from: "2026-12")
        #expect(app.frame().line(5).contains("单位91210102MA0Y2K3L4J尚未登记"))
        app.press(.enter)
        #expect(app.messageLine.contains("用人单位：单位91210102MA0Y2K3L4J尚未登记"))
        #expect(app.frame().cursor?.row == 5)
    }
}

/// Stands in for the person view where a test only checks that it was opened.
final class PersonProbe: Screen {
    let screenID = "OW10"
    let title = Message("tui.title.person")
    func keyHints(_ ui: UIContext) -> [KeyHint] { [] }
    func draw(_ canvas: inout Canvas, area: Rect, ui: UIContext) -> Point? { nil }
    func handle(_ key: Key, ui: UIContext) -> Navigation { .unhandled }
}
