import OneWindowCore

/// Payment orders of approved claims, with their bank outcome.
public struct PaymentOrders {
    let sql: any SQLExecutor

    public func find(id: Int64) throws -> PaymentOrder? {
        try sql.fetchOne(PaymentOrder.self, "SELECT * FROM paymentOrder WHERE id = ?", [.int64(id)], cached: true)
    }

    /// The orders with these ids, by id (ids with no order are left out).
    public func find(ids: [Int64]) throws -> [PaymentOrder] {
        try IDList.chunked(ids) { marks, chunk in
            try sql.fetchAll(PaymentOrder.self, "SELECT * FROM paymentOrder WHERE id IN (\(marks)) ORDER BY id", chunk.map(SQLValue.int64))
        }
    }

    /// The orders of these claims, by id.
    public func of(claimIDs: [Int64]) throws -> [PaymentOrder] {
        guard !claimIDs.isEmpty else { return [] }
        return try sql.fetchAll(PaymentOrder.self,
                                "SELECT * FROM paymentOrder WHERE claimID IN (\(IDList.marks(claimIDs.count))) ORDER BY id",
                                claimIDs.map(SQLValue.int64))
    }

    /// Orders newest first, only those of one status and of some claims when given.
    public func list(status: PaymentStatus? = nil, claimIDs: [Int64]? = nil) throws -> [PaymentOrder] {
        var conditions: [String] = []
        var arguments: [SQLValue] = []
        if let status {
            conditions.append("status = ?")
            arguments.append(.text(status.rawValue))
        }
        if let claimIDs {
            guard !claimIDs.isEmpty else { return [] }
            conditions.append("claimID IN (\(IDList.marks(claimIDs.count)))")
            arguments += claimIDs.map(SQLValue.int64)
        }
        let filter = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        return try sql.fetchAll(PaymentOrder.self, "SELECT * FROM paymentOrder\(filter) ORDER BY id DESC", arguments)
    }

    /// Orders waiting for the payment run, oldest first.
    public func pending() throws -> [PaymentOrder] {
        try sql.fetchAll(PaymentOrder.self, "SELECT * FROM paymentOrder WHERE status = ? ORDER BY id",
                         [.text(PaymentStatus.pending.rawValue)], cached: true)
    }

    /// The orders a payment run paid on a date, by id: those still paid and those the bank returned since.
    public func paid(on date: CalendarDate) throws -> [PaymentOrder] {
        try sql.fetchAll(PaymentOrder.self, "SELECT * FROM paymentOrder WHERE paidOn = ? ORDER BY id", [.text(date.description)])
    }

    /// Whether a failed order was already re-issued.
    public func isReissued(_ id: Int64) throws -> Bool {
        try sql.scalar(Int.self, "SELECT COUNT(*) FROM paymentOrder WHERE reissueOf = ?", [.int64(id)], cached: true) != 0
    }

    /// Stores a new order and sets its id.
    public func insert(_ order: inout PaymentOrder) throws { order.id = try sql.insertReturningID(order, into: "paymentOrder") }

    /// Stores a changed order (paid, failed).
    public func update(_ order: PaymentOrder) throws { try sql.update(order, table: "paymentOrder") }
}

extension StoreTx { public var paymentOrders: PaymentOrders { PaymentOrders(sql: sql) } }
