import OneWindowCore
import OneWindowStore

/// A signed-on operator on one store. Every service call checks its permission here, so a role is
/// enforced whatever the UI shows or hides.
public struct Session: Sendable {
    public let operatorName: String
    public let role: Role
    public let storeMode: StoreMode
    /// The agency's own region: the default for people who register without an employer.
    public let agencyRegion: String

    public init(operatorName: String, role: Role, storeMode: StoreMode, agencyRegion: String) {
        self.operatorName = operatorName
        self.role = role
        self.storeMode = storeMode
        self.agencyRegion = agencyRegion
    }

    public func allows(_ p: Permission) -> Bool {
        // Trainees never act on a live store, whatever the permission (training mode, POS practice).
        if role == .trainee, storeMode != .training { return false }
        return role.allows(p)
    }
}

/// What every service holds: the store, the region rules, the clock and who is acting.
public struct ServiceContext: Sendable {
    public let store: Store
    public let policies: PolicyBook
    public let clock: Clock
    public let session: Session

    public init(store: Store, policies: PolicyBook, clock: Clock, session: Session) {
        self.store = store
        self.policies = policies
        self.clock = clock
        self.session = session
    }

    /// Refuses, and records the refusal in the audit log, when the operator lacks `permission`
    /// (a read-only copy records nothing: it refuses all the same).
    public func require(_ permission: Permission) throws {
        guard !session.allows(permission) else { return }
        if !store.readOnly { try store.write(operator: session.operatorName) { _, audit in
            audit.append(AuditEntry(action: "denied", entity: "permission:\(permission.rawValue)",
                                    after: AuditEntry.json(["role": session.role.rawValue])))
        } }
        throw DomainError(Message("error.role.denied", [.message(Message(session.role.messageKey)),
                                                         .message(Message("permission.\(permission.rawValue)"))]))
    }

    /// Runs an audited write as the signed-on operator.
    func write<T>(_ body: (StoreTx, inout [AuditEntry]) throws -> T) throws -> T {
        try store.write(operator: session.operatorName, body)
    }
}
