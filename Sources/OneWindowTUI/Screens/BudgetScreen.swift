import OneWindowCore
import OneWindowService

/// OW52 基金预算, opened from OW50 (F9): the budget of a year for the merged fund as `onewindow fund budget`
/// makes it with every assumption as this year (the screen says so, and where to change them). On top the
/// year and what it is built on (编制基础); then each income and expenditure line with this year's figure
/// (annualized), the budget and the change, the totals and the surplus, the opening and closing balance;
/// months of capacity at the year end against the region's bands (marked when they are samples); the
/// 以支定收 line (the employer rate in force, and the rate that brings capacity into the band, or that none
/// from 0 to 30 % does); then, line by line, 编制原则, 数据来源, 计算依据 and 增减原因 under a hanging indent.
/// ←/→ go a year back or forward, never past next year; the body scrolls (↑↓, F7/F8). Read-only; it opens
/// on next year.
public final class BudgetScreen: Screen {
    public let screenID = "OW52"
    public let title = Message("tui.budget.title")
    /// The budget year shown: it changes only once that year's plan has arrived (as OW51's year).
    private(set) var year: Int
    private(set) var plan: BudgetService.Plan?
    var body = ScrollText()

    /// The smallest width of an amount column: small and large figures line up alike.
    static let amountWidth = 12

    public init(ui: UIContext) {
        year = ui.today.year + 1
    }

    public var about: Message { Message("tui.budget.about") }
    public func help(_ ui: UIContext) -> Message { Message("tui.budget.help") }

    /// Planned again each time it comes back (after F1): whatever was posted since is in the figures.
    public func didAppear(_ ui: UIContext) { load(year, ui) }

    /// The year's plan through the service (default assumptions). A refusal (a year it does not budget, a
    /// base year without rules or finished months, a busy store) is said on the message line and leaves the
    /// shown year as it was.
    func load(_ y: Int, _ ui: UIContext) {
        guard let services = ui.services, let p = ui.run({ try BudgetService(services).plan(year: y) }) else { return }
        year = y
        plan = p
    }

    /// Next year: the service budgets nothing later.
    func isLatest(_ ui: UIContext) -> Bool { year >= ui.today.year + 1 }

    static let keys = PeriodKeys(previous: "tui.budget.key.previous", both: "tui.budget.key.year", latest: "tui.budget.latest")

    public func keyHints(_ ui: UIContext) -> [KeyHint] { Self.keys.hints(ui, atLatest: isLatest(ui), scrolls: body.overflows) }

    public func handle(_ key: Key, ui: UIContext) -> Navigation {
        if Self.keys.handle(key, ui: ui, atLatest: isLatest(ui), latestText: String(ui.today.year + 1), step: { load(year + $0, ui) }) {
            return .stay
        }
        return body.handle(key) ? .stay : .unhandled
    }

    // MARK: drawing

    public func draw(_ canvas: inout Canvas, area: Rect, ui: UIContext) -> Point? {
        // "2027年预算  编制基础：2026年1–11月实际（基金账），按月均年化为全年": on two rows if it must (the
        // blank row below takes the second), never cut; the year alone while no plan could be made.
        let heading = plan.map { ui.text("tui.budget.heading", String(year), ui.text(Self.source($0))) }
            ?? ui.text("tui.budget.yearOnly", String(year))
        for (i, row) in ScrollText.wrap(heading, width: area.cols).prefix(2).enumerated() {
            canvas.put(row, row: area.row + i, col: area.col, width: area.cols, style: .heading)
        }
        let bodyArea = Rect(row: area.row + 2, col: area.col, rows: area.rows - 2, cols: area.cols)
        guard let p = plan else {
            body.update([])
            canvas.put(ui.text("tui.budget.notLoaded", String(year)), row: bodyArea.row, col: area.col, width: area.cols, style: .dim)
            return nil
        }
        // Rebuilt for the width at hand; the place scrolled to is kept (also across years, to compare a line).
        body.update(lines(p, ui, cols: area.cols))
        body.draw(&canvas, area: bodyArea, indicator: ClaimKit.pageIndicator(ui))
        return nil
    }

    /// 编制基础: the same for every line (this year's ledger, whole or annualized).
    static func source(_ p: BudgetService.Plan) -> Message {
        p.budget.lines.first?.source ?? Message("budget.source.year", texts: String(p.base.year))
    }

    // MARK: the body's lines

    static let blank = ScrollText.Line("")

    func lines(_ p: BudgetService.Plan, _ ui: UIContext, cols: Int) -> [ScrollText.Line] {
        [ScrollText.Line(ui.text("tui.budget.assumptions"), hanging: 2)]
            + table(p, ui, cols: cols) + [Self.blank] + capacity(p, ui) + [Self.blank] + explained(p, ui)
    }

    /// The change as a percentage, "-" where this year has nothing to compare with.
    static func change(_ base: Money, _ amount: Money) -> String {
        base.fen != 0 ? FundRisk.percent(Rounding.halfUp((amount.fen - base.fen) * 10_000, base.fen)) : "-"
    }

