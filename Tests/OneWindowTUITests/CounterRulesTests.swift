import Foundation
import OneWindowCore
import OneWindowResources
import OneWindowService
@testable import OneWindowTUI
import Testing

/// Issue 9 items 2, 5 and 6: never the wrong record from the home search, F1 opens a whole help screen,
/// the key bar keeps every key, prefilled text is replaced by typing, F4 picks an employer's code.
@Suite("Counter rules: search, help, keys, fields")
struct CounterRulesTests {
    @Test("Typing while the results list has focus goes to the search box: 某 then 汕头 opens 汕头, never the old row")
    func typingGoesToSearch() throws {
        let f = try TUIFixture()
        let (app, _) = try f.app()
        app.type("某")
        app.press(.enter)
        #expect((app.top as? HomeScreen)?.zone == .results)
        #expect(app.screenText.contains("天津某某科技有限公司") && app.screenText.contains("汕头某事业单位"))
        app.type("汕头")
        app.press(.enter)
        #expect(app.top.screenID == "OW20")
        #expect(app.screenText.contains("汕头某事业单位") && !app.screenText.contains("天津某某科技有限公司"))
    }

    @Test("Editing the query drops the old list; a failed search leaves no list under its error")
    func failedSearchClears() throws {
        let f = try TUIFixture()
        let (app, _) = try f.app(language: .en)
        app.type("某")
        app.press(.enter, .up)                  // back in the search box, the list still shown
        #expect(app.screenText.contains("天津某某科技有限公司"))
        app.press(.ctrl("u"))
        app.type("110105199003070026")          // a wrong check character
        #expect(!app.screenText.contains("天津某某科技有限公司"))
        app.press(.enter)
        #expect(app.frame().line(22).contains("check character"))
        #expect(!app.screenText.contains("天津某某科技有限公司") && app.top.screenID == "OW01")
        // Enter again on the same wrong text still opens nothing.
        app.press(.enter)
        #expect(app.top.screenID == "OW01")
    }

    @Test("A full ID that opened a person is masked in the box afterwards; Enter on it opens her again")
    func idMasked() throws {
        let f = try TUIFixture()
        let (app, _) = try f.app()
        app.type(TUIFixture.lina)
        app.press(.enter)
        #expect(app.top.screenID == "OW10")
        app.press(.function(3))
        let line = app.frame().line(2)
        #expect(line.contains("110105********0025") && !line.contains(TUIFixture.lina))
        app.press(.enter)
        #expect(app.top.screenID == "OW10")
        // Typing replaces the masked text (it is selected), so a new search starts clean.
        app.press(.function(3))
        app.type("娜")
        #expect(app.frame().line(2).contains("娜") && !app.frame().line(2).contains("0025"))
    }

    @Test("F1 opens the help screen: what the screen does, every key (Ctrl-U too), every field's rule; F1 closes it, nothing lost (zh, en)",
          arguments: [Language.zh, .en])
    func helpScreen(language: Language) throws {
        let f = try TUIFixture()
        let (app, _) = try f.app(language: language)
        let strings = try StringTable(language: language)
        app.openMenu(1)
        app.type("1101")
        app.press(.function(1))
        #expect(app.top is HelpScreen)
        let first = app.screenText
        #expect(first.contains(String(strings.render(Message("about.OW11")).prefix(12))))
        try Golden.check("OW11-help-\(language.rawValue)", app.frame())
        // The text scrolls: F8 to the fields, every one with its rule.
        var all = first
        for _ in 0..<6 { all += app.press(.function(8)).lines.joined(separator: "\n") }
        #expect(all.contains("Ctrl-U") && all.contains(strings.render(Message("tui.help.key.clear.does"))))
        for id in ["citizenID", "name", "base", "fromMonth"] {
            #expect(all.contains(String(strings.render(Message("tui.registration.help.\(id)")).prefix(10))))
        }
        app.press(.function(1))
        #expect(app.top.screenID == "OW11")
        #expect(app.screenText.contains("1101"))
    }

