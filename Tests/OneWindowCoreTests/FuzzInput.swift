import Foundation
import Testing
@testable import OneWindowCore
@testable import OneWindowResources

/// Generated inputs for the parser fuzz tests (issue 12, item 5). Not libFuzzer: `-sanitize=fuzzer` needs a
/// second, instrumented build of every target, which a 2-core CI machine cannot afford beside the normal one;
/// instead a seeded generator (SplitMix64, so a failure names its seed and case and replays exactly) mutates
/// valid inputs the way a clerk, an input method, a paste or an attacker would, and adds random strings.
/// `ONEWINDOW_FUZZ_CASES` sets the cases per parser (default: a count that keeps CI short; 1000000 for the
/// full run), `ONEWINDOW_FUZZ_SEED` the seed.
enum Fuzz {
    static let cases: Int = ProcessInfo.processInfo.environment["ONEWINDOW_FUZZ_CASES"].flatMap { Int($0) } ?? 20_000
    static let seed: UInt64 = ProcessInfo.processInfo.environment["ONEWINDOW_FUZZ_SEED"].flatMap { UInt64($0) } ?? 20_261_122

    /// What a clerk's keyboard, an IME, a paste or a hostile file can put in a field, one grapheme or scalar each.
    static let palette: [String] = [
        // ASCII digits, letters and the separators parsers look at
        "0", "1", "2", "5", "9", "x", "X", "a", "Z", "I", "O", "-", "+", ".", ",", "/", ":", "e", "E", "%", "#", "@", "=", "\"", "'",
        // spaces: ASCII, ideographic, tab, line ends (CR LF is one grapheme), no-break
        " ", "\u{3000}", "\t", "\n", "\r", "\r\n", "\u{00A0}", "\u{2009}",
        // full-width digits, X, minus, comma, dot (an IME's), ideographic full stop and comma
        "０", "１", "９", "Ｘ", "ｘ", "－", "，", "．", "。", "、",
        // other digits: Arabic-Indic, Devanagari, superscript, circled, Roman numeral, fraction
        "\u{0661}", "\u{0967}", "²", "①", "Ⅻ", "½",
        // controls: NUL, BEL, ESC, DEL, NEL, CSI
        "\u{0}", "\u{7}", "\u{1B}", "\u{7F}", "\u{85}", "\u{9B}",
        // bidi marks, overrides and isolates; zero-width space, joiner, BOM
        "\u{200E}", "\u{200F}", "\u{202A}", "\u{202E}", "\u{2066}", "\u{2069}", "\u{200B}", "\u{200D}", "\u{FEFF}", "\u{2028}", "\u{2029}", "\u{00AD}", "\u{2060}",
        // combining marks (acute, low line, enclosing circle): they join the character before them
        "\u{0301}", "\u{0332}", "\u{20DD}",
        // CJK, money words, a supplementary-plane ideograph, emoji with ZWJ and a flag
        "李", "娜", "天", "津", "元", "角", "分", "万", "亿", "¥", "￥", "𠀀", "👍", "👨‍👩‍👧", "🇨🇳",
        // case-mapping oddities, replacement character, a noncharacter
        "ß", "ﬀ", "İ", "ǅ", "\u{FFFD}", "\u{FFFF}",
    ]
    static let digits = Array("0123456789")

    /// The run's generator for one parser: its own stream, so adding a parser does not shift the others.
    static func rng(_ stream: UInt64) -> SplitMix64 { SplitMix64(seed: seed, stream: stream, index: 0) }

    /// 1 to 4 edits of `text`: flip, insert, delete, duplicate, swap, truncate, a combining mark on a
    /// character, full-width folding backwards, surrounding spaces, case change, or (rarely) a huge repeat.
    static func mutate(_ text: String, _ rng: inout SplitMix64) -> String {
        var chars = Array(text)
        for _ in 0..<rng.within(1...4) {
            let at = chars.isEmpty ? 0 : rng.below(chars.count)
            switch rng.below(13) {
            case 0 where !chars.isEmpty: chars[at] = Character(rng.pick(palette))
            case 1: chars.insert(Character(rng.pick(palette)), at: chars.isEmpty ? 0 : rng.below(chars.count + 1))
            case 2 where !chars.isEmpty: chars.remove(at: at)
            case 3 where !chars.isEmpty: chars[at] = rng.pick(digits)
            case 4 where chars.count > 1:
                let b = rng.below(chars.count)
                chars.swapAt(at, b)
            case 5 where !chars.isEmpty: chars = Array(chars.prefix(at))
            case 6 where !chars.isEmpty:
                // A combining mark glued to a digit: one grapheme that is not an ASCII digit any more.
                // (After a control or a line end the mark stands alone: re-split into graphemes.)
                chars = Array(String(chars[..<at]) + String(chars[at]) + rng.pick(["\u{0301}", "\u{20DD}", "\u{FE0F}", "\u{200D}"])
                              + String(chars[(at + 1)...]))
            case 7: chars = Array(String(chars).map(fullWidth))
            case 8: chars = Array(rng.pick([" ", "\u{3000}", "\t", "\r\n", "\n "]) + String(chars) + rng.pick(["", " ", "\u{3000}", "\r\n"]))
            case 9: chars = Array(rng.chance(50) ? String(chars).lowercased() : String(chars).uppercased())
            case 10 where !chars.isEmpty:
                let from = rng.below(chars.count), len = rng.within(1...max(1, chars.count - from))
                chars.insert(contentsOf: chars[from..<(from + len)], at: rng.below(chars.count + 1))
            case 11 where rng.chance(2):
                chars = Array(String(repeating: String(chars.isEmpty ? ["9"] : chars), count: rng.within(1_000...5_000)))
            default: chars.insert(rng.pick(digits), at: chars.isEmpty ? 0 : rng.below(chars.count + 1))
            }
        }
        return String(chars)
    }

