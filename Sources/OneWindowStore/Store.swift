import Foundation
import GRDB
import OneWindowCore

/// The store: one SQLite file (WAL, shared by several counter processes, one connection in each), or
/// one PostgreSQL database a whole agency's counters share (`postgresql://…`).
/// Every write goes through `write`, which is one transaction that also appends its audit rows.
public final class Store: Sendable {
    /// The file, or the database's URL without its password: what the screen and messages show.
    public let path: String
    /// Opened from a file this process may not write: reads only.
    public let readOnly: Bool
    let engine: Engine
    let now: @Sendable () -> Date
    let auditKeys = AuditKeyCache()

    enum Engine: Sendable {
        case sqlite(DatabaseQueue)
        case postgres(PostgresSession)
    }

    /// Opens (creating if needed) and migrates the store at `path`, a file or a `postgresql://` URL.
    /// A store file this process may not write (a read-only copy kept for an inspection), or any file
    /// when `readOnly` is asked, opens read-only: lookups and `audit verify` work, a write says so.
    /// Opening an up-to-date store writes nothing.
    public init(path: String, now: @escaping @Sendable () -> Date = Date.init, readOnly forced: Bool = false,
                busyTimeout: TimeInterval = Store.busyTimeout) throws {
        self.now = now
        if StoreLocation.isPostgres(path) {
            self.path = StoreLocation.shown(path)
            self.readOnly = false
            engine = .postgres(try Self.reaching(path) { try PostgresSession(url: path, busyTimeout: busyTimeout) })
        } else {
            self.path = path
            let (queue, readOnly) = try Self.openSQLite(path: path, readOnly: forced, busyTimeout: busyTimeout)
            self.readOnly = readOnly
            engine = .sqlite(queue)
        }
    }

    /// Whether `path` holds a store: a file there, or a database whose schema `init` has made.
    public static func exists(at path: String) throws -> Bool {
        guard StoreLocation.isPostgres(path) else { return FileManager.default.fileExists(atPath: path) }
        return try reaching(path) { try PostgresSession.hasStore(url: path) }
    }

    /// A database server that cannot be reached (or refuses the sign-on), or an account that may not
    /// create the schema, said in the operator's language with libpq's reason (which never repeats a password).
    private static func reaching<T>(_ url: String, _ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as PostgresError {
            throw inWords(error, StoreLocation.shown(url), connectionKey: "error.store.pgConnect")
        }
    }

    /// How long a write waits for another connection's transaction before it gives up (`error.store.busy`).
    public static let busyTimeout: TimeInterval = 5
    /// How often a waiting write tries again (SQLite).
    static let busyPoll: TimeInterval = 0.002

    /// Called by a batch between two of its transactions: leaves the write lock free long enough for a
    /// counter already waiting for it (it tries every `busyPoll`) to take it, so a counter's write waits
    /// at most one chunk of the batch.
    public func letWaitingWritersIn() {
        usleep(useconds_t(Self.busyPoll * 4 * 1_000_000))
    }

    /// One transaction: `body` changes rows and lists what it changed; the audit rows are appended
    /// in the same transaction, so a change is never stored without its audit record or vice versa.
    /// On PostgreSQL a transaction the server gave up (serialization failure, deadlock) runs again, a
    /// bounded number of times (`PostgresSession.write`): `body` must only work on `tx`.
    public func write<T>(operator op: String, _ body: (StoreTx, inout [AuditEntry]) throws -> T) throws -> T {
        guard !readOnly else { throw DomainError("error.store.readOnly", texts: path) }
        let at = AuditClock.text(now())
        return try translatingErrors {
            switch engine {
            case .sqlite(let queue): try queue.write { db in try audited(StoreTx(db), op, at, body) }
            case .postgres(let session): try session.write { tx in try audited(tx, op, at, body) }
            }
        }
    }

    private func audited<T>(_ tx: StoreTx, _ op: String, _ at: String,
                            _ body: (StoreTx, inout [AuditEntry]) throws -> T) throws -> T {
        var entries: [AuditEntry] = []
        let result = try body(tx, &entries)
        precondition(!entries.isEmpty, "every write is audited")
        try AuditLog.append(entries, operator: op, at: at, tx: tx, keys: auditKeys.key)
        return result
    }

    /// Reads on one consistent snapshot of the store.
    public func read<T>(_ body: (StoreTx) throws -> T) throws -> T {
        try translatingErrors {
            switch engine {
            case .sqlite(let queue): try queue.read { db in try body(StoreTx(db)) }
            case .postgres(let session): try session.read(body)
            }
        }
    }

    /// An engine's "someone else holds the lock too long" and a lost server, in the operator's language;
    /// what the clerk typed is still on the form, so saving again is all it takes.
    private func translatingErrors<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as DatabaseError
            where error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED {
            throw DomainError("error.store.busy")
        } catch let error as PostgresError {
            throw Self.inWords(error, path, connectionKey: "error.store.pgLost")
        }
    }

    /// A PostgreSQL error as the operator reads it: another counter holding the turn too long, a lost or
    /// unreachable server, an account without the rights; anything else with the server's own words.
    private static func inWords(_ error: PostgresError, _ shown: String, connectionKey: String) -> DomainError {
        switch (error.kind, error.sqlState) {
        case (_, "55P03"): DomainError("error.store.busy")
        case (.connection, _): DomainError(connectionKey, texts: shown, error.message)
        case (_, "42501"): DomainError("error.store.pgDenied", texts: error.message)
        default: DomainError("error.store.pgFailed", texts: error.message)
        }
    }

    // MARK: meta

    public func meta(_ key: String) throws -> String? { try read { tx in try tx.meta.get(key) } }
}

/// Audit times are the only timestamps in the store: UTC, millisecond precision, ISO 8601.
public enum AuditClock {
    public static func text(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        f.timeZone = TimeZone(identifier: "UTC")
        return f.string(from: date)
    }

    /// Such a text back as an instant; nil if it is not one.
    public static func date(_ text: String) -> Date? {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return f.date(from: text)
    }
}
