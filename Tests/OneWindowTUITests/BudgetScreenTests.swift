import Foundation
import OneWindowCore
import OneWindowResources
import OneWindowService
import OneWindowStore
@testable import OneWindowTUI
import Testing

/// OW52 the budget of a year, opened from OW50 (F9) and driven through the application on a virtual
/// terminal over the books OW50's tests build.
@Suite("OW52 budget")
struct BudgetScreenTests {
    static let december = FundOverviewScreenTests.december
    static let zh = try! StringTable(language: .zh)
    static let en = try! StringTable(language: .en)
    /// Tall enough for the whole body on one page: content is checked there, paging at 80×24.
    static let tall = Size(rows: 160, cols: 80)

    static func strings(_ language: Language) -> StringTable { language == .zh ? zh : en }

    /// The counter signed on as a supervisor on `date`, on a terminal of `size` (home first).
    static func app(_ f: TUIFixture, language: Language = .zh, on date: CalendarDate = december, size: Size = .minimum) throws -> Application {
        let terminal = VirtualTerminal(size: size)
        let app = try CounterTerminal.application(terminal: terminal, store: f.store, strings: StringTable(language: language),
                                                  storeLabel: "store.sqlite")
        app.ui.clock = .fixed(date)
        app.ui.services = try FundOverviewScreenTests.context(f, .supervisor, "zhao", on: date)
        app.goHome()
        return app
    }

    /// OW50 through the home menu, then F9.
    @discardableResult
    static func open(_ app: Application) throws -> BudgetScreen {
        try FundOverviewScreenTests.open(app)
        app.press(.function(9))
        return try #require(app.top as? BudgetScreen)
    }

    static func plan(_ f: TUIFixture, _ year: Int, on date: CalendarDate = december) throws -> BudgetService.Plan {
        try BudgetService(try FundOverviewScreenTests.context(f, .supervisor, "zhao", on: date)).plan(year: year)
    }

    /// Every page of the body, F8 after F8 until the page no longer changes.
    static func pages(_ app: Application) -> [Canvas] {
        var pages = [app.frame()]
        while pages.count < 20 {
            let next = app.press(.function(8))
            if next == pages.last! { break }
            pages.append(next)
        }
        return pages
    }

    /// The body's rows on a tall terminal (row 4 on, up to the message line).
    static func bodyRows(_ canvas: Canvas) -> [String] { (4..<(canvas.size.rows - 2)).map { canvas.line($0) } }

    /// The rows of one wrapped line starting at `start`: those after it that begin with at least `indent` blanks.
    static func wrapped(_ rows: [String], from start: Int, indent: Int) -> [String] {
        var out = [rows[start]]
        for r in rows[(start + 1)...] {
            guard r.count > indent, r.prefix(indent).allSatisfy({ $0 == " " }), r.dropFirst(indent).first != " " else { break }
            out.append(r)
        }
        return out
    }

    // MARK: goldens

    @Test("OW52 on next year over OW50's books: the table on page 1, the explanations at the end (zh, en)", arguments: [Language.zh, .en])
    func golden(language: Language) throws {
        let f = try FundOverviewScreenTests.activity()
        let app = try Self.app(f, language: language)
        let s = try Self.open(app)
        let p = try #require(s.plan)
        #expect(s.year == 2027 && p.budget.year == 2027 && p.base.year == 2026 && p.base.months == 11)
        #expect(p.bandRate == nil && p.budget.closingBalance < .zero)
        try Golden.check("OW52-budget-\(language.rawValue)", app.frame())
        app.press(.end)
        try Golden.check("OW52-budget-end-\(language.rawValue)", app.frame())
    }

    // MARK: behaviour

