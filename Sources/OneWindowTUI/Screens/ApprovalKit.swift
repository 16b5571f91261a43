import OneWindowCore
import OneWindowService
import OneWindowStore

/// What the supervisor's screens (OW35 queue, OW36 decision, OW37 payments) share: text wrapped to the
/// work area, the risk-flag marker, and a line of text with its style.
enum ApprovalKit {
    /// One drawn line of a scrolled body.
    struct Line {
        var text: String
        var style: Style
        /// A figure drawn right-aligned at the right edge of the line (days, yuan).
        var figure: String?

        init(_ text: String, _ style: Style = .normal, figure: String? = nil) {
            self.text = text
            self.style = style
            self.figure = figure
        }
    }

    /// Wraps `text` to `width` columns. Latin words break at spaces; between wide (CJK) characters the
    /// text breaks anywhere, as Chinese is written. A wide character is never cut in half.
    static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        var line = ""
        var lineWidth = 0
        // Where the current line could break: just after its last space.
        var breakAt: String.Index?
        for c in text {
            let w = DisplayWidth.of(c)
            if lineWidth + w > width {
                if c == " " {
                    lines.append(line)
                    (line, lineWidth, breakAt) = ("", 0, nil)
                    continue
                }
                // Inside a Latin word: carry the word to the next line; a wide character breaks here, except
                // that closing punctuation never starts a line (禁则): it takes the character before it along.
                if noLineStart.contains(c), line.count > 1 {
                    let last = line.removeLast()
                    lines.append(line)
                    line = String(last)
                } else if w == 1, let b = breakAt, b > line.startIndex {
                    var head = String(line[..<b])
                    while head.last == " " { head.removeLast() }
                    lines.append(head)
                    line = String(line[b...])
                } else {
                    lines.append(line)
                    line = ""
                }
                lineWidth = DisplayWidth.of(line)
                breakAt = nil
            }
            if line.isEmpty && c == " " && !lines.isEmpty { continue }  // no leading blank on a continuation
            line.append(c)
            lineWidth += w
            if c == " " { breakAt = line.endIndex }
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
    }

    /// Punctuation that closes a phrase: a line never starts with it.
    static let noLineStart = Set("，。、；：！？）」』】》〉,.;:!?)")

    /// Lines of `text` wrapped to `width`, the first after `lead` and the rest indented to line up under it.
    static func wrapped(_ text: String, lead: String = "", width: Int, style: Style = .normal) -> [Line] {
        let indent = String(repeating: " ", count: DisplayWidth.of(lead))
        return wrap(text, width: max(1, width - DisplayWidth.of(lead))).enumerated().map { i, part in
            Line((i == 0 ? lead : indent) + part, style)
        }
    }

    /// "! 临近参保、基数突增": the flags of a claim by their short names, marked so they show in monochrome too.
    static func flagSummary(_ flags: [RiskFlagHit], _ ui: UIContext) -> String {
        guard !flags.isEmpty else { return "" }
        return ui.text("tui.approval.flags", flags.map { ui.text($0.flag.messageKey) }.joined(separator: ui.text("tui.approval.flagSep")))
    }

    /// The list of lines as a page from `top`, each clipped to whole characters; the figure (if any) at the right.
    static func draw(_ lines: [Line], top: Int, rows: Int, _ canvas: inout Canvas, row: Int, col: Int, cols: Int) {
        for (i, index) in (top..<min(lines.count, top + rows)).enumerated() {
            let l = lines[index]
            var room = cols
            if let f = l.figure {
                let w = DisplayWidth.of(f)
                canvas.put(f, row: row + i, col: col + cols - w, style: l.style)
                room = cols - w - 2
            }
            canvas.put(DisplayWidth.prefix(l.text, fitting: room), row: row + i, col: col, width: room, style: l.style)
        }
    }
}
