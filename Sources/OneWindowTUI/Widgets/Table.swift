import OneWindowCore

/// A scrollable table whose columns are sized by display width: a column never cuts a character
/// in half, numbers align right, and F7/F8 (or PgUp/PgDn) page.
public struct Table: Sendable {
    public struct Column: Sendable {
        public var title: String
        public var alignRight: Bool
        public init(_ title: String, alignRight: Bool = false) { self.title = title; self.alignRight = alignRight }
    }

    public var columns: [Column]
    public private(set) var rows: [[String]]
    public private(set) var selected = 0
    public private(set) var top = 0
    /// Rows visible at the last draw: what a page is.
    public private(set) var pageSize = 10

    public init(columns: [Column], rows: [[String]] = []) {
        self.columns = columns
        self.rows = rows
    }

    public mutating func setRows(_ rows: [[String]]) {
        self.rows = rows
        selected = min(selected, max(0, rows.count - 1))
        top = min(top, selected)
    }

    public var isEmpty: Bool { rows.isEmpty }

    /// Returns true when the key moved the selection or the page. F7/F8 turn a whole page, as on a
    /// 3270 or SAP list: the next rows replace the shown ones (the last page stays full).
    public mutating func handle(_ key: Key) -> Bool {
        guard !rows.isEmpty else { return false }
        let before = (selected, top)
        switch key {
        case .up: selected = max(0, selected - 1)
        case .down: selected = min(rows.count - 1, selected + 1)
        case .pageUp, .function(7):
            top = max(0, top - pageSize)
            selected = max(0, selected - pageSize)
        case .pageDown, .function(8):
            top = min(top + pageSize, max(0, rows.count - pageSize))
            selected = min(rows.count - 1, selected + pageSize)
        default: return false
        }
        return (selected, top) != before
    }

    /// Column widths: each column's widest cell, shrunk (widest first) until the table fits `total`.
    public func widths(fitting total: Int) -> [Int] {
        var w = columns.indices.map { i in
            ([columns[i].title] + rows.map { i < $0.count ? $0[i] : "" }).map { DisplayWidth.of($0) }.max() ?? 0
        }
        let gaps = max(0, columns.count - 1) * 2
        while w.reduce(0, +) + gaps > total, let widest = w.indices.max(by: { w[$0] < w[$1] }), w[widest] > 4 {
            w[widest] -= 1
        }
        return w
    }

    public mutating func draw(_ canvas: inout Canvas, area: Rect, focused: Bool) {
        let w = widths(fitting: area.cols)
        func drawRow(_ cells: [String], row: Int, style: Style) {
            var col = area.col
            for (i, width) in w.enumerated() {
                let text = DisplayWidth.prefix(i < cells.count ? cells[i] : "", fitting: width)
                let pad = columns[i].alignRight ? width - DisplayWidth.of(text) : 0
                canvas.put(text, row: row, col: col + pad, width: width - pad, style: style)
                col += width + 2
            }
        }
        drawRow(columns.map(\.title), row: area.row, style: .heading)
        pageSize = max(1, area.rows - 1)
        if selected < top { top = selected }
        if selected >= top + pageSize { top = selected - pageSize + 1 }
        for (offset, index) in (top..<min(rows.count, top + pageSize)).enumerated() {
            let row = area.row + 1 + offset
            let isSelected = focused && index == selected
            if isSelected { canvas.fill(row: row, col: area.col, width: area.cols, style: .selected) }
            drawRow(rows[index], row: row, style: isSelected ? .selected : .normal)
        }
    }
}
