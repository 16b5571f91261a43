import Foundation
import GRDB
import OneWindowCore

/// The audit log as rows, read-only (rows are appended only by `Store.write`).
public struct AuditRecords {
    let db: Database

    /// Every row, oldest first.
    public func all() throws -> [AuditRecord] { try AuditRecord.fetchAll(db, sql: "SELECT * FROM audit ORDER BY seq") }

    /// The rows of one action, on one entity when given, oldest first.
    public func with(action: String, entity: String? = nil) throws -> [AuditRecord] {
        if let entity {
            return try AuditRecord.fetchAll(db, sql: "SELECT * FROM audit WHERE action = ? AND entity = ? ORDER BY seq",
                                            arguments: [action, entity])
        }
        return try AuditRecord.fetchAll(db, sql: "SELECT * FROM audit WHERE action = ? ORDER BY seq", arguments: [action])
    }

    /// An operator's rows with one of `actions` between two instants (`from` included), oldest first.
    public func by(operator name: String, actions: [String], from: Date, to: Date) throws -> [AuditRecord] {
        guard !actions.isEmpty else { return [] }
        var arguments: StatementArguments = [name, AuditClock.text(from), AuditClock.text(to)]
        arguments += StatementArguments(actions)
        return try AuditRecord.fetchAll(db, sql: """
            SELECT * FROM audit WHERE operator = ? AND at >= ? AND at < ?
            AND action IN (\(IDList.marks(actions.count))) ORDER BY seq
            """, arguments: arguments)
    }
}

extension StoreTx { public var auditRecords: AuditRecords { AuditRecords(db: db) } }
