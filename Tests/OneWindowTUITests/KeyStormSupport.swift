import Foundation
import OneWindowCore
import OneWindowResources
import OneWindowService
import OneWindowStore
@testable import OneWindowTUI
import Testing

/// Random key storms for the counter on a virtual terminal (issue 12, item 5): seeded keys of every kind a
/// terminal delivers, resizes and pastes, with the application's and the canvas's invariants checked after
/// every key. One storm of 120 keys per screen in CI; `ONEWINDOW_FUZZ_CASES` / 100,000 storms per screen at full size
/// (1000000: ten per screen, about 56,000 keys), `ONEWINDOW_FUZZ_SEED` for another run.
struct KeyStorm {
    static let seed: UInt64 = ProcessInfo.processInfo.environment["ONEWINDOW_FUZZ_SEED"].flatMap { UInt64($0) } ?? 20_261_122
    static let stormsPerScreen = ProcessInfo.processInfo.environment["ONEWINDOW_FUZZ_CASES"].flatMap { Int($0) }.map { max(1, $0 / 100_000) } ?? 1
    static let keysPerStorm = 120

    /// Questions a storm answers N rather than Y: they end the session or rebuild the sandbox, after which the
    /// storm could not go on (a real clerk's Y there is tested in their own suites).
    static let notYes: Set<String> = ["tui.confirm.quit", "tui.confirm.quitUnsaved", "tui.confirm.signOut", "tui.demo.confirmReset"]

    static let typed: [String] = [
        "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "x", "X", "y", "Y", "n", "N", "a", "q", " ", "-", ".", ",", "@", "#", "=", "/",
        "李", "娜", "天", "津", "医", "院", "０", "１", "Ｘ", "－", "，", "𠀀", "👍", "👨‍👩‍👧", "🇨🇳", "é", "\u{0301}", "\u{200B}", "\u{202E}",
        "\u{1B}", "\u{0}", "\u{7}", "\u{7F}", "\u{85}", "\t", "\u{3000}", "ß", "ｙ",
    ]
    static let pastes: [String] = [
        TUIFixture.lina, TUIFixture.tianjinCo, "2026-11-20", "2026-10", "8000.50", "天津市中心妇产科医院", "FP20261120-01", "6222020200112233445",
        String(repeating: "天津市中心妇产科医院", count: 30), String(repeating: "9", count: 500), "line one\nline two\r\nthree",
        "\u{1B}[31mred\u{1B}[0m", "\u{202E}evil\u{202C}", "a\u{0}b\u{7}c", "👨‍👩‍👧🇨🇳𠀀\u{0301}\u{200B}", "\r\n", "",
    ]
    static let sizes: [Size] = [Size(rows: 20, cols: 60), Size(rows: 24, cols: 79), Size(rows: 23, cols: 80), Size(rows: 5, cols: 20),
                                Size(rows: 1, cols: 1), Size(rows: 30, cols: 100), Size(rows: 50, cols: 200), Size(rows: 25, cols: 81)]

    var rng: SplitMix64
    var sent = 0

    init(stream: UInt64) { rng = SplitMix64(seed: KeyStorm.seed, stream: stream, index: 0) }

    /// One key by weight; a resize changes the terminal's size first, as ncurses does before KEY_RESIZE.
    /// `saving`: a storm on a filled-in form, with Enter, F5 and Y far more often, so saves happen.
    mutating func next(_ terminal: VirtualTerminal, saving: Bool = false) -> Key {
        sent += 1
        if saving {
            switch rng.below(100) {
            case 0..<20: return .enter
            case 20..<32: return .function(5)
            case 32..<40: return .char(rng.pick(["y", "Y"]))
            default: break
            }
        }
        switch rng.below(100) {
        case 0..<34: return .char(Character(rng.pick(Self.typed)))
        case 34..<42: return .enter
        case 42..<50: return rng.pick([.tab, .backTab, .tab])
        case 50..<60: return rng.pick([.up, .down, .left, .right, .down])
        case 60..<64: return rng.pick([.home, .end, .pageUp, .pageDown])
        case 64..<69: return rng.pick([.backspace, .delete, .insert, .backspace])
        case 69..<81:
            // F3 and F12 leave the screen: rarer than the others, so a storm stays a while.
            let f = rng.pick([1, 2, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2, 4, 5, 6, 7, 8, 9, 3, 12])
            return .function(f)
        case 81..<84: return rng.chance(50) ? .escape : rng.pick([.function(3), .function(12)])
        case 84..<88: return .ctrl(rng.pick(["a", "e", "u", "q", "k", "x", "l"]))
        case 88: return .interrupt
        case 89..<94:
            terminal.size = rng.chance(60) ? rng.pick(Self.sizes) : .minimum
            return .resize
        default:
            var text = rng.pick(Self.pastes)
            if rng.chance(50) { text += String((0..<rng.within(1...300)).map { _ in Character(rng.pick(Self.typed)) }) }
            return .paste(text)
        }
    }
}

/// What must hold after every key, whatever the screen.
enum Invariants {
    static func hidden(_ s: Unicode.Scalar) -> Bool {
        s.value < 0x20 || (0x7F...0x9F).contains(s.value) || [0x200E, 0x200F].contains(s.value)
            || (0x202A...0x202E).contains(s.value) || (0x2066...0x2069).contains(s.value)
    }

