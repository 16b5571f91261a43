import OneWindowCore
import OneWindowService

/// OW51 统计信息, opened from OW50 (F6): one year of maternity insurance as the counter's records give it,
/// every money figure checked against the fund's ledger. On top the year and the months it covers; then the
/// checks, a problem marked "!" (the ledger agrees or not; in-service employees in medical without maternity,
/// 两险同步, 0 expected); then maternity beneficiaries (人次) and payments by month and type, net of bank
/// returns, with the year's total and each month's ledger check; the average allowance; a bar chart of the
/// benefits paid by month; contributions due, paid and outstanding by month with the ledger check; claims by
/// status and region and cover by scheme and category as they stand now. ←/→ go a year back or forward, never
/// past this year; the body scrolls (↑↓, F7/F8). Read-only; it opens on this year.
public final class StatisticsScreen: Screen {
    public let screenID = "OW51"
    public let title = Message("tui.stats.title")
    /// The year shown: it changes only once that year's figures have arrived (as OW50's month).
    private(set) var year: Int
    private(set) var statistics: FundStatistics?
    var body = ScrollText()

    /// The smallest width of an amount column: years with small and large figures line up alike.
    static let amountWidth = 12

    public init(ui: UIContext) {
        year = ui.today.year
    }

    public var about: Message { Message("tui.stats.about") }
    public func help(_ ui: UIContext) -> Message { Message("tui.stats.help") }

    /// Read again each time it comes back (after F1): whatever was paid or posted since is in the figures.
    public func didAppear(_ ui: UIContext) { load(year, ui) }

    /// The year's figures through the service (which posts whatever waits first). A failure (a busy store,
    /// a year it refuses) is said on the message line and leaves the shown year as it was.
    func load(_ y: Int, _ ui: UIContext) {
        guard let services = ui.services, let s = ui.run({ try StatisticsService(services).year(y) }) else { return }
        year = y
        statistics = s
    }

    /// This year: nothing later can be shown.
    func isLatest(_ ui: UIContext) -> Bool { year >= ui.today.year }

    static let keys = PeriodKeys(previous: "tui.stats.key.previous", both: "tui.stats.key.year", latest: "tui.stats.latest")

    public func keyHints(_ ui: UIContext) -> [KeyHint] { Self.keys.hints(ui, atLatest: isLatest(ui), scrolls: body.overflows) }

    public func handle(_ key: Key, ui: UIContext) -> Navigation {
        if Self.keys.handle(key, ui: ui, atLatest: isLatest(ui), latestText: String(ui.today.year), step: { load(year + $0, ui) }) {
            return .stay
        }
        return body.handle(key) ? .stay : .unhandled
    }

    // MARK: drawing

    public func draw(_ canvas: inout Canvas, area: Rect, ui: UIContext) -> Point? {
        // "2026年（2026-01 至 2026-12）"; the year alone while its figures could not be read.
        var heading = ui.text("tui.stats.yearOnly", String(year))
        if let s = statistics, let first = s.months.first, let last = s.months.last {
            heading = ui.text("tui.stats.year", String(s.year), first.month.description, last.month.description)
        }
        let unit = ui.text("tui.fund.unit")
        let unitWidth = DisplayWidth.of(unit)
        let used = canvas.put(heading, row: area.row, col: area.col, width: area.cols - unitWidth - 2, style: .heading)
        if used + unitWidth + 2 <= area.cols {
            canvas.put(unit, row: area.row, col: area.col + area.cols - unitWidth, style: .dim)
        }
        let bodyArea = Rect(row: area.row + 2, col: area.col, rows: area.rows - 2, cols: area.cols)
        guard let s = statistics else {
            body.update([])
            canvas.put(ui.text("tui.stats.notLoaded", String(year)), row: bodyArea.row, col: area.col, width: area.cols, style: .dim)
            return nil
        }
        // Rebuilt for the width at hand; the place scrolled to is kept (also across years, to compare a row).
        body.update(lines(s, ui, cols: area.cols))
        body.draw(&canvas, area: bodyArea, indicator: ClaimKit.pageIndicator(ui))
        return nil
    }

