import OneWindowCore

/// A one-line text input kept as graphemes and mapped to columns for the caret and scrolling:
/// moving, deleting and scrolling go by whole characters, so a CJK character is never split.
public struct TextField: Equatable, Sendable {
    public private(set) var chars: [Character]
    /// Caret position as a grapheme index, 0...chars.count.
    public private(set) var caret: Int
    /// First grapheme shown when the text is wider than the field.
    public private(set) var scroll = 0
    /// Longest text accepted, in characters.
    public let limit: Int
    public var masked: Bool
    /// The text was put there by the program (a default, a looked-up value) and not yet edited.
    public private(set) var prefilled: Bool
    /// The whole text is selected: typing replaces it, Backspace/Delete clear it, an arrow keeps it.
    public private(set) var selected = false

    public init(_ text: String = "", limit: Int = 60, masked: Bool = false) {
        chars = Array(text.prefix(limit))
        caret = chars.count
        self.limit = limit
        self.masked = masked
        prefilled = !chars.isEmpty
    }

    /// On focus: a prefilled text is selected, so what the clerk types replaces it (typing 2 into a
    /// field holding 1 gives 2, not 12).
    public mutating func focused() { selected = prefilled && !chars.isEmpty }
    public mutating func unfocused() { selected = false }
    /// Selects the whole text (back in a search box: the next search replaces the last one).
    public mutating func selectAll() { selected = !chars.isEmpty }

    public var text: String { String(chars) }

    public enum Edit: Equatable { case handled, notHandled, clipped, firstLineOnly }

    public mutating func set(_ text: String) {
        chars = Array(text.prefix(limit))
        caret = chars.count
        scroll = 0
        prefilled = !chars.isEmpty
        selected = false
    }

    /// Inserts at the caret; what does not fit the limit is dropped and reported (`clipped`), and a
    /// multi-line paste keeps its first line (`firstLineOnly`): one field holds one line.
    public mutating func insert(_ raw: String) -> Edit {
        var result = Edit.handled
        var text = raw
        if let nl = text.firstIndex(where: { $0.isNewline }) {
            let rest = text[nl...].drop(while: \.isNewline)
            text = String(text[..<nl])
            if !rest.isEmpty { result = .firstLineOnly }
        }
        let room = limit - chars.count
        // Characters that take no column (controls, zero-width spaces, a lone combining mark) are dropped:
        // invisible in a name or a number, and the canvas would show them as a blank the caret does not count.
        let accepted = text.filter { !$0.isNewline && DisplayWidth.of($0) > 0 }
        if accepted.count > room { result = .clipped }
        let piece = Array(accepted.prefix(max(0, room)))
        chars.insert(contentsOf: piece, at: caret)
        caret += piece.count
        return result
    }

    public mutating func handle(_ key: Key) -> Edit {
        if selected {
            switch key {
            case .char, .paste, .backspace, .delete, .ctrl("u"):
                // The selection goes first: typed text replaces it, a deletion clears it.
                chars.removeAll()
                caret = 0
                scroll = 0
            case .left, .home, .ctrl("a"): caret = 0
            default: break
            }
            selected = false
        }
        switch key {
        case .char, .paste, .backspace, .delete, .ctrl("u"): prefilled = false
        default: break
        }
        switch key {
        case .char(let c): return insert(String(c))
        case .paste(let s): return insert(s)
        case .left: if caret > 0 { caret -= 1 }
        case .right: if caret < chars.count { caret += 1 }
        case .home, .ctrl("a"): caret = 0
        case .end, .ctrl("e"): caret = chars.count
        case .backspace:
            if caret > 0 { chars.remove(at: caret - 1); caret -= 1 }
        case .delete:
            if caret < chars.count { chars.remove(at: caret) }
        case .ctrl("u"): chars.removeAll(); caret = 0
        default: return .notHandled
        }
        return .handled
    }

    func shown(_ c: Character) -> Character { masked ? "*" : c }

    /// Adjusts `scroll` so the caret fits in `width` columns, with its cell: the whole character under
    /// it (a wide one needs two), or one blank cell at the end of the text.
    mutating func fit(width: Int) {
        if caret < scroll { scroll = caret }
        func columns(_ r: Range<Int>) -> Int { chars[r].reduce(0) { $0 + DisplayWidth.of(shown($1)) } }
        let under = caret < chars.count ? max(1, DisplayWidth.of(shown(chars[caret]))) : 1
        while scroll < caret, columns(scroll..<caret) + under > width { scroll += 1 }
        // Never blank space on the right while text is hidden on the left (after deleting from the end).
        while scroll > 0, columns(scroll - 1..<chars.count) + 1 <= width { scroll -= 1 }
    }

    /// Draws the visible part and returns the caret's screen column.
    public mutating func draw(_ canvas: inout Canvas, row: Int, col: Int, width: Int, style: Style) -> Int {
        fit(width: width)
        canvas.fill(row: row, col: col, width: width, style: style)
        let visible = String(chars[scroll...].map(shown))
        canvas.put(visible, row: row, col: col, width: width, style: selected ? .selected : style)
        let caretCol = col + chars[scroll..<caret].reduce(0) { $0 + DisplayWidth.of(shown($1)) }
        return min(caretCol, col + width - 1)
    }
}
