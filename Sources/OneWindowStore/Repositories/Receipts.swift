import GRDB
import OneWindowCore

/// Receipts (受理回执): one per visit, numbered by day.
public struct Receipts {
    let db: Database

    public func find(_ number: ReceiptNumber) throws -> Receipt? { try Receipt.fetchOne(db, key: number.value) }

    /// The next sequence number of the day's receipts.
    public func nextSequence(on date: CalendarDate) throws -> Int {
        (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM receipt WHERE submittedOn = ?", arguments: [date.description]) ?? 0) + 1
    }

    /// The receipts an operator filed on a day, in the day's order.
    public func filed(on date: CalendarDate, by name: String) throws -> [Receipt] {
        try Receipt.fetchAll(db, sql: "SELECT * FROM receipt WHERE submittedOn = ? AND submittedBy = ? ORDER BY receiptNo",
                             arguments: [date.description, name])
    }

    /// How many receipts the store holds.
    public func count() throws -> Int { try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM receipt") ?? 0 }

    public func insert(_ receipt: Receipt) throws { try receipt.insert(db) }
}

extension StoreTx { public var receipts: Receipts { Receipts(db: db) } }
