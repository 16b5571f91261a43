import Foundation
import OneWindowCore
import OneWindowResources
import OneWindowService
import OneWindowStore
@testable import OneWindowTUI
import Testing

/// OW51 the statistics of a year, opened from OW50 (F6) and driven through the application on a virtual
/// terminal over records and books the service layer kept.
@Suite("OW51 statistics")
struct StatisticsScreenTests {
    static let december = FundOverviewScreenTests.december
    static let zh = try! StringTable(language: .zh)

    /// OW50's books (Lina's allowance 31,600.00 and Wei's delivery costs 2,800.00 paid on 2026-11-22, the
    /// employer's 09 and 10 paid), then: the bank returns Wei's payment on 2026-12-03 (account closed), it is
    /// re-issued to another account and paid on 2026-12-05.
    static func books() throws -> TUIFixture {
        let f = try FundOverviewScreenTests.activity()
        let payments = PaymentService(try FundOverviewScreenTests.context(f, .supervisor, "zhao", on: december))
        let medical = try #require(try ApprovalScreensTests.orders(f).first { $0.amount == Money(yuan: 2800) })
        try payments.markReturned(medical.id!, reason: "账户已销户", on: CalendarDate(year: 2026, month: 12, day: 3)!)
        try payments.reissue(medical.id!, account: BankAccount("6217000010009876543"))
        #expect(try payments.run().paid.count == 1)
        return f
    }

