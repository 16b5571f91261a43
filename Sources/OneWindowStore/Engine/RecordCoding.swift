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

// MARK: - decoders

private struct RowDecoder: Decoder {
    let row: SQLRow
    let json: JSONDecoder
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(RowContainer<Key>(row: row, json: json))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        throw DecodingError.typeMismatch([Any].self, .init(codingPath: [], debugDescription: "a row decodes as a keyed record"))
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        throw DecodingError.typeMismatch(Any.self, .init(codingPath: [], debugDescription: "a row decodes as a keyed record"))
    }
}

private struct RowContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let row: SQLRow
    let json: JSONDecoder
    var codingPath: [any CodingKey] { [] }
    var allKeys: [Key] { row.columnNames.compactMap { Key(stringValue: $0) } }

    func contains(_ key: Key) -> Bool { row.columns.position(key.stringValue) != nil }

    private func value(_ key: Key) throws -> SQLValue {
        guard let i = row.columns.position(key.stringValue) else {
            throw DecodingError.keyNotFound(key, .init(codingPath: [], debugDescription: "no column \(key.stringValue) in the result"))
        }
        return row.values[i]
    }

    /// Nil when the column is absent or NULL.
    private func present(_ key: Key) -> SQLValue? {
        guard let i = row.columns.position(key.stringValue) else { return nil }
        let v = row.values[i]
        return v.isNull ? nil : v
    }

    func decodeNil(forKey key: Key) throws -> Bool { present(key) == nil }

    func decode(_ type: String.Type, forKey key: Key) throws -> String { try ColumnDecoder(value: value(key), codingPath: [key]).decode(type) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try ColumnDecoder(value: value(key), codingPath: [key]).decode(type) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try ColumnDecoder(value: value(key), codingPath: [key]).decode(type) }
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try ColumnDecoder(value: value(key), codingPath: [key]).decode(type) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try ColumnDecoder(value: value(key), codingPath: [key]).decode(type) }

    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? {
        try present(key).map { try ColumnDecoder(value: $0, codingPath: [key]).decode(type) }
    }
    func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? {
        try present(key).map { try ColumnDecoder(value: $0, codingPath: [key]).decode(type) }
    }
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? {
        try present(key).map { try ColumnDecoder(value: $0, codingPath: [key]).decode(type) }
    }
    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? {
        try present(key).map { try ColumnDecoder(value: $0, codingPath: [key]).decode(type) }
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try SQLRecordCoding.decodeValue(T.self, value(key), key: key, codingPath: [], json: json)
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard let v = present(key) else { return nil }
        return try SQLRecordCoding.decodeValue(T.self, v, key: key, codingPath: [], json: json)
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        throw DecodingError.typeMismatch(type, .init(codingPath: [key], debugDescription: "a column holds no nested container"))
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        throw DecodingError.typeMismatch([Any].self, .init(codingPath: [key], debugDescription: "a column holds no nested container"))
    }

    func superDecoder() throws -> any Decoder { RowDecoder(row: row, json: json) }
    func superDecoder(forKey key: Key) throws -> any Decoder { RowDecoder(row: row, json: json) }
}

/// One column's value, for the types that code as a single value; a container request means JSON.
private struct ColumnDecoder: Decoder, SingleValueDecodingContainer {
    let value: SQLValue
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> { throw SQLRecordCoding.JSONRequired() }
    func unkeyedContainer() throws -> any UnkeyedDecodingContainer { throw SQLRecordCoding.JSONRequired() }
    func singleValueContainer() throws -> any SingleValueDecodingContainer { self }

    func decodeNil() -> Bool { value.isNull }

    private func mismatch<T>(_ type: T.Type) -> DecodingError {
        if value.isNull { return .valueNotFound(type, .init(codingPath: codingPath, debugDescription: "the column is NULL")) }
        return .typeMismatch(type, .init(codingPath: codingPath, debugDescription: "stored value \(value.shown) is not a \(type)"))
    }

    func decode(_ type: String.Type) throws -> String {
        guard case .text(let t) = value else { throw mismatch(type) }
        return t
    }

    func decode(_ type: Int64.Type) throws -> Int64 {
        switch value {
        case .int64(let n): return n
        case .double(let d): if let n = Int64(exactly: d) { return n }
        default: break
        }
        throw mismatch(type)
    }

    func decode(_ type: Bool.Type) throws -> Bool {
        switch value {
        case .bool(let b): return b
        case .int64(let n): return n != 0
        case .double(let d): return d != 0
        default: throw mismatch(type)
        }
    }

    func decode(_ type: Double.Type) throws -> Double {
        switch value {
        case .double(let d): return d
        case .int64(let n): return Double(n)
        default: throw mismatch(type)
        }
    }

