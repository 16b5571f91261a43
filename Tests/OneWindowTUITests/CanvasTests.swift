import Foundation
import OneWindowCore
import OneWindowResources
import OneWindowTUI
import Testing

@Suite("Frame and sign-on through the virtual terminal")
struct FrameTests {
    @Test("Sign-on screen (zh, en)", arguments: [Language.zh, .en])
    func signOnGolden(language: Language) throws {
        let f = try TUIFixture(seed: false)
        let terminal = VirtualTerminal()
        let app = try CounterTerminal.application(terminal: terminal, store: f.store, strings: StringTable(language: language),
                                                  storeLabel: "store.sqlite")
        app.ui.clock = f.clock  // the date shown before sign-on: fixed, or the golden would change every day
        try Golden.check("OW00-signon-\(language.rawValue)", app.frame())
    }

    @Test("A database store on sign-on: called a database, and a long URL ends in a mark, not cut off silently")
    func signOnDatabase() throws {
        let f = try TUIFixture(seed: false)
        let url = "postgresql://onewindow@/onewindow?host=/tmp/onewindow-pg.H7JGuA&user=onewindow_pw&application_name=counter-12"
        let app = try CounterTerminal.application(terminal: VirtualTerminal(), store: f.store, strings: StringTable(language: .zh),
                                                  storeLabel: url)
        let line = app.frame().line(4)
        #expect(line.contains("数据库：postgresql://onewindow@/onewindow?host="))
        #expect(line.trimmingCharacters(in: .whitespaces).hasSuffix("..."))
        #expect(DisplayWidth.of(line) <= 80)
    }

    @Test("Home after sign-on (zh, en)", arguments: [Language.zh, .en])
    func homeGolden(language: Language) throws {
        let f = try TUIFixture()
        let (app, _) = try f.app(language: language)
        try Golden.check("OW01-home-\(language.rawValue)", app.frame())
    }

    @Test("Below 80×24 the screen asks to enlarge; typed text survives a resize")
    func tooSmallAndResize() throws {
        let f = try TUIFixture()
        let (app, terminal) = try f.app()
        app.type("李娜")
        terminal.size = Size(rows: 20, cols: 60)
        let small = app.press(.resize)
        #expect(small.lines.joined().contains("请放大窗口"))
        terminal.size = Size(rows: 30, cols: 100)
        let big = app.press(.resize)
        #expect(big.line(2).contains("李娜"))
        #expect(big.size == Size(rows: 30, cols: 100))
    }
}
