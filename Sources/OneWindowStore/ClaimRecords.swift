import Foundation
import GRDB
import OneWindowCore

// Rows of migration 004-claims. JSON columns (event, computation, flags) hold Core's Codable types,
// which validate again when read back.

extension Claim {
    /// Claims where the person is the claimant or the insured, newest first.
    public static func of(personID: Int64, _ db: Database) throws -> [Claim] {
        try Claim.filter(Column("personID") == personID || Column("insuredID") == personID)
            .order(Column("id").desc).fetchAll(db)
    }

    public static func on(_ receipt: ReceiptNumber, _ db: Database) throws -> [Claim] {
        try Claim.filter(Column("receiptNo") == receipt.value).order(Column("id")).fetchAll(db)
    }

    public static func of(employer code: CreditCode, _ db: Database) throws -> [Claim] {
        try Claim.filter(Column("employerCode") == code.value).order(Column("id").desc).fetchAll(db)
    }

    /// The supervisor's queue: claims awaiting a decision, oldest first.
    public static func awaitingDecision(_ db: Database) throws -> [Claim] {
        try Claim.filter(Column("status") == ClaimStatus.submitted.rawValue).order(Column("id")).fetchAll(db)
    }

    /// Live claims of other persons that name `account`.
    public static func sharing(_ account: BankAccount, notPerson personID: Int64, _ db: Database) throws -> [Claim] {
        try Claim.filter(Column("account") == account.value && Column("personID") != personID
                            && !ClaimStatus.ended.map(\.rawValue).contains(Column("status")))
            .fetchAll(db)
    }
}

extension ClaimBill {
    /// The bill on a live counter claim, if it was already claimed.
    public static func liveClaim(hospital: String, billNo: String, _ db: Database) throws -> Claim? {
        let ended = ClaimStatus.ended.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        return try Claim.fetchOne(db, sql: """
            SELECT c.* FROM claimBill b JOIN claim c ON c.id = b.claimID
            WHERE b.hospital = ? AND b.billNo = ? AND c.status NOT IN (\(ended)) LIMIT 1
            """, arguments: [hospital, billNo])
    }
}

extension PaymentOrder {
    public static func of(claimIDs: [Int64], _ db: Database) throws -> [PaymentOrder] {
        try PaymentOrder.filter(claimIDs.contains(Column("claimID"))).order(Column("id")).fetchAll(db)
    }
}

extension Receipt {
    /// The next sequence number of the day's receipts.
    public static func nextSequence(on date: CalendarDate, _ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM receipt WHERE submittedOn = ?", arguments: [date.description])! + 1
    }
}

extension DirectSettlement {
    /// The bill as a designated hospital settled it directly with the fund, if it did.
    public static func find(hospital: String, billNo: String, _ db: Database) throws -> DirectSettlement? {
        try DirectSettlement.filter(Column("hospital") == hospital && Column("billNo") == billNo).fetchOne(db)
    }
}

extension Claim {
    /// Claims back at the counter for documents, oldest first; only those `submittedBy` took, when given.
    public static func returned(submittedBy: String?, _ db: Database) throws -> [Claim] {
        var q = Claim.filter(Column("status") == ClaimStatus.returned.rawValue)
        if let submittedBy { q = q.filter(Column("submittedBy") == submittedBy) }
        return try q.order(Column("id")).fetchAll(db)
    }
}

extension Receipt {
    /// The receipts an operator filed on a day, in the day's order.
    public static func filed(on date: CalendarDate, by name: String, _ db: Database) throws -> [Receipt] {
        try Receipt.filter(Column("submittedOn") == date.description && Column("submittedBy") == name)
            .order(Column("receiptNo")).fetchAll(db)
    }
}

extension AuditRecord {
    /// An operator's audit rows with one of `actions` between two instants (`from` included), oldest first.
    public static func by(operator name: String, actions: [String], from: Date, to: Date, _ db: Database) throws -> [AuditRecord] {
        try AuditRecord.fetchAll(db, sql: """
            SELECT * FROM audit WHERE operator = ? AND at >= ? AND at < ?
            AND action IN (\(Array(repeating: "?", count: actions.count).joined(separator: ", "))) ORDER BY seq
            """, arguments: StatementArguments([name, AuditClock.text(from), AuditClock.text(to)] + actions))
    }
}