    /// OW50 through the home menu, then F6.
    static func open(_ app: Application) throws -> StatisticsScreen {
        try FundOverviewScreenTests.open(app)
        app.press(.function(6))
        return try #require(app.top as? StatisticsScreen)
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

    // MARK: goldens

    @Test("OW51 on this year: the payments by month with a return, then scrolled to the end (zh, en)", arguments: [Language.zh, .en])
    func golden(language: Language) throws {
        let f = try Self.books()
        let app = try FundOverviewScreenTests.app(f, language: language)
        let s = try Self.open(app)
        let st = try #require(s.statistics)
        #expect(s.year == 2026 && st.months.count == 12 && st.reconciled && st.employeesWithoutMaternity == 0)
        let nov = st.months[10], dec = st.months[11]
        #expect(nov.of(.allowance).netCount == 1 && nov.of(.medical).netCount == 1 && nov.benefits == Money(yuan: 34_400))
        #expect(dec.of(.medical).paidCount == 1 && dec.of(.medical).returnedCount == 1 && dec.benefits == .zero)
        try Golden.check("OW51-stats-\(language.rawValue)", app.frame())
        app.press(.function(8))
        try Golden.check("OW51-stats-page2-\(language.rawValue)", app.frame())
        app.press(.end)
        try Golden.check("OW51-stats-end-\(language.rawValue)", app.frame())
    }

    // MARK: behaviour

    @Test("F6 on OW50 (named in its key bar) opens OW51; F3 goes back to OW50 on the same month, F3 again home")
    func fromOverview() throws {
        let f = try Self.books()
        let app = try FundOverviewScreenTests.app(f)
        try FundOverviewScreenTests.open(app)
        let overview = try FundOverviewScreenTests.screen(app)
        app.press(.left)
        #expect(overview.month == FundOverviewScreenTests.month("2026-10"))
        #expect(app.frame().line(23).contains("F6 统计信息"), "\(app.frame().line(23))")
        app.press(.function(6))
        #expect(app.top.screenID == "OW51" && app.top is StatisticsScreen)
        #expect(app.frame().line(0).contains("OW51  统计信息"))
        #expect(app.frame().line(2).hasPrefix(" 2026年（2026-01 至 2026-12）") && app.frame().line(2).hasSuffix("金额单位：元"))
        app.press(.function(3))
        #expect(app.top === overview && overview.month == FundOverviewScreenTests.month("2026-10"))
        #expect(app.frame().line(0).contains("OW50"))
        app.press(.function(3))
        #expect(app.top is HomeScreen)
    }

    @Test("←/→ change the year and its figures; → stops at this year, says so, and the bar then offers ← only")
    func years() throws {
        let f = try Self.books()
        let app = try FundOverviewScreenTests.app(f)
        let s = try Self.open(app)
        let service = StatisticsService(try FundOverviewScreenTests.context(f, .supervisor, "zhao", on: Self.december))
        func shows(_ year: Int, through last: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
            let screen = app.frame()
            #expect(s.year == year, sourceLocation: sourceLocation)
            #expect(screen.line(2).hasPrefix(" \(year)年（\(year)-01 至 \(last)）"), "\(screen.line(2))", sourceLocation: sourceLocation)
            // The payments table's first month and, on the last page, the year's totals as the service gives them.
            #expect(screen.lines.contains { $0.hasPrefix(" \(year)-01  ") }, sourceLocation: sourceLocation)
            let st = try service.year(year)
            let total = st.total(.allowance).net + st.total(.medical).net
            let rows = Self.pages(app).flatMap(\.lines)
            app.press(.home)
            let yearRow = try #require(rows.first { $0.hasPrefix(" 全年") }, sourceLocation: sourceLocation)
            #expect(yearRow.contains("  " + total.grouped + "  "), "\(yearRow)", sourceLocation: sourceLocation)
        }
        try shows(2026, through: "2026-12")
        #expect(app.frame().line(23).contains("← 上年") && !app.frame().line(23).contains("←/→"))
        let screen = app.press(.right)
        #expect(s.year == 2026 && screen.line(22).contains("2026 年是今年，没有更晚的年度"), "\(screen.line(22))")
        app.press(.left)
        try shows(2025, through: "2025-12")
        #expect(app.frame().line(23).contains("←/→ 上年/下年"))
        #expect(app.screenText.contains(" 2025-11        0          0.00"), "nothing was paid in 2025: \(app.screenText)")
        app.press(.right)
        try shows(2026, through: "2026-12")
        #expect(app.frame().line(23).contains("← 上年") && !app.frame().line(23).contains("←/→"))
    }

    @Test("On 2026-11-22 this year runs to 2026-11; a year the service refuses is said on the message line, the year kept")
    func thisYearAndRefusal() throws {
        let f = try FundOverviewScreenTests.books(medical: 200)
        let (app, _) = try f.app(as: .supervisor, name: "zhao")
        let s = try Self.open(app)
        #expect(s.year == 2026 && s.statistics?.months.last?.month == FundOverviewScreenTests.month("2026-11"))
        #expect(app.frame().line(2).hasPrefix(" 2026年（2026-01 至 2026-11）"))
        // Nothing paid: no bars, no average, the claims section says none.
        let text = Self.pages(app).flatMap(\.lines).joined(separator: "\n")
        #expect(text.contains("平均生育津贴：本年没有支付生育津贴") && text.contains("（无）") && !text.contains("█"))

        // The service counts from 1900: on a counter dated 1901 (a clock set wrong), ← shows 1900, then says why not 1899.
        let early = try FundOverviewScreenTests.app(f, on: CalendarDate(year: 1901, month: 3, day: 1)!)
        let old = try Self.open(early)
        #expect(old.year == 1901 && early.frame().line(2).hasPrefix(" 1901年（1901-01 至 1901-03）"))
        early.press(.left)
        #expect(old.year == 1900 && early.frame().line(2).hasPrefix(" 1900年（1900-01 至 1900-12）"))
        let screen = early.press(.left)
        #expect(old.year == 1900 && screen.line(2).hasPrefix(" 1900年（1900-01 至 1900-12）"))
        #expect(screen.line(22).contains("1899") && !screen.line(22).contains("reason."), "\(screen.line(22))")
        #expect(early.top is StatisticsScreen)
    }

    @Test("Every amount and count ends in its column, the title's column; no wide character is cut, no row wraps (zh, en)",
          arguments: [Language.zh, .en])
    func alignment(language: Language) throws {
        let f = try Self.books()
        let app = try FundOverviewScreenTests.app(f, language: language)
        let s = try Self.open(app)
        let strings = try StringTable(language: language)
        let pages = Self.pages(app)
        #expect(pages.count >= 3, "the body scrolls")
        let lines = s.body.lines.map(\.text)
        // No line is wider than the work area, so each is drawn on one row as it is.
        for line in lines { #expect(DisplayWidth.of(line) <= 78, "\(line)") }
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
            // The page is a run of the body's lines, each from column 1.
            let shown = (4..<21).map { canvas.line($0) }.filter { !$0.isEmpty }
            let first = try #require(lines.firstIndex { !$0.isEmpty && " " + $0 == shown.first })
            #expect(Array(lines[first...].filter { !$0.isEmpty }.prefix(shown.count)).map { " " + $0 } == shown)
        }
        // Display column where each match ends in a line.
        func ends(_ pattern: Regex<AnyRegexOutput>, in line: String, after skip: Int = 0) -> [Int] {
            line.matches(of: pattern).map { DisplayWidth.of(line[..<$0.range.upperBound]) }.filter { $0 > skip }
        }
        func end(of title: String, in line: String, from: String.Index? = nil) -> Int? {
            line.range(of: title, range: (from ?? line.startIndex)..<line.endIndex).map { DisplayWidth.of(line[..<$0.upperBound]) }
        }
        let number = try Regex(#"-?[0-9][0-9,]*(?:\.[0-9]{2})?"#)
        let amount = try Regex(#"-?[0-9][0-9,]*\.[0-9]{2}"#)
        let monthLabel = try Regex(#"^[0-9]{4}-[0-9]{2}  "#)
        let yearTotal = strings("tui.stats.yearTotal")
        var block: [Int]? = nil, chartEnd: Int?, inChart = false, checked = 0
        for line in lines {
            if line.isEmpty { block = nil; inChart = false; continue }
            if line == strings("tui.stats.chart") { inChart = true; continue }
            if inChart {
                let e = ends(amount, in: line)
                #expect(e.count == 1 && (chartEnd == nil || chartEnd == e.first), "chart: \(line)")
                chartEnd = chartEnd ?? e.first
                checked += 1
                continue
            }
            let count = strings("tui.stats.col.count"), amountTitle = strings("tui.stats.col.amount")
            if line.hasPrefix(strings("tui.stats.col.month")) && line.contains(amountTitle) {
                // 人次 金额 人次 金额 合计
                let c1 = try #require(end(of: count, in: line)), a1 = try #require(end(of: amountTitle, in: line))
                let rest = line.range(of: amountTitle)!.upperBound
                let c2 = try #require(end(of: count, in: line, from: rest)), a2 = try #require(end(of: amountTitle, in: line, from: rest))
                block = [c1, a1, c2, a2, try #require(end(of: strings("tui.stats.col.total"), in: line))]
            } else if line.hasPrefix(strings("tui.stats.col.month")) && line.contains(strings("tui.stats.col.due")) {
                block = ["tui.stats.col.due", "tui.stats.col.paid", "tui.stats.col.outstanding"].map { end(of: strings($0), in: line)! }
            } else if line.hasPrefix(strings("tui.stats.col.status")) {
                block = [end(of: strings("tui.stats.col.claims"), in: line)!]
            } else if line.hasPrefix(strings("tui.stats.col.scheme")) {
                block = [end(of: strings("tui.stats.col.persons"), in: line)!]
            } else if let columns = block {
                // Months and the year's total: every figure after the label; claims and cover: the count.
                let isMonth = line.firstMatch(of: monthLabel) != nil || line.hasPrefix(yearTotal + " ")
                if columns.count > 1 && !isMonth { continue }   // the sentences below a table
                let found = ends(number, in: line, after: isMonth ? 8 : 0)
                let expected = columns.count == 1 ? Array(found.suffix(1)) : found
                #expect(expected == columns, "\(line): figures end at \(found), the titles at \(columns)")
                checked += expected.count
            }
        }
        #expect(checked >= 12 * 5 + 12 * 3 + 12, "only \(checked) figures found")
    }

    @Test("A large agency's figures: the gaps narrow so no row is wider than the area; figures still end under their titles")
    func largeFigures() {
        var grid = Grid(right: [1, 2, 3, 4, 5], minWidth: [2: 12, 4: 12, 5: 12], group: [1, 3, 5])
        grid.add(spans: [("", 1), ("生育津贴", 2), ("生育医疗费", 2)], style: .heading)
        grid.add(["月份", "人次", "金额", "人次", "金额", "合计", "账务核对"], style: .heading)
        grid.add(["2026-11", "123456", Money(fen: 9_876_543_210).grouped, "98765", Money(fen: 1_234_567_890).grouped,
                  Money(fen: 11_111_111_100).grouped, "不一致"])
        grid.add(["全年合计", "1", "0.00", "1", "0.00", "0.00", "✓"])
        let roomy = grid.lines(fitting: 200).map(\.text), narrow = grid.lines(fitting: 78).map(\.text)
        #expect(roomy.contains { DisplayWidth.of($0) > 78 } && roomy[2].contains("    123456  98,765,432.10"), "\(roomy)")
        for line in narrow { #expect(DisplayWidth.of(line) <= 78, "\(line)") }
        #expect(narrow[1].hasSuffix("合计 账务核对") && narrow[2].hasSuffix(" 111,111,111.00 不一致"), "\(narrow)")
        // Right-aligned: each row's figures end where the titles end.
        func ends(_ line: String) -> [Int] {
            var out: [Int] = [], col = 0
            for (i, c) in line.enumerated() {
                col += DisplayWidth.of(c)
                let next = line.dropFirst(i + 1).first
                if c != " ", next == " " || next == nil { out.append(col) }
            }
            return out
        }
        #expect(Array(ends(narrow[2]).dropFirst().dropLast()) == Array(ends(narrow[1]).dropFirst().dropLast()), "\(narrow)")
        #expect(Array(ends(narrow[3]).dropFirst().dropLast()) == Array(ends(narrow[1]).dropFirst().dropLast()), "\(narrow)")
    }

    @Test("An employee in medical without maternity (两险 gap) and a payment changed past the program are warnings, marked !")
    func warnings() throws {
        let f = try Self.books()
        let app = try FundOverviewScreenTests.app(f)
        _ = try Self.open(app)
        var screen = app.frame()
        #expect(screen.line(4) == " 核对：各项金额与基金账务一致" && screen.styleLine(4).dropFirst().hasPrefix("oooo"))
        #expect(screen.line(5) == " 在职职工参加医保未参加生育保险：0 人（应为 0）" && screen.styleLine(5).dropFirst().hasPrefix("oooo"))
        #expect(!app.screenText.contains("不一致"))

        try f.store.testingRaw("DELETE FROM enrolment WHERE scheme = 'maternity' AND toMonth IS NULL")
        try f.store.testingRaw("UPDATE paymentOrder SET amountFen = amountFen + 1 WHERE amountFen = 3160000")
        app.press(.function(3), .function(6))
        screen = app.frame()
        #expect(screen.line(4).hasPrefix(" ! 核对：有金额与基金账务不一致") && screen.styleLine(4).dropFirst().hasPrefix("wwww"), "\(screen.line(4))")
        let gap = try #require((4..<21).first { screen.line($0).contains("在职职工参加医保未参加生育保险") })
        #expect(screen.line(gap) == " ! 在职职工参加医保未参加生育保险：2 人（应为 0）", "\(screen.line(gap))")
        #expect(screen.styleLine(gap).dropFirst().hasPrefix(String(repeating: "w", count: 20)))
        // The month of the changed payment and the year's total say which table differs; the other months agree.
        let rows = Self.pages(app).flatMap { p in (4..<21).map { (p.line($0), p.styleLine($0)) } }
        let nov = try #require(rows.first { $0.0.hasPrefix(" 2026-11  ") && $0.0.contains("31,600.01") })
        #expect(nov.0.hasSuffix("不一致") && nov.1.dropFirst().hasPrefix("wwww"))
        #expect(rows.contains { $0.0.hasPrefix(" 全年") && $0.0.hasSuffix("不一致") })
        #expect(rows.filter { $0.0.hasPrefix(" 2026-") && $0.0.hasSuffix("不一致") }.count == 1)
    }

    @Test("F1 explains OW51 from its own strings; the key bar names every key that works")
    func help() throws {
        let f = try Self.books()
        let app = try FundOverviewScreenTests.app(f)
        _ = try Self.open(app)
        let bar = app.frame().line(23)
        for key in ["F1", "←", "↑↓ F7/F8", "F3", "F10"] { #expect(bar.contains(key), "\(key) in \(bar)") }
        app.press(.function(1))
        #expect(app.top is HelpScreen)
        #expect(app.screenText.contains(String(Self.zh("tui.stats.about").prefix(12))))
        #expect(!app.screenText.contains("about.OW51") && !app.screenText.contains("tui.stats."))
        app.press(.function(1))
        #expect(app.top is StatisticsScreen)
    }
}
