import OneWindowCore
import OneWindowService

/// OW50 基金运行概览: one month of the merged fund (职工医保基金，含生育保险) as its ledger gives it. On top
/// the month and whether it is closed; then the warnings, each marked "!"; then income and expenditure
/// by item (the month and the year to date; the maternity item 生育待遇支出 with its two parts), the
/// surplus and its rate, the accumulated balance with what it is made of, the old maternity fund's
/// transfer, months of payment capacity against the region's bands (marked when they are samples),
/// maternity spending growth against income growth, and when the balance would run out at the current
/// trend. ←/→ go a month back or forward, never past the current month; the body scrolls (↑↓, F7/F8);
/// F6 opens the year's statistics (OW51), F9 next year's budget (OW52). Read-only; it opens on the last
/// finished month.
public final class FundOverviewScreen: Screen {
    public let screenID = "OW50"
    public let title = Message("tui.fund.title")
    /// The month shown: it changes only once that month's figures have arrived, so the title never names a
    /// month whose figures are not the ones below it.
    private(set) var month: YearMonth
    private(set) var overview: FundOverview?
    var body = ScrollText()
    let factory: ScreenFactory

    /// The smallest width of the two amount columns: months with small and large figures line up alike.
    static let amountWidth = 14

    public init(ui: UIContext, factory: ScreenFactory) {
        month = ui.today.yearMonth.previous
        self.factory = factory
    }

    public var about: Message { Message("tui.fund.about") }
    /// The keys of the month, then F9 (the budget's strings add it).
    public func help(_ ui: UIContext) -> Message { Message("tui.budget.fund.help", [.message(Message("tui.fund.help"))]) }

    /// Read again each time it comes back (after F1): whatever was posted since is in the figures.
    public func didAppear(_ ui: UIContext) { load(month, ui, catchingUp: true) }

    /// The month's figures through the service; on appearing it posts whatever waits first, a step to
    /// another month only reads. A failure (a busy store, a month without rules) is said on the message
    /// line and leaves the shown month as it was.
    func load(_ m: YearMonth, _ ui: UIContext, catchingUp: Bool = false) {
        guard let services = ui.services,
              let o = ui.run({ try FundService(services).overview(month: m, catchingUp: catchingUp) }) else { return }
        month = m
        overview = o
    }

    /// The month under way: nothing later can be shown.
    func isLatest(_ ui: UIContext) -> Bool { month >= ui.today.yearMonth }

    static let keys = PeriodKeys(previous: "tui.fund.key.previous", both: "tui.fund.key.month", latest: "tui.fund.latest")

    public func keyHints(_ ui: UIContext) -> [KeyHint] {
        Self.keys.hints(ui, atLatest: isLatest(ui), scrolls: body.overflows,
                        extra: [KeyHint("F6", ui.text("tui.stats.key.open")), KeyHint("F9", ui.text("tui.budget.key.open"))])
    }

    public func handle(_ key: Key, ui: UIContext) -> Navigation {
        if Self.keys.handle(key, ui: ui, atLatest: isLatest(ui), latestText: ui.today.yearMonth.description, step: { load(month.advanced(by: $0), ui) }) {
            return .stay
        }
        switch key {
        case .function(6): return .push(factory.stats(ui))
        case .function(9): return .push(factory.budget(ui))
        default: return body.handle(key) ? .stay : .unhandled
        }
    }

    // MARK: drawing

