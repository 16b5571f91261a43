import OneWindowCore
import OneWindowStore

/// Operator administration (admin only): add, set role, reset password, disable.
public struct OperatorService: Sendable {
    let ctx: ServiceContext
    public init(_ ctx: ServiceContext) { self.ctx = ctx }

    public static func validName(_ raw: String) throws -> String {
        let name = raw.trimmingSpaces
        guard !name.isEmpty else { throw FieldError(.operatorName, "reason.required") }
        guard name.count <= 32, !name.contains(where: { $0.isWhitespace || $0 == ":" }) else {
            throw FieldError(.operatorName, "reason.operator.name")
        }
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
        try change(name, action: "operator.password") { $0.passwordHash = hash; $0.failedSignOns = 0 }
    }

    public func setDisabled(name: String, _ disabled: Bool) throws {
        try change(name, action: disabled ? "operator.disable" : "operator.enable") { $0.disabled = disabled }
    }

    public func list() throws -> [OperatorAccount] {
        try ctx.require(.manageOperators)
        return try ctx.store.read { tx in try tx.operators.all() }
    }

    private func change(_ name: String, action: String, _ edit: (inout OperatorAccount) -> Void) throws {
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
            audit.append(AuditEntry(action: action, entity: "operator:\(name)", before: before.audited, after: row.audited))
        }
    }
}