    func decode(_ type: Float.Type) throws -> Float { Float(try decode(Double.self)) }

    private func integer<I: FixedWidthInteger>(_ type: I.Type) throws -> I {
        let n = try decode(Int64.self)
        guard let v = I(exactly: n) else {
            throw DecodingError.dataCorrupted(.init(codingPath: codingPath, debugDescription: "\(n) does not fit in \(type)"))
        }
        return v
    }

    func decode(_ type: Int.Type) throws -> Int { try integer(type) }
    func decode(_ type: Int8.Type) throws -> Int8 { try integer(type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try integer(type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try integer(type) }
    func decode(_ type: UInt.Type) throws -> UInt { try integer(type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try integer(type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try integer(type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try integer(type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try integer(type) }

    func decode<T: Decodable>(_ type: T.Type) throws -> T { try T(from: self) }
}

// MARK: - encoders

private final class RecordEncoder: Encoder {
    var columns: [(name: String, value: SQLValue)] = []
    var failure: (any Error)?
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(RecordContainer<Key>(encoder: self))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        failure = EncodingError.invalidValue([Any](), .init(codingPath: [], debugDescription: "a row encodes a keyed record"))
        return RefusingContainer<SQLRecordCoding.AnyKey>(codingPath: [])
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        failure = EncodingError.invalidValue(0, .init(codingPath: [], debugDescription: "a row encodes a keyed record"))
        return RefusingContainer<SQLRecordCoding.AnyKey>(codingPath: [])
    }

    func set(_ name: String, _ value: SQLValue) {
        columns.append((name, value))
    }
}

private struct RecordContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoder: RecordEncoder
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil(forKey key: Key) throws { encoder.set(key.stringValue, .null) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { encoder.set(key.stringValue, .bool(value)) }
    mutating func encode(_ value: String, forKey key: Key) throws { encoder.set(key.stringValue, .text(value)) }
    mutating func encode(_ value: Double, forKey key: Key) throws { encoder.set(key.stringValue, .double(value)) }
    mutating func encode(_ value: Float, forKey key: Key) throws { encoder.set(key.stringValue, .double(Double(value))) }
    mutating func encode(_ value: Int, forKey key: Key) throws { encoder.set(key.stringValue, .int64(Int64(value))) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { encoder.set(key.stringValue, .int64(Int64(value))) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { encoder.set(key.stringValue, .int64(Int64(value))) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { encoder.set(key.stringValue, .int64(Int64(value))) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { encoder.set(key.stringValue, .int64(value)) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { encoder.set(key.stringValue, .int64(Int64(value))) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { encoder.set(key.stringValue, .int64(Int64(value))) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { encoder.set(key.stringValue, .int64(Int64(value))) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { encoder.set(key.stringValue, try .int64(Self.fit(value, key))) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { encoder.set(key.stringValue, try .int64(Self.fit(value, key))) }

    private static func fit<I: BinaryInteger>(_ value: I, _ key: Key) throws -> Int64 {
        guard let n = Int64(exactly: value) else {
            throw EncodingError.invalidValue(value, .init(codingPath: [key], debugDescription: "\(value) does not fit in a 64-bit column"))
        }
        return n
    }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        encoder.set(key.stringValue, try SQLRecordCoding.encodeValue(value, codingPath: [key]))
    }

    // A nil optional is a NULL column, not a missing one (the default would leave the column out).
    mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws { encoder.set(key.stringValue, SQLValue(value)) }
    mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws { encoder.set(key.stringValue, SQLValue(value)) }
    mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws { encoder.set(key.stringValue, SQLValue(value)) }
    mutating func encodeIfPresent(_ value: Int64?, forKey key: Key) throws { encoder.set(key.stringValue, SQLValue(value)) }
    mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws {
        encoder.set(key.stringValue, value.map(SQLValue.double) ?? .null)
    }
    mutating func encodeIfPresent(_ value: Float?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
    mutating func encodeIfPresent(_ value: Int8?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
    mutating func encodeIfPresent(_ value: Int16?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
    mutating func encodeIfPresent(_ value: Int32?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
    mutating func encodeIfPresent(_ value: UInt?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
    mutating func encodeIfPresent(_ value: UInt8?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
    mutating func encodeIfPresent(_ value: UInt16?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
    mutating func encodeIfPresent(_ value: UInt32?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
    mutating func encodeIfPresent(_ value: UInt64?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
    mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        encoder.failure = EncodingError.invalidValue(key.stringValue, .init(codingPath: [key], debugDescription: "a column holds no nested container"))
        return KeyedEncodingContainer(RefusingContainer<NestedKey>(codingPath: [key]))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        encoder.failure = EncodingError.invalidValue(key.stringValue, .init(codingPath: [key], debugDescription: "a column holds no nested container"))
        return RefusingContainer<Key>(codingPath: [key])
    }

    mutating func superEncoder() -> any Encoder { encoder }
    mutating func superEncoder(forKey key: Key) -> any Encoder { encoder }
}

/// One column's value: the single value a type encodes, or a request for a container (then JSON).
private final class ColumnEncoder: Encoder, SingleValueEncodingContainer {
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    var result: SQLValue?
    var requiresJSON = false

    init(codingPath: [any CodingKey]) { self.codingPath = codingPath }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        requiresJSON = true
        return KeyedEncodingContainer(RefusingContainer<Key>(codingPath: codingPath, jsonRequired: true))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        requiresJSON = true
        return RefusingContainer<SQLRecordCoding.AnyKey>(codingPath: codingPath, jsonRequired: true)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { self }

    func encodeNil() throws { result = .null }
    func encode(_ value: Bool) throws { result = .bool(value) }
    func encode(_ value: String) throws { result = .text(value) }
    func encode(_ value: Double) throws { result = .double(value) }
    func encode(_ value: Float) throws { result = .double(Double(value)) }
    func encode(_ value: Int) throws { result = .int64(Int64(value)) }
    func encode(_ value: Int8) throws { result = .int64(Int64(value)) }
    func encode(_ value: Int16) throws { result = .int64(Int64(value)) }
    func encode(_ value: Int32) throws { result = .int64(Int64(value)) }
    func encode(_ value: Int64) throws { result = .int64(value) }
    func encode(_ value: UInt8) throws { result = .int64(Int64(value)) }
    func encode(_ value: UInt16) throws { result = .int64(Int64(value)) }
    func encode(_ value: UInt32) throws { result = .int64(Int64(value)) }
    func encode(_ value: UInt) throws { result = try .int64(fit(value)) }
    func encode(_ value: UInt64) throws { result = try .int64(fit(value)) }
    func encode<T: Encodable>(_ value: T) throws { try value.encode(to: self) }

    private func fit<I: BinaryInteger>(_ value: I) throws -> Int64 {
        guard let n = Int64(exactly: value) else {
            throw EncodingError.invalidValue(value, .init(codingPath: codingPath, debugDescription: "\(value) does not fit in a 64-bit column"))
        }
        return n
    }
}

/// A container handed out where a row or a column cannot hold one: every write throws (the caller
/// switches to JSON when `jsonRequired`, or reports the recorded failure).
private struct RefusingContainer<Key: CodingKey>: KeyedEncodingContainerProtocol, UnkeyedEncodingContainer, SingleValueEncodingContainer {
    let codingPath: [any CodingKey]
    var jsonRequired = false
    var count: Int { 0 }

    private func refuse() -> any Error {
        jsonRequired ? SQLRecordCoding.JSONRequired()
            : EncodingError.invalidValue(0, .init(codingPath: codingPath, debugDescription: "not a column value"))
    }

    mutating func encodeNil(forKey key: Key) throws { throw refuse() }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { throw refuse() }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        KeyedEncodingContainer(RefusingContainer<NestedKey>(codingPath: codingPath, jsonRequired: jsonRequired))
    }
    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer { self }
    mutating func superEncoder() -> any Encoder { ColumnEncoder(codingPath: codingPath) }
    mutating func superEncoder(forKey key: Key) -> any Encoder { ColumnEncoder(codingPath: codingPath) }

    mutating func encodeNil() throws { throw refuse() }
    mutating func encode<T: Encodable>(_ value: T) throws { throw refuse() }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        KeyedEncodingContainer(RefusingContainer<NestedKey>(codingPath: codingPath, jsonRequired: jsonRequired))
    }
    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer { self }

    // SingleValueEncodingContainer's primitive requirements (the generic one above covers them for
    // the keyed and unkeyed protocols, which have defaults).
    mutating func encode(_ value: Bool) throws { throw refuse() }
    mutating func encode(_ value: String) throws { throw refuse() }
    mutating func encode(_ value: Double) throws { throw refuse() }
    mutating func encode(_ value: Float) throws { throw refuse() }
    mutating func encode(_ value: Int) throws { throw refuse() }
    mutating func encode(_ value: Int8) throws { throw refuse() }
    mutating func encode(_ value: Int16) throws { throw refuse() }
    mutating func encode(_ value: Int32) throws { throw refuse() }
    mutating func encode(_ value: Int64) throws { throw refuse() }
    mutating func encode(_ value: UInt) throws { throw refuse() }
    mutating func encode(_ value: UInt8) throws { throw refuse() }
    mutating func encode(_ value: UInt16) throws { throw refuse() }
    mutating func encode(_ value: UInt32) throws { throw refuse() }
    mutating func encode(_ value: UInt64) throws { throw refuse() }
}
