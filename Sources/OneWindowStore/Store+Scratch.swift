import Foundation
import GRDB
import OneWindowCore

// Scratch copies of a store, for `onewindow bench`: its writes (claims, the month's run, the raw inserts
// it is compared with) go to copies, so the measured store stays as generated and can be measured again.
// PostgreSQL copies a database only while nobody is connected to it: `close()` this process's connection first.

extension Store {
    /// Where the scratch copy `suffix` of the store at `location` lives: a file beside it, or a database
    /// on the same server.
    public static func scratchLocation(of location: String, suffix: String) -> String {
        guard StoreLocation.isPostgres(location) else { return location + ".\(suffix)" }
        let db = postgresDatabase(location) ?? "postgres"
        return withDatabase(location, String("\(db)_\(suffix)".prefix(63)))
    }

    /// Copies the store at `location` to `copy` (a `scratchLocation`; an old copy there is replaced):
    /// SQLite's online backup (the copy keeps the WAL mode), or on PostgreSQL `CREATE DATABASE … TEMPLATE`
    /// (a file-level copy on the same server; nobody may be connected to the source, and the account needs
    /// CREATEDB).
    public static func scratchCopy(of location: String, to copy: String) throws {
        try dropScratch(copy)
        if StoreLocation.isPostgres(location) {
            guard let source = postgresDatabase(location), let target = postgresDatabase(copy) else {
                throw DomainError("error.bench.noDatabase", texts: StoreLocation.shown(location))
            }
            try maintenance(location) { c in
                _ = try c.script("CREATE DATABASE \(quoted(target)) TEMPLATE \(quoted(source))")
            }
        } else {
            var config = Configuration()
            config.readonly = true
            let from = try DatabaseQueue(path: location, configuration: config)
            defer { try? from.close() }
            try prepareFiles(copy)  // owner-only, as the store itself
            let to = try DatabaseQueue(path: copy)
            defer { try? to.close() }
            try from.backup(to: to)
        }
    }

    /// Removes a scratch copy (its files, or its database with any session still on it); nothing if none.
    public static func dropScratch(_ location: String) throws {
        if StoreLocation.isPostgres(location) {
            guard let db = postgresDatabase(location) else { return }
            try maintenance(location) { c in _ = try c.script("DROP DATABASE IF EXISTS \(quoted(db)) WITH (FORCE)") }
        } else {
            for f in [location, location + "-wal", location + "-shm", location + "-journal"] {
                try? FileManager.default.removeItem(atPath: f)
            }
        }
    }

    /// A connection to the server's `postgres` database, for creating and dropping databases.
    private static func maintenance(_ location: String, _ body: (PostgresConnection) throws -> Void) throws {
        do {
            let c = try PostgresConnection(url: withDatabase(location, "postgres"), lockTimeout: busyTimeout)
            try body(c)
        } catch let error as PostgresError {
            throw DomainError("error.store.pgFailed", texts: error.message)
        }
    }

    private static func quoted(_ name: String) -> String { "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    /// The database named in a `postgresql://…/DB?…` URL (nil when it names none).
    static func postgresDatabase(_ url: String) -> String? {
        let (_, path, _) = urlParts(url)
        let name = path.dropFirst()
        return name.isEmpty ? nil : (String(name).removingPercentEncoding ?? String(name))
    }

    /// The URL with its database replaced by `db`.
    static func withDatabase(_ url: String, _ db: String) -> String {
        let (head, _, query) = urlParts(url)
        return head + "/" + (db.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? db) + query
    }

    /// `scheme://authority`, `/path` (may be empty) and `?query` (may be empty).
    private static func urlParts(_ url: String) -> (String, String, String) {
        guard let scheme = url.range(of: "://") else { return (url, "", "") }
        let rest = url[scheme.upperBound...]
        let queryStart = rest.firstIndex(of: "?") ?? rest.endIndex
        let pathStart = rest[..<queryStart].firstIndex(of: "/") ?? queryStart
        return (String(url[..<pathStart]), String(url[pathStart..<queryStart]), String(url[queryStart...]))
    }
}