    // MARK: the body's lines

    static let blank = ScrollText.Line("")

    func lines(_ s: FundStatistics, _ ui: UIContext, cols: Int) -> [ScrollText.Line] {
        var out = checks(s, ui)
        for section in [payments(s, ui, cols: cols), chart(s, ui, cols: cols), contributions(s, ui, cols: cols),
                        claims(s, ui, cols: cols), cover(s, ui, cols: cols)] {
            out.append(Self.blank)
            out += section
        }
        return out
    }

    /// "✓" or "不一致": a month's (or the year's) figures against what the ledger posted from the same records.
    static func mark(_ agrees: Bool, _ ui: UIContext) -> String { agrees ? "✓" : ui.text("tui.stats.mismatch") }

    /// The year against the ledger, and the 两险 gap: each a line, marked "!" and in the warning style when
    /// something is wrong, so it reads in monochrome too.
    func checks(_ s: FundStatistics, _ ui: UIContext) -> [ScrollText.Line] {
        func line(_ ok: Bool, _ text: String) -> ScrollText.Line {
            ok ? ScrollText.Line(text, style: .ok) : ScrollText.Line("! " + text, style: .warning, hanging: 2)
        }
        let gap = s.employeesWithoutMaternity
        return [line(s.reconciled, ui.text(s.reconciled ? "tui.stats.reconciled" : "tui.stats.notReconciled")),
                line(gap == 0, ui.text("tui.stats.sync", String(gap)))]
    }

    /// 人次 and amounts by month of the allowance and the medical costs, net of returns; the benefits; the
    /// ledger check. Then the year's total, the bank's returns (if any) and the average allowance.
    func payments(_ s: FundStatistics, _ ui: UIContext, cols: Int) -> [ScrollText.Line] {
        var grid = Grid(right: [1, 2, 3, 4, 5], minWidth: [2: Self.amountWidth, 4: Self.amountWidth, 5: Self.amountWidth], group: [1, 3, 5])
        grid.add(spans: [("", 1), (ui.text("tui.stats.col.allowance"), 2), (ui.text("tui.stats.col.medical"), 2)], style: .heading)
        let count = ui.text("tui.stats.col.count"), amount = ui.text("tui.stats.col.amount")
        grid.add([ui.text("tui.stats.col.month"), count, amount, count, amount, ui.text("tui.stats.col.total"),
                  ui.text("tui.stats.col.ledger")], style: .heading)
        func row(_ label: String, _ a: FundStatistics.Payments, _ b: FundStatistics.Payments, agrees: Bool, _ style: Style) {
            grid.add([label, String(a.netCount), a.net.grouped, String(b.netCount), b.net.grouped, (a.net + b.net).grouped,
                      Self.mark(agrees, ui)], style: agrees ? style : .warning)
        }
        for m in s.months { row(m.month.description, m.of(.allowance), m.of(.medical), agrees: m.paymentsReconciled, .normal) }
        let a = s.total(.allowance), b = s.total(.medical)
        row(ui.text("tui.stats.yearTotal"), a, b, agrees: s.months.allSatisfy(\.paymentsReconciled), .heading)
        var out = [ScrollText.Line(ui.text("tui.stats.payments"), style: .heading, hanging: 2)] + grid.lines(fitting: cols)
        if a.returnedCount + b.returnedCount > 0 {
            out.append(ScrollText.Line(ui.text("tui.stats.returned", String(a.returnedCount + b.returnedCount), (a.returned + b.returned).grouped),
                                       hanging: 2))
        }
        out.append(ScrollText.Line(s.averageAllowance.map { ui.text("tui.stats.average", $0.grouped) } ?? ui.text("tui.stats.average.none"),
                                   hanging: 2))
        return out
    }

