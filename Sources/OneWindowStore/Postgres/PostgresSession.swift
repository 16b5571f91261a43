import Foundation
import OneWindowCore

/// The PostgreSQL engine behind a `Store`: one connection per process (a counter does one thing at a
/// time), its transactions, and the numbered migrations of `PostgresSchema`.
final class PostgresSession: @unchecked Sendable {
    private let lock = NSLock()
    private var connection: PostgresConnection?

    /// How often a transaction the server gave up (serialization failure, deadlock) is tried in all.
    static let attempts = 5

    init(url: String, busyTimeout: TimeInterval) throws {
        // A write waits for another counter's (the audit head's row lock) at most `busyTimeout`.
        let c = try PostgresConnection(url: url, lockTimeout: busyTimeout)
        connection = c
        try Self.migrate(c, shown: StoreLocation.shown(url))
    }

    /// Whether the database at `url` holds a store (`init` made its schema and settings).
    static func hasStore(url: String) throws -> Bool {
        let c = try PostgresConnection(url: url, lockTimeout: Store.busyTimeout)
        guard try tableExists("meta", c) else { return false }
        return try c.run("SELECT COUNT(*) AS n FROM meta", [], cached: false).rows().first?["n"] != .int64(0)
    }

    func close() { lock.withLock { connection = nil } }

    private func withConnection<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        try lock.withLock {
            guard let connection else { throw SQLStoreError("the store is closed") }
            try connection.reconnectIfLost()
            return try body(connection)
        }
    }

    /// One write transaction. It first locks the audit head: every write appends to the one audit chain,
    /// so writes are one after another in the chain's order anyway; taking that turn at the start (not at
    /// the append) also makes the day's receipt sequence and every other "next number" safe under READ
    /// COMMITTED, and the transaction sees every write committed before it took its turn. Reads do not wait.
    func write<T>(_ body: (StoreTx) throws -> T) throws -> T {
        try withConnection { c in
            var attempt = 1
            while true {
                do {
                    try Self.begin(c, "BEGIN ISOLATION LEVEL READ COMMITTED")
                    let tx = StoreTx(postgres: PostgresExecutor(connection: c))
                    _ = try c.run("SELECT seq FROM audit_head WHERE id = 1 FOR UPDATE", [], cached: true)
                    let result = try body(tx)
                    // A transaction that failed underway answers COMMIT with ROLLBACK, without an error.
                    guard try c.script("COMMIT") == "COMMIT" else { throw SQLStoreError("the transaction was rolled back") }
                    return result
                } catch let error as PostgresError where error.isRetryable && attempt < Self.attempts {
                    _ = try? c.script("ROLLBACK")
                    // Back off a little longer each time, with jitter, so two retrying counters part.
                    usleep(useconds_t(UInt32(5_000 << attempt) + UInt32.random(in: 0..<5_000)))
                    attempt += 1
                } catch {
                    _ = try? c.script("ROLLBACK")
                    throw error
                }
            }
        }
    }

    /// Reads on one snapshot (REPEATABLE READ, read only): several statements see the same store.
    func read<T>(_ body: (StoreTx) throws -> T) throws -> T {
        try withConnection { c in
            try Self.begin(c, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            do {
                let result = try body(StoreTx(postgres: PostgresExecutor(connection: c)))
                try c.script("COMMIT")
                return result
            } catch {
                _ = try? c.script("ROLLBACK")
                throw error
            }
        }
    }

    /// Statements outside the program's transactions (test support: someone with a SQL shell).
    func raw(_ sql: String) throws { try withConnection { c in _ = try c.script(sql) } }

    /// Starts a transaction. A connection the server dropped since the last one (libpq learns of it only
    /// when it sends) is made again and the BEGIN sent again: nothing was done yet, so nothing is doubled.
    private static func begin(_ c: PostgresConnection, _ sql: String) throws {
        do { try c.script(sql) } catch let error as PostgresError where error.kind == .connection {
            try c.reconnectIfLost()
            try c.script(sql)
        }
    }

    // MARK: migrations

    /// Applies the migrations this database lacks, each in its own transaction with its record in
    /// `schema_migrations`; refuses a database a newer OneWindow migrated. Writes nothing when up to date.
    private static func migrate(_ c: PostgresConnection, shown: String) throws {
        let known = PostgresSchema.migrations.map(\.name)
        if try applied(c).map({ Set($0) == Set(known) }) == true { return }
        // Two counters starting at once on a new database: one migrates, the other waits, then finds it done.
        try c.script("BEGIN")
        do {
            _ = try c.run("SELECT pg_advisory_xact_lock(7310001)", [], cached: false)
            try c.script("CREATE TABLE IF NOT EXISTS schema_migrations (identifier text COLLATE \"C\" PRIMARY KEY)")
            let done = Set(try applied(c) ?? [])
            if !done.subtracting(known).isEmpty { throw DomainError("error.store.pgTooNew", texts: shown) }
            for m in PostgresSchema.migrations where !done.contains(m.name) {
                try c.script(m.sql)
                try c.run("INSERT INTO schema_migrations (identifier) VALUES (?)", [.text(m.name)], cached: false)
            }
            guard try c.script("COMMIT") == "COMMIT" else { throw SQLStoreError("migrating was rolled back") }
        } catch {
            _ = try? c.script("ROLLBACK")
            throw error
        }
    }

    private static func tableExists(_ name: String, _ c: PostgresConnection) throws -> Bool {
        try c.run("SELECT to_regclass(?) IS NOT NULL AS made", [.text(name)], cached: false).rows().first?["made"] == .bool(true)
    }

    /// The migrations recorded in the database; nil when it has no record (a new, empty database).
    private static func applied(_ c: PostgresConnection) throws -> [String]? {
        guard try tableExists("schema_migrations", c) else { return nil }
        return try c.run("SELECT identifier FROM schema_migrations", [], cached: false).rows().map { try $0.decode("identifier") }
    }
}
