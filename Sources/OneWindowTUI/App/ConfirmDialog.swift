import OneWindowCore

/// A yes/no question drawn over the screen. The safe answer is the default: Enter, N, Esc, F3 and F12
/// keep what is there; only Y (or F5, where the question is "save this?") goes ahead. Any other key is
/// refused with a beep and a message, never silently dropped.
struct ConfirmDialog {
    let question: Message
    /// F5 answers yes as well: the question confirms a save the clerk started with F5.
    let f5Confirms: Bool
    let onYes: () -> Navigation

    enum Answer { case yes, no, none }

    func answer(_ key: Key) -> Answer {
        switch key {
        case .char("y"), .char("Y"): .yes
        case .function(5) where f5Confirms: .yes
        case .enter, .char("n"), .char("N"), .escape, .function(3), .function(12): .no
        default: .none
        }
    }

    /// The keys that answer, for the dialog and for the key bar while it is up.
    func keyHints(_ ui: UIContext) -> [KeyHint] {
        [KeyHint(f5Confirms ? "Y/F5" : "Y", ui.text("tui.confirm.yes")), KeyHint("N/Esc/Enter", ui.text("tui.confirm.no"))]
    }

    func prompt(_ ui: UIContext) -> String {
        keyHints(ui).map { "\($0.key) \($0.action)" }.joined(separator: "    ")
    }

    func draw(_ canvas: inout Canvas, ui: UIContext) {
        let prompt = prompt(ui)
        let room = canvas.size.cols - 8
        let lines = ScrollText.wrap(ui.text(question), width: room - 4) + [prompt]
        let inner = min(room, (lines.map { DisplayWidth.of($0) }.max() ?? 0) + 4)
        let col = (canvas.size.cols - inner) / 2
        let top = max(0, canvas.size.rows / 2 - 1 - lines.count / 2)
        for r in 0..<(lines.count + 2) { canvas.fill(row: top + r, col: col, width: inner, style: .selected) }
        for (i, l) in lines.enumerated() {
            canvas.put(l, row: top + 1 + i, col: col + 2, width: inner - 4, style: .selected)
        }
    }
}
