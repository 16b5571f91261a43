import OneWindowCore

/// Receipts (受理回执): one per visit, numbered by day.
public struct Receipts {
    let sql: any SQLExecutor

    public func find(_ number: ReceiptNumber) throws -> Receipt? {
        try sql.fetchOne(Receipt.self, "SELECT * FROM receipt WHERE receiptNo = ?", [.text(number.value)], cached: true)
    }

    /// The next sequence number of the day's receipts.
    public func nextSequence(on date: CalendarDate) throws -> Int {
        (try sql.scalar(Int.self, "SELECT COUNT(*) FROM receipt WHERE submittedOn = ?", [.text(date.description)], cached: true) ?? 0) + 1
    }

    /// The receipts an operator filed on a day, in the day's order.
    public func filed(on date: CalendarDate, by name: String) throws -> [Receipt] {
        try sql.fetchAll(Receipt.self, "SELECT * FROM receipt WHERE submittedOn = ? AND submittedBy = ? ORDER BY receiptNo",
                         [.text(date.description), .text(name)], cached: true)
    }

    /// How many receipts the store holds.
    public func count() throws -> Int { try sql.scalar(Int.self, "SELECT COUNT(*) FROM receipt") ?? 0 }

    public func insert(_ receipt: Receipt) throws { try sql.insert(receipt, into: "receipt") }
}

extension StoreTx { public var receipts: Receipts { Receipts(sql: sql) } }
