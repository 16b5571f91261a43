import OneWindowCore

/// The parts of every screen around the work area: the header (screen ID, title, operator and role,
/// date, region, TRAINING banner) and the key bar of the keys that work here.
enum Frame {
    static func header(_ canvas: inout Canvas, screen: Screen, ui: UIContext) {
        let cols = canvas.size.cols
        let style: Style = ui.trainingStore ? .training : .header
        canvas.fill(row: 0, col: 0, width: cols, style: style)
        var right: [String] = []
        if let s = ui.session {
            right.append(ui.text("tui.header.operator", s.operatorName, ui.text(s.role.messageKey)))
            if let policy = ui.services?.policies.regions[s.agencyRegion] { right.append(ui.strings.name(of: policy)) }
        }
        right.append(ui.today.description)
        let rightText = right.joined(separator: "  ")
        let banner = ui.trainingStore ? ui.text("tui.training") + " " : ""
        let left = banner + screen.screenID + "  " + ui.text(screen.title)
        let rightWidth = DisplayWidth.of(rightText)
        canvas.put(left, row: 0, col: 1, width: max(0, cols - rightWidth - 4), style: style)
        canvas.put(rightText, row: 0, col: max(1, cols - rightWidth - 1), style: style)
        if ui.trainingStore {
            // A second marker on the line below, readable in monochrome too.
            canvas.put(ui.text("tui.training.notice"), row: 1, col: 1, width: cols - 2, style: .warning)
        }
    }

    /// `global`: F1 help and F10 quit around the screen's own keys (not while a dialog waits for its answer).
    /// Every key that works is shown: when the bar is too long the gaps narrow, then F1 and F10 (the same
    /// on every screen, explained in the help) lose their words, so a screen's own key is never cut off.
    static func keyBar(_ canvas: inout Canvas, hints: [KeyHint], ui: UIContext, global: Bool = true) {
        let row = canvas.size.rows - 1
        let cols = canvas.size.cols
        canvas.fill(row: row, col: 0, width: cols, style: .keyBar)
        for entries in layouts(hints: hints, ui: ui, global: global) {
            let width = entries.items.reduce(0) { $0 + DisplayWidth.of($1.key) + ($1.action.isEmpty ? 0 : 1 + DisplayWidth.of($1.action)) }
                + entries.gap * max(0, entries.items.count - 1)
            guard width <= cols - 2 || entries.isLast else { continue }
            var col = 1
            for h in entries.items where col < cols {
                col += canvas.put(h.key, row: row, col: col, width: max(0, cols - col), style: .keyName)
                if !h.action.isEmpty { col += 1 + canvas.put(h.action, row: row, col: col + 1, width: max(0, cols - col - 1), style: .keyBar) }
                col += entries.gap
            }
            return
        }
    }

    /// The ways to lay the bar out, roomiest first.
    static func layouts(hints: [KeyHint], ui: UIContext, global: Bool) -> [(items: [KeyHint], gap: Int, isLast: Bool)] {
        guard global else { return [(hints, 2, false), (hints, 1, true)] }
        let help = KeyHint("F1", ui.text("tui.key.help")), quit = KeyHint("F10", ui.text("tui.key.quit"))
        let full = [help] + hints + [quit]
        let bare = [KeyHint("F1", "")] + hints + [KeyHint("F10", "")]
        return [(full, 2, false), (full, 1, false), (bare, 1, true)]
    }
}
