import GRDB

/// The store file reached past the program, as someone with the sqlite3 shell would: planting legacy
/// data, tampering, and counting rows of any table. Only these helpers know the store is SQLite.
extension Fixture {
    /// Runs `sql` on the file outside any transaction of the store.
    func raw(_ sql: String) throws {
        let queue = try DatabaseQueue(path: store.path)
        try queue.writeWithoutTransaction { db in try db.execute(sql: sql) }
    }

    /// Rows of `table`, only those matching `condition` (an SQL expression) when given.
    func count(_ table: String, where condition: String? = nil) throws -> Int {
        let queue = try DatabaseQueue(path: store.path)
        return try queue.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)" + (condition.map { " WHERE \($0)" } ?? ""))!
        }
    }
}
