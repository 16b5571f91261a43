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
        if mode == .live { try store.keyAuditChain(operator: name) }
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
    /// A live store from before the audit chain was keyed is keyed now, once (`Store.keyAuditChain`).
    public static func open(path: String, clock: Clock = Clock()) throws -> Store {
        guard try Store.exists(at: path) else { throw DomainError(StoreLocation.isPostgres(path) ? "error.store.pgEmpty" : "error.store.missing", texts: StoreLocation.shown(path)) }
        let store = try Store(path: path, now: clock.now)
        if !store.readOnly, try store.meta("mode") != StoreMode.training.rawValue, !(try store.auditKeyed()) {
            try store.keyAuditChain(operator: "onewindow")
        }
        return store
    }
}
