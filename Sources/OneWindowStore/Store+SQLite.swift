import Foundation
import GRDB
import OneWindowCore

// Opening the SQLite engine: durability, waiting on another counter's write, read-only copies.

extension Store {
    static func openSQLite(path: String, readOnly forced: Bool, busyTimeout: TimeInterval) throws -> (DatabaseQueue, readOnly: Bool) {
        let fm = FileManager.default
        let readOnly = forced || (fm.fileExists(atPath: path) && !fm.isWritableFile(atPath: path))
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
        let queue = try DatabaseQueue(path: immutable ? Self.immutableURI(path) : path, configuration: config)
        // Switching WAL on (above, on creation) also set NORMAL on this connection: back to FULL.
        if creating { try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") } }
        let migrator = Schema.migrator
        let current = try queue.read { db in
            // A store written by a newer OneWindow must not be opened by an older one.
            if try migrator.hasBeenSuperseded(db) { throw DomainError("error.store.tooNew", texts: path) }
            return try migrator.hasCompletedMigrations(db)
        }
        guard !current else { return (queue, readOnly) }
        if readOnly { throw DomainError("error.store.readOnlyOld", texts: path) }
        try migrator.migrate(queue)
        return (queue, readOnly)
    }

    /// Runs a batch (`body`, its many transactions) with a larger page cache on this connection: a chunk
    /// touches a few thousand scattered index pages, and with SQLite's default 2 MB cache they would be
    /// spilled to the WAL and written again within the same transaction. 24 MB keeps the run under 100 MB
    /// (at 1,000,000 persons 32 MB peaked at 102 MB).
    /// (PostgreSQL's cache is the server's.)
    public func withBatchCache<T>(_ body: () throws -> T) throws -> T {
        guard case .sqlite(let queue) = engine, !readOnly else { return try body() }
        try queue.inDatabase { db in try db.execute(sql: "PRAGMA cache_size = -24576") }
        defer { try? queue.inDatabase { db in try db.execute(sql: "PRAGMA cache_size = -2000") } }
        return try body()
    }
}
