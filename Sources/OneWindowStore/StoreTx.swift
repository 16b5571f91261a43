import GRDB

/// One transaction (or one read) on the store, as the services see it: the repositories of the
/// aggregates they work on. Which engine is behind it stays inside this target.
public struct StoreTx {
    let db: Database

    init(_ db: Database) { self.db = db }

    /// Transitional: the GRDB handle, while the services move onto the repositories. Removed once none uses it.
    public var legacyDB: Database { db }
}

extension Store {
    /// Transitional twins of `write` and `read` handing out the GRDB handle, while the services move
    /// onto the repositories. Removed once none uses them.
    public func legacyWrite<T>(operator op: String, _ body: (Database, inout [AuditEntry]) throws -> T) throws -> T {
        try write(operator: op) { tx, audit in try body(tx.db, &audit) }
    }

    public func legacyRead<T>(_ body: (Database) throws -> T) throws -> T {
        try read { tx in try body(tx.db) }
    }
}
