import GRDB
import GRDBSQLite

/// The SQLite engine's executor: statements on GRDB's connection, inside the transaction `Store` opened.
/// Rows are read through SQLite's C API while GRDB steps the statement (one value copy, no boxing).
struct SQLiteExecutor: SQLExecutor {
    let db: Database

    init(_ db: Database) { self.db = db }

    private func statement(_ sql: String, cached: Bool) throws -> Statement {
        cached ? try db.cachedStatement(sql: sql) : try db.makeStatement(sql: sql)
    }

    private static func arguments(_ values: [SQLValue]) -> StatementArguments {
        StatementArguments(values.map { value -> DatabaseValue in
            switch value {
            case .null: .null
            case .int64(let n): n.databaseValue
            case .text(let t): t.databaseValue
            case .bool(let b): (b ? Int64(1) : 0).databaseValue
            case .double(let d): d.databaseValue
            }
        })
    }

    @discardableResult
    func execute(_ sql: String, _ arguments: [SQLValue], cached: Bool) throws -> Int {
        try statement(sql, cached: cached).execute(arguments: Self.arguments(arguments))
        return db.changesCount
    }

    func rows(_ sql: String, _ arguments: [SQLValue], cached: Bool) throws -> [SQLRow] {
        var rows: [SQLRow] = []
        try forEachRow(sql, arguments, cached: cached) { rows.append($0) }
        return rows
    }

    func forEachRow(_ sql: String, _ arguments: [SQLValue], cached: Bool, _ body: (SQLRow) throws -> Void) throws {
        let statement = try statement(sql, cached: cached)
        let columns = SQLColumns(statement.columnNames)
        let count = Int32(columns.names.count)
        let s = statement.sqliteStatement
        let cursor = try Row.fetchCursor(statement, arguments: Self.arguments(arguments))
        while try cursor.next() != nil {
            var values: [SQLValue] = []
            values.reserveCapacity(Int(count))
            for i in 0..<count {
                switch sqlite3_column_type(s, i) {
                case SQLITE_NULL: values.append(.null)
                case SQLITE_INTEGER: values.append(.int64(sqlite3_column_int64(s, i)))
                case SQLITE_FLOAT: values.append(.double(sqlite3_column_double(s, i)))
                default:
                    // TEXT (and a BLOB, read as its bytes' text: the store writes none).
                    if let text = sqlite3_column_text(s, i) {
                        let bytes = UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(s, i)))
                        values.append(.text(String(decoding: bytes, as: UTF8.self)))
                    } else {
                        values.append(.text(""))
                    }
                }
            }
            try body(SQLRow(columns: columns, values: values))
        }
    }
}
