import Foundation
import GRDB
import OneWindowCore

/// The one gate every training-sandbox path goes through before it opens, resets or deletes a file:
/// the file must say, in its own `meta` table, that it is a training store. It is read through SQLite's
/// `immutable` mode, read-only, so checking a live store writes nothing, creates no WAL or shared-memory
/// file and leaves its bytes and modification time alone. Anything that cannot be read that way
/// (another file, a store whose mode is still only in its WAL) counts as "not a training store".
enum TrainingGuard {
    static func mode(at path: String) -> StoreMode? {
        var config = Configuration()
        config.readonly = true
        let uri = URL(fileURLWithPath: path).absoluteString + "?immutable=1"
        guard let queue = try? DatabaseQueue(path: uri, configuration: config) else { return nil }
        defer { try? queue.close() }
        let value = try? queue.read { db in try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'mode'") }
        return value.flatMap { $0 }.flatMap(StoreMode.init(rawValue:))
    }

    /// Throws unless the file at `path` is a training store.
    static func requireTraining(_ path: String) throws {
        guard mode(at: path) == .training else { throw DomainError("error.sandbox.notTraining", texts: path) }
    }
}
