import GRDB
import OneWindowCore

/// Payment orders of approved claims, with their bank outcome.
public struct PaymentOrders {
    let db: Database

    public func find(id: Int64) throws -> PaymentOrder? { try PaymentOrder.fetchOne(db, key: id) }

    /// The orders with these ids, by id (ids with no order are left out).
    public func find(ids: [Int64]) throws -> [PaymentOrder] {
        try IDList.chunked(ids) { marks, chunk in
            try PaymentOrder.fetchAll(db, sql: "SELECT * FROM paymentOrder WHERE id IN (\(marks)) ORDER BY id",
                                      arguments: StatementArguments(chunk))
        }
    }

    /// The orders of these claims, by id.
    public func of(claimIDs: [Int64]) throws -> [PaymentOrder] {
        guard !claimIDs.isEmpty else { return [] }
        return try PaymentOrder.fetchAll(db, sql: "SELECT * FROM paymentOrder WHERE claimID IN (\(IDList.marks(claimIDs.count))) ORDER BY id",
                                         arguments: StatementArguments(claimIDs))
    }

    /// Orders newest first, only those of one status and of some claims when given.
    public func list(status: PaymentStatus? = nil, claimIDs: [Int64]? = nil) throws -> [PaymentOrder] {
        var conditions: [String] = []
        var arguments = StatementArguments()
        if let status {
            conditions.append("status = ?")
            arguments += [status.rawValue]
        }
        if let claimIDs {
            guard !claimIDs.isEmpty else { return [] }
            conditions.append("claimID IN (\(IDList.marks(claimIDs.count)))")
            arguments += StatementArguments(claimIDs)
        }
        let filter = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        return try PaymentOrder.fetchAll(db, sql: "SELECT * FROM paymentOrder\(filter) ORDER BY id DESC", arguments: arguments)
    }

    /// Orders waiting for the payment run, oldest first.
    public func pending() throws -> [PaymentOrder] {
        try PaymentOrder.fetchAll(db, sql: "SELECT * FROM paymentOrder WHERE status = ? ORDER BY id",
                                  arguments: [PaymentStatus.pending.rawValue])
    }

    /// Whether a failed order was already re-issued.
    public func isReissued(_ id: Int64) throws -> Bool {
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM paymentOrder WHERE reissueOf = ?", arguments: [id]) != 0
    }

    /// Stores a new order and sets its id.
    public func insert(_ order: inout PaymentOrder) throws { try order.insert(db) }

    /// Stores a changed order (paid, failed).
    public func update(_ order: PaymentOrder) throws { try order.update(db) }
}

extension StoreTx { public var paymentOrders: PaymentOrders { PaymentOrders(db: db) } }
