import Foundation

// Writing a Core record as column values (the conventions: RecordCoding.swift).

final class RecordEncoder: Encoder {
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

struct RecordContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
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
final class ColumnEncoder: Encoder, SingleValueEncodingContainer {
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
struct RefusingContainer<Key: CodingKey>: KeyedEncodingContainerProtocol, UnkeyedEncodingContainer, SingleValueEncodingContainer {
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
