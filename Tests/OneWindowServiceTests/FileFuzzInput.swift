import Foundation
import OneWindowCore
@testable import OneWindowResources

/// Generated files for the import fuzz tests (issue 12, item 5): valid settlement lists and bank return files,
/// then mutated the way an export from another system, an editor or an attacker would. Seeded (SplitMix64),
/// so a finding names its case and replays exactly; `ONEWINDOW_FUZZ_CASES` (default for CI) and
/// `ONEWINDOW_FUZZ_SEED` as in the core's parser fuzz. Not libFuzzer: a second, instrumented build does not
/// fit a 2-core CI machine.
enum FileFuzz {
    /// Files per test: a file is up to a dozen lines, so this is fewer than the core's single values.
    static let cases: Int = ProcessInfo.processInfo.environment["ONEWINDOW_FUZZ_CASES"].flatMap { Int($0) }.map { max(1, $0 / 5) } ?? 3_000
    static let seed: UInt64 = ProcessInfo.processInfo.environment["ONEWINDOW_FUZZ_SEED"].flatMap { UInt64($0) } ?? 20_261_122

    static func rng(_ stream: UInt64) -> SplitMix64 { SplitMix64(seed: seed, stream: stream, index: 0) }

    static let palette: [String] = [
        "0", "1", "9", "x", "X", "a", "-", ".", ",", "\"", "\"\"", "'", ";", "\t", " ", "\u{3000}", "\n", "\r", "\r\n",
        "０", "１", "－", "，", "．", "元", "李", "娜", "医", "院", "𠀀", "👨‍👩‍👧", "\u{0}", "\u{7}", "\u{1B}", "\u{7F}", "\u{85}",
        "\u{200E}", "\u{202E}", "\u{2066}", "\u{200B}", "\u{FEFF}", "\u{0301}", "\u{FFFD}", "成功", "失败", "OW", "ow",
    ]

    static func pad(_ n: Int, _ w: Int) -> String { String(repeating: "0", count: max(0, w - String(n).count)) + String(n) }

    /// A valid citizen ID (check character by MOD 11-2 written from GB 11643's weights) born 1950–2005.
    static func citizenID(_ rng: inout SplitMix64) -> String {
        let y = rng.within(1950...2005), m = rng.within(1...12), d = rng.within(1...28)
        let body = rng.pick(["110105", "120116", "210102", "440507"]) + pad(y, 4) + pad(m, 2) + pad(d, 2) + pad(rng.within(0...999), 3)
        let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        let sum = zip(body, weights).reduce(0) { $0 + $1.0.wholeNumberValue! * $1.1 }
        return body + String(Array("10X98765432")[sum % 11])
    }

    /// 1–4 edits of a field or a whole text, from the palette (line breaks and quotes included).
    static func mutate(_ text: String, _ rng: inout SplitMix64) -> String {
        var chars = Array(text)
        for _ in 0..<rng.within(1...4) {
            let at = chars.isEmpty ? 0 : rng.below(chars.count)
            switch rng.below(8) {
            case 0 where !chars.isEmpty: chars.replaceSubrange(at...at, with: Array(rng.pick(palette)))
            case 1 where !chars.isEmpty: chars.remove(at: at)
            case 2 where !chars.isEmpty: chars = Array(chars.prefix(at))
            case 3 where chars.count > 1: chars.swapAt(at, rng.below(chars.count))
            case 4 where !chars.isEmpty:
                let from = rng.below(chars.count), len = rng.within(1...max(1, min(40, chars.count - from)))
                chars.insert(contentsOf: chars[from..<(from + len)], at: rng.below(chars.count + 1))
            case 5 where rng.chance(3):
                // A huge field: the 300,000-character hospital name.
                chars.insert(contentsOf: Array(String(repeating: "医", count: rng.pick([101, 5_000, 300_000]))), at: at)
            default: chars.insert(contentsOf: Array(rng.pick(palette)), at: chars.isEmpty ? 0 : rng.below(chars.count + 1))
            }
        }
        return String(chars)
    }

    /// A CSV field as a writer quotes it: in quotes, quotes doubled, when it holds a comma, a quote or a line break.
    static func quoted(_ field: String) -> String {
        guard field.unicodeScalars.contains(where: { [",", "\"", "\n", "\r"].contains($0) }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Physical lines of a text as an editor numbers them: CR LF, LF and CR each end one.
    static func physicalLines(_ text: String) -> Int {
        var n = 1
        var previousCR = false
        for s in text.unicodeScalars {
            if s == "\n" { if !previousCR { n += 1 } } else if s == "\r" { n += 1 }
            previousCR = s == "\r"
        }
        return n
    }

    /// A text with records, each a list of fields, and blank lines between some: the text and the physical line
    /// each record starts on (the header's is 1).
    static func csv(_ records: [[String]], _ rng: inout SplitMix64) -> (text: String, starts: [Int]) {
        let newline = rng.pick(["\r\n", "\n"])
        var text = rng.chance(30) ? "\u{FEFF}" : ""
        var starts: [Int] = []
        var line = 1
        for (i, r) in records.enumerated() {
            if i > 0, rng.chance(15) { text += newline; line += 1 }
            starts.append(line)
            let row = r.map(quoted).joined(separator: ",")
            text += row + newline
            line += physicalLines(row)
        }
        if rng.chance(50) { text.removeLast(newline.count) }
        return (text, starts)
    }

    /// Hidden from a later reader: C0/C1 controls, bidi marks, embeddings, overrides and isolates, zero-width
    /// characters, BOM, soft hyphen, line and paragraph separators (listed, independent of FreeText.isHidden).
    static func hidden(_ s: Unicode.Scalar) -> Bool {
        s.value < 0x20 || (0x7F...0x9F).contains(s.value) || s.value == 0xAD || (0x200B...0x200F).contains(s.value)
            || (0x2028...0x202E).contains(s.value) || (0x2060...0x2064).contains(s.value) || (0x2066...0x206F).contains(s.value)
            || s.value == 0xFEFF
    }

    static let tables = [try! StringTable(language: .zh), try! StringTable(language: .en)]

    /// A refusal's message as the clerk would see it, checked in both languages.
    static func problems(_ m: Message) -> [String] { tables.flatMap { $0.gaps(in: m) } }
}

/// The findings of one fuzz test: the first few recorded with their case, the rest counted.
final class FileFindings {
    private(set) var count = 0
    private(set) var texts: [String] = []
    func record(_ text: @autoclosure () -> String) {
        count += 1
        if count <= 12 { texts.append(text()) }
    }
}
