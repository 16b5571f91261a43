import GRDB
import GRDBSQLite

/// A prepared INSERT bound through SQLite's C API. The generator writes tens of thousands of rows per
/// sandbox and millions per benchmark store; binding each value through `StatementArguments` costs more
/// than SQLite's own work, so the hot statements bind integers and texts directly.
struct BulkStatement {
    enum Value {
        case int(Int64)
        case text(String)
        case null
    }

    let statement: Statement
    let db: Database

    init(_ db: Database, _ sql: String) throws {
        self.db = db
        statement = try db.makeStatement(sql: sql)
    }

    /// Binds the values in order, runs the statement once and makes it ready for the next row.
    func execute(_ values: [Value]) throws {
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
    }

    /// Whether the last `execute` wrote a row (false when `ON CONFLICT … DO NOTHING` skipped it).
    var inserted: Bool { db.changesCount == 1 }

    /// SQLite copies the text before `execute` returns (SQLITE_TRANSIENT).
    static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}

extension BulkStatement.Value {
    static func text(_ t: String?) -> Self { t.map { .text($0) } ?? .null }
}
