import OneWindowCore
import OneWindowStore

/// Operator administration (admin only): add, set role, reset password, disable.
public struct OperatorService: Sendable {
    let ctx: ServiceContext
    public init(_ ctx: ServiceContext) { self.ctx = ctx }

    public static func validName(_ raw: String) throws -> String {
        let name = raw.trimmingSpaces
        guard !name.isEmpty else { throw FieldError(.operatorName, "reason.required") }
        guard OperatorName.isValid(name) else { throw FieldError(.operatorName, "reason.operator.name", texts: String(OperatorName.maxLength)) }
        return name
    }

    public static func validatePassword(_ password: String) throws {
        guard password.count >= 8 else { throw FieldError(.password, "reason.password.short") }
    }

    public func add(name raw: String, role: Role, password: String) throws {
        try ctx.require(.manageOperators)
        let name = try Self.validName(raw)
        try Self.validatePassword(password)
        var row = OperatorAccount(name: name, role: role, passwordHash: try PasswordHasher.hash(password))
        try ctx.write { tx, audit in
            guard try tx.operators.find(name: name) == nil else {
                throw FieldError(.operatorName, "reason.operator.exists", texts: name)
            }
            try tx.operators.insert(&row)
            audit.append(AuditEntry(action: "operator.add", entity: "operator:\(name)", before: nil as String?, after: row.audited))
        }
    }

    public func setRole(name: String, role: Role) throws {
        try change(name, action: "operator.role") { $0.role = role }
    }

    public func resetPassword(name: String, password: String) throws {
        try Self.validatePassword(password)
        let hash = try PasswordHasher.hash(password)
        try change(name, action: "operator.password") { $0.passwordHash = hash; $0.failedSignOns = 0; $0.lockedUntil = nil }
    }

    /// Lifts a sign-on lock at once (the operator proved who they are to the admin); the count starts again.
    public func unlock(name: String) throws {
        try change(name, action: "operator.unlock", snapshot: { $0.lockState }) { $0.failedSignOns = 0; $0.lockedUntil = nil }
    }

    public func setDisabled(name: String, _ disabled: Bool) throws {
        try change(name, action: disabled ? "operator.disable" : "operator.enable") { $0.disabled = disabled }
    }

    public func list() throws -> [OperatorAccount] {
        try ctx.require(.manageOperators)
        return try ctx.store.read { tx in try tx.operators.all() }
    }

    private func change(_ name: String, action: String, snapshot: (OperatorAccount) -> [String: String] = { $0.audited },
                        _ edit: (inout OperatorAccount) -> Void) throws {
        try ctx.require(.manageOperators)
        try ctx.write { tx, audit in
            guard var row = try tx.operators.find(name: name) else {
                throw FieldError(.operatorName, "reason.operator.unknown", texts: name)
            }
            // An admin cannot lock the store out of administration by demoting or disabling the last admin.
            let before = row
            edit(&row)
            if before.role == .admin, row.role != .admin || row.disabled {
                if try tx.operators.activeAdminCount() <= 1 { throw DomainError("error.operator.lastAdmin") }
            }
            try tx.operators.update(row)
            audit.append(AuditEntry(action: action, entity: "operator:\(name)", before: snapshot(before), after: snapshot(row)))
        }
    }
}