    /// The benefits paid by month as bars (block characters, so they read without colour), each with its
    /// amount right-aligned after it; a month with nothing (or less than nothing, a return) has no bar.
    func chart(_ s: FundStatistics, _ ui: UIContext, cols: Int) -> [ScrollText.Line] {
        let amounts = s.months.map(\.benefits.grouped)
        let amountWidth = max(Self.amountWidth, amounts.map { DisplayWidth.of($0) }.max() ?? 0)
        let labelWidth = s.months.map { DisplayWidth.of($0.month.description) }.max() ?? 7
        let barWidth = max(8, min(48, cols - labelWidth - amountWidth - 4))
        let bars = TextChart.bars(s.months.map(\.benefits.fen), width: barWidth)
        return [ScrollText.Line(ui.text("tui.stats.chart"), style: .heading, hanging: 2)]
            + zip(s.months, zip(bars, amounts)).map { m, pair in
                ScrollText.Line(DisplayWidth.padded(m.month.description, to: labelWidth) + "  " + DisplayWidth.padded(pair.0, to: barWidth)
                                + "  " + String(repeating: " ", count: amountWidth - DisplayWidth.of(pair.1)) + pair.1)
            }
    }

    /// Due, paid and outstanding by month with the ledger check, and the year's total.
    func contributions(_ s: FundStatistics, _ ui: UIContext, cols: Int) -> [ScrollText.Line] {
        var grid = Grid(right: [1, 2, 3], minWidth: [1: Self.amountWidth, 2: Self.amountWidth, 3: Self.amountWidth])
        grid.add([ui.text("tui.stats.col.month"), ui.text("tui.stats.col.due"), ui.text("tui.stats.col.paid"),
                  ui.text("tui.stats.col.outstanding"), ui.text("tui.stats.col.ledger")], style: .heading)
        func row(_ label: String, due: Money, paid: Money, agrees: Bool, _ style: Style) {
            grid.add([label, due.grouped, paid.grouped, (due - paid).grouped, Self.mark(agrees, ui)], style: agrees ? style : .warning)
        }
        for m in s.months {
            row(m.month.description, due: m.contributionsDue, paid: m.contributionsPaid, agrees: m.contributionsReconciled, .normal)
        }
        row(ui.text("tui.stats.yearTotal"), due: s.months.reduce(.zero) { $0 + $1.contributionsDue },
            paid: s.months.reduce(.zero) { $0 + $1.contributionsPaid }, agrees: s.months.allSatisfy(\.contributionsReconciled), .heading)
        return [ScrollText.Line(ui.text("tui.stats.contributions"), style: .heading, hanging: 2)] + grid.lines(fitting: cols)
    }

    /// Claims by status and region (the region's name from the policy book, its code if it has none), now.
    func claims(_ s: FundStatistics, _ ui: UIContext, cols: Int) -> [ScrollText.Line] {
        let heading = ScrollText.Line(ui.text("tui.stats.claims"), style: .heading, hanging: 2)
        guard !s.claims.isEmpty else { return [heading, ScrollText.Line(ui.text("tui.stats.none"))] }
        func region(_ code: String) -> String {
            (try? ui.services?.policies.policy(code)).map { ui.strings.name(of: $0) } ?? code
        }
        var grid = Grid(right: [2])
        grid.add([ui.text("tui.stats.col.status"), ui.text("tui.stats.col.region"), ui.text("tui.stats.col.claims")], style: .heading)
        for c in s.claims { grid.add([ui.text(c.status.messageKey), region(c.region), String(c.count)]) }
        return [heading] + grid.lines(fitting: cols)
    }

    /// Insured persons by scheme and category, now.
    func cover(_ s: FundStatistics, _ ui: UIContext, cols: Int) -> [ScrollText.Line] {
        let heading = ScrollText.Line(ui.text("tui.stats.cover"), style: .heading, hanging: 2)
        guard !s.cover.isEmpty else { return [heading, ScrollText.Line(ui.text("tui.stats.none"))] }
        var grid = Grid(right: [2])
        grid.add([ui.text("tui.stats.col.scheme"), ui.text("tui.stats.col.category"), ui.text("tui.stats.col.persons")], style: .heading)
        for c in s.cover { grid.add([ui.text(c.scheme.messageKey), ui.text(c.category.messageKey), String(c.count)]) }
        return [heading] + grid.lines(fitting: cols)
    }
}
