import OneWindowCore

/// A yes/no question drawn over the screen. Enter or Y answers yes; N, Esc, F3 or F12 answers no.
struct ConfirmDialog {
    let question: Message
    let onYes: () -> Navigation

    enum Answer { case yes, no, none }

    static func answer(_ key: Key) -> Answer {
        switch key {
        case .enter, .char("y"), .char("Y"): .yes
        case .char("n"), .char("N"), .escape, .function(3), .function(12): .no
        default: .none
        }
    }

    func draw(_ canvas: inout Canvas, ui: UIContext) {
        let text = ui.text(question)
        let prompt = ui.text("tui.confirm.keys")
        let inner = min(canvas.size.cols - 8, max(DisplayWidth.of(text), DisplayWidth.of(prompt)) + 4)
        let col = (canvas.size.cols - inner) / 2
        let row = canvas.size.rows / 2 - 2
        for r in 0..<4 { canvas.fill(row: row + r, col: col, width: inner, style: .selected) }
        canvas.put(text, row: row + 1, col: col + 2, width: inner - 4, style: .selected)
        canvas.put(prompt, row: row + 2, col: col + 2, width: inner - 4, style: .selected)
    }
}
