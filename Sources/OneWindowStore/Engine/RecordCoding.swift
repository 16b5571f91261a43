import Foundation

// Core records (Person, Claim, PaymentOrder …) as rows, through their own Codable conformance, with the
// column conventions GRDB's Codable records used, so stores written before keep reading back the same:
// - a stored property is the column of its coding key's name;
// - String, Int, Int64, Bool, Double are the column's value (Bool is 0/1 on SQLite);
// - a type that codes as one value (YearMonth, ReceiptNumber, BankAccount, Money, String-raw enums …)
//   is that value;
// - a type that codes as a keyed or unkeyed container (MaternityEvent, [ComputationLine], [RiskFlagHit])
//   is JSON text, keys sorted;
// - nil is NULL, and an optional whose column is NULL or absent reads as nil.
// A stored value that does not decode throws a `DecodingError` naming the column and the value.
enum SQLRecordCoding {
    // MARK: decoding

    /// One result's decoding: the JSON decoder is made once, not per column of every row.
    struct Decoding {
        let json: JSONDecoder

        init() {
            let json = JSONDecoder()
            json.dataDecodingStrategy = .base64
            json.dateDecodingStrategy = .millisecondsSince1970
            json.nonConformingFloatDecodingStrategy = .throw
            self.json = json
        }

        func decode<T: Decodable>(_ type: T.Type, from row: SQLRow) throws -> T {
            try T(from: RowDecoder(row: row, json: json))
        }
    }

    static func decodeColumn<T: Decodable>(_ type: T.Type, _ row: SQLRow, _ column: String) throws -> T {
        let key = AnyKey(column)
        guard let value = row[column] else {
            throw DecodingError.keyNotFound(key, .init(codingPath: [], debugDescription: "no column \(column) in the result"))
        }
        return try decodeValue(T.self, value, key: key, codingPath: [], json: nil)
    }

    /// A column's value as `T`: directly for the plain types, through `T`'s single-value coding, or from JSON.
    static func decodeValue<T: Decodable>(_ type: T.Type, _ value: SQLValue, key: any CodingKey, codingPath: [any CodingKey],
                                          json: JSONDecoder?) throws -> T {
        let path = codingPath + [key]
        do {
            do {
                return try T(from: ColumnDecoder(value: value, codingPath: path))
            } catch is JSONRequired {
                guard case .text(let text) = value else {
                    throw DecodingError.typeMismatch(T.self, .init(codingPath: path, debugDescription: "expected JSON text"))
                }
                return try (json ?? Decoding().json).decode(T.self, from: Data(text.utf8))
            }
        } catch let error as DecodingError {
            if case .valueNotFound = error, value.isNull { throw error }
            throw DecodingError.dataCorrupted(.init(
                codingPath: path,
                debugDescription: "column \(key.stringValue): stored value \(value.shown) is not a valid \(T.self): \(Self.reason(error))",
                underlyingError: error))
        } catch {
            // A Core type's own check (a receipt number, an account, an event) refused the stored value.
            throw DecodingError.dataCorrupted(.init(
                codingPath: path,
                debugDescription: "column \(key.stringValue): stored value \(value.shown) is not a valid \(T.self): \(error)",
                underlyingError: error))
        }
    }

    private static func reason(_ error: DecodingError) -> String {
        switch error {
        case .dataCorrupted(let c), .keyNotFound(_, let c), .typeMismatch(_, let c), .valueNotFound(_, let c): c.debugDescription
        @unknown default: "\(error)"
        }
    }

    /// Thrown by a column's decoder or encoder when the type needs a container: the value is JSON.
    struct JSONRequired: Error {}

    struct AnyKey: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    // MARK: encoding

    /// The record's columns in coding order, with their values.
    static func encode<T: Encodable>(_ record: T) throws -> [(name: String, value: SQLValue)] {
        let encoder = RecordEncoder()
        try record.encode(to: encoder)
        if let failure = encoder.failure { throw failure }
        return encoder.columns
    }

    static let jsonEncoder: JSONEncoder = {
        // GRDB's `databaseJSONEncoder`: the same text for the same value, so rows and hashes stay equal.
        let json = JSONEncoder()
        json.dataEncodingStrategy = .base64
        json.dateEncodingStrategy = .millisecondsSince1970
        json.nonConformingFloatEncodingStrategy = .throw
        json.outputFormatting = .sortedKeys
        return json
    }()

    /// A value as one column: its single value, or JSON text when it codes as a container.
    static func encodeValue<T: Encodable>(_ value: T, codingPath: [any CodingKey]) throws -> SQLValue {
        let column = ColumnEncoder(codingPath: codingPath)
        do {
            try value.encode(to: column)
            if !column.requiresJSON, let result = column.result { return result }
            if !column.requiresJSON { return .null }
        } catch is JSONRequired {}
        let data = try jsonEncoder.encode(value)
        return .text(String(decoding: data, as: UTF8.self))
    }
}
