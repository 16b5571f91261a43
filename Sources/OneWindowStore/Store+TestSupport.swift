import GRDB

// Test support for the training tests: what a test reaches past the repositories for. Nothing in the
// program calls these.

extension Store {
    /// Test support: every row of `table` as text, ordered by `orderBy` (column names), so two stores
    /// made from the same seed can be compared row for row.
    public func testingRowDump(_ table: String, orderBy: String) throws -> [String] {
        try queue.read { db in try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY \(orderBy)").map { "\($0)" } }
    }

    /// Test support: records a migration this version does not know in the closed store file at `path`,
    /// as a newer OneWindow would; opening it then fails with "made by a newer OneWindow".
    public static func testingMarkWrittenByNewerVersion(at path: String) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('999-from-the-future')")
        }
        try queue.close()
    }
}
