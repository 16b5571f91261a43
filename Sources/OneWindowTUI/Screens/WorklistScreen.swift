import Foundation
import OneWindowCore
import OneWindowService
import OneWindowStore

/// OW39 today's work (issue 9, item 8): the lists a clerk works through during the day, one at a time,
/// ←/→ going from one to the next: claims returned for documents (her own, then the office's), the
/// receipts she filed today, and for a supervisor the decisions she made today. Every row is a receipt:
/// Enter opens the highlighted one (OW32), only while it is on screen. Read-only.
public final class WorklistScreen: Screen {
    public let screenID = "OW39"
    public let title = Message("tui.worklist.title")
    let factory: ScreenFactory

    enum List: String, CaseIterable { case returnedMine, returnedOffice, receipts, decisions }

    /// The lists this operator has: decisions only for one who may decide claims.
    let lists: [List]
    /// The list shown.
    var current = 0
    /// One table per list (each keeps its place), and the receipt each row opens.
    var tables: [Table]
    var numbers: [[ReceiptNumber]]

    public init(ui: UIContext, factory: ScreenFactory) {
        self.factory = factory
        lists = List.allCases.filter { $0 != .decisions || ui.session?.allows(.decideClaim) == true }
        tables = lists.map { Table(columns: Self.columns($0, ui)) }
        numbers = lists.map { _ in [] }
    }

    /// Reloaded every time it comes back: a claim resubmitted or decided since moves on.
    public func didAppear(_ ui: UIContext) { reload(ui) }

    func reload(_ ui: UIContext) {
        guard let services = ui.services else { return }
        let work = Worklists(services)
        for (i, list) in lists.enumerated() {
            guard let rows = ui.run({ try Self.rows(list, work, ui) }) else { continue }
            numbers[i] = rows.map(\.number)
            tables[i].setRows(rows.map(\.cells), styles: rows.map(\.styles))
        }
    }

    var table: Table { tables[current] }

    public func keyHints(_ ui: UIContext) -> [KeyHint] {
        var hints = [KeyHint("←→", ui.text("tui.worklist.key.switch"))]
        if !table.isEmpty {
            hints.append(KeyHint("↑↓", ui.text("tui.claim.key.choose")))
            hints.append(KeyHint("Enter", ui.text("tui.worklist.key.open")))
        }
        if table.cursor.pages { hints.append(KeyHint("F7/F8", ui.text("tui.key.page"))) }
        hints.append(KeyHint("F3", ui.text("tui.key.back")))
        return hints
    }

    public func handle(_ key: Key, ui: UIContext) -> Navigation {
        switch key {
        case .left, .right:
            // Both lists count as unseen until drawn: Enter typed ahead opens nothing of a list not yet shown.
            tables[current].cursor.hide()
            current = (current + (key == .left ? lists.count - 1 : 1)) % lists.count
            tables[current].cursor.hide()
            return .stay
        case .enter:
            guard let i = tables[current].selectedIfVisible else { return .stay }
            return .push(factory.receipt(ui, numbers[current][i]))
        default:
            return tables[current].handle(key) || Table.Cursor.isListKey(key) ? .stay : .unhandled
        }
    }

    // MARK: the lists' rows

    struct Row {
        let number: ReceiptNumber
        let cells: [String]
        var styles: [Style] = []
    }

    static func columns(_ list: List, _ ui: UIContext) -> [Table.Column] {
        let keys: [String] = switch list {
        case .returnedMine: ["receipt", "claimant", "kind", "returnedOn", "note"]
        case .returnedOffice: ["receipt", "claimant", "kind", "by", "note"]
        case .receipts: ["receipt", "claimant", "kind", "amount", "status"]
        case .decisions: ["time", "decision", "receipt", "claimant", "amount", "now"]
        }
        return keys.map { Table.Column(ui.text("tui.worklist.col.\($0)"), alignRight: $0 == "amount") }
    }

