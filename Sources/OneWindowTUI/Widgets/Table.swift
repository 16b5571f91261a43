import OneWindowCore

/// A scrollable table whose columns are sized by display width: a column never cuts a character
/// in half, numbers align right, and F7/F8 (or PgUp/PgDn) page. Every list on every screen selects and
/// pages through a `Table` (or, when it draws its rows itself, through its `Cursor`), so the keys mean
/// the same everywhere and Enter opens only a row the clerk saw.
public struct Table: Sendable {
    public struct Column: Sendable {
        public var title: String
        public var alignRight: Bool
        public init(_ title: String, alignRight: Bool = false) { self.title = title; self.alignRight = alignRight }
    }

    /// Where a list stands: the picked row, the first row shown, how many fit, and which rows were on
    /// screen at the last draw.
    public struct Cursor: Sendable, Equatable {
        public private(set) var count = 0
        public private(set) var selected = 0
        public private(set) var top = 0
        /// Rows visible at the last draw: what a page is.
        public private(set) var pageSize = 10
        /// False for a list that is only read (a statement): no highlight, F7/F8 turn its pages, ↑/↓ are left
        /// to the screen.
        public var selectable = true
        /// The rows drawn at the last draw; nil before the first draw and after the rows changed.
        public private(set) var shown: Range<Int>?

        public init(count: Int = 0, selectable: Bool = true) {
            self.count = count
            self.selectable = selectable
        }

        /// New rows in place of the old: the selection stays where it was (within the new count); nothing of
        /// them has been seen yet.
        public mutating func reset(count: Int) {
            self.count = count
            selected = min(selected, max(0, count - 1))
            top = min(top, selected)
            shown = nil
        }

        /// Picks row `index` (clamped); the next draw scrolls it into view.
        public mutating func select(_ index: Int) {
            selected = max(0, min(index, count - 1))
        }

        /// The picked row, only if it was on screen at the last draw: what Enter may open. A key that moved
        /// the selection off the page (F8 typed ahead, new rows) opens nothing until the row is drawn.
        public var openable: Int? {
            guard selectable, count > 0, shown?.contains(selected) == true else { return nil }
            return selected
        }

        /// More rows than fit: the page keys do something and a page indicator shows.
        public var pages: Bool { count > pageSize }

        /// "page 2 of 3": the last page counts as the last even when it is not a whole page further.
        public var page: (current: Int, of: Int) {
            let size = max(1, pageSize)
            let total = max(1, (count + size - 1) / size)
            return (top + size >= count ? total : top / size + 1, total)
        }

        /// The keys every list answers: ↑/↓ a row (selectable lists), F7/F8 and PgUp/PgDn a whole page, as on a
        /// 3270 or SAP list: the next rows replace the shown ones (the last page stays full), Home/End the ends.
        public static func isListKey(_ key: Key) -> Bool {
            [.up, .down, .pageUp, .pageDown, .function(7), .function(8), .home, .end].contains(key)
        }

        /// Returns true when the key moved the selection or the page.
        public mutating func handle(_ key: Key) -> Bool {
            guard count > 0 else { return false }
            let before = (selected, top)
            let lastTop = max(0, count - pageSize)
            switch key {
            case .up where selectable: selected = max(0, selected - 1)
            case .down where selectable: selected = min(count - 1, selected + 1)
            case .pageUp, .function(7):
                top = max(0, top - pageSize)
                if selectable { selected = max(0, selected - pageSize) }
            case .pageDown, .function(8):
                top = min(top + pageSize, lastTop)
                if selectable { selected = min(count - 1, selected + pageSize) }
            case .home:
                top = 0
                selected = 0
            case .end:
                top = lastTop
                if selectable { selected = count - 1 }
            default: return false
            }
            return (selected, top) != before
        }

        /// The list is not drawn this time (another tab is): nothing of it is on screen.
        public mutating func hide() { shown = nil }

        /// Fits `rows` rows for this draw: the page follows the selection. Returns the rows to draw, which
        /// count as seen.
        public mutating func layout(rows: Int) -> Range<Int> {
            pageSize = max(1, rows)
            if selectable {
                if selected < top { top = selected }
                if selected >= top + pageSize { top = selected - pageSize + 1 }
            }
            top = max(0, min(top, count - pageSize))
            let range = top..<min(count, top + pageSize)
            shown = range
            return range
        }
    }

    public var columns: [Column]
    public private(set) var rows: [[String]]
    /// Styles of unselected cells, row by row (an arrears cell in the error style); missing ones are normal.
    public private(set) var styles: [[Style]] = []
    public var cursor: Cursor
    /// The column titles' style (a label on the person view, a heading elsewhere).
    public var titleStyle = Style.heading

    public var selected: Int { cursor.selected }
    public var top: Int { cursor.top }
    public var pageSize: Int { cursor.pageSize }
    /// The selected row, only while it is on screen: what Enter opens.
    public var selectedIfVisible: Int? { cursor.openable }

    public init(columns: [Column], rows: [[String]] = [], selectable: Bool = true) {
        self.columns = columns
        self.rows = rows
        cursor = Cursor(count: rows.count, selectable: selectable)
    }

    /// New rows (and their styles); the selection stays on its index. Rows that differ from the shown ones
    /// have not been seen yet: Enter opens nothing until they are drawn.
    public mutating func setRows(_ rows: [[String]], styles: [[Style]] = []) {
        self.styles = styles
        guard rows != self.rows else { return }
        self.rows = rows
        cursor.reset(count: rows.count)
    }

    public mutating func select(_ index: Int) { cursor.select(index) }

    public var isEmpty: Bool { rows.isEmpty }

    /// Returns true when the key moved the selection or the page.
    public mutating func handle(_ key: Key) -> Bool { cursor.handle(key) }

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

    /// The titles on the area's first row, then a page of rows; the selected one highlighted when `focused`.
    public mutating func draw(_ canvas: inout Canvas, area: Rect, focused: Bool) {
        let w = widths(fitting: area.cols)
        func drawRow(_ cells: [String], row: Int, style: (Int) -> Style) {
            var col = area.col
            for (i, width) in w.enumerated() {
                let text = DisplayWidth.prefix(i < cells.count ? cells[i] : "", fitting: width)
                let pad = columns[i].alignRight ? width - DisplayWidth.of(text) : 0
                canvas.put(text, row: row, col: col + pad, width: width - pad, style: style(i))
                col += width + 2
            }
        }
        drawRow(columns.map(\.title), row: area.row) { _ in titleStyle }
        for (offset, index) in cursor.layout(rows: area.rows - 1).enumerated() {
            let row = area.row + 1 + offset
            let isSelected = focused && cursor.selectable && index == cursor.selected
            if isSelected { canvas.fill(row: row, col: area.col, width: area.cols, style: .selected) }
            let rowStyles = index < styles.count ? styles[index] : []
            drawRow(rows[index], row: row) { i in isSelected ? .selected : i < rowStyles.count ? rowStyles[i] : .normal }
        }
    }
}
