import OneWindowCore

/// The operators who sign on at the counter, with their role and password hash.
public struct Operators {
    let sql: any SQLExecutor

    public func find(name: String) throws -> OperatorAccount? {
        try sql.fetchOne(OperatorAccount.self, "SELECT * FROM operator WHERE name = ?", [.text(name)], cached: true)
    }

    /// Every operator, by name.
    public func all() throws -> [OperatorAccount] {
        try sql.fetchAll(OperatorAccount.self, "SELECT * FROM operator ORDER BY name")
    }

    /// Admins who may still sign on: the last one may not be demoted or disabled.
    public func activeAdminCount() throws -> Int {
        try sql.scalar(Int.self, "SELECT COUNT(*) FROM operator WHERE role = ? AND disabled = ?",
                       [.text(Role.admin.rawValue), .bool(false)]) ?? 0
    }

    public func insert(_ account: inout OperatorAccount) throws { account.id = try sql.insertReturningID(account, into: "operator") }

    public func update(_ account: OperatorAccount) throws { try sql.update(account, table: "operator") }
}

extension StoreTx { public var operators: Operators { Operators(sql: sql) } }