    /// The canvas as a terminal would show it: every row exactly its columns (so no row is wider than the screen),
    /// a wide glyph always with its right half and never cut, one visible grapheme per cell, no control or bidi
    /// character, the cursor on the screen.
    static func canvas(_ c: Canvas) -> [String] {
        var out: [String] = []
        guard c.cells.count == c.size.rows else { return ["\(c.cells.count) rows for \(c.size.rows)"] }
        for (r, row) in c.cells.enumerated() {
            guard row.count == c.size.cols else { out.append("row \(r): \(row.count) cells for \(c.size.cols) columns"); continue }
            for (col, cell) in row.enumerated() {
                if cell.isContinuation {
                    if col == 0 || row[col - 1].isContinuation || DisplayWidth.of(row[col - 1].text) != 2 {
                        out.append("row \(r) col \(col): a right half without its wide glyph")
                    }
                    continue
                }
                // Printable ASCII, most cells: one column, nothing to check further.
                if cell.text.utf8.count == 1, let b = cell.text.utf8.first, (0x20..<0x7F).contains(b) {
                    if col + 1 < c.size.cols, row[col + 1].isContinuation { out.append("row \(r) col \(col): a right half after a narrow glyph") }
                    continue
                }
                let w = DisplayWidth.of(cell.text)
                if cell.text.count != 1 || !(1...2).contains(w) { out.append("row \(r) col \(col): cell \(cell.text.debugDescription)") }
                if cell.text.unicodeScalars.contains(where: hidden) { out.append("row \(r) col \(col): hidden character \(cell.text.debugDescription)") }
                if w == 2, col + 1 >= c.size.cols || !row[col + 1].isContinuation { out.append("row \(r) col \(col): wide glyph cut") }
            }
        }
        if let p = c.cursor, !(0..<c.size.rows).contains(p.row) || !(0..<c.size.cols).contains(p.col) { out.append("cursor \(p) off the screen") }
        return out
    }

    /// Every text field and form a screen holds (reached through its stored properties, a few levels deep).
    static func forms(of screen: AnyObject) -> (forms: [Form], fields: [TextField]) {
        var forms: [Form] = [], fields: [TextField] = []
        var seen: Set<ObjectIdentifier> = [ObjectIdentifier(screen)]
        func walk(_ value: Any, depth: Int) {
            if let f = value as? Form { forms.append(f) }
            if let t = value as? TextField { fields.append(t); return }
            guard depth < 6 else { return }
            let mirror = Mirror(reflecting: value)
            if mirror.displayStyle == .class {
                if value is UIContext || value is ScreenFactory || value is ServiceContext || value is Store { return }
                guard seen.insert(ObjectIdentifier(value as AnyObject)).inserted else { return }
            }
            for child in mirror.children { walk(child.value, depth: depth + 1) }
        }
        for child in Mirror(reflecting: screen).children { walk(child.value, depth: 1) }
        return (forms, fields)
    }

    /// No form left inconsistent: each field's text within its limit, visible (no control, bidi or zero-width
    /// character, no line break), its caret and scroll inside it; the focus on an enabled field of the form;
    /// a choice on one of its options.
    static func forms(_ screen: Screen) -> [String] {
        var out: [String] = []
        let (forms, fields) = forms(of: screen)
        for t in fields {
            if t.chars.count > t.limit { out.append("\(screen.screenID): field \(t.text.debugDescription) over its limit \(t.limit)") }
            if t.chars.contains(where: { $0.isNewline || DisplayWidth.of($0) == 0 || $0.unicodeScalars.contains(where: hidden) }) {
                out.append("\(screen.screenID): field holds an invisible character: \(t.text.debugDescription)")
            }
            if !(0...t.chars.count).contains(t.caret) || t.scroll < 0 || t.scroll > max(0, t.chars.count) {
                out.append("\(screen.screenID): caret \(t.caret) / scroll \(t.scroll) outside \(t.chars.count) characters")
            }
        }
        for f in forms where !f.fields.isEmpty {
            if !f.fields.indices.contains(f.focus) { out.append("\(screen.screenID): focus \(f.focus) outside \(f.fields.count) fields"); continue }
            if !f.fields[f.focus].isEnabled, f.fields.contains(where: \.isEnabled) {
                out.append("\(screen.screenID): focus on the disabled field \(f.fields[f.focus].id)")
            }
            for field in f.fields {
                if case .choice(let options) = field.kind, !options.indices.contains(field.choiceIndex) {
                    out.append("\(screen.screenID): choice \(field.id) at \(field.choiceIndex) of \(options.count)")
                }
            }
        }
        return out
    }
}

extension Application {
    var dialogKey: String? { dialog?.question.key }

    /// Back to the first screen (home, or the demo's start screen when no one signed on) by keys, as a clerk
    /// would: F3 until there, a discard question answered Y, any other question N. False when it is not
    /// reached in `limit` keys.
    func backHome(limit: Int = 40) -> Bool {
        for _ in 0..<limit {
            if let key = dialogKey {
                press(key.hasSuffix(".discard") ? .char("y") : .escape)
                continue
            }
            if stack.count == 1 { return true }
            press(.function(3))
        }
        return stack.count == 1 && dialog == nil
    }
}