    @Test("F9 on OW50 (named in its key bar and its help) opens OW52; F3 goes back to OW50 on the same month, F3 again home")
    func fromOverview() throws {
        let f = try FundOverviewScreenTests.activity()
        let app = try Self.app(f)
        try FundOverviewScreenTests.open(app)
        let overview = try FundOverviewScreenTests.screen(app)
        app.press(.left)
        #expect(overview.month == FundOverviewScreenTests.month("2026-10"))
        let bar = app.frame().line(23)
        #expect(bar.contains("F9 基金预算") && bar.contains("F6 统计信息") && bar.contains("←/→ 上月/下月"), "\(bar)")
        app.press(.function(1))
        // The help: the "here" line and the list of keys both name F9.
        let help = try #require(app.top as? HelpScreen).text.lines.map(\.text)
        #expect(help.contains { $0.contains("F9 基金预算") } && help.contains { $0.hasPrefix("F9 ") && $0.hasSuffix(" 基金预算") }, "\(help)")
        app.press(.function(1))
        #expect(app.top === overview)
        app.press(.function(9))
        #expect(app.top.screenID == "OW52" && app.top is BudgetScreen)
        #expect(app.frame().line(0).contains("OW52  基金预算"))
        #expect(app.frame().line(2).hasPrefix(" 2027年预算  编制基础：2026年1–11月实际（基金账），按月均年化为全年"), "\(app.frame().line(2))")
        app.press(.function(3))
        #expect(app.top === overview && overview.month == FundOverviewScreenTests.month("2026-10"))
        app.press(.function(3))
        #expect(app.top is HomeScreen)

        // English: the key is named there too, the bar still fits.
        let english = try Self.app(f, language: .en)
        try FundOverviewScreenTests.open(english)
        #expect(english.frame().line(23).contains("F9 budget") && english.frame().line(23).contains("F10"), "\(english.frame().line(23))")
    }

    @Test("←/→ change the year and its figures; → stops at next year, says so, and the bar then offers ← only")
    func years() throws {
        let f = try FundOverviewScreenTests.activity()
        let app = try Self.app(f)
        let s = try Self.open(app)
        func shows(_ year: Int, built source: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
            let screen = app.frame()
            #expect(s.year == year, sourceLocation: sourceLocation)
            #expect(screen.line(2) == " \(year)年预算  编制基础：\(source)", "\(screen.line(2))", sourceLocation: sourceLocation)
            // The totals of that year's plan, as the service gives them, on the screen.
            let b = try Self.plan(f, year).budget
            let income = try #require(screen.lines.first { $0.hasPrefix(" 收入合计 ") }, sourceLocation: sourceLocation)
            #expect(income.contains(" " + b.income.grouped + " "), "\(income)", sourceLocation: sourceLocation)
            let expenditure = try #require(screen.lines.first { $0.hasPrefix(" 支出合计 ") }, sourceLocation: sourceLocation)
            #expect(expenditure.contains(" " + b.expenditure.grouped + " "), "\(expenditure)", sourceLocation: sourceLocation)
        }
        try shows(2027, built: "2026年1–11月实际（基金账），按月均年化为全年")
        #expect(app.frame().line(23).contains("← 上年") && !app.frame().line(23).contains("←/→"))
        let screen = app.press(.right)
        #expect(s.year == 2027 && screen.line(22).contains("2027 年是明年，预算最晚编到明年"), "\(screen.line(22))")
        #expect(screen.line(2).hasPrefix(" 2027年预算"))
        app.press(.left)
        try shows(2026, built: "2025年全年实际（基金账）")
        #expect(app.frame().line(23).contains("←/→ 上年/下年"))
        app.press(.right)
        try shows(2027, built: "2026年1–11月实际（基金账），按月均年化为全年")
        #expect(app.frame().line(23).contains("← 上年") && !app.frame().line(23).contains("←/→"))
    }

