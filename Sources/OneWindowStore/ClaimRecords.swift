import Foundation
import GRDB
import OneWindowCore

// Rows of migration 004-claims. JSON columns (event, computation, flags) hold Core's Codable types,
// which validate again when read back.

public struct ReceiptRow: Codable, FetchableRecord, PersistableRecord, Sendable, Equatable {
    public static let databaseTableName = "receipt"
    public var receiptNo: ReceiptNumber
    public var personID: Int64
    public var submittedOn: String
    public var submittedBy: String
    /// Babies referred for resident medical insurance (出生一件事); 0 when the receipt has no birth.
    public var newborns: Int

    public init(receiptNo: ReceiptNumber, personID: Int64, submittedOn: CalendarDate, submittedBy: String, newborns: Int) {
        self.receiptNo = receiptNo
        self.personID = personID
        self.submittedOn = submittedOn.description
        self.submittedBy = submittedBy
        self.newborns = newborns
    }
}

public struct ClaimRow: Codable, FetchableRecord, MutablePersistableRecord, Sendable, Equatable {
    public static let databaseTableName = "claim"
    public var id: Int64?
    public var receiptNo: ReceiptNumber
    public var kind: ClaimKind
    /// Who claims; `insuredID` is whose insurance pays (differs for an unemployed spouse).
    public var personID: Int64
    public var insuredID: Int64
    public var employerCode: String?
    public var region: String
    public var eventDate: String
    public var event: MaternityEvent
    public var allowanceDays: Int?
    public var amountFen: Int64
    public var computation: [ComputationLine]
    public var flags: [RiskFlagHit]
    /// Accepted before the contribution months were reached: paid once they are (payableFrom if known).
    public var deferred: Bool
    public var payableFrom: String?
    public var payee: Payee
    public var payeeName: String
    public var account: BankAccount
    public var status: ClaimStatus
    public var submittedBy: String
    public var submittedOn: String
    public var decidedBy: String?
    public var decidedOn: String?
    public var rejectReason: RejectReason?
    public var note: String?

    public init(receiptNo: ReceiptNumber, kind: ClaimKind, personID: Int64, insuredID: Int64, employerCode: String?,
                region: String, event: MaternityEvent, allowanceDays: Int?, amount: Money, computation: [ComputationLine],
                flags: [RiskFlagHit], deferred: Bool, payableFrom: YearMonth?, payee: Payee, payeeName: String,
                account: BankAccount, submittedBy: String, submittedOn: CalendarDate) {
        self.receiptNo = receiptNo
        self.kind = kind
        self.personID = personID
        self.insuredID = insuredID
        self.employerCode = employerCode
        self.region = region
        self.eventDate = event.date.description
        self.event = event
        self.allowanceDays = allowanceDays
        self.amountFen = amount.fen
        self.computation = computation
        self.flags = flags
        self.deferred = deferred
        self.payableFrom = payableFrom?.description
        self.payee = payee
        self.payeeName = payeeName
        self.account = account
        self.status = .submitted
        self.submittedBy = submittedBy
        self.submittedOn = submittedOn.description
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    public var amount: Money { Money(fen: amountFen) }

    /// What the audit log keeps of a claim: its state, never the full account number.
    public var audited: [String: String] {
        ["id": String(id ?? 0), "receipt": receiptNo.value, "kind": kind.rawValue, "status": status.rawValue,
         "amountFen": String(amountFen), "account": account.masked, "decidedBy": decidedBy ?? "",
         "rejectReason": rejectReason?.rawValue ?? "", "note": note ?? ""]
    }
}

public struct ClaimBillRow: Codable, FetchableRecord, MutablePersistableRecord, Sendable, Equatable {
    public static let databaseTableName = "claimBill"
    public var id: Int64?
    public var claimID: Int64
    public var hospital: String
    public var billNo: String
    public var item: String
    public var actualFen: Int64
    public var paidFen: Int64

