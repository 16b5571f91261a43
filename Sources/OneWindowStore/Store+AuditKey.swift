import Foundation
import OneWindowCore

// The audit chain from outside: verifying it (against a kept anchor too), its head, and keying it.

extension Store {
    public func verifyAudit(anchor: AuditAnchor? = nil) throws -> AuditVerification {
        try read { tx in try AuditLog.verify(tx, keys: auditKeys.key, anchor: anchor) }
    }

    /// The newest audit row's seq and hash (nil on a store without rows).
    public func auditAnchor() throws -> AuditAnchor? { try read { tx in try AuditLog.anchor(tx) } }

    /// Whether this store's chain is keyed (a new live store is; an older one is from its next opening on).
    public func auditKeyed() throws -> Bool { try read { tx in try AuditKeying.read(tx) != nil } }

    /// Starts keying the chain: a new key file, then in one transaction the store names it and the
    /// `audit.key` row (the first keyed one) goes in. Another counter that keyed the store first wins:
    /// this one's file is removed and nothing is written.
    public func keyAuditChain(operator op: String) throws {
        let key = try AuditKey.create()
        auditKeys.add(key)
        do {
            try write(operator: op) { tx, audit in
                guard try AuditKeying.read(tx) == nil else { throw AlreadyKeyed() }
                let next = (try tx.sql.scalar(Int64.self, "SELECT MAX(seq) FROM audit") ?? 0) + 1
                try tx.meta.set("audit.keyID", key.id)
                try tx.meta.set("audit.keyedFrom", String(max(next, try issuedAuditSeq(tx) + 1)))
                audit.append(AuditEntry(action: AuditLog.keyAction, entity: "store", after: AuditEntry.json(["keyID": key.id])))
            }
        } catch is AlreadyKeyed {
            try? FileManager.default.removeItem(atPath: AuditKey.file(id: key.id))
        }
    }

    private func issuedAuditSeq(_ tx: StoreTx) throws -> Int64 {
        switch tx.engine {
        case .sqlite: try tx.sql.scalar(Int64.self, "SELECT seq FROM sqlite_sequence WHERE name = 'audit'") ?? 0
        case .postgres: try tx.sql.scalar(Int64.self, "SELECT seq FROM audit_head WHERE id = 1") ?? 0
        }
    }

    private struct AlreadyKeyed: Error {}
}

/// The keys this process has read, by id: a key file is read once, at the first write that needs it.
final class AuditKeyCache: @unchecked Sendable {
    private let lock = NSLock()
    private var keys: [String: AuditKey] = [:]

    func key(_ id: String) -> AuditKey? {
        lock.lock()
        defer { lock.unlock() }
        if let k = keys[id] { return k }
        let k = AuditKey.load(id: id)
        keys[id] = k
        return k
    }

    func add(_ key: AuditKey) {
        lock.lock()
        keys[key.id] = key
        lock.unlock()
    }
}