    /// The unit over the last column, then 项目 | 本年（年化） | 预算 | 增减: the income lines and their total, the
    /// expenditure lines and theirs, the surplus; after a gap the opening and closing balance (budget column).
    func table(_ p: BudgetService.Plan, _ ui: UIContext, cols: Int) -> [ScrollText.Line] {
        let b = p.budget
        var grid = Grid(right: [1, 2, 3], minWidth: [1: Self.amountWidth, 2: Self.amountWidth])
        grid.add([ui.text("tui.fund.col.item"), ui.text("col.budget.base"), ui.text("col.budget.amount"), ui.text("col.budget.change")],
                 style: .heading)
        for (kind, total) in [(LedgerAccount.Kind.income, "tui.fund.incomeTotal"), (.expense, "tui.fund.expenditureTotal")] {
            let part = b.lines.filter { $0.account.kind == kind }
            for l in part {
                grid.add([ui.text(l.account.messageKey), l.base.grouped, l.amount.grouped, Self.change(l.base, l.amount)])
            }
            let base = part.reduce(Money.zero) { $0 + $1.base }, amount = part.reduce(Money.zero) { $0 + $1.amount }
            grid.add([ui.text(total), base.grouped, amount.grouped, Self.change(base, amount)], style: .heading)
        }
        // This year's surplus beside the budget's; a change of a surplus (which may cross zero) is not a rate.
        let baseSurplus = b.lines.reduce(Money.zero) { $0 + ($1.account.kind == .income ? $1.base : Money.zero - $1.base) }
        let surplus = b.income - b.expenditure
        grid.add([ui.text("tui.fund.surplus"), baseSurplus.grouped, surplus.grouped], style: surplus < .zero ? .warning : .heading)
        grid.add([ui.text("tui.budget.opening"), "", b.openingBalance.grouped])
        grid.add([ui.text("tui.budget.closing"), "", b.closingBalance.grouped], style: b.closingBalance < .zero ? .warning : .heading)
        let rows = grid.lines(fitting: cols)
        // "金额单位：元" right-aligned over the table, as on a printed budget table.
        let unit = ui.text("tui.fund.unit")
        let width = max(rows.map { DisplayWidth.of($0.text) }.max() ?? 0, DisplayWidth.of(unit))
        return [ScrollText.Line(String(repeating: " ", count: width - DisplayWidth.of(unit)) + unit, style: .dim)] + rows
    }

    /// Months of capacity at the year end, the bands (in the warning style while they are samples), and the
    /// 以支定收 line in its three forms: no change needed, the rate that brings capacity into the band, none does.
    func capacity(_ p: BudgetService.Plan, _ ui: UIContext) -> [ScrollText.Line] {
        let rules = p.rules
        let bands = ScrollText.Line(ui.text("tui.budget.bands", FundText.bandsText(rules, ui.strings)),
                                    style: rules.isSample ? .warning : .normal, indent: 2, hanging: 2)
        guard let tenths = p.budget.capacityTenths else {
            // Nothing spent: no capacity, so no rate to solve for.
            return [ScrollText.Line(ui.text("tui.budget.capacity.none"), hanging: 2), bands]
        }
        let low = String(rules.capacityLowBelowMonths.value), high = String(rules.capacityHighAboveMonths.value)
        let now = p.currentRate.description, by = String(p.byYear)
        let rate = switch p.bandRate {
        case .some(let r) where r == p.currentRate: ScrollText.Line(ui.text("tui.budget.rate.kept", now, by, low, high), hanging: 2)
        case .some(let r): ScrollText.Line(ui.text("tui.budget.rate.change", now, by, low, high, r.description), style: .warning, hanging: 2)
        case .none: ScrollText.Line(ui.text("tui.budget.rate.none", now, by, low, high), style: .warning, hanging: 2)
        }
        return [ScrollText.Line(ui.text("tui.budget.capacity", FundRisk.tenths(tenths)), hanging: 2), bands, rate]
    }

    /// "各项说明", then each line's name and its 编制原则, 数据来源, 计算依据, 增减原因, the labels padded alike
    /// and each text wrapped under its own start.
    func explained(_ p: BudgetService.Plan, _ ui: UIContext) -> [ScrollText.Line] {
        let labels = ["tui.budget.principle", "tui.budget.source", "tui.budget.basis", "tui.budget.reason"].map { ui.text($0) }
        let width = labels.map { DisplayWidth.of($0) }.max() ?? 0
        var out = [ScrollText.Line(ui.text("tui.budget.explained"), style: .heading)]
        for l in p.budget.lines {
            out.append(ScrollText.Line(ui.text(l.account.messageKey), style: .heading))
            for (label, m) in zip(labels, [l.principle, l.source, l.basis, l.reason]) {
                out.append(ScrollText.Line(DisplayWidth.padded(label, to: width) + ui.text(m), indent: 2, hanging: width))
            }
        }
        return out
    }
}
