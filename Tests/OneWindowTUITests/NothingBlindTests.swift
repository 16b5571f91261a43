import OneWindowCore
import OneWindowResources
import OneWindowService
import OneWindowTUI
import Testing

/// Issue 9 items 1 and 4: while the "enlarge the window" notice shows, no key changes anything (keys typed
/// before the shrink still apply); dialogs default to the answer that loses nothing and never drop a key.
@Suite("Nothing happens blind")
struct NothingBlindTests {
    /// The application on a terminal whose size flips at each `.resize`: small, then 80×24 again.
    static func resizing(_ f: TUIFixture, small: Size = Size(rows: 20, cols: 60)) throws -> (Application, VirtualTerminal) {
        let (app, terminal) = try f.app()
        var shrunk = false
        terminal.beforeKey = { t, key in
            guard key == .resize else { return }
            shrunk.toggle()
            t.size = shrunk ? small : .minimum
        }
        return (app, terminal)
    }

    @Test("At 60×20, an ID, Enter and 4 typed while the notice shows open nothing; the search box keeps what was typed before")
    func heldWhileTooSmall() throws {
        let f = try TUIFixture()
        let (app, terminal) = try Self.resizing(f)
        terminal.type("11010519900307")     // typed on the full screen...
        terminal.press(.resize)             // ...then the window shrinks: ncurses hands KEY_RESIZE out first
        terminal.type("0025")               // typed before the shrink, still waiting: applies
        terminal.pause()
        terminal.press(.enter, .char("4"), .char("x"))  // typed on the notice: held back
        app.run()
        let notice = terminal.screen.lines.joined(separator: "\n")
        #expect(notice.contains("请放大窗口"))
        #expect(notice.contains(StringTable.zh("tui.tooSmallHeld")))
        #expect(notice.contains(StringTable.zh("tui.tooSmallRefused", "3")))
        #expect(terminal.beeps == 3)
        terminal.press(.resize)
        app.run()
        #expect(app.top is HomeScreen)
        #expect(app.stack.count == 1)
        #expect(terminal.screen.line(2).contains(TUIFixture.lina))
        #expect(!terminal.screen.line(2).contains("x"))
    }

    @Test("On OW31 at 60×20 an x goes nowhere; the form is as it was when the window is enlarged")
    func formUntouchedWhileSmall() throws {
        let f = try TUIFixture()
        let (app, terminal) = try Self.resizing(f)
        app.type(TUIFixture.lina)
        app.press(.enter, .char("4"), .char("1"), .char(" "), .down, .char(" "), .enter)
        #expect(app.top.screenID == "OW31")
        let before = app.frame().lines
        terminal.press(.resize)
        terminal.pause()
        terminal.press(.char("x"), .tab, .char("9"), .function(5))
        terminal.press(.resize)
        app.run()
        #expect(app.top.screenID == "OW31")
        #expect(terminal.screen.lines[2..<21] == before[2..<21])
        #expect(!app.top.hasUnsavedInput)
    }

    @Test("F10 on the notice asks there; N keeps everything, Y quits")
    func quitWhileSmall() throws {
        let f = try TUIFixture()
        let (app, terminal) = try Self.resizing(f)
        terminal.type("李娜")
        terminal.pause()
        terminal.press(.resize, .function(10))
        app.run()
        #expect(terminal.screen.lines.joined().contains(StringTable.zh("tui.confirm.quit")))
        terminal.press(.char("n"))
        app.run()
        #expect(!app.finished)
        #expect(!terminal.screen.lines.joined().contains(StringTable.zh("tui.confirm.quit")))
        terminal.press(.ctrl("q"), .char("y"))
        app.run()
        #expect(app.finished)
    }

    @Test("A dialog's Enter and Esc keep what is there; Y confirms; another key beeps and says how to answer")
    func dialogDefaults() throws {
        let f = try TUIFixture()
        let (app, terminal) = try f.app()
        app.openMenu(1)
        app.type("1101")
        app.press(.function(3))
        var screen = app.screenText
        #expect(screen.contains(StringTable.zh("tui.confirm.discard")))
        // While the question is up the bar shows only its answers: nothing of the screen behind.
        let bar = app.frame().line(23)
        #expect(bar.contains("Y 确定") && bar.contains("N/Esc/Enter 取消"))
        #expect(!bar.contains("F1") && !bar.contains("校验"))
        app.press(.enter)
        #expect(app.top.screenID == "OW11" && app.screenText.contains("1101"))
        app.press(.function(3), .escape)
        #expect(app.top.screenID == "OW11" && app.screenText.contains("1101"))
        app.press(.function(3), .char("5"))
        screen = app.screenText
        #expect(terminal.beeps == 1)
        #expect(screen.contains(StringTable.zh("tui.confirm.discard")))
        #expect(app.frame().line(22).contains("请先回答对话框"))
        app.press(.char("Y"))
        #expect(app.top.screenID == "OW01")
    }

    @Test("Quitting from home: Enter on the question does not quit")
    func enterDoesNotQuit() throws {
        let f = try TUIFixture()
        let (app, _) = try f.app(language: .en)
        app.press(.function(10), .enter)
        #expect(!app.finished)
        app.press(.function(10), .char("y"))
        #expect(app.finished)
    }
}

extension StringTable {
    static func zh(_ key: String, _ args: String...) -> String {
        (try! StringTable(language: .zh)).render(Message(key, args.map { .text($0) }))
    }
}
