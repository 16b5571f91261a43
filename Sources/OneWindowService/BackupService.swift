import Foundation
import OneWindowCore
import OneWindowStore

/// A backup as written and checked: where it is, what the store held at its instant, and the checks of
/// the written file (storage, references, audit chain, rows against that instant).
public struct BackupReport: Sendable {
    public let path: String
    public let snapshot: StoreCounts
    public let bytes: Int64
    public let lines: [StoreCheckLine]
    /// Not a faithful copy (damaged storage, rows that differ): the file was removed.
    public let removed: Bool
    public var verified: Bool { lines.allOK }
}

/// `onewindow backup` (an admin's): the whole store, consistent at one instant, into a new SQLite file,
/// while the counters go on working; then the file is opened read-only and checked.
public struct BackupService: Sendable {
    let ctx: ServiceContext
    public init(_ ctx: ServiceContext) { self.ctx = ctx }

    /// `to`: a new file, or a folder to put `onewindow-<Beijing date>-<time>.sqlite` in. A file already
    /// there is never overwritten. A written file that is not a faithful copy (its storage damaged, or rows
    /// that differ from the snapshot's) is removed; one whose audit chain is broken is kept (it is the
    /// store as it was: the chain was broken in the store) and reported. Audited in the store (where to,
    /// rows, the audit seq the backup reaches), except on a read-only copy, which can record nothing.
    /// `afterStep` runs between two steps of the copy (tests).
    public func backup(to path: String, afterStep: () throws -> Void = {}) throws -> BackupReport {
        try ctx.require(.backupStore)
        guard !StoreLocation.isPostgres(path) else { throw FieldError(.backupFile, "reason.backup.notFile") }
        let target = Self.isFolder(path) ? (path as NSString).appendingPathComponent(defaultName) : path
        guard !FileManager.default.fileExists(atPath: target) else { throw FieldError(.backupFile, "reason.backup.exists", texts: target) }
        let snapshot: StoreCounts
        do { snapshot = try ctx.store.writeBackup(to: target, afterStep: afterStep) } catch let e as UserFacingError { throw e } catch {
            // A full disk, a folder that may not be written: said in words (nothing is left at `target`).
            throw DomainError("error.file.write", texts: target, Store.describe(error))
        }
        let (lines, _) = try Self.verify(file: target, expected: snapshot, against: "out.check.against.snapshot", ctx)
        let faithful = lines.line(.storage)?.ok == true && lines.line(.rows)?.ok == true
        let bytes = (try? FileManager.default.attributesOfItem(atPath: target)[.size] as? Int64) ?? 0
        if !faithful { Store.removeLeftovers(target) }
        if !ctx.store.readOnly {
            try ctx.write { _, audit in
                audit.append(AuditEntry(action: "store.backup", entity: "store", after: AuditEntry.json(BackupAudit(
                    to: target, rows: snapshot.total, auditSeq: snapshot.auditSeq, verified: lines.allOK, kept: faithful))))
            }
        }
        return BackupReport(path: target, snapshot: snapshot, bytes: bytes, lines: lines, removed: !faithful)
    }

    private var defaultName: String {
        let f = DateFormatter()
        f.dateFormat = "yyyyMMdd-HHmmss"
        f.timeZone = TimeZone(identifier: "Asia/Shanghai")
        return "onewindow-\(f.string(from: ctx.clock.now())).sqlite"
    }

    static func isFolder(_ path: String) -> Bool {
        var folder: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &folder) && folder.boolValue
    }

    /// Opens the store file at `file` (read-only unless `writable`: a WAL store is opened as a counter opens
    /// it, so its -wal and -shm go when it closes; opening writes nothing) and checks it as `check` does its storage, references and
    /// audit chain, plus its rows against `expected` (nil: rows are only counted). Returns the lines and
    /// the file's counts. A file SQLite cannot read at all is one failed storage line.
    static func verify(file: String, expected: StoreCounts?, against what: String, writable: Bool = false,
                       _ ctx: ServiceContext) throws -> ([StoreCheckLine], StoreCounts?) {
        let store: Store
        do { store = try Store(path: file, now: ctx.clock.now, readOnly: !writable) } catch let e as UserFacingError {
            throw e
        } catch {
            return ([StoreCheckLine(.storage, false, [.text(Store.describe(error))])], nil)
        }
        defer { try? store.close() }
        let fileCtx = ServiceContext(store: store, policies: ctx.policies, clock: ctx.clock, session: ctx.session)
        var lines = StoreCheckService.soundness(fileCtx)
        let counts: StoreCounts?
        do { counts = try store.counts() } catch {
            lines.append(StoreCheckLine(.rows, false, [.message(Message(what)), .text(Store.describe(error))]))
            return (lines, nil)
        }
        if let expected, let counts { lines.append(StoreCheckService.rows(counts, expected: expected, against: what)) }
        return (lines, counts)
    }
}

/// The audit row of a backup: where it went and what it holds (a file path, never a password).
struct BackupAudit: Encodable {
    let to: String
    let rows: Int
    let auditSeq: Int64
    let verified: Bool
    let kept: Bool
}
