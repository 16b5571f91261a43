import Foundation
import GRDB
import OneWindowCore

/// What a store holds, counted on one snapshot: rows per table and the audit chain's newest seq.
public struct StoreCounts: Sendable, Equatable {
    public let tables: [String: Int]
    public let auditSeq: Int64
    public var total: Int { tables.values.reduce(0, +) }

    /// The tables whose counts differ from `other`'s, as `name: mine/theirs`.
    public func differences(from other: StoreCounts) -> [String] {
        Set(tables.keys).union(other.tables.keys).sorted().compactMap { t in
            let (a, b) = (tables[t] ?? 0, other.tables[t] ?? 0)
            return a == b ? nil : "\(t): \(a)/\(b)"
        }
    }

    /// The same counts with `n` more audit rows (a restore's own record).
    public func addingAudit(_ n: Int) -> StoreCounts {
        var t = tables
        t["audit", default: 0] += n
        return StoreCounts(tables: t, auditSeq: auditSeq + Int64(n))
    }
}

// Backups: one SQLite file, consistent at one instant, written beside its destination and renamed into
// place only when whole (docs/architecture-notes.md, "Backup, restore, check").
extension Store {
    /// Every table the store's data lives in (copied ones and the name grams derived from them).
    static var countedTables: [String] { copiedTables + derivedTables }

    /// Rows of every table and the newest audit seq, on one snapshot.
    public func counts() throws -> StoreCounts { try read { tx in try Self.counts(tx) } }

    static func counts(_ tx: StoreTx) throws -> StoreCounts {
        var tables: [String: Int] = [:]
        for t in countedTables { tables[t] = try tx.sql.scalar(Int.self, "SELECT COUNT(*) FROM \(t)") ?? 0 }
        return StoreCounts(tables: tables, auditSeq: try tx.sql.scalar(Int64.self, "SELECT MAX(seq) FROM audit") ?? 0)
    }

    /// Writes the whole store, as it was at one instant, into a new SQLite file at `path` (which must not
    /// exist) while counters go on working: SQLite's online backup inside one read transaction (the pages
    /// of that snapshot, whatever is committed meanwhile), or, from PostgreSQL, every table read in one
    /// REPEATABLE READ transaction. The file is written beside `path` under a temporary name, synced, and
    /// renamed into place: `path` never holds half a backup. The backup is a plain rollback-journal file
    /// (no -wal beside it). Returns the counts of the snapshot. `afterStep` runs between two steps of the
    /// copy (a test writes from another connection there).
    public func writeBackup(to path: String, afterStep: () throws -> Void = {}) throws -> StoreCounts {
        let tmp = Self.siblingName(of: path, "partial")
        Self.removeLeftovers(tmp)
        defer { Self.removeLeftovers(tmp) }
        try Self.prepareFiles(tmp)
        let counts: StoreCounts
        switch engine {
        case .sqlite(let queue): counts = try Self.backupPages(of: queue, to: tmp, afterStep)
        case .postgres: counts = try snapshotIntoSQLite(tmp, afterStep)
        }
        try Self.fsyncPath(tmp)
        guard rename(tmp, path) == 0 else { throw DomainError("error.file.write", texts: path, String(cString: strerror(errno))) }
        try Self.fsyncPath(Self.folder(of: path))
        return counts
    }

    /// SQLite's online backup API from `queue` into the new file `tmp`, inside one read transaction whose
    /// first statement (the counts) fixes the snapshot: every step copies pages of that snapshot, so the
    /// copy is the counted store even while other connections commit between the steps.
    private static func backupPages(of queue: DatabaseQueue, to tmp: String, _ afterStep: () throws -> Void) throws -> StoreCounts {
        let dest = try DatabaseQueue(path: tmp)
        var counts: StoreCounts?
        do {
            try dest.writeWithoutTransaction { destDb in
                try queue.read { db in
                    counts = try Self.counts(StoreTx(db))
                    try withoutActuallyEscaping(afterStep) { step in
                        try db.backup(to: destDb, pagesPerStep: 64) { progress in if !progress.isCompleted { try step() } }
                    }
                }
                // The pages carry the source's WAL mark: this connection then reads the copy in WAL mode;
                // leaving it makes the file whole by itself (no -wal to keep beside it).
                _ = try String.fetchOne(destDb, sql: "PRAGMA journal_mode = DELETE")
            }
            try dest.close()
        } catch {
            try? dest.close()
            throw error
        }
        guard let counts else { throw SQLStoreError("the backup read nothing") }
        return counts
    }

