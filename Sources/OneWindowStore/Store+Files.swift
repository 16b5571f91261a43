import Foundation
import GRDB
import OneWindowCore

extension Store {
    /// Closes every connection now. A training sandbox is replaced by a fresh file on reset; SQLite
    /// removes a WAL file by name when its last connection closes, so the old pool must be closed
    /// before the new file takes the name, or it would delete the new store's WAL.
    public func close() throws {
        switch engine {
        case .sqlite(let queue): try queue.close()
        case .postgres(let session): session.close()
        }
    }

    /// Moves everything written to the WAL into the main file, so the file alone holds the whole store
    /// (a training sandbox is checked through its main file before it is ever opened for writing).
    public func checkpoint() throws {
        guard case .sqlite(let queue) = engine else { return }
        try queue.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
    }

    /// A new store's folders are the owner's only (0700) and its file is created 0600 before SQLite
    /// opens it, so the WAL and shared-memory files SQLite adds beside it get the same mode: nobody
    /// else on the machine reads the password hashes or the insured persons.
    static func prepareFiles(_ path: String) throws {
        let fm = FileManager.default
        guard !fm.fileExists(atPath: path) else { return }
        let dir = (path as NSString).deletingLastPathComponent
        if !dir.isEmpty, !fm.fileExists(atPath: dir) {
            try fm.createDirectory(atPath: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        guard fm.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw DomainError("error.store.cannotCreate", texts: path)
        }
    }

    /// The store file and the SQLite files beside it.
    public static func files(at path: String) -> [String] { [path, path + "-wal", path + "-shm"] }
}
