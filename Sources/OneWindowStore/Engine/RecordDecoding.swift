import Foundation

// Reading a Core record from an SQLRow (the conventions: RecordCoding.swift).

struct RowDecoder: Decoder {
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

struct RowContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
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
struct ColumnDecoder: Decoder, SingleValueDecodingContainer {
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
