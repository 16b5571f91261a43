import Foundation
import GRDB

extension Store {
    /// Closes every connection now. A training sandbox is replaced by a fresh file on reset; SQLite
    /// removes a WAL file by name when its last connection closes, so the old pool must be closed
    /// before the new file takes the name, or it would delete the new store's WAL.
    public func close() throws { try pool.close() }

    /// Moves everything written to the WAL into the main file, so the file alone holds the whole store
    /// (a training sandbox is checked through its main file before it is ever opened for writing).
    public func checkpoint() throws {
        try pool.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
    }

    /// The store file and the SQLite files beside it.
    public static func files(at path: String) -> [String] { [path, path + "-wal", path + "-shm"] }
}
