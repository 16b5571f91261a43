import Foundation
import GRDB

extension Store {
    /// One `meta` value as the store file at `path` holds it, read without opening the store: through
    /// SQLite's `immutable` mode, read-only, so it writes nothing, creates no WAL or shared-memory file
    /// and leaves the file's bytes and modification time alone. Nil for anything that cannot be read
    /// that way (another kind of file, a value still only in the WAL, no such key).
    public static func metaInFile(_ key: String, at path: String) -> String? {
        var config = Configuration()
        config.readonly = true
        guard let queue = try? DatabaseQueue(path: immutableURI(path), configuration: config) else { return nil }
        defer { try? queue.close() }
        let value = try? queue.read { db in try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [key]) }
        return value.flatMap { $0 }
    }

    /// SQLite's URI for reading `path` as a file nobody changes: no lock, no WAL or shared-memory file.
    static func immutableURI(_ path: String) -> String { URL(fileURLWithPath: path).absoluteString + "?immutable=1" }

    /// Deletes the store's files (its main file and the SQLite files beside it). The store must be closed.
    public static func removeFiles(at path: String) throws {
        for file in files(at: path) where FileManager.default.fileExists(atPath: file) {
            try FileManager.default.removeItem(atPath: file)
        }
    }
}
