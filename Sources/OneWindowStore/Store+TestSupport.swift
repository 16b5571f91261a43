import Foundation
import GRDB

// Test support for the training tests: what a test reaches past the repositories for. Nothing in the
// program calls these.

extension Store {
    /// Test support: every row of `table` as text, ordered by `orderBy` (column names), so two stores
    /// made from the same seed can be compared row for row.
    public func testingRowDump(_ table: String, orderBy: String) throws -> [String] {
        try read { tx in
            try tx.sql.rows("SELECT * FROM \(table) ORDER BY \(orderBy)").map { row in
                zip(row.columnNames, row.values).map { "\($0)=\($1)" }.joined(separator: " ")
            }
        }
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

// Test support for running the service tests on PostgreSQL (`ONEWINDOW_TEST_PG`, set by `.ci/test`).
extension Store {
    /// Test support: creates an empty database (C collation, as the README asks) on the server `serverURL`
    /// reaches and returns its URL: each test's store is a database of its own.
    public static func testingFreshPostgresDatabase(serverURL: String) throws -> String {
        let name = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        let c = try PostgresConnection(url: serverURL, lockTimeout: busyTimeout)
        try c.script("CREATE DATABASE \(name) TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'")
        guard var parts = URLComponents(string: serverURL) else { throw SQLStoreError("not a URL: \(serverURL)") }
        parts.path = "/" + name
        guard let url = parts.string else { throw SQLStoreError("not a URL: \(serverURL)") }
        return url
    }

    /// Test support: the first column of the first row of `sql` as an integer, outside any transaction of
    /// the program's (what someone with a SQL shell would see).
    public func testingScalar(_ sql: String) throws -> Int {
        try read { tx in try tx.sql.scalar(Int.self, sql) ?? 0 }
    }

    /// Test support: runs `sql` (one or more statements) as someone with a SQL shell would, past the
    /// program: planting legacy data, tampering.
    public func testingRaw(_ sql: String) throws {
        switch engine {
        case .sqlite:
            let queue = try DatabaseQueue(path: path)
            try queue.writeWithoutTransaction { db in try db.execute(sql: sql) }
        case .postgres(let session):
            try session.raw(sql)
        }
    }
}

extension StoreTx {
    /// Test support: has the database raise an error with `sqlState` inside this transaction (PostgreSQL),
    /// as a serialization failure or a deadlock would.
    public func testingRaise(sqlState: String) throws {
        try sql.execute("DO $$ BEGIN RAISE EXCEPTION 'raised by a test' USING ERRCODE = '\(sqlState)'; END $$")
    }
}
