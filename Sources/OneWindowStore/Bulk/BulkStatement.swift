import GRDB
import GRDBSQLite

/// A prepared INSERT of a bulk load. On SQLite it is bound through the C API: the generator writes tens
/// of thousands of rows per sandbox and millions per benchmark store, and binding each value through
/// `StatementArguments` costs more than SQLite's own work. On PostgreSQL it is a prepared statement of
/// the executor (the server's round trip costs more than the binding).
struct BulkStatement {
    enum Value {
        case int(Int64)
        case text(String)
        case null
    }

    private enum Engine {
        case sqlite(Statement, Database)
        case executor(any SQLExecutor)
    }

    private let engine: Engine
    private let sql: String

    init(_ tx: StoreTx, _ sql: String) throws {
        self.sql = sql
        if let db = tx.db { engine = .sqlite(try db.makeStatement(sql: sql), db) } else { engine = .executor(tx.sql) }
    }

    /// Binds the values in order and runs the statement once; whether it wrote a row (false when
    /// `ON CONFLICT … DO NOTHING` skipped it).
    @discardableResult
    func execute(_ values: [Value]) throws -> Bool {
        switch engine {
        case .executor(let executor):
            return try executor.execute(sql, values.map(\.sqlValue), cached: true) == 1
        case .sqlite(let statement, let db):
            let s = statement.sqliteStatement
            for (i, value) in values.enumerated() {
                let index = Int32(i + 1)
                switch value {
                case .int(let n): sqlite3_bind_int64(s, index, n)
                case .text(let t): sqlite3_bind_text(s, index, t, -1, Self.transient)
                case .null: sqlite3_bind_null(s, index)
                }
            }
            let code = sqlite3_step(s)
            sqlite3_reset(s)
            sqlite3_clear_bindings(s)
            guard code == SQLITE_DONE else {
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
            }
            return db.changesCount == 1
        }
    }

    /// Runs the statement (an INSERT into a table keyed by `id`) and returns the new row's id; nil when
    /// `ON CONFLICT … DO NOTHING` skipped it.
    func executeReturningID(_ values: [Value]) throws -> Int64? {
        switch engine {
        case .executor(let executor):
            return try executor.rows(sql + " RETURNING id", values.map(\.sqlValue), cached: true).first?.decode("id")
        case .sqlite(_, let db):
            return try execute(values) ? db.lastInsertedRowID : nil
        }
    }

    /// SQLite copies the text before `execute` returns (SQLITE_TRANSIENT).
    static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}

extension BulkStatement.Value {
    static func text(_ t: String?) -> Self { t.map { .text($0) } ?? .null }

    var sqlValue: SQLValue {
        switch self {
        case .int(let n): .int64(n)
        case .text(let t): .text(t)
        case .null: .null
        }
    }
}
