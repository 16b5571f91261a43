import Foundation

// A claim as filed at the counter, its bills and its payment orders.
// `event`, `computation` and `flags` are Core's Codable types, validated again when read back.

public struct Receipt: Codable, Sendable, Equatable {
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

public struct Claim: Codable, Sendable, Equatable {
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

    public var amount: Money { Money(fen: amountFen) }

    /// What the audit log keeps of a claim: its state, never the full account number.
    public var audited: [String: String] {
        ["id": String(id ?? 0), "receipt": receiptNo.value, "kind": kind.rawValue, "status": status.rawValue,
         "amountFen": String(amountFen), "account": account.masked, "decidedBy": decidedBy ?? "",
         "rejectReason": rejectReason?.rawValue ?? "", "note": note ?? ""]
    }
}

public struct ClaimBill: Codable, Sendable, Equatable {
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
}

public struct PaymentOrder: Codable, Sendable, Equatable {
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

    public init(claim: Claim, account: BankAccount, createdOn: CalendarDate, reissueOf: Int64? = nil) {
        self.claimID = claim.id!
        self.payee = claim.payee
        self.payeeName = claim.payeeName
        self.account = account
        self.amountFen = claim.amountFen
        self.status = .pending
        self.createdOn = createdOn.description
        self.reissueOf = reissueOf
    }

    public var amount: Money { Money(fen: amountFen) }

    public var audited: [String: String] {
        ["id": String(id ?? 0), "claim": String(claimID), "status": status.rawValue, "amountFen": String(amountFen),
         "account": account.masked, "paidOn": paidOn ?? "", "failedOn": failedOn ?? "", "failure": failure ?? "",
         "reissueOf": reissueOf.map(String.init) ?? ""]
    }
}
