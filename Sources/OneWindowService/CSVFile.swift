import CSV
import Foundation

/// CSV as an agency files it: RFC 4180 quoting through CSV.swift (a field with a comma, a quote or a line
/// break is quoted, quotes doubled), CRLF line ends, UTF-8 with a byte-order mark so Excel opens Chinese
/// correctly (`bom: false` for other tools).
public enum CSVFile {
    public static let bom: [UInt8] = [0xEF, 0xBB, 0xBF]

    public static func data(header: [String], rows: [[String]], bom: Bool = true) throws -> Data {
        let stream = OutputStream(toMemory: ())
        stream.open()
        if bom { _ = stream.write(Self.bom, maxLength: Self.bom.count) }
        let writer = try CSVWriter(stream: stream, newline: .crlf)
        try writer.write(row: header)
        for row in rows { try writer.write(row: row) }
        writer.stream.close()
        var data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
        data.append(contentsOf: [0x0D, 0x0A])  // every record ends with CRLF, the last one too
        return data
    }

    /// The header and records of a CSV text (a leading byte-order mark is skipped).
    public static func records(_ text: String) throws -> (header: [String], rows: [[String]]) {
        let reader = try CSVReader(string: text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text, hasHeaderRow: true)
        var rows: [[String]] = []
        while let row = reader.next() { rows.append(row) }
        if let error = reader.error { throw error }
        return (reader.headerRow ?? [], rows)
    }
}
