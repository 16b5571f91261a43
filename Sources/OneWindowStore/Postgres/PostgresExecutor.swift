import CLibpq
import Foundation

/// The PostgreSQL engine's executor: statements on one libpq connection, inside the transaction
/// `Store` opened. Values arrive as text and are typed here by their column's type.
struct PostgresExecutor: SQLExecutor {
    let connection: PostgresConnection

    @discardableResult
    func execute(_ sql: String, _ arguments: [SQLValue], cached: Bool) throws -> Int {
        try connection.run(sql, arguments, cached: cached).changes
    }

    func rows(_ sql: String, _ arguments: [SQLValue], cached: Bool) throws -> [SQLRow] {
        try connection.run(sql, arguments, cached: cached).rows()
    }

    func forEachRow(_ sql: String, _ arguments: [SQLValue], cached: Bool, _ body: (SQLRow) throws -> Void) throws {
        // The whole result arrives at once (libpq's default); a batch reads in chunks of bounded size.
        for row in try rows(sql, arguments, cached: cached) { try body(row) }
    }
}

/// One statement's result, cleared when released.
final class PostgresResult {
    private let result: OpaquePointer

    init(_ result: OpaquePointer) { self.result = result }
    deinit { PQclear(result) }

    /// Rows an INSERT, UPDATE or DELETE changed (0 for anything else).
    var changes: Int { Int(String(cString: PQcmdTuples(result))) ?? 0 }

    func rows() throws -> [SQLRow] {
        let width = PQnfields(result)
        let columns = SQLColumns((0..<width).map { String(cString: PQfname(result, $0)) })
        let types = (0..<width).map { PQftype(result, $0) }
        var rows: [SQLRow] = []
        let count = PQntuples(result)
        rows.reserveCapacity(Int(count))
        for r in 0..<count {
            var values: [SQLValue] = []
            values.reserveCapacity(Int(width))
            for c in 0..<width {
                guard PQgetisnull(result, r, c) == 0, let raw = PQgetvalue(result, r, c) else { values.append(.null); continue }
                values.append(try Self.value(String(cString: raw), type: types[Int(c)], column: columns.names[Int(c)]))
            }
            rows.append(SQLRow(columns: columns, values: values))
        }
        return rows
    }

    /// int2/int4/int8 and an integral numeric (what `SUM` of a bigint column gives) → `int64`; bool → `bool`;
    /// float and a fractional numeric → `double`; everything else (text, date) → its text.
    private static func value(_ text: String, type: Oid, column: String) throws -> SQLValue {
        switch type {
        case 20, 21, 23:
            guard let n = Int64(text) else { throw SQLStoreError("column \(column): '\(text)' is not an integer") }
            return .int64(n)
        case 16: return .bool(text == "t")
        case 700, 701: return .double(Double(text) ?? .nan)
        case 1700:
            if let n = Int64(text) { return .int64(n) }
            guard let d = Double(text) else { throw SQLStoreError("column \(column): '\(text)' is not a number") }
            return .double(d)
        default: return .text(text)
        }
    }
}
