import OneWindowCore

/// A table inside a scrolling body (OW51 statistics, OW52 budget): cells in columns sized by display width
/// (a group title may span columns), the `right` columns right-aligned, no trailing blanks. Two spaces
/// between columns and four before a `group` column; when a row would be wider than the area (ScrollText
/// would wrap it, never cut it), the gaps narrow step by step down to one space, so figures of a large
/// agency still fit 80 columns.
struct Grid {
    struct Row {
        var cells: [(text: String, span: Int)]
        var style: Style
    }

    let right: Set<Int>
    var minWidth: [Int: Int] = [:]
    var group: Set<Int> = []
    var rows: [Row] = []

    mutating func add(_ texts: [String], style: Style = .normal) { rows.append(Row(cells: texts.map { ($0, 1) }, style: style)) }
    mutating func add(spans: [(String, Int)], style: Style) { rows.append(Row(cells: spans, style: style)) }

    /// Each column as wide as its widest single cell (spanning titles take what their columns give).
    var widths: [Int] {
        var w: [Int] = []
        for row in rows where row.cells.allSatisfy({ $0.span == 1 }) {
            for (i, cell) in row.cells.enumerated() {
                if i == w.count { w.append(minWidth[i] ?? 0) }
                w[i] = max(w[i], DisplayWidth.of(cell.text))
            }
        }
        return w
    }

    func lines(fitting cols: Int) -> [ScrollText.Line] {
        let w = widths
        func render(gap: Int, groupGap: Int) -> [ScrollText.Line] {
            let gaps = w.indices.map { $0 == 0 ? 0 : group.contains($0) ? groupGap : gap }
            return rows.map { row in
                var text = "", col = 0
                for cell in row.cells where col < w.count {
                    let end = min(w.count, col + cell.span)
                    let width = w[col..<end].reduce(0, +) + gaps[(col + 1)..<end].reduce(0, +)
                    let shown = DisplayWidth.prefix(cell.text, fitting: width)
                    let pad = String(repeating: " ", count: width - DisplayWidth.of(shown))
                    text += String(repeating: " ", count: gaps[col])
                    text += right.contains(col) && cell.span == 1 ? pad + shown : shown + pad
                    col = end
                }
                while text.last == " " { text.removeLast() }
                return ScrollText.Line(text, style: row.style)
            }
        }
        let tries = [(2, 4), (2, 3), (2, 2)].lazy.map { render(gap: $0.0, groupGap: $0.1) }
        return tries.first { $0.allSatisfy { DisplayWidth.of($0.text) <= cols } } ?? render(gap: 1, groupGap: 1)
    }
}
