import OneWindowCore
import OneWindowService

/// F4 value help (OW05) on a field that takes an employer's credit code: search by part of the name or
/// the first characters of the code, pick a row with Enter, and the code is filled into the field the
/// clerk came from. F3 goes back with the field unchanged.
final class ValueHelpScreen: Screen {
    let screenID = "OW05"
    let title = Message("tui.title.valueHelp.employer")
    var form: Form
    var results: Table
    var found: [String] = []
    var inResults = false
    let onPick: (String) -> Void

    init(ui: UIContext, onPick: @escaping (String) -> Void) {
        self.onPick = onPick
        form = Form([FormField(id: "query", label: ui.text("tui.valueHelp.query"), hint: ui.text("tui.valueHelp.queryHint"),
                               width: 24, limit: 40)])
        results = Table(columns: [Table.Column(ui.text("tui.valueHelp.col.name")), Table.Column(ui.text("tui.valueHelp.col.code")),
                                  Table.Column(ui.text("field.region"))])
    }

    func keyHints(_ ui: UIContext) -> [KeyHint] {
        var hints = [KeyHint("Enter", ui.text(inResults ? "tui.valueHelp.pick" : "tui.key.search"))]
        if !results.isEmpty { hints.append(KeyHint("↑↓", ui.text("tui.key.choose"))) }
        if results.cursor.pages { hints.append(KeyHint("F7/F8", ui.text("tui.key.page"))) }
        hints.append(KeyHint("F3", ui.text("tui.valueHelp.back")))
        return hints
    }

    func helpFields(_ ui: UIContext) -> [HelpField] { form.helpFields(ui) { "tui.valueHelp.help.\($0)" } }

    func draw(_ canvas: inout Canvas, area: Rect, ui: UIContext) -> Point? {
        let caret = form.draw(&canvas, area: Rect(row: area.row, col: area.col, rows: 1, cols: area.cols), strings: ui.text)
        if results.isEmpty {
            canvas.put(ui.text("tui.valueHelp.guide"), row: area.row + 2, col: area.col, width: area.cols, style: .dim)
        } else {
            results.draw(&canvas, area: Rect(row: area.row + 2, col: area.col, rows: area.rows - 2, cols: area.cols), focused: inResults)
        }
        return inResults ? nil : caret
    }

    func handle(_ key: Key, ui: UIContext) -> Navigation {
        if inResults {
            switch key {
            case .enter:
                guard let i = results.selectedIfVisible else { return .stay }
                onPick(found[i])
                return .pop
            case .up where results.selected == 0, .tab, .backTab:
                inResults = false
                return .stay
            case .char, .paste, .backspace, .ctrl("u"):
                // Typing always goes to the search box: never a pick from a list that no longer matches.
                inResults = false
                return handle(key, ui: ui)
            default:
                return results.handle(key) ? .stay : .unhandled
            }
        }
        switch key {
        case .enter: search(ui); return .stay
        case .down, .tab where !results.isEmpty: inResults = true; return .stay
        default:
            guard form.handle(key, ui: ui) else { return .unhandled }
            if !found.isEmpty { clear() }
            return .stay
        }
    }

    func clear() {
        found = []
        results.setRows([])
    }

    func search(_ ui: UIContext) {
        clear()
        guard let services = ui.services else { return }
        let query = form["query"]
        guard let rows = ui.run(onField: { e in self.form.mark("query", e.reason) }, {
            try SearchService(services).employers(matching: query)
        }) else { return }
        found = rows.map(\.code)
        results = Table(columns: results.columns, rows: rows.map { row in
            [row.name, row.code, services.policies.regions[row.region].map { ui.strings.name(of: $0) } ?? row.region]
        })
        if rows.isEmpty {
            ui.say("tui.home.none")
        } else {
            ui.say("tui.valueHelp.found", "\(rows.count)")
            inResults = true
        }
    }
}
