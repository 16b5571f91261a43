import Foundation
import OneWindowCore
import OneWindowStore

/// A restore as done (or refused after checking): the backup's checks, the restored store's, and where
/// the store it replaced was kept.
public struct RestoreReport: Sendable {
    public let from: String
    /// The restored store, as messages show it (a URL without its password).
    public let target: String
    public let before: [StoreCheckLine]
    public let after: [StoreCheckLine]
    /// Whether the target now holds the backup's data.
    public let written: Bool
    /// Where the replaced store file was kept (`--replace`).
    public let replacedKeptAt: String?
    public let counts: StoreCounts?
    public var verified: Bool { written && before.allOK && after.allOK }
}

/// `onewindow restore` (an admin's): a backup file back into a store file, or into an empty PostgreSQL
/// database. The backup is checked first (storage, references, audit chain) and nothing is written if it
/// fails; a store that has data is replaced only when asked (`replace`), a database never; the restored
/// store is checked again (rows = the backup's, plus the restore's own audit row) before it takes the
/// target's place. The restore is recorded in the restored store's audit log: who, when, from which file.
public enum RestoreService {
    /// `signOn` signs the operator on to a store: the backup (opened read-only, so a failed attempt is not
    /// recorded there), and, when a store file is replaced, that store too (an admin of it must agree).
    public static func restore(from backup: String, to target: String, replace: Bool, clock: Clock = Clock(),
                               signOn: (Store) throws -> ServiceContext) throws -> RestoreReport {
        guard !StoreLocation.isPostgres(backup) else { throw FieldError(.backupFile, "reason.backup.notFile") }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: backup, isDirectory: &isFolder), !isFolder.boolValue else {
            throw FieldError(.backupFile, "reason.backup.missing", texts: backup)
        }
        let source: Store
        do { source = try Store(path: backup, now: clock.now, readOnly: true) } catch let e as UserFacingError { throw e } catch {
            throw DomainError("error.backup.unreadable", texts: backup, Store.describe(error))
        }
        defer { try? source.close() }
        let ctx: ServiceContext
        do { ctx = try signOn(source) } catch let e as UserFacingError { throw e } catch {
            throw DomainError("error.backup.unreadable", texts: backup, Store.describe(error))
        }
        try ctx.require(.restoreStore)
        let shown = StoreLocation.shown(target)
        let onServer = StoreLocation.isPostgres(target)
        if onServer {
            if try Store.exists(at: target) { throw DomainError("error.restore.pgNotEmpty", texts: shown) }
        } else if FileManager.default.fileExists(atPath: target) {
            guard replace else { throw DomainError("error.restore.hasData", texts: target) }
            try agreeOnReplaced(target, clock, signOn)
        }
        let before = StoreCheckService.soundness(ctx)
        guard before.allOK, let counts = try? source.counts() else {
            return RestoreReport(from: backup, target: shown, before: before, after: [], written: false, replacedKeptAt: nil, counts: nil)
        }
        let entry = AuditEntry(action: "store.restore", entity: "store", after: AuditEntry.json(
            RestoreAudit(from: backup, rows: counts.total, auditSeq: counts.auditSeq, replaced: !onServer && FileManager.default.fileExists(atPath: target))))
        do {
            return onServer
                ? try intoDatabase(source, ctx, before, counts, target, entry, clock)
                : try intoFile(source, ctx, before, counts, target, entry, clock)
        } catch let e as UserFacingError { throw e } catch {
            throw DomainError("error.file.write", texts: shown, Store.describe(error))
        }
    }

    /// Replacing a store that can still be opened needs an admin of that store too (it may be a newer,
    /// different store than the backup's); one that cannot be opened any more is what a restore is for.
    private static func agreeOnReplaced(_ target: String, _ clock: Clock, _ signOn: (Store) throws -> ServiceContext) throws {
        guard let old = try? Store(path: target, now: clock.now) else { return }
        defer { try? old.close() }
        try signOn(old).require(.restoreStore)
    }

    /// Into a file: the backup copied beside the target, the restore's audit row appended, the copy checked,
    /// then renamed into the target's place (the replaced store kept beside it).
    private static func intoFile(_ source: Store, _ ctx: ServiceContext, _ before: [StoreCheckLine], _ counts: StoreCounts, _ target: String,
                                 _ entry: AuditEntry, _ clock: Clock) throws -> RestoreReport {
        let tmp = Store.siblingName(of: target, "restore")
        defer { Store.removeLeftovers(tmp) }
        try source.copyFile(to: tmp)
        let restored = try Store(path: tmp, now: clock.now)
        do {
            try restored.write(operator: ctx.session.operatorName) { _, audit in audit.append(entry) }
            try restored.close()
        } catch {
            try? restored.close()
            throw error
        }
        let (after, _) = try BackupService.verify(file: tmp, expected: counts.addingAudit(1), against: "out.check.against.backup", writable: true, ctx)
        guard after.allOK else {
            return RestoreReport(from: source.path, target: target, before: before, after: after,
                                 written: false, replacedKeptAt: nil, counts: nil)
        }
        let kept = try Store.install(tmp, at: target, stamp: clock.now())
        // The file now at the target is the one just checked: its rows once more, read from there.
        let (placed, final) = try BackupService.verify(file: target, expected: counts.addingAudit(1), against: "out.check.against.backup", writable: true, ctx)
        return RestoreReport(from: source.path, target: target, before: before, after: placed,
                             written: true, replacedKeptAt: kept, counts: final)
    }

    /// Into an empty database: the copy `store copy` makes (one transaction, COPY, sequences and audit
    /// head moved on, its own `store.copy` row), then the restore's row; checked as `check` checks a store.
    private static func intoDatabase(_ source: Store, _ ctx: ServiceContext, _ before: [StoreCheckLine], _ counts: StoreCounts, _ url: String,
                                     _ entry: AuditEntry, _ clock: Clock) throws -> RestoreReport {
        let target = try Store(path: url, now: clock.now)
        defer { try? target.close() }
        _ = try source.copy(to: target, operator: ctx.session.operatorName)
        try target.write(operator: ctx.session.operatorName) { _, audit in audit.append(entry) }
        let targetCtx = ServiceContext(store: target, policies: ctx.policies, clock: clock, session: ctx.session)
        let found = try target.counts()
        let after = StoreCheckService.soundness(targetCtx)
            + [StoreCheckService.rows(found, expected: counts.addingAudit(2), against: "out.check.against.backup")]
        return RestoreReport(from: source.path, target: target.path, before: before, after: after,
                             written: true, replacedKeptAt: nil, counts: found)
    }
}

/// The audit row of a restore, in the restored store: from which file, what it held.
struct RestoreAudit: Encodable {
    let from: String
    let rows: Int
    let auditSeq: Int64
    let replaced: Bool
}
