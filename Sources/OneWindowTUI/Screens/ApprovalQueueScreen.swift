import OneWindowCore
import OneWindowService
import OneWindowStore

/// OW35 the supervisor's approval queue: claims awaiting a decision, oldest first. Each claim takes two
/// lines: receipt, submission date, kind, amount and who took it; then the claimant (masked ID) and her
/// risk flags, marked with "!" in the margin so they show in monochrome too. ↑↓ select, F7/F8 page,
/// Enter opens the highlighted claim's decision screen (OW36).
public final class ApprovalQueueScreen: Screen {
    public let screenID = "OW35"
    public let title = Message("tui.approval.title.queue")
    let factory: ScreenFactory
    var claims: [ClaimView] = []
    /// The picked claim and the page: each claim takes two rows, drawn here; paging is the table's.
    var cursor = Table.Cursor()

    public init(ui: UIContext, factory: ScreenFactory) {
        self.factory = factory
    }

    /// Reloaded every time it comes back, so a decided claim leaves the list; what the decision screen
    /// said stays on the message line.
    public func didAppear(_ ui: UIContext) { reload(ui) }

    func reload(_ ui: UIContext) {
        guard let services = ui.services, let rows = ui.run({ try ClaimLookup(services).queue() }) else { return }
        claims = rows
        cursor.reset(count: claims.count)
    }

    public func keyHints(_ ui: UIContext) -> [KeyHint] {
        var hints: [KeyHint] = []
        if !claims.isEmpty { hints.append(KeyHint("Enter", ui.text("tui.approval.key.open"))) }
        if cursor.pages { hints.append(KeyHint("F7/F8", ui.text("tui.key.page"))) }
        hints.append(KeyHint("F3", ui.text("tui.key.back")))
        return hints
    }

    public func handle(_ key: Key, ui: UIContext) -> Navigation {
        guard !claims.isEmpty else { return .unhandled }
        if key == .enter {
            // Only the highlighted claim, and only while it is on screen.
            guard let i = cursor.openable, let id = claims[i].claim.id else { return .stay }
            return .push(factory.claimDecision(ui, id))
        }
        return cursor.handle(key) || Table.Cursor.isListKey(key) ? .stay : .unhandled
    }

    // MARK: drawing

    public func draw(_ canvas: inout Canvas, area: Rect, ui: UIContext) -> Point? {
        var row = area.row
        guard !claims.isEmpty else {
            canvas.put(ui.text("tui.approval.empty"), row: row, col: area.col, width: area.cols, style: .dim)
            return nil
        }
        let flagged = claims.filter { !$0.claim.flags.isEmpty }.count
        canvas.put(ui.text("tui.approval.summary", "\(claims.count)", "\(flagged)"), row: row, col: area.col, width: area.cols,
                   style: flagged > 0 ? .warning : .label)
        row += 2

        // Columns of the first line; the second line's claimant spans receipt and date, the flags follow.
        let receiptW = 15, dateW = 10, gap = 2, margin = 2
        let kinds = ClaimKind.allCases.map { ui.text($0.messageKey) }
        let amounts = claims.map { $0.claim.amount.grouped }
        let kindW = (kinds + [ui.text("tui.approval.col.kind")]).map { DisplayWidth.of($0) }.max()!
        let amountW = (amounts + [ui.text("tui.approval.col.amount")]).map { DisplayWidth.of($0) }.max()!
        let cReceipt = area.col + margin
        let cDate = cReceipt + receiptW + gap
        let cKind = cDate + dateW + gap
        let cAmount = cKind + kindW + gap
        let cBy = cAmount + amountW + gap
        let right = area.col + area.cols
        let claimantW = receiptW + gap + dateW + gap + kindW
        let cFlags = cReceipt + claimantW + gap

        func put(_ text: String, _ row: Int, _ col: Int, _ width: Int, _ style: Style, alignRight: Bool = false) {
            let shown = DisplayWidth.prefix(text, fitting: max(0, width))
            let pad = alignRight ? width - DisplayWidth.of(shown) : 0
            canvas.put(shown, row: row, col: col + pad, width: max(0, width - pad), style: style)
        }
        put(ui.text("tui.approval.col.receipt"), row, cReceipt, receiptW, .label)
        put(ui.text("tui.approval.col.submitted"), row, cDate, dateW, .label)
        put(ui.text("tui.approval.col.kind"), row, cKind, kindW, .label)
        put(ui.text("tui.approval.col.amount"), row, cAmount, amountW, .label, alignRight: true)
        put(ui.text("tui.approval.col.by"), row, cBy, right - cBy, .label)
        put(ui.text("tui.approval.col.claimant"), row + 1, cReceipt, claimantW, .label)
        put(ui.text("tui.approval.col.flags"), row + 1, cFlags, right - cFlags, .label)
        row += 2

        let footer = area.row + area.rows - 1
        let me = ui.session?.operatorName
        for (i, index) in cursor.layout(rows: (footer - row - 1) / 2).enumerated() {
            let v = claims[index]
            let c = v.claim
            let r = row + 2 * i
            let isSelected = index == cursor.selected
            if isSelected {
                canvas.fill(row: r, col: area.col, width: area.cols, style: .selected)
                canvas.fill(row: r + 1, col: area.col, width: area.cols, style: .selected)
            }
            let base: Style = isSelected ? .selected : .normal
            let flagStyle: Style = isSelected ? .selected : .warning
            if !c.flags.isEmpty { canvas.put(ui.text("tui.approval.marker"), row: r, col: area.col, style: flagStyle) }
            put(c.receiptNo.value, r, cReceipt, receiptW, base)
            put(c.submittedOn, r, cDate, dateW, base)
            put(ui.text(c.kind.messageKey), r, cKind, kindW, base)
            put(c.amount.grouped, r, cAmount, amountW, base, alignRight: true)
            // The supervisor's own claims are marked: four eyes, someone else must decide them.
            let by = c.submittedBy == me ? ui.text("tui.approval.byMe", c.submittedBy) : c.submittedBy
            put(by, r, cBy, right - cBy, base)
            let nameW = claimantW - DisplayWidth.of(v.claimant.citizen.masked) - 2
            put(DisplayWidth.prefix(v.claimant.name, fitting: nameW) + "  " + v.claimant.citizen.masked, r + 1, cReceipt, claimantW, base)
            let flags = Self.flagSummary(c.flags, ui)
            put(DisplayWidth.truncated(flags.isEmpty ? ui.text("tui.approval.noFlags") : flags, to: right - cFlags), r + 1, cFlags,
                right - cFlags, flags.isEmpty ? (isSelected ? .selected : .dim) : flagStyle)
        }

        let total = claims.reduce(Money.zero) { $0 + $1.claim.amount }
        let used = canvas.put(ui.text("tui.approval.total", "\(claims.count)", total.grouped), row: footer, col: area.col,
                              width: area.cols, style: .label)
        if let page = ClaimKit.page(cursor, ui) {
            let col = right - DisplayWidth.of(page)
            if col > area.col + used + 1 { canvas.put(page, row: footer, col: col, style: .dim) }
        }
        return nil
    }

    /// "! 临近参保、基数突增": the flags of a claim by their short names, marked so they show in monochrome too.
    static func flagSummary(_ flags: [RiskFlagHit], _ ui: UIContext) -> String {
        guard !flags.isEmpty else { return "" }
        return ui.text("tui.approval.flags", flags.map { ui.text($0.flag.messageKey) }.joined(separator: ui.text("tui.approval.flagSep")))
    }
}
