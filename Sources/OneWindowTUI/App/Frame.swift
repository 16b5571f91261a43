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
    static func keyBar(_ canvas: inout Canvas, hints: [KeyHint], ui: UIContext, global: Bool = true) {
        let row = canvas.size.rows - 1
        let cols = canvas.size.cols
        canvas.fill(row: row, col: 0, width: cols, style: .keyBar)
        let all = global ? [KeyHint("F1", ui.text("tui.key.help"))] + hints + [KeyHint("F10", ui.text("tui.key.quit"))] : hints
        var col = 1
        for h in all {
            let need = DisplayWidth.of(h.key) + 1 + DisplayWidth.of(h.action) + 2
            guard col + need <= cols else { break }
            col += canvas.put(h.key, row: row, col: col, style: .keyName)
            col += canvas.put(h.action, row: row, col: col + 1, style: .keyBar) + 3
        }
    }
}
