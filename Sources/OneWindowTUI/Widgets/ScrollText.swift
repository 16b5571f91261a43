import OneWindowCore

/// Read-only text that may be longer than the work area (a computation, a receipt): styled lines
/// wrapped to the width by display columns, never cut, with an optional figure kept right-aligned in
/// one column; PgUp/PgDn (F7/F8) turn a page, ↑/↓ move a line.
public struct ScrollText: Sendable {
    public struct Line: Sendable, Equatable {
        public var text: String
        public var style: Style
        /// Columns of indentation, kept on the wrapped continuation rows.
        public var indent: Int
        /// Further indentation of the continuation rows (a numbered item wraps under its text).
        public var hanging: Int
        /// A figure (amount, days) right-aligned on the line's last row.
        public var figure: String?

        public init(_ text: String, style: Style = .normal, indent: Int = 0, hanging: Int = 0, figure: String? = nil) {
            self.text = text
            self.style = style
            self.indent = indent
            self.hanging = hanging
            self.figure = figure
        }
    }

    public private(set) var lines: [Line]
    /// First wrapped row shown.
    public private(set) var top = 0
    /// From the last draw: rows the text wraps to, and how many fit.
    public private(set) var rowCount = 0
    public private(set) var pageSize = 1

    public init(_ lines: [Line] = []) { self.lines = lines }

    public mutating func set(_ lines: [Line]) {
        self.lines = lines
        top = 0
    }

    /// New lines in place of the old, keeping the place the reader scrolled to.
    public mutating func update(_ lines: [Line]) { self.lines = lines }

    /// More rows than fit: the page keys do something and the indicator shows.
    public var overflows: Bool { rowCount > pageSize }

    public var page: (current: Int, of: Int) {
        let size = max(1, pageSize)
        let pages = max(1, (rowCount + size - 1) / size)
        let current = top + size >= rowCount ? pages : top / size + 1
        return (current, pages)
    }

    /// Returns true when the key is one of the scrolling keys (moved or already at the end).
    public mutating func handle(_ key: Key) -> Bool {
        let last = max(0, rowCount - pageSize)
        switch key {
        case .pageDown, .function(8): top = min(last, top + pageSize)
        case .pageUp, .function(7): top = max(0, top - pageSize)
        case .down: top = min(last, top + 1)
        case .up: top = max(0, top - 1)
        case .home: top = 0
        case .end: top = last
        default: return false
        }
        return true
    }

    /// Draws the visible rows; when the text overflows, the area's last row holds `indicator(page, pages)`.
    public mutating func draw(_ canvas: inout Canvas, area: Rect, indicator: ((Int, Int) -> String)? = nil) {
        let figureWidth = lines.compactMap { $0.figure.map { DisplayWidth.of($0) } }.max() ?? 0
        var rows: [(text: String, style: Style, col: Int, figure: String?)] = []
        for line in lines {
            let room = area.cols - line.indent - (line.figure == nil ? 0 : figureWidth + 2)
            let wrapped = Self.wrap(line.text, width: max(4, room), continuation: max(4, room - line.hanging))
            for (i, piece) in wrapped.enumerated() {
                rows.append((piece, line.style, area.col + line.indent + (i > 0 ? line.hanging : 0),
                             i == wrapped.count - 1 ? line.figure : nil))
            }
        }
        rowCount = rows.count
        pageSize = max(1, area.rows)
        if rowCount > pageSize, indicator != nil { pageSize = max(1, area.rows - 1) }
        top = min(top, max(0, rowCount - pageSize))
        for (offset, r) in rows.dropFirst(top).prefix(pageSize).enumerated() {
            let row = area.row + offset
            canvas.put(r.text, row: row, col: r.col, width: area.col + area.cols - r.col, style: r.style)
            if let f = r.figure {
                canvas.put(f, row: row, col: area.col + area.cols - DisplayWidth.of(f), style: r.style)
            }
        }
        if overflows, let indicator {
            let (current, pages) = page
            let text = indicator(current, pages)
            canvas.put(text, row: area.row + area.rows - 1, col: max(area.col, area.col + area.cols - DisplayWidth.of(text)),
                       width: area.cols, style: .dim)
        }
    }

    /// Closing punctuation that never starts a row (禁则): it pulls the character before it along.
    static let noLineStart = Set("，。、；：！？）」』】》〉”’,.;:!?)")
    /// A CJK row that must break is broken before a bracket opened in its second half, so a remark such
    /// as "（样例数值，未确认）" moves down whole.
    static let opening = Set("（「『【《〈“")
    static let closing = Set("）」』】》〉”")

    /// Text of several paragraphs ("\n" between them), each wrapped by `wrap`.
    static func paragraphs(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        return text.split(separator: "\n", omittingEmptySubsequences: false).flatMap { wrap(String($0), width: width) }
    }

    /// Splits text into rows of at most `width` columns, the one set of line-break rules of every screen:
    /// Latin words (and numbers such as 19,600.00) break at spaces and move whole, CJK text breaks
    /// anywhere, a wide character is never cut in half, closing punctuation never starts a row, a bracket
    /// opened late in a row moves down with its remark, and no row starts or ends with the space it broke at.
    /// `continuation` is the width of every row after the first (narrower under a hanging indent).
    public static func wrap(_ text: String, width: Int, continuation: Int? = nil) -> [String] {
        var rows: [String] = []
        var line: [Character] = []
        var used = 0
        for c in text {
            let w = DisplayWidth.of(c)
            let limit = max(1, rows.isEmpty ? width : continuation ?? width)
            if used + w > limit, !line.isEmpty {
                if c == " " {
                    rows.append(trimmed(line))
                    line = []
                    used = 0
                    continue
                }
                var carry: [Character] = []
                if w == 1, let space = line.lastIndex(of: " "), space > 0,
                   line[(space + 1)...].allSatisfy({ DisplayWidth.of($0) == 1 }) {
                    // A Latin word (or a number such as 19,600.00) moves whole to the next row.
                    carry = Array(line[(space + 1)...])
                    line = Array(line[..<space])
                } else if let open = line.lastIndex(where: { opening.contains($0) }), open > line.count / 2,
                          !line[open...].contains(where: { closing.contains($0) }) {
                    carry = Array(line[open...])
                    line = Array(line[..<open])
                } else if noLineStart.contains(c), line.count > 1 {
                    // The character before comes along, and more while that one may not start a row
                    // either: "（两险同步）。" never leaves "）。" at the start of the next row.
                    var k = line.count - 1
                    while k > 1, noLineStart.contains(line[k]) { k -= 1 }
                    // A number or Latin word before it comes whole: "2,933.33；" is never cut to "2,933.3" / "3；".
                    while k > 1, line[k - 1] != " ", DisplayWidth.of(line[k - 1]) == 1, DisplayWidth.of(line[k]) == 1 { k -= 1 }
                    carry = Array(line[k...])
                    line = Array(line[..<k])
                }
                rows.append(trimmed(line))
                line = carry
                used = DisplayWidth.of(String(carry))
            }
            // No blank at the start of a continuation row.
            if c == " ", line.isEmpty, !rows.isEmpty { continue }
            line.append(c)
            used += w
        }
        if !line.isEmpty || rows.isEmpty { rows.append(String(line)) }
        return rows
    }

    /// A row without the spaces it broke at.
    static func trimmed(_ line: [Character]) -> String {
        String(line[..<(line.lastIndex { $0 != " " }.map { $0 + 1 } ?? 0)])
    }
}
