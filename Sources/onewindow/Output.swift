import Foundation
import OneWindowCore
import OneWindowTUI

enum Output {
    static func json<T: Encodable>(_ value: T) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        print(String(decoding: try! encoder.encode(value), as: UTF8.self))
    }

    /// `head` then `text` wrapped by display width within `width` columns, the rows after the first indented
    /// under the text (the screens' wrapping rules: numbers and Latin words whole, no wide character cut).
    static func hanging(_ head: String, _ text: String, width: Int = 80) -> [String] {
        let indent = DisplayWidth.of(head)
        return ScrollText.wrap(text, width: width - indent).enumerated().map {
            ($0.offset == 0 ? head : String(repeating: " ", count: indent)) + $0.element
        }
    }

    /// A plain-text table aligned by display width (CJK = 2 columns), for terminals and logs.
    static func table(_ header: [String], _ rows: [[String]], rightAligned: Set<Int> = []) {
        for line in tableLines(header, rows, rightAligned: rightAligned) { print(line) }
    }

    /// The table's lines, for callers that indent or collect them; `rightAligned` columns (amounts)
    /// are padded on the left so their digits line up.
    static func tableLines(_ header: [String], _ rows: [[String]], rightAligned: Set<Int> = []) -> [String] {
        let all = [header] + rows
        let widths = header.indices.map { i in all.map { DisplayWidth.of($0[i]) }.max() ?? 0 }
        return all.map { row in
            let cells = row.enumerated().map { i, cell in
                if rightAligned.contains(i) { return String(repeating: " ", count: widths[i] - DisplayWidth.of(cell)) + cell }
                return i == row.count - 1 ? cell : DisplayWidth.padded(cell, to: widths[i])
            }
            return cells.joined(separator: "  ")
        }
    }
}
