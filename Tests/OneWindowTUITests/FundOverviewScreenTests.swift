import Foundation
import OneWindowCore
import OneWindowResources
import OneWindowService
import OneWindowStore
@testable import OneWindowTUI
import Testing

/// OW50 the fund overview, and the fund's warning on a supervisor's home, driven through the application on
/// a virtual terminal over books the service layer kept.
@Suite("OW50 fund overview and the home screen's fund warning")
struct FundOverviewScreenTests {
    static let december = CalendarDate(year: 2026, month: 12, day: 5)!
    static let zh = try! StringTable(language: .zh)
    static let en = try! StringTable(language: .en)

    static func month(_ s: String) -> YearMonth { try! YearMonth.parse(s) }

    /// A context of the fixture's store on another day.
    static func context(_ f: TUIFixture, _ role: Role, _ name: String, on date: CalendarDate) throws -> ServiceContext {
        let base = try f.context(role, name: name)
        return ServiceContext(store: f.store, policies: base.policies, clock: .fixed(date), session: base.session)
    }

    /// The counter signed on as `role` on `date` (home first).
    static func app(_ f: TUIFixture, as role: Role = .supervisor, name: String = "zhao", language: Language = .zh,
                    on date: CalendarDate = december) throws -> Application {
        let terminal = VirtualTerminal(size: .minimum)
        let app = try CounterTerminal.application(terminal: terminal, store: f.store, strings: StringTable(language: language),
                                                  storeLabel: "store.sqlite")
        app.ui.clock = .fixed(date)
        app.ui.services = try context(f, role, name, on: date)
        app.goHome()
        return app
    }

    /// Home, then OW50 through the menu (Tab to the menu, the item's digit).
    static func open(_ app: Application) throws {
        let home = try #require(app.top as? HomeScreen)
        let index = try #require(home.menu(app.ui).firstIndex { $0.key == "tui.fund.menu" })
        app.press(.tab, .char(Character("\(index + 1)")))
        #expect(app.top is FundOverviewScreen)
    }

    /// The approval fixture's store (Lina and Wei charged 2026-09…11, the employer's 09 and 10 paid, Lina's
    /// allowance and Wei's delivery costs filed), then: both claims approved and paid on 2026-11-22; the
    /// books' opening balance in 2026-09; hospital settlements and bank interest entered for 2026-11; the old
    /// maternity fund transferred on 2026-11-02; 2026-09…2026-11 closed on 2026-12-05.
    static func activity() throws -> TUIFixture {
        let f = try ApprovalScreensTests.fixture()
        let qian = try f.context(.supervisor, name: "qian")
        for c in try ApprovalScreensTests.claims(f) { try ClaimService(qian).approve(c.id!) }
        _ = try PaymentService(qian).run()
        let fund = FundService(try context(f, .supervisor, "zhao", on: december))
        _ = try fund.setOpening(month: month("2026-09"), amount: Money(yuan: 150_000), document: "津医保基金〔2026〕期初")
        _ = try fund.enter(.medicalExpense, month: month("2026-11"), amount: Money(yuan: 42_000), document: "HIS-2026-11")
        _ = try fund.enter(.interest, month: month("2026-11"), amount: Money(fen: 9_630), document: "BANK-2026-11")
        _ = try fund.transferOldFund(amount: Money(fen: 876_543), on: CalendarDate(year: 2026, month: 11, day: 2)!,
                                     document: "津医保〔2026〕12号")
        for m in ["2026-09", "2026-10", "2026-11"] { try fund.close(month: month(m)) }
        return f
    }

    /// The seeded store (Lina charged 2026-09…11, 680.00 a month) with one month's hospital settlements, and
    /// an opening balance if given. Opening 400,000 and 300,000 spent drain the fund (0.7 months of capacity,
    /// a deficit, running dry); no opening and 200 spent leave it healthy (11.6 months, a surplus).
    static func books(opening: Int64? = nil, medical yuan: Int64) throws -> TUIFixture {
        let f = try TUIFixture()
        let fund = FundService(try f.context(.supervisor, name: "zhao"))
        if let opening {
            _ = try fund.setOpening(month: month("2026-09"), amount: Money(yuan: opening), document: "津医保基金〔2026〕期初")
        }
        _ = try fund.enter(.medicalExpense, month: month("2026-10"), amount: Money(yuan: yuan), document: "HIS-2026-10")
        return f
    }