    public func draw(_ canvas: inout Canvas, area: Rect, ui: UIContext) -> Point? {
        // "2026-11（已结账）"; the month alone while its figures could not be read.
        let heading = overview.map { o in
            let state = o.closed ? "tui.fund.state.closed" : o.month >= ui.today.yearMonth ? "tui.fund.state.running" : "tui.fund.state.open"
            return ui.text("tui.fund.month", o.month.description, ui.text(state))
        } ?? month.description
        let unit = ui.text("tui.fund.unit")
        let unitWidth = DisplayWidth.of(unit)
        let used = canvas.put(heading, row: area.row, col: area.col, width: area.cols - unitWidth - 2, style: .heading)
        if used + unitWidth + 2 <= area.cols {
            canvas.put(unit, row: area.row, col: area.col + area.cols - unitWidth, style: .dim)
        }
        let bodyArea = Rect(row: area.row + 2, col: area.col, rows: area.rows - 2, cols: area.cols)
        guard let o = overview else {
            body.update([])
            canvas.put(ui.text("tui.fund.notLoaded", month.description), row: bodyArea.row, col: area.col, width: area.cols, style: .dim)
            return nil
        }
        // Rebuilt for the width at hand; the place scrolled to is kept (also across months, to compare a row).
        body.update(lines(o, ui, cols: area.cols))
        body.draw(&canvas, area: bodyArea, indicator: ClaimKit.pageIndicator(ui))
        return nil
    }

    // MARK: the body's lines

    /// A row of the amounts grid (label, the month's figure, the year to date's), or a line of text.
    enum Entry {
        case grid(label: String, month: String, yearToDate: String, style: Style)
        case text(ScrollText.Line)
        static let blank = Entry.text(ScrollText.Line(""))
    }

    func lines(_ o: FundOverview, _ ui: UIContext, cols: Int) -> [ScrollText.Line] {
        var entries = warnings(o, ui)
        entries.append(.blank)
        entries += table(o, ui)
        entries.append(.blank)
        entries += balances(o, ui)
        entries += risk(o, ui)
        return Self.layout(entries, cols: cols)
    }

    /// Each warning a line of its own, marked "!" so it reads in monochrome too; or that there are none.
    func warnings(_ o: FundOverview, _ ui: UIContext) -> [Entry] {
        guard !o.risk.warnings.isEmpty else { return [.text(ScrollText.Line(ui.text("tui.fund.noWarnings"), style: .ok))] }
        return o.risk.warnings.map { .text(ScrollText.Line("! " + ui.text($0.message), style: .warning, hanging: 2)) }
    }

    /// Income by item and its total; expenditure by item, the maternity item with its two parts, and its
    /// total; the surplus and the surplus rate.
    func table(_ o: FundOverview, _ ui: UIContext) -> [Entry] {
        func row(_ label: String, _ l: FundOverview.Line, _ style: Style = .normal) -> Entry {
            .grid(label: label, month: l.month.grouped, yearToDate: l.yearToDate.grouped, style: style)
        }
        func item(_ l: FundOverview.Line, indent: String = "") -> Entry { row(indent + ui.text(l.account.messageKey), l) }
        var out: [Entry] = [.grid(label: ui.text("tui.fund.col.item"), month: ui.text("tui.fund.col.month"),
                                  yearToDate: ui.text("tui.fund.col.yearToDate"), style: .heading)]
        out += o.income.map { item($0) }
        out.append(row(ui.text("tui.fund.incomeTotal"), o.incomeTotal, .heading))
        out += o.expenditure.filter { !LedgerAccount.maternityExpense.contains($0.account) }.map { item($0) }
        out.append(row(ui.text("tui.fund.maternity"), o.maternity))
        out += o.expenditure.filter { LedgerAccount.maternityExpense.contains($0.account) }.map { item($0, indent: "  ") }
        out.append(row(ui.text("tui.fund.expenditureTotal"), o.expenditureTotal, .heading))
        let surplus = o.surplus
        out.append(row(ui.text("tui.fund.surplus"), surplus, surplus.month < .zero || surplus.yearToDate < .zero ? .warning : .heading))
        let rate = o.surplusRateBp
        out.append(.grid(label: ui.text("tui.fund.surplusRate"), month: rate.month.map(FundRisk.percent) ?? "-",
                         yearToDate: rate.yearToDate.map(FundRisk.percent) ?? "-", style: .normal))
        return out
    }

