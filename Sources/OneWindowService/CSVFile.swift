import CSV
import Foundation
import OneWindowCore

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

    /// A file's bytes as text; a file that is not UTF-8 (a GBK export, say) is refused, naming the line and byte
    /// of its first bad byte, rather than read with replacement characters.
    public static func text(_ data: Data, field: Field) throws -> String {
        if let text = String(validating: data, as: UTF8.self) { return text }
        var (line, offset) = (1, 0)
        var decoder = UTF8()
        var bytes = data.makeIterator()
        loop: while true {
            switch decoder.decode(&bytes) {
            case .scalarValue(let s):
                offset += UTF8.width(s)
                if s == "\n" { line += 1 }
            case .emptyInput, .error: break loop
            }
        }
        throw FieldError(field, "reason.file.notUTF8", texts: String(line), String(offset + 1))
    }

    /// The records with the physical line each starts on: blank lines count, and so do line breaks inside
    /// quoted fields (CRLF, LF or CR each one), so a message names the line an editor shows.
    public static func numbered(_ text: String) throws -> (header: [String], rows: [(line: Int, fields: [String])]) {
        let file = try records(text)
        var next = 2 + breaks(file.header)
        return (file.header, file.rows.map { row in
            defer { next += 1 + breaks(row) }
            return (next, row)
        })
    }

    /// Line breaks inside quoted fields (CR LF, CR or LF each one), counted on scalars: as Characters a
    /// CR LF followed by a combining mark is one grapheme that String matching would not see as "\r\n".
    static func breaks(_ fields: [String]) -> Int {
        fields.reduce(0) { n, f in
            var count = 0, afterCR = false
            for s in f.unicodeScalars {
                if s == "\r" || (s == "\n" && !afterCR) { count += 1 }
                afterCR = s == "\r"
            }
            return n + count
        }
    }

    /// Whether a field read from `text` that holds a quote appears there as RFC 4180 writes it (quoted, its
    /// quotes doubled). CSV.swift guesses at broken quoting rather than refusing it (it reads "F0"880" as
    /// F0"80), so a field it had to guess is refused instead of imported as something not in the file.
    static func quotedAsWritten(_ field: String, in text: String) -> Bool {
        !field.contains("\"") || text.contains("\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"")
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
