import Foundation
import GRDB
import OneWindowCore

/// The one SQLite file (WAL, shared by several counter processes, one connection in each).
/// Every write goes through `write`, which is one transaction that also appends its audit rows.
public final class Store: Sendable {
    public let path: String
    /// Opened from a file this process may not write: reads only.
    public let readOnly: Bool
    let queue: DatabaseQueue
    let now: @Sendable () -> Date

    /// Opens (creating if needed) and migrates the store at `path`. A store file this process may not
    /// write (a read-only copy kept for an inspection), or any store when `readOnly` is asked, opens
    /// read-only: lookups and `audit verify` work, a write says so. Opening an up-to-date store writes nothing.
    public init(path: String, now: @escaping @Sendable () -> Date = Date.init, readOnly forced: Bool = false,
                busyTimeout: TimeInterval = Store.busyTimeout) throws {
        self.path = path
        self.now = now
        let fm = FileManager.default
        let readOnly = forced || (fm.fileExists(atPath: path) && !fm.isWritableFile(atPath: path))
        self.readOnly = readOnly
        var config = Configuration()
        config.readonly = readOnly
        // Another counter process, or a batch between two of its chunks, may hold the write lock for a
        // moment: wait rather than fail, trying again every `busyPoll` (SQLite's own timeout backs off to
        // 100 ms between tries, too coarse to catch the pause a chunked batch leaves between transactions).
        let tries = Int(busyTimeout / Self.busyPoll)
        config.busyMode = .callback { n in
            guard n < tries else { return false }
            usleep(useconds_t(Self.busyPoll * 1_000_000))
            return true
        }
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA foreign_keys = ON")
            // WAL's default (NORMAL) reports a commit before it reaches the disk; FULL syncs the WAL
            // at every commit, so a success the clerk saw survives a power cut (cost: docs/architecture-notes.md).
            if !readOnly { try db.execute(sql: "PRAGMA synchronous = FULL") }
        }
        let creating = !readOnly && !fm.fileExists(atPath: path)
        if creating { try Self.prepareFiles(path) }
        // A read-only copy in a folder nobody may write has no shared-memory file and cannot get one:
        // SQLite reads such a file only as immutable (nobody can change it underneath anyway).
        let dir = (path as NSString).deletingLastPathComponent
        let immutable = readOnly && !fm.fileExists(atPath: path + "-shm") && !fm.isWritableFile(atPath: dir.isEmpty ? "." : dir)
        // One connection (a queue, not GRDB's pool): opening a pool writes to the file every time (it
        // makes sure a WAL file exists) and turns `synchronous` down to NORMAL. WAL is switched on once,
        // when the store is created; the file keeps it.
        if creating { config.journalMode = .wal }
        queue = try DatabaseQueue(path: immutable ? Self.immutableURI(path) : path,
                                  configuration: config)
        // Switching WAL on (above, on creation) also set NORMAL on this connection: back to FULL.
        if creating { try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") } }
        let migrator = Schema.migrator
        let current = try queue.read { db in
            // A store written by a newer OneWindow must not be opened by an older one.
            if try migrator.hasBeenSuperseded(db) { throw DomainError("error.store.tooNew", texts: path) }
            return try migrator.hasCompletedMigrations(db)
        }
        guard !current else { return }
        if readOnly { throw DomainError("error.store.readOnlyOld", texts: path) }
        try migrator.migrate(queue)
    }

    public static func exists(at path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

    /// How long a write waits for another connection's transaction before it gives up (`error.store.busy`).
    public static let busyTimeout: TimeInterval = 5
    /// How often a waiting write tries again.
    static let busyPoll: TimeInterval = 0.002

    /// Called by a batch between two of its transactions: leaves the write lock free long enough for a
    /// counter already waiting for it (it tries every `busyPoll`) to take it, so a counter's write waits
    /// at most one chunk of the batch.
    public func letWaitingWritersIn() {
        usleep(useconds_t(Self.busyPoll * 4 * 1_000_000))
    }

    /// Runs a batch (`body`, its many transactions) with a larger page cache on this connection: a chunk
    /// touches a few thousand scattered index pages, and with SQLite's default 2 MB cache they would be
    /// spilled to the WAL and written again within the same transaction. 32 MB keeps the run well under 100 MB.
    public func withBatchCache<T>(_ body: () throws -> T) throws -> T {
        guard !readOnly else { return try body() }
        try queue.inDatabase { db in try db.execute(sql: "PRAGMA cache_size = -32768") }
        defer { try? queue.inDatabase { db in try db.execute(sql: "PRAGMA cache_size = -2000") } }
        return try body()
    }

    /// SQLite's "database is locked" (another connection held the write lock past the timeout), in the
    /// operator's language; what the clerk typed is still on the form, so saving again is all it takes.
    static func busy<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as DatabaseError
            where error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED {
            throw DomainError("error.store.busy")
        }
    }

    /// One transaction: `body` changes rows and lists what it changed; the audit rows are appended
    /// in the same transaction, so a change is never stored without its audit record or vice versa.
    public func write<T>(operator op: String, _ body: (StoreTx, inout [AuditEntry]) throws -> T) throws -> T {
        guard !readOnly else { throw DomainError("error.store.readOnly", texts: path) }
        let at = AuditClock.text(now())
        return try Self.busy { try queue.write { db in
            var entries: [AuditEntry] = []
            let tx = StoreTx(db)
            let result = try body(tx, &entries)
            precondition(!entries.isEmpty, "every write is audited")
            try AuditLog.append(entries, operator: op, at: at, sql: tx.sql)
            return result
        } }
    }

    public func read<T>(_ body: (StoreTx) throws -> T) throws -> T {
        try Self.busy { try queue.read { db in try body(StoreTx(db)) } }
    }

    // MARK: meta

    public func meta(_ key: String) throws -> String? {
        try queue.read { db in try Meta(sql: SQLiteExecutor(db)).get(key) }
    }

    public func verifyAudit() throws -> AuditVerification { try queue.read { db in try AuditLog.verify(SQLiteExecutor(db)) } }
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
