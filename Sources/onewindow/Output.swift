import Foundation
import OneWindowCore

enum Output {
    static func json<T: Encodable>(_ value: T) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        print(String(decoding: try! encoder.encode(value), as: UTF8.self))
    }

    /// A plain-text table aligned by display width (CJK = 2 columns), for terminals and logs.
    static func table(_ header: [String], _ rows: [[String]]) {
        let all = [header] + rows
        let widths = header.indices.map { i in all.map { DisplayWidth.of($0[i]) }.max() ?? 0 }
        for row in all {
            let cells = row.enumerated().map { i, cell in
                i == row.count - 1 ? cell : DisplayWidth.padded(cell, to: widths[i])
            }
            print(cells.joined(separator: "  "))
        }
    }
}
