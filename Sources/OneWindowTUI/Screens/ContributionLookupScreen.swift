import OneWindowCore
import OneWindowService
import OneWindowStore

/// OW13 contribution lookup for one person over any months: from–to (the last 12 months at first),
/// Enter looks up, a table of her contribution lines (month, item, base, rate, amount, settled) with
/// totals, F7/F8 page.
public final class ContributionLookupScreen: Screen {
    public let screenID = "OW13"
    public let title = Message("tui.person.title.lookup")
    let id: CitizenID
    var form: Form
    var view: PersonView?
    var employerNames: [String: String] = [:]
    var lines: [ContributionView] = []
    /// Her lines as a statement: read, not picked (↑↓ stay with the two months), F7/F8 page.
    var table = Table(columns: [], selectable: false)

    public init(ui: UIContext, id: CitizenID) {
        self.id = id
        let last = ui.today.yearMonth
        let month: @Sendable (String) -> Message? = { text in
            do { _ = try YearMonth.parse(text.trimmingSpaces, field: .month); return nil } catch let e as FieldError {
                return e.reason
            } catch { return Message("tui.unexpected", texts: "\(error)") }
        }
        form = Form([
            FormField(id: "from", label: ui.text("field.fromMonth"), hint: "YYYY-MM", width: 10, limit: 7,
                      value: last.advanced(by: -11).description, validate: month),
            FormField(id: "to", label: ui.text("tui.person.lookup.to"), hint: "YYYY-MM", width: 10, limit: 7,
                      value: last.description, validate: month),
        ])
    }

    public func didAppear(_ ui: UIContext) { lookUp(ui) }

    public func keyHints(_ ui: UIContext) -> [KeyHint] {
        var hints = [KeyHint("Enter", ui.text("tui.key.search"))]
        if table.cursor.pages { hints.append(KeyHint("F7/F8", ui.text("tui.key.page"))) }
        hints.append(KeyHint("F3", ui.text("tui.key.back")))
        return hints
    }

    public func handle(_ key: Key, ui: UIContext) -> Navigation {
        switch key {
        case .enter:
            lookUp(ui)
            return .stay
        case .function(7), .pageUp, .function(8), .pageDown:
            return table.handle(key) || table.cursor.pages ? .stay : .unhandled
        default:
            return form.handle(key, ui: ui) ? .stay : .unhandled
        }
    }

    var range: (from: YearMonth, to: YearMonth)? {
        guard let f = try? YearMonth.parse(form["from"].trimmingSpaces), let t = try? YearMonth.parse(form["to"].trimmingSpaces)
        else { return nil }
        return (f, t)
    }

    /// Enter: both months checked (the first bad one focused), then the lines in the range.
    func lookUp(_ ui: UIContext) {
        if let bad = form.validateAll() {
            ui.fail(Message("error.field", [.text(bad.field.label), .message(bad.error)]))
            return
        }
        guard let (from, to) = range else { return }
        guard from <= to else {
            form.fields[1].error = Message("tui.person.lookup.order", texts: from.description)
            form.focus = 1
            ui.fail(Message("error.field", [.text(form.fields[1].label), .message(form.fields[1].error!)]))
            return
        }
        guard let services = ui.services else { return }
        let id = self.id
        let loaded = ui.run { () throws -> (PersonView, [ContributionView], [String: String]) in
            let v = try LookupService(services).person(id)
            let all = try ContributionService(services).lines(for: id).filter { from <= $0.month && $0.month <= to }
            var names: [String: String] = [:]
            for code in Set(v.periods.compactMap(\.employer)) { names[code.value] = try PersonKit.employerName(code, services) }
            return (v, all, names)
        }
        guard let loaded else { return }
        (view, lines, employerNames) = loaded
        table = Table(columns: [], selectable: false)
        if lines.isEmpty {
            ui.say("tui.person.lookup.none", from.description, to.description)
        } else {
            ui.say("tui.person.lookup.found", from.description, to.description, "\(lines.count)")
        }
    }

    public func draw(_ canvas: inout Canvas, area: Rect, ui: UIContext) -> Point? {
        var row = area.row
        if let v = view {
            canvas.put(PersonKit.summary(v, names: employerNames, ui), row: row, col: area.col, width: area.cols, style: .heading)
        }
        row += 2
        let caret = form.draw(&canvas, area: Rect(row: row, col: area.col, rows: 2, cols: area.cols), strings: ui.text)
        row += 3
        let totalsRow = area.row + area.rows - 1
        let titles = [ui.text("col.month"), ui.text("col.item"), ui.text("col.base"), ui.text("col.rate"), ui.text("col.amount"),
                      ui.text("col.settled")]
        let cells = lines.map { l in
            [l.month.description, ui.text(l.row.item.messageKey), Money(fen: l.row.baseFen).grouped,
             Rate(basisPoints: l.row.rateBp).description, Money(fen: l.row.amountFen).grouped,
             ui.text(l.settled ? "tui.person.settled" : "out.arrears")]
        }
        let alignment = [false, false, true, true, true, false]
        table.columns = zip(titles, alignment).map { Table.Column($0, alignRight: $1) }
        table.titleStyle = .label
        // An unsettled month's status in the error style.
        table.setRows(cells, styles: lines.map { $0.settled ? [] : [.normal, .normal, .normal, .normal, .normal, .error] })
        table.draw(&canvas, area: Rect(row: row, col: area.col, rows: max(2, totalsRow - row - 1), cols: area.cols), focused: false)

        // Totals, and where this page is.
        let due = lines.reduce(Money.zero) { $0 + Money(fen: $1.row.amountFen) }
        let settled = lines.filter(\.settled).reduce(Money.zero) { $0 + Money(fen: $1.row.amountFen) }
        let totals = ui.text("tui.person.lookup.totals", "\(lines.count)", due.grouped, settled.grouped, (due - settled).grouped)
        let used = canvas.put(totals, row: totalsRow, col: area.col, width: area.cols, style: due > settled ? .warning : .label)
        if let page = ClaimKit.page(table.cursor, ui) {
            let col = area.col + area.cols - DisplayWidth.of(page)
            if col > area.col + used + 1 { canvas.put(page, row: totalsRow, col: col, style: .dim) }
        }
        return caret
    }
}