    @Test("In January next year has no base: said on opening, ← budgets this year; a year the service refuses keeps the year shown")
    func refusals() throws {
        let f = try FundOverviewScreenTests.books(medical: 200)
        let app = try Self.app(f, on: CalendarDate(year: 2027, month: 1, day: 10)!)
        let s = try Self.open(app)
        var screen = app.frame()
        #expect(s.year == 2028 && s.plan == nil)
        #expect(screen.line(2) == " 2028年预算" && screen.line(4).contains("没有读到 2028 年的预算"), "\(app.screenText)")
        #expect(screen.line(22).contains(Self.zh("reason.budget.noBase", "2027")), "\(screen.line(22))")
        screen = app.press(.left)
        #expect(s.year == 2027 && screen.line(2) == " 2027年预算  编制基础：2026年全年实际（基金账）", "\(screen.line(2))")
        #expect(screen.line(22).isEmpty)
        // → asks for 2028 again: refused, 2027 stays with its figures.
        screen = app.press(.right)
        #expect(s.year == 2027 && s.plan?.budget.year == 2027 && screen.line(2).hasPrefix(" 2027年预算  编制基础："))
        #expect(screen.line(22).contains(Self.zh("reason.budget.noBase", "2027")))

        // Back through the years until the service refuses one (no fund rules before 2019): the last it made stays.
        var years = [s.year]
        for _ in 0..<12 {
            app.press(.left)
            if s.year == years.last! { break }
            years.append(s.year)
        }
        let oldest = try #require(years.last)
        screen = app.frame()
        #expect(years == Array((oldest...2027).reversed()) && oldest == 2020, "\(years)")
        #expect(s.plan?.budget.year == oldest && screen.line(2).hasPrefix(" \(oldest)年预算  编制基础：\(oldest - 1)年全年实际"))
        #expect(screen.line(22).contains("2018-12") && !screen.line(22).contains("error.") && !screen.line(22).contains("reason."),
                "\(screen.line(22))")
        #expect(app.top is BudgetScreen)
    }

    @Test("Every amount ends under its column's title; the unit ends over the last column; no wide character is cut (zh, en)",
          arguments: [Language.zh, .en])
    func alignment(language: Language) throws {
        let f = try FundOverviewScreenTests.activity()
        let strings = Self.strings(language)
        let p = try Self.plan(f, 2027)

        // Paged at 80×24: a wide character is whole on every row of every page.
        let small = try Self.app(f, language: language)
        try Self.open(small)
        let pages = Self.pages(small)
        #expect(pages.count >= 3, "the body scrolls")
        for canvas in pages {
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

        let app = try Self.app(f, language: language, size: Self.tall)
        try Self.open(app)
        let rows = Self.bodyRows(app.frame())
        func end(of text: String, in line: String) -> Int? { line.range(of: text).map { DisplayWidth.of(line[..<$0.upperBound]) } }
        let header = try #require(rows.firstIndex { $0.hasPrefix(" " + strings("tui.fund.col.item") + " ") })
        let ends = try ["col.budget.base", "col.budget.amount", "col.budget.change"].map { try #require(end(of: strings($0), in: rows[header])) }
        #expect(end(of: strings("tui.fund.unit"), in: rows[header - 1]) == ends[2], "the unit over the last column: \(rows[header - 1])")
        let figure = try Regex(#"-?[0-9][0-9,]*\.[0-9]{2}%?| -$"#)
        // Each budget line: this year's figure, the budget, the change, each ending under its title.
        for l in p.budget.lines {
            let row = try #require(rows.first { $0.hasPrefix(" " + strings(l.account.messageKey) + " ") })
            let found = row.matches(of: figure).map { DisplayWidth.of(row[..<$0.range.upperBound]) }
            #expect(found == ends, "\(row): figures end at \(found), the titles at \(ends)")
            #expect(row.contains(" " + l.base.grouped + " ") && row.contains(" " + l.amount.grouped + " "), "\(row)")
        }
        // Totals, the surplus and the balances: their figures end under the titles too.
        let closing = try #require(rows.firstIndex { $0.hasPrefix(" " + strings("tui.budget.closing") + " ") })
        var checked = 0
        for row in rows[(header + 1)...closing] {
            for m in row.matches(of: figure) {
                #expect(ends.contains(DisplayWidth.of(row[..<m.range.upperBound])), "\(row)")
                checked += 1
            }
        }
        #expect(checked == p.budget.lines.count * 3 + 2 * 3 + 2 + 2, "\(checked)")
        #expect(rows[closing].hasSuffix(" " + p.budget.closingBalance.grouped))
        #expect(DisplayWidth.of(rows[closing]) == ends[1] && rows[closing - 1].hasSuffix(" " + p.budget.openingBalance.grouped))
    }

    @Test("Each line's principle, source, computation and reason: labels alike, wrapped under the text, every number whole (zh, en)",
          arguments: [Language.zh, .en])
    func explanations(language: Language) throws {
        let f = try FundOverviewScreenTests.activity()
        let strings = Self.strings(language)
        let p = try Self.plan(f, 2027)
        let app = try Self.app(f, language: language, size: Self.tall)
        try Self.open(app)
        let rows = Self.bodyRows(app.frame())
        let labels = ["tui.budget.principle", "tui.budget.source", "tui.budget.basis", "tui.budget.reason"].map { strings($0) }
        let width = labels.map { DisplayWidth.of($0) }.max()!
        let start = try #require(rows.firstIndex { $0 == " " + strings("tui.budget.explained") })
        let number = try Regex(#"[0-9][0-9,.]*[0-9]"#)
        var wrappedSome = false
        var at = start + 1
        for l in p.budget.lines {
            #expect(rows[at] == " " + strings(l.account.messageKey), "\(rows[at])")
            at += 1
            for (label, m) in zip(labels, [l.principle, l.source, l.basis, l.reason]) {
                let text = strings.render(m)
                let head = "   " + DisplayWidth.padded(label, to: width)
                #expect(rows[at].hasPrefix(head), "\(rows[at])")
                let part = Self.wrapped(rows, from: at, indent: 3 + width)
                at += part.count
                wrappedSome = wrappedSome || part.count > 1
                for r in part { #expect(DisplayWidth.of(r) <= 79, "\(r)") }
                // The text, rows joined again: the same words, every number whole on one row.
                let shown = ([String(part[0].dropFirst(head.count))] + part.dropFirst().map { String($0.dropFirst(3 + width)) })
                #expect(shown.joined().filter { $0 != " " } == text.filter { $0 != " " }, "\(part)")
                #expect(shown.flatMap { s in s.matches(of: number).map { String(s[$0.range]) } }
                        == text.matches(of: number).map { String(text[$0.range]) }, "\(part)")
            }
        }
        #expect(wrappedSome, "a long text wraps under its start")
    }

    @Test("以支定收 in its three forms: no change needed, the rate that brings capacity into the band, no rate from 0 to 30 % does")
    func rateLine() throws {
        // On 2026-11-22 (ten finished months), one hospital total of 1,000 / 2,000 with no opening, 200.
        for (opening, medical, form) in [(nil, 1_000, "kept"), (5_000, 3_000, "change"), (nil, 200, "none")] as [(Int64?, Int64, String)] {
            let f = try FundOverviewScreenTests.books(opening: opening, medical: medical)
            let p = try Self.plan(f, 2027, on: TUIFixture.today)
            switch form {
            case "kept": #expect(p.bandRate == p.currentRate)
            case "change": #expect(p.bandRate != nil && p.bandRate != p.currentRate)
            default: #expect(p.bandRate == nil)
            }
            for language in [Language.zh, .en] {
                let strings = Self.strings(language)
                let app = try Self.app(f, language: language, on: TUIFixture.today, size: Self.tall)
                try Self.open(app)
                let screen = app.frame()
                let rows = Self.bodyRows(screen)
                let tenths = try #require(p.budget.capacityTenths)
                #expect(rows.contains(" " + strings("tui.budget.capacity", FundRisk.tenths(tenths))), "\(form) \(language)")
                let bands = strings("tui.budget.bands", FundText.bandsText(p.rules, strings))
                let bandsRow = try #require(rows.firstIndex { $0.hasPrefix("   " + String(bands.prefix(8))) })
                #expect(Self.wrapped(rows, from: bandsRow, indent: 5).joined().filter { $0 != " " } == bands.filter { $0 != " " })
                let args = [p.currentRate.description, "2027", String(p.rules.capacityLowBelowMonths.value),
                            String(p.rules.capacityHighAboveMonths.value)] + (p.bandRate.map { [$0.description] } ?? [])
                let expected = strings.render(Message("tui.budget.rate.\(form)", args.map { .text($0) }))
                let rateRow = try #require(rows.firstIndex { $0.hasPrefix(" 以支定收") })
                let said = Self.wrapped(rows, from: rateRow, indent: 3).joined()
                #expect(said.filter { $0 != " " } == expected.filter { $0 != " " }, "\(form) \(language): \(said)")
                // Only "no change needed" reads as normal; the other two ask for something, in the warning style.
                let style = screen.styleLine(4 + rateRow).dropFirst().prefix(4)
                #expect(style == (form == "kept" ? "nnnn" : "wwww"), "\(form): \(style)")
            }
        }
    }

    @Test("F1 explains OW52 from its own strings; the key bar names every key that works")
    func help() throws {
        let f = try FundOverviewScreenTests.activity()
        let app = try Self.app(f)
        try Self.open(app)
        let bar = app.frame().line(23)
        for key in ["F1", "←", "↑↓ F7/F8", "F3", "F10"] { #expect(bar.contains(key), "\(key) in \(bar)") }
        app.press(.function(1))
        #expect(app.top is HelpScreen)
        #expect(app.screenText.contains(String(Self.zh("tui.budget.about").prefix(12))))
        #expect(!app.screenText.contains("about.OW52") && !app.screenText.contains("tui.budget."))
        app.press(.function(1))
        #expect(app.top is BudgetScreen)
    }
}
