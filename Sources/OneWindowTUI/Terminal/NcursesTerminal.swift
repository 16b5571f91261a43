import CNcursesw
import Foundation

/// The production terminal: ncursesw in raw mode (Ctrl-C and Ctrl-Q arrive as keys, never as signals,
/// so typed data is never lost to a stray keystroke), a 25 ms ESC delay, ncurses' own SIGWINCH handling.
public final class NcursesTerminal: Terminal {
    public private(set) var hasColor = false
    private var pairs: [Style: (attr: attr_t, pair: Int16)] = [:]
    private var started = false
    private let training: Bool

    /// Fails (returns nil) when no UTF-8 locale can be set: Chinese would print as garbage.
    public init?(training: Bool, noColor: Bool) {
        guard ow_setup_locale() == 1 else { return nil }
        self.training = training
        guard initscr() != nil else { return nil }
        started = true
        raw()
        noecho()
        nonl()
        keypad(ow_stdscr(), true)
        set_escdelay(25)
        // Ask the terminal to mark pasted text, so a multi-line paste is one event, not many Enters.
        FileHandle.standardOutput.write(Data("\u{1B}[?2004h".utf8))
        hasColor = !noColor && has_colors()
        if hasColor {
            start_color()
            use_default_colors()
        }
        setUpStyles()
    }

    deinit { stop() }

    public func stop() {
        guard started else { return }
        started = false
        FileHandle.standardOutput.write(Data("\u{1B}[?2004l".utf8))
        endwin()
    }

    public var size: Size { Size(rows: Int(getmaxy(ow_stdscr())), cols: Int(getmaxx(ow_stdscr()))) }

    private func setUpStyles() {
        let a = (bold: ow_a_bold(), rev: ow_a_reverse(), ul: ow_a_underline(), dim: ow_a_dim(), none: ow_a_normal())
        func attr(_ set: Set<StyleTable.Attribute>) -> attr_t {
            set.reduce(a.none) { all, x in
                switch x {
                case .bold: all | a.bold
                case .reverse: all | a.rev
                case .underline: all | a.ul
                case .dim: all | a.dim
                }
            }
        }
        guard hasColor else {
            for (s, set) in StyleTable.monochrome { pairs[s] = (attr(set), 0) }
            return
        }
        func colour(_ c: StyleTable.Colour?) -> Int16 {
            switch c {
            case nil: -1
            case .black?: Int16(COLOR_BLACK)
            case .red?: Int16(COLOR_RED)
            case .green?: Int16(COLOR_GREEN)
            case .yellow?: Int16(COLOR_YELLOW)
            case .blue?: Int16(COLOR_BLUE)
            case .magenta?: Int16(COLOR_MAGENTA)
            case .cyan?: Int16(COLOR_CYAN)
            case .white?: Int16(COLOR_WHITE)
            }
        }
        let looks = StyleTable.colour(training: training)
        for (i, style) in Style.allCases.enumerated() {
            let look = looks[style]!
            init_pair(Int16(i + 1), colour(look.fg), colour(look.bg))
            pairs[style] = (attr(look.attributes), Int16(i + 1))
        }
    }

    public func present(_ canvas: Canvas) {
        for row in 0..<canvas.size.rows {
            var col = 0
            while col < canvas.size.cols {
                let style = canvas.cells[row][col].style
                var text: [wchar_t] = []
                let start = col
                while col < canvas.size.cols, canvas.cells[row][col].style == style {
                    let cell = canvas.cells[row][col]
                    if !cell.isContinuation { text += cell.text.unicodeScalars.map { wchar_t(bitPattern: $0.value) } }
                    col += 1
                }
                let (attr, pair) = pairs[style] ?? (ow_a_normal(), 0)
                text.append(0)
                _ = ow_put(Int32(row), Int32(start), text, Int32(text.count - 1), attr, pair)
            }
        }
        if let c = canvas.cursor {
            curs_set(1)
            move(Int32(c.row), Int32(c.col))
        } else {
            curs_set(0)
        }
        refresh()
    }

    public func nextKey() -> Key? { readKey(waiting: true) }

    public func pendingKeys() -> [Key] {
        withDelay(0) {
            var keys: [Key] = []
            while let k = readKey(waiting: false) { keys.append(k) }
            return keys
        }
    }

    /// Runs `body` with another read delay (ncurses `timeout`: -1 blocks, 0 polls, else milliseconds), then
    /// puts back the one in force before: an escape sequence read while only pending keys are drained must not
    /// leave the drain blocking on the next read.
    private func withDelay<T>(_ ms: Int32, _ body: () -> T) -> T {
        let outer = wgetdelay(ow_stdscr())
        timeout(ms)
        defer { timeout(outer) }
        return body()
    }

    public func beep() { _ = CNcursesw.beep() }

    /// A blocking read gives ERR only when the input is gone (end of file, a hung-up line): then the
    /// session ends instead of spinning. Non-blocking, ERR just means nothing is waiting.
    private func readKey(waiting: Bool) -> Key? {
        var errors = 0
        while true {
            var ch: wint_t = 0
            let r = get_wch(&ch)
            if r == ERR {
                errors += 1
                if !waiting || isatty(STDIN_FILENO) == 0 || errors >= 100 { return nil }
                continue
            }
            errors = 0
            if r == KEY_CODE_YES { if let k = Self.functionKey(Int32(ch)) { return k } else { continue } }
            let v = UInt32(ch)
            switch v {
            case 27: return escapeSequence()
            case 9: return .tab
            case 10, 13: return .enter
            case 8, 127: return .backspace
            case 3: return .interrupt
            case 1...26: return .ctrl(Character(Unicode.Scalar(v + 96)!))
            default:
                if let s = Unicode.Scalar(v) { return .char(Character(s)) }
            }
        }
    }

    /// ESC alone is Escape; ESC [200~ … ESC [201~ is a bracketed paste.
    private func escapeSequence() -> Key {
        let seq = withDelay(30) {
            var seq = ""
            var ch: wint_t = 0
            while seq.count < 5, get_wch(&ch) == OK, let s = Unicode.Scalar(UInt32(ch)) {
                seq.unicodeScalars.append(s)
                if !"[200~".hasPrefix(seq) { break }
            }
            return seq
        }
        guard seq == "[200~" else {
            for s in seq.unicodeScalars.reversed() { unget_wch(wchar_t(bitPattern: s.value)) }
            return .escape
        }
        return withDelay(200) {
            var pasted = ""
            var ch: wint_t = 0
            while get_wch(&ch) == OK, let s = Unicode.Scalar(UInt32(ch)) {
                pasted.unicodeScalars.append(s)
                if pasted.hasSuffix("\u{1B}[201~") { pasted.removeLast(6); break }
            }
            return .paste(pasted)
        }
    }

    static func functionKey(_ code: Int32) -> Key? {
        switch code {
        case KEY_UP: .up
        case KEY_DOWN: .down
        case KEY_LEFT: .left
        case KEY_RIGHT: .right
        case KEY_HOME: .home
        case KEY_END: .end
        case KEY_PPAGE: .pageUp
        case KEY_NPAGE: .pageDown
        case KEY_BACKSPACE: .backspace
        case KEY_DC: .delete
        case KEY_IC: .insert
        case KEY_BTAB: .backTab
        case KEY_ENTER: .enter
        case KEY_RESIZE: .resize
        case ow_key_f(1)...ow_key_f(24): .function(Int(code - ow_key_f(0)))
        default: nil
        }
    }
}
