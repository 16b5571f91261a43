// The values and rows the repositories exchange with an engine (`SQLExecutor`). Project-owned, so the
// repositories' code is the same whichever engine runs it; each executor converts at its edge.

/// A bound parameter or a column value. SQLite stores `bool` as the integer 0/1 and hands back `int64`;
/// PostgreSQL hands back `bool` for a boolean column. `double` only comes back from an aggregate or a
/// REAL column; the store writes none.
enum SQLValue: Sendable, Hashable {
    case null
    case int64(Int64)
    case text(String)
    case bool(Bool)
    case double(Double)

    init(_ value: String?) { self = value.map(SQLValue.text) ?? .null }
    init(_ value: Int64?) { self = value.map(SQLValue.int64) ?? .null }
    init(_ value: Int?) { self = value.map { .int64(Int64($0)) } ?? .null }
    init(_ value: Bool?) { self = value.map(SQLValue.bool) ?? .null }

    var isNull: Bool { if case .null = self { true } else { false } }

    /// The value as it reads in an error message (texts shortened: a stored JSON can be long).
    var shown: String {
        switch self {
        case .null: "NULL"
        case .int64(let n): String(n)
        case .bool(let b): String(b)
        case .double(let d): String(d)
        case .text(let t): "'" + (t.count > 60 ? String(t.prefix(60)) + "…" : t) + "'"
        }
    }
}

// No ExpressibleByNilLiteral: `nil` must stay Optional's (`cond ? nil : value` would read as `.null`).
extension SQLValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral {
    init(stringLiteral value: String) { self = .text(value) }
    init(integerLiteral value: Int64) { self = .int64(value) }
    init(booleanLiteral value: Bool) { self = .bool(value) }
}

/// The column names of one result, shared by all its rows.
final class SQLColumns: Sendable {
    let names: [String]
    let index: [String: Int]
    /// Lower-cased names: a lookup that misses the exact name tries these (SQLite compares column
    /// names ignoring case, as GRDB did; PostgreSQL folds unquoted names to lower case).
    let folded: [String: Int]

    init(_ names: [String]) {
        self.names = names
        var index: [String: Int] = [:]
        var folded: [String: Int] = [:]
        // The first of two equal names wins (`SELECT a.id, b.id`): alias columns to reach the others.
        for (i, name) in names.enumerated() {
            if index[name] == nil { index[name] = i }
            if folded[name.lowercased()] == nil { folded[name.lowercased()] = i }
        }
        self.index = index
        self.folded = folded
    }

    func position(_ name: String) -> Int? { index[name] ?? folded[name.lowercased()] }
}

/// One result row: its values in column order, reached by column name.
struct SQLRow: Sendable {
    let columns: SQLColumns
    let values: [SQLValue]

    var columnNames: [String] { columns.names }

    /// The value of a column; nil when the result has no such column (a NULL is `.null`).
    subscript(_ column: String) -> SQLValue? { columns.position(column).map { values[$0] } }

    /// The column's value, decoded as a single value (`Int64`, `String?`, `YearMonth`, a String-raw enum …).
    func decode<T: Decodable>(_ column: String, as type: T.Type = T.self) throws -> T {
        try SQLRecordCoding.decodeColumn(T.self, self, column)
    }
}

/// An error of the store's SQL layer that is not the engine's own (the engine's errors pass unchanged).
struct SQLStoreError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