    @Test("Every screen's about text exists in both languages")
    func aboutTexts() throws {
        let zh = try StringTable(language: .zh), en = try StringTable(language: .en)
        for id in ["OW00", "OW01", "OW03", "OW05", "OW10", "OW11", "OW12", "OW13", "OW20", "OW21", "OW30", "OW31", "OW32",
                   "OW33", "OW35", "OW36", "OW37", "OW38", "OW39", "OW80", "OW81", "OW90"] {
            #expect(zh.has("about.\(id)") && en.has("about.\(id)"), "about.\(id)")
        }
    }

    @Test("OW20's bar names F9 and F4, which work there; a long bar narrows its gaps instead of dropping keys (zh, en)",
          arguments: [Language.zh, .en])
    func employerBar(language: Language) throws {
        let f = try TUIFixture()
        let (app, _) = try f.app(language: language)
        app.openEmployer(TUIFixture.tianjinCo)
        let bar = app.frame().line(23)
        for key in ["F6", "F9", "F4", "F3", "F1", "F10"] { #expect(bar.contains(key), "\(key) in \(bar)") }
    }

    @Test("Menu numbers have no gaps: the person view lists 1–5 for a clerk, the fix dimmed and saying why; the home hint names receipts")
    func menuNumbers() throws {
        let f = try TUIFixture()
        let (app, _) = try f.app()
        #expect(app.frame().line(2).contains("回执号"))
        app.type(TUIFixture.lina)
        app.press(.enter)
        let menu = try #require(app.frame().lines.last { $0.contains("1 变更登记") })
        for n in 1...5 { #expect(menu.contains("\(n) "), "\(n) in \(menu)") }
        app.press(.char("3"))
        #expect(app.top.screenID == "OW10")
        #expect(app.frame().line(22).contains(StringTable.zh("tui.person.fixNothing")))
    }

    @Test("A prefilled field's text is selected on focus: typing 2 into babies gives 2, not 12; ← keeps it to edit")
    func prefilledReplaced() throws {
        let f = try TUIFixture()
        let (app, _) = try f.app()
        app.type(TUIFixture.lina)
        app.press(.enter, .char("4"), .char("1"), .char(" "), .down, .char(" "), .enter)
        #expect(app.top.screenID == "OW31")
        let screen = try #require(app.top as? ClaimFormScreen)
        app.type("2026-11-20")
        app.press(.tab, .tab, .tab)              // kind, delivery, babies
        #expect(screen.claim.form.focused.id == "babies")
        #expect(screen.claim.form.focused.input.selected)
        app.type("2")
        #expect(screen.claim.form["babies"] == "2")
        // Back and forth: the clerk's own text is not selected again, so typing appends as usual.
        app.press(.backTab, .tab)
        app.press(.char("1"))
        #expect(screen.claim.form["babies"] == "21")
        // Ctrl-U clears the field.
        app.press(.ctrl("u"))
        #expect(screen.claim.form["babies"] == "")
    }

    @Test("F4 on the employer field: search by part of the name, pick with Enter, the code is filled in; F3 fills in nothing")
    func valueHelp() throws {
        let f = try TUIFixture()
        let (app, _) = try f.app()
        app.openMenu(1)
        let enrol = try #require(app.top as? EnrolScreen)
        app.press(.tab, .tab, .tab)              // name, category, employer
        #expect(enrol.form.focused.id == "employer")
        #expect(app.frame().line(23).contains("F4"))
        app.press(.function(4))
        #expect(app.top.screenID == "OW05")
        app.press(.function(3))
        #expect(app.top.screenID == "OW11" && enrol.form["employer"].isEmpty)
        app.press(.function(4))
        app.type("科技")
        app.press(.enter)
        #expect(app.screenText.contains("天津某某科技有限公司") && !app.screenText.contains("汕头某事业单位"))
        app.press(.enter)
        #expect(app.top.screenID == "OW11")
        #expect(enrol.form["employer"] == TUIFixture.tianjinCo)
        #expect(app.screenText.contains("天津某某科技有限公司"))
        // By the first characters of the code, in any case.
        app.press(.function(4))
        app.type("12440500mb")
        app.press(.enter)
        #expect(app.screenText.contains("汕头某事业单位") && !app.screenText.contains("天津某某科技有限公司"))
        app.press(.enter)
        #expect(enrol.form["employer"] == TUIFixture.shantouInst)
    }
}
