import OneWindowCore
import OneWindowStore

/// The one gate every training-sandbox path goes through before it opens, resets or deletes a file:
/// the file must say, in its own `meta` table, that it is a training store. The store reads it from
/// the file alone without opening it (`Store.metaInFile`), so checking a live store writes nothing,
/// creates no WAL or shared-memory file and leaves its bytes and modification time alone. Anything
/// that cannot be read that way (another file, a store whose mode is still only in its WAL) counts as
/// "not a training store".
enum TrainingGuard {
    static func mode(at path: String) -> StoreMode? {
        Store.metaInFile("mode", at: path).flatMap(StoreMode.init(rawValue:))
    }

    /// Throws unless the file at `path` is a training store.
    static func requireTraining(_ path: String) throws {
        guard mode(at: path) == .training else { throw DomainError("error.sandbox.notTraining", texts: path) }
    }
}