    /// A string of 0–40 palette entries (sometimes only digits, which reach deeper into number parsers).
    static func random(_ rng: inout SplitMix64) -> String {
        let onlyDigits = rng.chance(30)
        return String((0..<rng.within(0...40)).map { _ in onlyDigits ? rng.pick(digits) : Character(rng.pick(palette)) })
    }

    /// The input method's full-width form of an ASCII character (what `Character.halfWidth` folds back).
    static func fullWidth(_ c: Character) -> Character {
        guard let s = c.unicodeScalars.first, c.unicodeScalars.count == 1, (0x21...0x7E).contains(s.value) else { return c }
        return Character(Unicode.Scalar(s.value + 0xFEE0)!)
    }

    /// The documented normalisation of a typed identifier, written on scalars (not graphemes): trim ASCII,
    /// ideographic, tab and line-end spaces at both ends, fold full-width ASCII, upper-case.
    static func typedForm(_ raw: String) -> String {
        let spaces: Set<UInt32> = [0x20, 0x3000, 0x09, 0x0A, 0x0D]
        var scalars = Array(raw.unicodeScalars)
        while let f = scalars.first, spaces.contains(f.value) { scalars.removeFirst() }
        while let l = scalars.last, spaces.contains(l.value) { scalars.removeLast() }
        return halfWidth(String(String.UnicodeScalarView(scalars))).uppercased()
    }

    /// Full-width ASCII (U+FF01–FF5E) folded to ASCII, scalar by scalar.
    static func halfWidth(_ raw: String) -> String {
        String(String.UnicodeScalarView(raw.unicodeScalars.map { (0xFF01...0xFF5E).contains($0.value) ? Unicode.Scalar($0.value - 0xFEE0)! : $0 }))
    }

    static let zh = try! StringTable(language: .zh)
    static let en = try! StringTable(language: .en)

    /// What is wrong with a message a user would see, in either language. Empty when both can say it.
    static func problems(_ m: Message) -> [String] { zh.gaps(in: m) + en.gaps(in: m) }

    /// Runs `parse` on `input`: nil when it was refused with a `FieldError` on `field` (or one of `others`) whose message exists in
    /// both languages; the value when accepted. Anything else is recorded as an issue naming the input.
    static func outcome<T>(_ input: String, field: Field, or others: [Field] = [], case n: Int, _ f: Findings, _ parse: () throws -> T) -> T? {
        do {
            return try parse()
        } catch let e as FieldError {
            if e.field != field, !others.contains(e.field) {
                f.record("case \(n) \(input.debugDescription.prefix(200)): field \(e.field), wanted \(field)")
            }
            let p = Reasons.check(e.reason)
            if !p.isEmpty { f.record("case \(n) \(input.debugDescription.prefix(200)): \(p)") }
        } catch {
            f.record("case \(n) \(input.debugDescription.prefix(200)): not a FieldError: \(error)")
        }
        return nil
    }

    static func report(_ parser: String, tried: Int, accepted: Int, _ f: Findings) {
        print("fuzz \(parser): \(tried) inputs tried, \(accepted) accepted, \(tried - accepted) refused, \(f.count) findings (seed \(seed))")
        f.finish(parser)
    }
}

/// Message checks memoised by key and argument count: rendering every one of a million refusals would
/// dominate the run, and a key's template does not change between cases.
enum Reasons {
    nonisolated(unsafe) static var seen: [String: [String]] = [:]
    static let lock = NSLock()

    static func check(_ m: Message) -> [String] {
        let signature = signatureOf(m)
        lock.lock(); defer { lock.unlock() }
        if let known = seen[signature] { return known }
        let p = Fuzz.problems(m)
        seen[signature] = p
        return p
    }

    static func signatureOf(_ m: Message) -> String {
        m.key + "/\(m.args.count)" + m.args.map { if case .message(let inner) = $0 { "(" + signatureOf(inner) + ")" } else { "" } }.joined()
    }
}

/// The findings of one fuzz test: the first few recorded as issues with their case, the rest counted, so a
/// systematic fault reports itself once rather than a million times.
final class Findings {
    private(set) var count = 0
    let shown: Int
    let sourceLocation: SourceLocation

    init(shown: Int = 12, sourceLocation: SourceLocation = #_sourceLocation) {
        self.shown = shown
        self.sourceLocation = sourceLocation
    }

    func record(_ text: @autoclosure () -> String) {
        count += 1
        if count <= shown { Issue.record(Comment(rawValue: text()), sourceLocation: sourceLocation) }
    }

    func finish(_ name: String) {
        if count > shown { Issue.record("\(name): \(count - shown) more findings not shown", sourceLocation: sourceLocation) }
    }
}
