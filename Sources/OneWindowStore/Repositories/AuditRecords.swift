import Foundation
import OneWindowCore

/// The audit log as rows, read-only (rows are appended only by `Store.write`).
public struct AuditRecords {
    let sql: any SQLExecutor

    /// Every row, oldest first.
    public func all() throws -> [AuditRecord] { try sql.fetchAll(AuditRecord.self, "SELECT * FROM audit ORDER BY seq") }

    /// The rows of one action, on one entity when given, oldest first.
    public func with(action: String, entity: String? = nil) throws -> [AuditRecord] {
        if let entity {
            return try sql.fetchAll(AuditRecord.self, "SELECT * FROM audit WHERE action = ? AND entity = ? ORDER BY seq",
                                    [.text(action), .text(entity)], cached: true)
        }
        return try sql.fetchAll(AuditRecord.self, "SELECT * FROM audit WHERE action = ? ORDER BY seq", [.text(action)], cached: true)
    }

    /// An operator's rows with one of `actions` between two instants (`from` included), oldest first.
    public func by(operator name: String, actions: [String], from: Date, to: Date) throws -> [AuditRecord] {
        guard !actions.isEmpty else { return [] }
        return try sql.fetchAll(AuditRecord.self, """
            SELECT * FROM audit WHERE operator = ? AND at >= ? AND at < ?
            AND action IN (\(IDList.marks(actions.count))) ORDER BY seq
            """, [.text(name), .text(AuditClock.text(from)), .text(AuditClock.text(to))] + actions.map(SQLValue.text))
    }

    /// Every operator's rows with one of `actions` between two instants (`from` included), oldest first (index `audit_at`).
    public func between(from: Date, to: Date, actions: [String]) throws -> [AuditRecord] {
        guard !actions.isEmpty else { return [] }
        return try sql.fetchAll(AuditRecord.self, """
            SELECT * FROM audit WHERE at >= ? AND at < ? AND action IN (\(IDList.marks(actions.count))) ORDER BY seq
            """, [.text(AuditClock.text(from)), .text(AuditClock.text(to))] + actions.map(SQLValue.text))
    }
}

extension StoreTx { public var auditRecords: AuditRecords { AuditRecords(sql: sql) } }