    /// 累计结存 at the month's end with 银行存款 and 应收保险费; the old maternity fund's transfer.
    func balances(_ o: FundOverview, _ ui: UIContext) -> [Entry] {
        func figure(_ label: String, _ m: Money, _ style: Style = .normal) -> Entry {
            .grid(label: label, month: m.grouped, yearToDate: "", style: style)
        }
        var out = [figure(ui.text("tui.fund.balance"), o.balance, o.balance < .zero ? .warning : .heading),
                   figure("  " + ui.text(LedgerAccount.bank.messageKey), o.bank),
                   figure("  " + ui.text(LedgerAccount.receivable.messageKey), o.receivable)]
        switch o.oldFund {
        case .notTransferred:
            out.append(.text(ScrollText.Line(ui.text("tui.fund.oldFund.open"))))
        case let .transferred(period, amount, remaining):
            out.append(figure(ui.text("tui.fund.oldFund.done", period.description), amount))
            out.append(figure("  " + ui.text("tui.fund.oldFund.remaining"), remaining))
        }
        return out
    }

    /// Months of payment capacity and its band, the bands (marked as samples), growth, running dry.
    func risk(_ o: FundOverview, _ ui: UIContext) -> [Entry] {
        let r = o.risk
        var out: [Entry] = []
        if let tenths = r.capacityTenths, let band = r.band {
            out.append(.text(ScrollText.Line(ui.text("tui.fund.capacity", FundRisk.tenths(tenths), ui.text(band.messageKey)),
                                             style: band == .normal ? .normal : .warning, hanging: 2)))
        } else {
            out.append(.text(ScrollText.Line(ui.text("tui.fund.capacity.none"), hanging: 2)))
        }
        let rules = o.rules
        var bands = ui.text("tui.fund.bands", String(rules.capacityCriticalBelowMonths.value), String(rules.capacityLowBelowMonths.value),
                            String(rules.capacityHighAboveMonths.value), ui.text(CapacityBand.critical.messageKey),
                            ui.text(CapacityBand.low.messageKey), ui.text(CapacityBand.high.messageKey))
        if rules.isSample { bands += ui.text("tui.fund.sample") }
        // An unconfirmed regional figure is marked in words and in the warning style, as on the claim screens.
        out.append(.text(ScrollText.Line(bands, style: rules.isSample ? .warning : .normal, indent: 2, hanging: 2)))
        let growth = r.maternityGrowthBp.flatMap { m in r.incomeGrowthBp.map { (m, $0) } }
        out.append(.text(ScrollText.Line(growth.map { ui.text("tui.fund.growth", FundRisk.percent($0.0), FundRisk.percent($0.1)) }
                                         ?? ui.text("tui.fund.growth.none"), hanging: 2)))
        out.append(.text(ScrollText.Line(r.runDryMonth.map { ui.text("tui.fund.runDry", $0.description) } ?? ui.text("tui.fund.runDry.none"),
                                         style: r.runDryMonth == nil ? .normal : .warning, hanging: 2)))
        return out
    }

    /// The grid rows as text, every amount right-aligned in its column (widths by display columns, the
    /// label column cut whole characters short only if the amounts would not fit otherwise).
    static func layout(_ entries: [Entry], cols: Int) -> [ScrollText.Line] {
        var labelWidth = 0, amountWidth = Self.amountWidth
        for case let .grid(label, month, ytd, _) in entries {
            labelWidth = max(labelWidth, DisplayWidth.of(label))
            amountWidth = max(amountWidth, DisplayWidth.of(month), DisplayWidth.of(ytd))
        }
        labelWidth = min(labelWidth, max(4, cols - 2 * amountWidth - 4))
        func right(_ s: String) -> String { String(repeating: " ", count: max(0, amountWidth - DisplayWidth.of(s))) + s }
        return entries.map { e in
            switch e {
            case .text(let line): return line
            case let .grid(label, month, ytd, style):
                var text = DisplayWidth.padded(DisplayWidth.prefix(label, fitting: labelWidth), to: labelWidth) + "  " + right(month)
                if !ytd.isEmpty { text += "  " + right(ytd) }
                return ScrollText.Line(text, style: style)
            }
        }
    }
}