    static func screen(_ app: Application) throws -> FundOverviewScreen { try #require(app.top as? FundOverviewScreen) }

    // MARK: goldens

    @Test("OW50 on the last finished month, closed, with warnings; then scrolled to the end (zh, en)", arguments: [Language.zh, .en])
    func golden(language: Language) throws {
        let f = try Self.activity()
        let app = try Self.app(f, language: language)
        try Self.open(app)
        let s = try Self.screen(app)
        #expect(s.month == Self.month("2026-11") && s.overview?.closed == true)
        #expect(s.overview?.risk.warnings.count == 3)
        try Golden.check("OW50-fund-\(language.rawValue)", app.frame())
        app.press(.function(8))
        try Golden.check("OW50-fund-end-\(language.rawValue)", app.frame())
    }

    @Test("A supervisor's home with the fund's warning above the menu (zh, en)", arguments: [Language.zh, .en])
    func homeGolden(language: Language) throws {
        let f = try Self.books(opening: 400_000, medical: 300_000)
        let (app, _) = try f.app(as: .supervisor, name: "zhao", language: language)
        try Golden.check("OW01-home-fund-\(language.rawValue)", app.frame())
    }

    // MARK: behaviour

    @Test("←/→ change the month and its figures; → stops at the current month, says so, and the bar then offers ← only")
    func months() throws {
        let f = try Self.activity()
        let app = try Self.app(f)
        try Self.open(app)
        let s = try Self.screen(app)
        let service = FundService(try Self.context(f, .supervisor, "zhao", on: Self.december))
        func shows(_ m: String, _ state: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
            let screen = app.frame()
            #expect(s.month == Self.month(m), sourceLocation: sourceLocation)
            #expect(screen.line(2).hasPrefix(" \(m)（\(state)）"), "\(screen.line(2))", sourceLocation: sourceLocation)
            // The income total of that month, as the service gives it, on the screen.
            let o = try service.overview(month: Self.month(m))
            let total = try #require(screen.lines.first { $0.contains("收入合计") }, sourceLocation: sourceLocation)
            #expect(total.contains(o.incomeTotal.month.grouped + "  "), "\(total)", sourceLocation: sourceLocation)
        }
        try shows("2026-11", "已结账")
        #expect(app.frame().line(23).contains("←/→ 上月/下月"))
        app.press(.left)
        try shows("2026-10", "已结账")
        app.press(.right, .right)
        try shows("2026-12", "未结账，本月尚未结束")
        #expect(app.frame().line(23).contains("← 上月") && !app.frame().line(23).contains("←/→"))
        let screen = app.press(.right)
        try shows("2026-12", "未结账，本月尚未结束")
        #expect(screen.line(22).contains("2026-12 是本月，没有更晚的月份"))
        // Back a month: both keys again.
        app.press(.left)
        #expect(s.month == Self.month("2026-11") && app.frame().line(23).contains("←/→ 上月/下月"))
        app.press(.function(3))
        #expect(app.top is HomeScreen)
    }

    @Test("A month the service cannot show (before the region's rules begin): the error on the message line, the month kept")
    func serviceError() throws {
        let f = try Self.books(medical: 200)
        let (app, _) = try f.app(as: .supervisor, name: "zhao")
        try Self.open(app)
        let s = try Self.screen(app)
        #expect(s.month == Self.month("2026-10"))
        // 2019-01 is the first month with fund rules (national samples); one more ← asks for 2018-12.
        for _ in 0..<(Self.month("2019-01").distance(to: Self.month("2026-10"))) { app.press(.left) }
        #expect(s.month == Self.month("2019-01"))
        let screen = app.press(.left)
        #expect(s.month == Self.month("2019-01") && s.overview?.month == Self.month("2019-01"))
        #expect(screen.line(2).hasPrefix(" 2019-01（"))
        #expect(screen.line(22).contains("2018-12"), "\(screen.line(22))")
        #expect(screen.line(22) != "" && !screen.line(22).contains("error.") && app.top is FundOverviewScreen)

        // Opened on such a month (the counter's date 2019-01-10): the month alone, a sentence, the error; → loads 2019-01.
        let early = try Self.app(f, on: CalendarDate(year: 2019, month: 1, day: 10)!)
        #expect(early.frame().line(22).contains("2018-12"), "home says why it has no fund warning: \(early.frame().line(22))")
        try Self.open(early)
        var opened = early.frame()
        #expect(opened.line(2).hasPrefix(" 2018-12  ") && !opened.line(2).contains("（") && opened.line(4).contains("没有读到 2018-12 的基金数据"), "\(early.screenText)")
        #expect(opened.line(22).contains("2018-12"))
        opened = early.press(.right)
        #expect(opened.line(2).hasPrefix(" 2019-01（未结账，本月尚未结束）") && opened.lines.contains { $0.contains("收入合计") })
    }

    @Test("The menu entry: none for a clerk; the last entry for a supervisor and an admin, the other numbers unchanged")
    func menuByRole() throws {
        let f = try Self.books(medical: 200)
        let (clerk, _) = try f.app(as: .clerk, name: "wang")
        let clerkHome = try #require(clerk.top as? HomeScreen)
        #expect(!clerkHome.menu(clerk.ui).contains { $0.key == "tui.fund.menu" })
        #expect(!clerk.screenText.contains("基金运行概览"))
        for (role, name, before) in [(Role.supervisor, "zhao", ["tui.menu.enrol", "tui.menu.employer", "tui.approval.menu", "tui.payments.menu",
                                                                  "tui.menu.worklists"]),
                                     (.admin, "root", ["tui.menu.enrol", "tui.menu.employer", "tui.menu.operators", "tui.menu.worklists"])] {
            let (app, _) = try f.app(as: role, name: name)
            let home = try #require(app.top as? HomeScreen)
            #expect(home.menu(app.ui).map(\.key) == before + ["tui.fund.menu"], "\(role)")
            #expect(app.screenText.contains("\(before.count + 1) 基金运行概览"), "\(role)")
            app.press(.tab, .char(Character("\(before.count + 1)")))
            #expect(app.top.screenID == "OW50", "\(role)")
            #expect(app.frame().line(0).contains("OW50  基金运行概览"))
        }
    }

    @Test("Home warns a supervisor of a drained fund above the menu (first warning, count, menu number); a clerk sees nothing")
    func homeWarning() throws {
        let f = try Self.books(opening: 400_000, medical: 300_000)
        let warnings = try #require(try FundService(try f.context(.supervisor, name: "zhao")).warnings())
        #expect(warnings.month == Self.month("2026-10") && warnings.warnings.count == 3)
        #expect(warnings.warnings[0].message.key == "fund.warn.capacity.critical")
        let first = Self.zh.render(warnings.warnings[0].message)

        let (app, _) = try f.app(as: .supervisor, name: "zhao")
        let screen = app.frame()
        let menuRow = try #require((2..<22).first { screen.line($0).hasPrefix(" 1 人员参保登记") })
        let line = screen.line(menuRow - 1)
        #expect(line == " ! 2026-10基金预警：\(first) 等3项，见菜单 6", "\(line)")
        #expect(screen.styleLine(menuRow - 1).dropFirst().hasPrefix("wwww"))   // the warning style
        #expect(screen.line(menuRow - 2).isEmpty)
        #expect(screen.line(menuRow).hasSuffix("5 今日工作") || screen.line(menuRow + 1).contains("6 基金运行概览"))

        let (clerk, _) = try f.app(as: .clerk, name: "wang")
        #expect(!clerk.screenText.contains("基金预警"))

        let (admin, _) = try f.app(as: .admin, name: "root", language: .en)
        let en = admin.screenText
        // Longer in English: wrapped, the count and menu number whole at the end.
        let said = en.split(separator: "\n").filter { $0.hasPrefix(" ! ") || $0.hasPrefix("   ") }.map { $0.dropFirst(3) }.joined(separator: " ")
        #expect(said == "Fund warning (2026-10): \(Self.en.render(warnings.warnings[0].message)) (1 of 3; see menu 5)", "\(en)")
    }

    @Test("A healthy fund: no warning on home; warnings are read when home appears, not at every key")
    func homeHealthyThenDrained() throws {
        let f = try Self.books(medical: 200)
        let zhao = try f.context(.supervisor, name: "zhao")
        #expect(try FundService(zhao).warnings()?.warnings == [])
        let (app, _) = try f.app(as: .supervisor, name: "zhao")
        #expect(!app.screenText.contains("基金预警") && !app.screenText.contains("!"))

        // The books change while home is shown: keys on home do not read them again…
        _ = try FundService(zhao).setOpening(month: Self.month("2026-09"), amount: Money(yuan: 100_000), document: "津医保基金〔2026〕期初")
        _ = try FundService(zhao).enter(.medicalExpense, month: Self.month("2026-10"), amount: Money(yuan: 90_000), document: "HIS-2026-10B")
        #expect(try FundService(zhao).warnings()?.warnings.isEmpty == false)
        app.press(.tab, .right, .left, .tab)     // to the menu and back to the search box
        #expect(!app.screenText.contains("基金预警"))
        // …coming back to home does.
        try Self.open(app)
        app.press(.function(3))
        #expect(app.top is HomeScreen)
        #expect(app.screenText.contains("! 2026-10基金预警：可支付月数 0.2 个月"), "\(app.screenText)")
    }

    @Test("Every amount ends in its column, the titles' column, on both pages; no wide character is cut (zh, en)",
          arguments: [Language.zh, .en])
    func alignment(language: Language) throws {
        let f = try Self.activity()
        let app = try Self.app(f, language: language)
        try Self.open(app)
        let strings = try StringTable(language: language)
        let first = app.frame()
        let last = app.press(.function(8))
        #expect(first != last, "the body scrolls")
        for canvas in [first, last] {
            for r in 0..<canvas.size.rows {
                let cells = canvas.cells[r]
                for c in cells.indices {
                    if cells[c].isContinuation {
                        #expect(c > 0 && DisplayWidth.of(cells[c - 1].text) == 2 && !cells[c - 1].isContinuation, "row \(r) col \(c)")
                    } else if DisplayWidth.of(cells[c].text) == 2 {
                        #expect(c + 1 < cells.count && cells[c + 1].isContinuation, "row \(r) col \(c): half a character")
                    }
                }
            }
        }
        // One character per column (the right half of a wide one as a placeholder), so offsets are columns.
        func columns(_ canvas: Canvas, _ r: Int) -> [Character] {
            canvas.cells[r].map { $0.isContinuation ? "\u{1}" : Character($0.text) }
        }
        func end(of text: String, in row: [Character]) -> Int? {
            let s = String(row)
            let wanted = String(text.flatMap { DisplayWidth.of($0) == 2 ? [$0, "\u{1}"] : [$0] })
            guard let range = s.range(of: wanted) else { return nil }
            return s.distance(from: s.startIndex, to: range.upperBound)
        }
        let headerRow = try #require((2..<22).first { end(of: strings("tui.fund.col.yearToDate"), in: columns(first, $0)) != nil })
        let ends = [end(of: strings("tui.fund.col.month"), in: columns(first, headerRow))!,
                    end(of: strings("tui.fund.col.yearToDate"), in: columns(first, headerRow))!]
        let amount = try Regex(#"-?[0-9][0-9,]*\.[0-9]{2}%?"#)
        var checked = 0
        for canvas in [first, last] {
            for r in 2..<22 {
                let row = columns(canvas, r)
                let text = String(row)
                // The grid's rows: not the warnings ("! ") nor the sentences below it (each has a colon).
                guard !text.contains("! "), !text.contains("："), !text.contains(":") else { continue }
                for m in text.matches(of: amount) {
                    let col = text.distance(from: text.startIndex, to: m.range.upperBound)
                    #expect(ends.contains(col), "row \(r): \(text[m.range]) ends at \(col), columns end at \(ends): \(text)")
                    checked += 1
                }
            }
        }
        #expect(checked >= 40, "only \(checked) amounts found")
    }

    @Test("F1 explains OW50 from its own strings; the key bar names every key that works")
    func help() throws {
        let f = try Self.activity()
        let app = try Self.app(f)
        try Self.open(app)
        let bar = app.frame().line(23)
        for key in ["F1", "←/→", "↑↓ F7/F8", "F3", "F10"] { #expect(bar.contains(key), "\(key) in \(bar)") }
        app.press(.function(1))
        #expect(app.top is HelpScreen)
        #expect(app.screenText.contains(String(Self.zh("tui.fund.about").prefix(12))))
        #expect(!app.screenText.contains("about.OW50") && !app.screenText.contains("help.OW50"))
        app.press(.function(1))
        #expect(app.top is FundOverviewScreen)
    }
}