    static func rows(_ list: List, _ work: Worklists, _ ui: UIContext) throws -> [Row] {
        switch list {
        case .returnedMine, .returnedOffice:
            return try work.returnedClaims(list == .returnedMine ? .mine : .office).map { v in
                let c = v.claim
                let fourth = list == .returnedMine ? c.decidedOn ?? "" : c.submittedBy
                return Row(number: c.receiptNo, cells: [c.receiptNo.value, v.claimant.name, ui.text(c.kind.messageKey), fourth, c.note ?? ""],
                           styles: [.normal, .normal, .normal, .normal, .warning])
            }
        case .receipts:
            return try work.myReceiptsToday().map { r in
                let kinds = r.claims.map { ui.text($0.claim.kind.messageKey) }.joined(separator: ui.text("out.list.sep"))
                // Each status once, in the claims' order (a bundle's two claims usually stand alike).
                var states: [ClaimStatus] = []
                for s in r.claims.map(\.claim.status) where !states.contains(s) { states.append(s) }
                let status = states.map { ui.text($0.messageKey) }.joined(separator: ui.text("out.list.sep"))
                return Row(number: r.receipt.receiptNo, cells: [r.receipt.receiptNo.value, r.person.name, kinds, r.total.grouped, status])
            }
        case .decisions:
            return try work.myDecisionsToday().map { d in
                let c = d.claim.claim
                return Row(number: d.receiptNo, cells: [time(d.at), ui.text(d.decision.messageKey), c.receiptNo.value, d.claim.claimant.name,
                                                        c.amount.grouped, ui.text(c.status.messageKey)])
            }
        }
    }

    /// An audit time (UTC, ISO 8601) as the counter's clock shows it: HH:mm, Beijing time.
    static func time(_ at: String) -> String {
        let iso = ISO8601DateFormatter()
        iso.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let plain = ISO8601DateFormatter()
        guard let date = iso.date(from: at) ?? plain.date(from: at) else { return at }
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone(identifier: "Asia/Shanghai") ?? TimeZone(secondsFromGMT: 8 * 3600)!
        let c = cal.dateComponents([.hour, .minute], from: date)
        return String(format: "%02d:%02d", c.hour ?? 0, c.minute ?? 0)
    }

    // MARK: drawing

    /// The lists' names across the top (the shown one highlighted, each with its count), what the shown
    /// list holds, then its table or the sentence saying it is empty, and the page at the bottom.
    public func draw(_ canvas: inout Canvas, area: Rect, ui: UIContext) -> Point? {
        var col = area.col
        for (i, list) in lists.enumerated() {
            let name = ui.text("tui.worklist.tab.\(list.rawValue)", String(tables[i].rows.count))
            let width = DisplayWidth.of(name) + 2
            guard col + width <= area.col + area.cols else { break }
            canvas.put(" " + name + " ", row: area.row, col: col, width: width, style: i == current ? .selected : .label)
            col += width + 1
        }
        var row = area.row + 1
        for piece in ScrollText.wrap(ui.text("tui.worklist.about.\(lists[current].rawValue)"), width: area.cols).prefix(2) {
            canvas.put(piece, row: row, col: area.col, width: area.cols, style: .dim)
            row += 1
        }
        let body = Rect(row: row + 1, col: area.col, rows: area.row + area.rows - 2 - row, cols: area.cols)
        guard !table.isEmpty else {
            tables[current].cursor.hide()
            canvas.put(ui.text("tui.worklist.empty.\(lists[current].rawValue)"), row: body.row, col: body.col, width: body.cols, style: .dim)
            return nil
        }
        tables[current].draw(&canvas, area: body, focused: true)
        if let page = ClaimKit.page(table.cursor, ui) {
            canvas.put(page, row: area.row + area.rows - 1, col: area.col + area.cols - DisplayWidth.of(page), style: .dim)
        }
        return nil
    }
}
