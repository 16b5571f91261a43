import Foundation
import OneWindowCore
import OneWindowResources
import OneWindowStore

/// Creating a store, signing on, and opening the services for a signed-on operator.
public enum StoreSetup {
    public static func shippedPolicies() throws -> [RegionPolicy] { try BundledFiles.policies() }

    /// `onewindow init`: a new store with its first admin. Refuses to touch an existing store.
    public static func initialize(path: String, admin: String, password: String, region: String,
                                  mode: StoreMode = .live, clock: Clock = Clock()) throws -> Store {
        let name = try OperatorService.validName(admin)
        try OperatorService.validatePassword(password)
        let policies = PolicyBook(regions: try shippedPolicies())
        _ = try policies.policy(region)
        guard !(try Store.exists(at: path)) else { throw DomainError(StoreLocation.isPostgres(path) ? "error.store.pgExists" : "error.store.exists", texts: StoreLocation.shown(path)) }
        let store = try Store(path: path, now: clock.now)
        var row = OperatorAccount(name: name, role: .admin, passwordHash: try PasswordHasher.hash(password))
        try store.write(operator: name) { tx, audit in
            try tx.meta.set("mode", mode.rawValue)
            try tx.meta.set("region", region)
            try tx.operators.insert(&row)
            audit.append(AuditEntry(action: "store.init", entity: "store",
                                    after: AuditEntry.json(["mode": mode.rawValue, "region": region])))
            audit.append(AuditEntry(action: "operator.add", entity: "operator:\(name)", before: nil as String?,
                                    after: row.audited))
        }
        return store
    }

    /// Opens an existing store (never creates one: a typo in a path must not start an empty store).
    public static func open(path: String, clock: Clock = Clock()) throws -> Store {
        guard try Store.exists(at: path) else { throw DomainError(StoreLocation.isPostgres(path) ? "error.store.pgEmpty" : "error.store.missing", texts: StoreLocation.shown(path)) }
        return try Store(path: path, now: clock.now)
    }

    /// Checks the password; every failure is audited and counted. Returns the services' context.
    public static func signOn(store: Store, name: String, password: String, clock: Clock = Clock()) throws -> ServiceContext {
        let mode = StoreMode(rawValue: try store.meta("mode") ?? "live") ?? .live
        let op = try store.read { tx in try tx.operators.find(name: name) }
        // A read-only copy (an inspection) cannot record anything: the failure is refused all the same.
        guard var op, !op.disabled, PasswordHasher.verify(password, against: op.passwordHash) else {
            if !store.readOnly { try store.write(operator: name.isEmpty ? "-" : name) { tx, audit in
                if var known = try tx.operators.find(name: name) {
                    known.failedSignOns += 1
                    try tx.operators.update(known)
                }
                audit.append(AuditEntry(action: "signon.failed", entity: "operator:\(name)"))
            } }
            throw DomainError("error.signon.failed")
        }
        if op.failedSignOns > 0, !store.readOnly {
            try store.write(operator: op.name) { tx, audit in
                audit.append(AuditEntry(action: "signon.reset", entity: "operator:\(op.name)",
                                        before: AuditEntry.json(["failedSignOns": op.failedSignOns]), after: nil))
                op.failedSignOns = 0
                try tx.operators.update(op)
            }
        }
        let policies = try PolicyBook.load(store: store, shipped: shippedPolicies())
        return ServiceContext(store: store, policies: policies, clock: clock,
                              session: Session(operatorName: op.name, role: op.role, storeMode: mode,
                                               agencyRegion: try store.meta("region") ?? "national"))
    }
}
