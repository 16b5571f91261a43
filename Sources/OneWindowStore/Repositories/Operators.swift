import GRDB
import OneWindowCore

/// The operators who sign on at the counter, with their role and password hash.
public struct Operators {
    let db: Database

    public func find(name: String) throws -> OperatorAccount? {
        try OperatorAccount.fetchOne(db, sql: "SELECT * FROM operator WHERE name = ?", arguments: [name])
    }

    /// Every operator, by name.
    public func all() throws -> [OperatorAccount] {
        try OperatorAccount.fetchAll(db, sql: "SELECT * FROM operator ORDER BY name")
    }

    /// Admins who may still sign on: the last one may not be demoted or disabled.
    public func activeAdminCount() throws -> Int {
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM operator WHERE role = ? AND disabled = ?",
                         arguments: [Role.admin.rawValue, false]) ?? 0
    }

    public func insert(_ account: inout OperatorAccount) throws { try account.insert(db) }

    public func update(_ account: OperatorAccount) throws { try account.update(db) }
}

extension StoreTx { public var operators: Operators { Operators(db: db) } }
