import OneWindowCore

/// One cell of the screen: a grapheme that starts here, or the right half of a wide one.
public struct Cell: Equatable, Sendable {
    public var text: String
    public var style: Style
    /// The right half of a 2-column glyph: drawn by the glyph to its left, never on its own.
    public var isContinuation: Bool

    public static let blank = Cell(text: " ", style: .normal, isContinuation: false)
}

/// The in-memory screen every view draws into. All widths come from `DisplayWidth`; a wide glyph is
/// never split by the right edge and overwriting half of one blanks the other half, so what a test
/// reads here is what a terminal shows.
public struct Canvas: Equatable, Sendable {
    public let size: Size
    public private(set) var cells: [[Cell]]
    /// Where the real terminal cursor goes (the focused field's caret), so input methods compose there.
    public var cursor: Point?

    public init(size: Size) {
        self.size = size
        cells = Array(repeating: Array(repeating: .blank, count: size.cols), count: size.rows)
    }

    /// Writes `text` from (row, col), clipped to `width` columns (default: to the right edge).
    /// Returns the columns used. A glyph that would cross the limit is left out, not cut.
    @discardableResult
    public mutating func put(_ text: String, row: Int, col: Int, width: Int? = nil, style: Style = .normal) -> Int {
        guard row >= 0, row < size.rows, col >= 0, col < size.cols else { return 0 }
        let limit = min(size.cols, col + (width ?? size.cols - col))
        var c = col
        for g in text {
            var w = DisplayWidth.of(g)
            var glyph = String(g)
            if w == 0 {
                // Controls and stray combining marks: shown as nothing rather than corrupting the row.
                if g.unicodeScalars.allSatisfy({ $0.value < 0x20 || $0.value == 0x7F }) { continue }
                glyph = " "; w = 1
            }
            if c + w > limit { break }
            clearGlyph(row: row, col: c)
            if w == 2 { clearGlyph(row: row, col: c + 1) }
            cells[row][c] = Cell(text: glyph, style: style, isContinuation: false)
            if w == 2 { cells[row][c + 1] = Cell(text: "", style: style, isContinuation: true) }
            c += w
        }
        return c - col
    }

    /// Fills columns with spaces in a style (backgrounds of bars and selected rows).
    public mutating func fill(row: Int, col: Int, width: Int, style: Style) {
        guard row >= 0, row < size.rows else { return }
        for c in max(0, col)..<min(size.cols, col + width) {
            clearGlyph(row: row, col: c)
            cells[row][c] = Cell(text: " ", style: style, isContinuation: false)
        }
    }

    /// Before a cell is overwritten, the wide glyph it belongs to is blanked as a whole.
    private mutating func clearGlyph(row: Int, col: Int) {
        guard col < size.cols else { return }
        if cells[row][col].isContinuation, col > 0 {
            cells[row][col - 1] = Cell(text: " ", style: cells[row][col - 1].style, isContinuation: false)
            cells[row][col] = .blank
        } else if col + 1 < size.cols, cells[row][col + 1].isContinuation {
            cells[row][col + 1] = Cell(text: " ", style: cells[row][col + 1].style, isContinuation: false)
        }
    }

    /// The text of a row as a terminal shows it (continuation cells add nothing), trailing blanks trimmed.
    public func line(_ row: Int) -> String {
        var s = cells[row].map(\.text).joined()
        while s.last == " " { s.removeLast() }
        return s
    }

    public var lines: [String] { (0..<size.rows).map(line) }

    /// Style of each column of a row, one letter per cell, for golden files that check highlighting.
    public func styleLine(_ row: Int) -> String {
        String(cells[row].map { Canvas.styleLetters[Int($0.style.rawValue)] })
    }

    static let styleLetters: [Character] = Array("nhlIFEmeKkSHowdT")
}
