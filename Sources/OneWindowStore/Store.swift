import Foundation
import GRDB
import OneWindowCore

/// The one SQLite file (WAL, shared by several counter processes through a `DatabasePool`).
/// Every write goes through `write`, which is one transaction that also appends its audit rows.
public final class Store: Sendable {
    public let path: String
    let pool: DatabasePool
    let now: @Sendable () -> Date

    /// Opens (creating if needed) and migrates the store at `path`.
    public init(path: String, now: @escaping @Sendable () -> Date = Date.init) throws {
        self.path = path
        self.now = now
        var config = Configuration()
        // Another counter process may hold the write lock for a moment: wait rather than fail.
        config.busyMode = .timeout(5)
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA foreign_keys = ON")
        }
        let dir = (path as NSString).deletingLastPathComponent
        if !dir.isEmpty { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
        pool = try DatabasePool(path: path, configuration: config)
        let migrator = Schema.migrator
        try pool.read { db in
            // A store written by a newer OneWindow must not be opened by an older one.
            if try migrator.hasBeenSuperseded(db) { throw DomainError("error.store.tooNew", texts: path) }
        }
        try migrator.migrate(pool)
    }

    public static func exists(at path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

    /// One transaction: `body` changes rows and lists what it changed; the audit rows are appended
    /// in the same transaction, so a change is never stored without its audit record or vice versa.
    public func write<T>(operator op: String, _ body: (StoreTx, inout [AuditEntry]) throws -> T) throws -> T {
        let at = AuditClock.text(now())
        return try pool.write { db in
            var entries: [AuditEntry] = []
            let result = try body(StoreTx(db), &entries)
            precondition(!entries.isEmpty, "every write is audited")
            try AuditLog.append(entries, operator: op, at: at, db: db)
            return result
        }
    }

    public func read<T>(_ body: (StoreTx) throws -> T) throws -> T {
        try pool.read { db in try body(StoreTx(db)) }
    }

    // MARK: meta

    public func meta(_ key: String) throws -> String? {
        try pool.read { db in try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [key]) }
    }

    public static func setMeta(_ key: String, _ value: String, _ db: Database) throws {
        try db.execute(sql: "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", arguments: [key, value])
    }

    public func verifyAudit() throws -> AuditVerification { try pool.read(AuditLog.verify) }
}

/// Audit times are the only timestamps in the store: UTC, millisecond precision, ISO 8601.
enum AuditClock {
    static func text(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        f.timeZone = TimeZone(identifier: "UTC")
        return f.string(from: date)
    }
}