    /// From PostgreSQL: the schema made by this program's migrations in the new SQLite file, then every
    /// table streamed in (a cursor, 2,000 rows at a time) from one REPEATABLE READ snapshot, in foreign-key
    /// order, ids and audit hashes as they are; the audit head's issued seq goes to `sqlite_sequence`.
    /// Nothing is appended to the copy's audit log: it is the database as it was.
    private func snapshotIntoSQLite(_ tmp: String, _ afterStep: () throws -> Void) throws -> StoreCounts {
        let dest = try Store(path: tmp)
        guard case .sqlite(let queue) = dest.engine else { throw SQLStoreError("a backup is a SQLite file") }
        let counts: StoreCounts
        do { counts = try read { src in
            let counts = try Self.counts(src)
            try Self.refuseUnknownTables(src)
            let issued = try src.sql.scalar(Int64.self, "SELECT seq FROM audit_head WHERE id = 1") ?? 0
            try queue.write { db in
                try db.execute(sql: "PRAGMA defer_foreign_keys = ON")
                let dst = StoreTx(db)
                for t in Self.copiedTables {
                    try Self.stream(t, from: src, to: dst)
                    try afterStep()
                }
                try dst.sql.execute("UPDATE sqlite_sequence SET seq = MAX(seq, ?) WHERE name = 'audit'", [.int64(issued)])
            }
            return counts
        } } catch {
            try? dest.close()
            throw error
        }
        try queue.writeWithoutTransaction { db in _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = DELETE") }
        try dest.close()
        return counts
    }

    private static func stream(_ table: String, from src: StoreTx, to dst: StoreTx) throws {
        let columns = try dst.sql.rows("SELECT name FROM pragma_table_info(?) ORDER BY cid", [.text(table)])
            .map { try $0.decode("name", as: String.self) }
        let order = columns.contains("id") ? " ORDER BY id" : columns.contains("seq") ? " ORDER BY seq" : ""
        let list = columns.joined(separator: ", ")
        let insert = "INSERT INTO \(table) (\(list)) VALUES (\(IDList.marks(columns.count)))"
        try src.sql.execute("DECLARE backup_rows NO SCROLL CURSOR FOR SELECT \(list) FROM \(table)\(order)")
        while true {
            let rows = try src.sql.rows("FETCH FORWARD 2000 FROM backup_rows")
            if rows.isEmpty { break }
            for row in rows { try dst.sql.execute(insert, row.values, cached: true) }
        }
        try src.sql.execute("CLOSE backup_rows")
    }

    /// A table the database has that the copy does not know would be silently left out: refused.
    private static func refuseUnknownTables(_ src: StoreTx) throws {
        let known = Set((copiedTables + derivedTables + ["audit_head", "schema_migrations", "nameGramPosition"]).map { $0.lowercased() })
        let tables = try src.sql.rows("""
            SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
            """).map { try $0.decode("name", as: String.self) }
        if let unknown = tables.first(where: { !known.contains($0.lowercased()) }) {
            throw SQLStoreError("the database has a table the backup does not know: \(unknown)")
        }
    }

    // MARK: restoring a file

    /// Copies this store (a backup file, opened read-only) into the new file `tmp` through SQLite's backup
    /// API, and switches the copy to WAL, as a counter's store is.
    public func copyFile(to tmp: String) throws {
        guard case .sqlite(let queue) = engine else { throw SQLStoreError("only a SQLite file is copied as a file") }
        Self.removeLeftovers(tmp)
        try Self.prepareFiles(tmp)
        let dest = try DatabaseQueue(path: tmp)
        do {
            try queue.backup(to: dest)
            try dest.writeWithoutTransaction { db in _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL") }
            try dest.close()
        } catch {
            try? dest.close()
            throw error
        }
    }

    /// Puts the finished, closed store file `tmp` at `target`. An existing store there is kept beside it,
    /// renamed `<target>.replaced-<UTC time>` with its -wal/-shm, and returned. To take it over, it is
    /// switched out of WAL mode (which checkpoints it) and locked exclusively: SQLite refuses that while
    /// another connection has it open, so a store a counter still uses is refused (`error.restore.inUse`)
    /// with nothing changed. No -wal, -shm or -journal of the old store is left at `target`'s names, where
    /// SQLite would apply it to the new file.
    public static func install(_ tmp: String, at target: String, stamp: Date = Date()) throws -> String? {
        let fm = FileManager.default
        let f = DateFormatter()
        f.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        f.timeZone = TimeZone(identifier: "UTC")
        let aside = target + ".replaced-" + f.string(from: stamp)
        func moveSideFiles() throws -> Bool {
            var moved = false
            for suffix in ["-wal", "-shm", "-journal"] where fm.fileExists(atPath: target + suffix) {
                guard rename(target + suffix, aside + suffix) == 0 else {
                    throw DomainError("error.file.write", texts: aside + suffix, String(cString: strerror(errno)))
                }
                moved = true
            }
            return moved
        }
        func place() throws {
            guard rename(tmp, target) == 0 else { throw DomainError("error.file.write", texts: target, String(cString: strerror(errno))) }
        }
        guard fm.fileExists(atPath: target) else {
            // Side files without their store (it was deleted) would be applied to the new file: moved aside.
            try prepareFolder(of: target)
            let moved = try moveSideFiles()
            try place()
            try fsyncPath(folder(of: target))
            return moved ? aside : nil
        }
        try whileAlone(on: target) {
            // A link keeps `target` in place until the rename below swaps it; a file system without links
            // (a FAT disk) gets a moment without a store, which a counter reports rather than creating one.
            if link(target, aside) != 0, rename(target, aside) != 0 {
                throw DomainError("error.file.write", texts: aside, String(cString: strerror(errno)))
            }
            _ = try moveSideFiles()
            try place()
        }
        try fsyncPath(folder(of: target))
        return aside
    }

    /// Runs `body` with the old store at `target` opened alone: switched out of WAL mode (which needs every
    /// other connection gone) and locked exclusively until `body` is done. A file that is not a database
    /// (any more) has nothing to take over: `body` runs all the same.
    private static func whileAlone(on target: String, _ body: () throws -> Void) throws {
        var config = Configuration()
        config.busyMode = .timeout(2)
        guard let queue = try? DatabaseQueue(path: target, configuration: config) else { return try body() }
        defer { try? queue.close() }
        var held = false
        do {
            try queue.writeWithoutTransaction { db in
                let mode = try String.fetchOne(db, sql: "PRAGMA journal_mode = DELETE")
                guard mode?.lowercased() == "delete" else { throw DomainError("error.restore.inUse", texts: target) }
                try db.execute(sql: "BEGIN EXCLUSIVE")
                held = true
                defer { try? db.execute(sql: "ROLLBACK") }
                try body()
            }
        } catch let error as DatabaseError where !held {
            guard error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED else { return try body() }
            throw DomainError("error.restore.inUse", texts: target)
        }
    }

    // MARK: files

    /// A hidden name beside `path` for a file being written (`.<name>.<what>-<pid>`).
    public static func siblingName(of path: String, _ what: String) -> String {
        (folder(of: path) as NSString).appendingPathComponent(".\((path as NSString).lastPathComponent).\(what)-\(getpid())")
    }

    /// Removes a temporary store file and whatever SQLite left beside it.
    public static func removeLeftovers(_ path: String) {
        for f in files(at: path) + [path + "-journal"] { try? FileManager.default.removeItem(atPath: f) }
    }

    static func folder(of path: String) -> String {
        let dir = (path as NSString).deletingLastPathComponent
        return dir.isEmpty ? "." : dir
    }

    private static func prepareFolder(of path: String) throws {
        let dir = folder(of: path)
        guard !FileManager.default.fileExists(atPath: dir) else { return }
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    }

    /// fsync of a file or a folder (a rename is durable once its folder is synced).
    static func fsyncPath(_ path: String) throws {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw DomainError("error.file.write", texts: path, String(cString: strerror(errno))) }
        defer { closeDescriptor(fd) }
        guard fsync(fd) == 0 else { throw DomainError("error.file.write", texts: path, String(cString: strerror(errno))) }
    }
}

private func closeDescriptor(_ fd: Int32) { _ = close(fd) }
