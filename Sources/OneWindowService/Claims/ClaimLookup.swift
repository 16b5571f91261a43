import GRDB
import OneWindowCore
import OneWindowStore

/// A claim as screens and the CLI show it: the row, who claims, its bills and payment orders.
public struct ClaimView: Sendable {
    public let claim: Claim
    public let claimant: Person
    public let bills: [ClaimBill]
    public let payments: [PaymentOrder]
    /// For a deferred claim: whether the contribution months are reached now (always true otherwise).
    public let payableNow: Bool

    /// The order the bank is working on or paid: the newest one.
    public var latestPayment: PaymentOrder? { payments.last }
}

/// One receipt (受理回执): everything filed in one visit.
public struct ReceiptView: Sendable {
    public let receipt: Receipt
    public let person: Person
    public let claims: [ClaimView]
    /// A training store's receipt is marked TRAINING — NOT VALID wherever it is shown or printed.
    public let training: Bool
    public var total: Money { claims.reduce(.zero) { $0 + $1.claim.amount } }
}

/// Lookups of claims and payments: by person, receipt, employer, and the supervisor's queue.
public struct ClaimLookup: Sendable {
    let ctx: ServiceContext
    public init(_ ctx: ServiceContext) { self.ctx = ctx }

    public func receiptView(_ number: ReceiptNumber) throws -> ReceiptView {
        try ctx.require(.lookup)
        return try ctx.store.legacyRead { db in
            guard let receipt = try Receipt.fetchOne(db, key: number.value) else {
                throw FieldError(.receipt, "reason.receipt.unknown", texts: number.value)
            }
            return try receiptView(receipt, db)
        }
    }

    func receiptView(_ receipt: Receipt, _ db: Database) throws -> ReceiptView {
        let person = try Person.fetchOne(db, key: receipt.personID)!
        return ReceiptView(receipt: receipt, person: person, claims: try views(Claim.on(receipt.receiptNo, db), db),
                           training: ctx.session.storeMode == .training)
    }

    /// Every claim where the person claims or is the insured, any period, newest first.
    public func claims(of id: CitizenID) throws -> [ClaimView] {
        try ctx.require(.lookup)
        return try ctx.store.legacyRead { db in try views(Claim.of(personID: RegistrationService.person(id, db).id!, db), db) }
    }

    public func claims(ofEmployer code: CreditCode) throws -> [ClaimView] {
        try ctx.require(.lookup)
        return try ctx.store.legacyRead { db in
            _ = try RegistrationService.employer(code, db)
            return try views(Claim.of(employer: code, db), db)
        }
    }

    public func claim(_ id: Int64) throws -> ClaimView {
        try ctx.require(.lookup)
        return try ctx.store.legacyRead { db in try views([ClaimService.claim(id, db)], db)[0] }
    }

    /// Claims awaiting a decision, oldest first, flags included.
    public func queue() throws -> [ClaimView] {
        try ctx.require(.lookup)
        return try ctx.store.legacyRead { db in try views(Claim.awaitingDecision(db), db) }
    }

    func views(_ claims: [Claim], _ db: Database) throws -> [ClaimView] {
        let ids = claims.compactMap(\.id)
        let orders = Dictionary(grouping: try PaymentOrder.of(claimIDs: ids, db), by: \.claimID)
        let bills = Dictionary(grouping: try ClaimBill.filter(ids.contains(Column("claimID"))).order(Column("id")).fetchAll(db), by: \.claimID)
        var people: [Int64: Person] = [:]
        return try claims.map { c in
            let person = try people[c.personID] ?? Person.fetchOne(db, key: c.personID)!
            people[c.personID] = person
            return ClaimView(claim: c, claimant: person, bills: bills[c.id!] ?? [], payments: orders[c.id!] ?? [],
                             payableNow: try Self.payableNow(c, ctx.policies, db))
        }
    }

    /// A deferred claim becomes payable once the insured's continuous paid months reach the region's
    /// requirement with the run still reaching back over the event (the same check as at submission).
    static func payableNow(_ c: Claim, _ policies: PolicyBook, _ db: Database) throws -> Bool {
        guard c.deferred else { return true }
        let month = c.event.date.yearMonth
        let rules = try policies.period(c.region, month).eligibility
        let paid = try ContributionCharge.settledMonths(personID: c.insuredID, db)
        let latest = paid.filter { $0 >= month }.max() ?? month
        return EligibilityChecker.reachesBack(endingAt: latest, over: month, paid: paid, rules: rules)
    }
}