    public init(claimID: Int64, bill: MedicalBill, paid: Money) {
        self.claimID = claimID
        self.hospital = bill.hospital
        self.billNo = bill.billNo
        self.item = bill.item.code
        self.actualFen = bill.actual.fen
        self.paidFen = paid.fen
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

public struct PaymentOrderRow: Codable, FetchableRecord, MutablePersistableRecord, Sendable, Equatable {
    public static let databaseTableName = "paymentOrder"
    public var id: Int64?
    public var claimID: Int64
    public var payee: Payee
    public var payeeName: String
    public var account: BankAccount
    public var amountFen: Int64
    public var status: PaymentStatus
    public var createdOn: String
    public var paidOn: String?
    public var failedOn: String?
    public var failure: String?
    public var reissueOf: Int64?

    public init(claim: ClaimRow, account: BankAccount, createdOn: CalendarDate, reissueOf: Int64? = nil) {
        self.claimID = claim.id!
        self.payee = claim.payee
        self.payeeName = claim.payeeName
        self.account = account
        self.amountFen = claim.amountFen
        self.status = .pending
        self.createdOn = createdOn.description
        self.reissueOf = reissueOf
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    public var amount: Money { Money(fen: amountFen) }

    public var audited: [String: String] {
        ["id": String(id ?? 0), "claim": String(claimID), "status": status.rawValue, "amountFen": String(amountFen),
         "account": account.masked, "paidOn": paidOn ?? "", "failedOn": failedOn ?? "", "failure": failure ?? "",
         "reissueOf": reissueOf.map(String.init) ?? ""]
    }
}

extension ClaimRow {
    /// Claims where the person is the claimant or the insured, newest first.
    public static func of(personID: Int64, _ db: Database) throws -> [ClaimRow] {
        try ClaimRow.filter(Column("personID") == personID || Column("insuredID") == personID)
            .order(Column("id").desc).fetchAll(db)
    }

    public static func on(_ receipt: ReceiptNumber, _ db: Database) throws -> [ClaimRow] {
        try ClaimRow.filter(Column("receiptNo") == receipt.value).order(Column("id")).fetchAll(db)
    }

    public static func of(employer code: CreditCode, _ db: Database) throws -> [ClaimRow] {
        try ClaimRow.filter(Column("employerCode") == code.value).order(Column("id").desc).fetchAll(db)
    }

    /// The supervisor's queue: claims awaiting a decision, oldest first.
    public static func awaitingDecision(_ db: Database) throws -> [ClaimRow] {
        try ClaimRow.filter(Column("status") == ClaimStatus.submitted.rawValue).order(Column("id")).fetchAll(db)
    }

    /// Live claims of other persons that name `account`.
    public static func sharing(_ account: BankAccount, notPerson personID: Int64, _ db: Database) throws -> [ClaimRow] {
        try ClaimRow.filter(Column("account") == account.value && Column("personID") != personID
                            && !ClaimStatus.ended.map(\.rawValue).contains(Column("status")))
            .fetchAll(db)
    }
}

extension ClaimBillRow {
    /// The bill on a live counter claim, if it was already claimed.
    public static func liveClaim(hospital: String, billNo: String, _ db: Database) throws -> ClaimRow? {
        let ended = ClaimStatus.ended.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        return try ClaimRow.fetchOne(db, sql: """
            SELECT c.* FROM claimBill b JOIN claim c ON c.id = b.claimID
            WHERE b.hospital = ? AND b.billNo = ? AND c.status NOT IN (\(ended)) LIMIT 1
            """, arguments: [hospital, billNo])
    }
}

extension PaymentOrderRow {
    public static func of(claimIDs: [Int64], _ db: Database) throws -> [PaymentOrderRow] {
        try PaymentOrderRow.filter(claimIDs.contains(Column("claimID"))).order(Column("id")).fetchAll(db)
    }
}

extension ReceiptRow {
    /// The next sequence number of the day's receipts.
    public static func nextSequence(on date: CalendarDate, _ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM receipt WHERE submittedOn = ?", arguments: [date.description])! + 1
    }
}

extension DirectSettlementRow {
    /// The bill as a designated hospital settled it directly with the fund, if it did.
    public static func find(hospital: String, billNo: String, _ db: Database) throws -> DirectSettlementRow? {
        try DirectSettlementRow.filter(Column("hospital") == hospital && Column("billNo") == billNo).fetchOne(db)
    }
}

extension ClaimRow {
    /// Claims back at the counter for documents, oldest first; only those `submittedBy` took, when given.
    public static func returned(submittedBy: String?, _ db: Database) throws -> [ClaimRow] {
        var q = ClaimRow.filter(Column("status") == ClaimStatus.returned.rawValue)
        if let submittedBy { q = q.filter(Column("submittedBy") == submittedBy) }
        return try q.order(Column("id")).fetchAll(db)
    }
}

extension ReceiptRow {
    /// The receipts an operator filed on a day, in the day's order.
    public static func filed(on date: CalendarDate, by name: String, _ db: Database) throws -> [ReceiptRow] {
        try ReceiptRow.filter(Column("submittedOn") == date.description && Column("submittedBy") == name)
            .order(Column("receiptNo")).fetchAll(db)
    }
}

extension AuditRow {
    /// An operator's audit rows with one of `actions` between two instants (`from` included), oldest first.
    public static func by(operator name: String, actions: [String], from: Date, to: Date, _ db: Database) throws -> [AuditRow] {
        try AuditRow.fetchAll(db, sql: """
            SELECT * FROM audit WHERE operator = ? AND at >= ? AND at < ?
            AND action IN (\(Array(repeating: "?", count: actions.count).joined(separator: ", "))) ORDER BY seq
            """, arguments: StatementArguments([name, AuditClock.text(from), AuditClock.text(to)] + actions))
    }
}
