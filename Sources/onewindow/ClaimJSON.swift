import OneWindowCore
import OneWindowResources
import OneWindowService
import OneWindowStore

// JSON for scripts: amounts in integer fen, enums as their raw values, citizen IDs and accounts masked,
// rule texts rendered in the chosen language (they are explanations, not data to parse).

struct ReceiptJSON: Encodable {
    let receiptNo, submittedOn, submittedBy, citizenID, name: String
    /// Babies referred for resident medical insurance (出生一件事); 0 without a referral.
    let newborns: Int
    let training: Bool
    let totalFen: Int64
    let claims: [ClaimJSON]

    init(_ r: ReceiptView, _ s: StringTable) {
        receiptNo = r.receipt.receiptNo.value
        submittedOn = r.receipt.submittedOn
        submittedBy = r.receipt.submittedBy
        citizenID = r.person.citizen.masked
        name = r.person.name
        newborns = r.receipt.newborns
        training = r.training
        totalFen = r.total.fen
        claims = r.claims.map { ClaimJSON($0, s) }
    }
}

struct ClaimJSON: Encodable {
    struct Line: Encodable {
        let rule: String
        /// Days for a `days` line, fen for a `fen` line, else the figure the rule states (or 0).
        let amount: Int64
        let unit: String
        let confirmed: Bool
    }
    struct Flag: Encodable { let flag, detail: String }
    struct Bill: Encodable {
        let hospital, billNo, item: String
        let actualFen, paidFen: Int64
    }

    let id: Int64
    let receiptNo, kind, status, citizenID, name, eventDate, event, region: String
    let employer: String?
    let amountFen: Int64
    let allowanceDays: Int?
    let deferred: Bool
    let payableFrom: String?
    /// False only for a deferred claim whose contribution months are not reached yet.
    let payableNow: Bool
    let payee, payeeName, account: String
    let submittedBy, submittedOn: String
    let decidedBy, decidedOn, rejectReason, note: String?
    let flags: [Flag]
    let computation: [Line]
    let bills: [Bill]
    let payments: [PaymentJSON]

    init(_ v: ClaimView, _ s: StringTable) {
        let c = v.claim
        id = c.id ?? 0
        receiptNo = c.receiptNo.value
        kind = c.kind.rawValue
        status = c.status.rawValue
        citizenID = v.claimant.citizen.masked
        name = v.claimant.name
        eventDate = c.eventDate
        event = ClaimText.event(c.event, s)
        region = c.region
        employer = c.employerCode
        amountFen = c.amountFen
        allowanceDays = c.allowanceDays
        deferred = c.deferred
        payableFrom = c.payableFrom
        payableNow = v.payableNow
        payee = c.payee.rawValue
        payeeName = c.payeeName
        account = c.account.masked
        submittedBy = c.submittedBy
        submittedOn = c.submittedOn
        decidedBy = c.decidedBy
        decidedOn = c.decidedOn
        rejectReason = c.rejectReason?.rawValue
        note = c.note
        flags = c.flags.map { Flag(flag: $0.flag.rawValue, detail: s.render($0.detail)) }
        computation = c.computation.map { Line(rule: s.render($0.rule), amount: $0.amount, unit: $0.unit.rawValue, confirmed: $0.confirmed) }
        bills = v.bills.map { Bill(hospital: $0.hospital, billNo: $0.billNo, item: $0.item, actualFen: $0.actualFen, paidFen: $0.paidFen) }
        payments = v.payments.map { PaymentJSON($0) }
    }
}

struct PaymentJSON: Encodable {
    let id, claimID: Int64
    let status, payee, payeeName, account, createdOn: String
    let amountFen: Int64
    let paidOn, failedOn, failure: String?
    let reissueOf: Int64?
    /// Filled in listings (`payments list`), where the claim is not around the order.
    let receiptNo, kind, citizenID, name: String?

    init(_ o: PaymentOrder, listed: PaymentService.Listed? = nil) {
        id = o.id ?? 0
        claimID = o.claimID
        status = o.status.rawValue
        payee = o.payee.rawValue
        payeeName = o.payeeName
        account = o.account.masked
        createdOn = o.createdOn
        amountFen = o.amountFen
        paidOn = o.paidOn
        failedOn = o.failedOn
        failure = o.failure
        reissueOf = o.reissueOf
        receiptNo = listed?.claim.receiptNo.value
        kind = listed?.claim.kind.rawValue
        citizenID = listed?.claimant.citizen.masked
        name = listed?.claimant.name
    }
}

struct PaymentRunJSON: Encodable {
    let date: String
    let paid, failed, waiting: [Int64]
    let paidTotalFen: Int64
    let orders: [PaymentJSON]
}
