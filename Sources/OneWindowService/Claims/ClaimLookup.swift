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
        return try ctx.store.read { tx in
            guard let receipt = try tx.receipts.find(number) else {
                throw FieldError(.receipt, "reason.receipt.unknown", texts: number.value)
            }
            return try receiptView(receipt, tx)
        }
    }

    func receiptView(_ receipt: Receipt, _ tx: StoreTx) throws -> ReceiptView {
        let person = try tx.persons.find(id: receipt.personID)!
        return ReceiptView(receipt: receipt, person: person, claims: try views(tx.claims.on(receipt.receiptNo), tx),
                           training: ctx.session.storeMode == .training)
    }

    /// Every claim where the person claims or is the insured, any period, newest first.
    public func claims(of id: CitizenID) throws -> [ClaimView] {
        try ctx.require(.lookup)
        return try ctx.store.read { tx in try views(tx.claims.of(personID: RegistrationService.person(id, tx).id!), tx) }
    }

    public func claims(ofEmployer code: CreditCode) throws -> [ClaimView] {
        try ctx.require(.lookup)
        return try ctx.store.read { tx in
            _ = try RegistrationService.employer(code, tx)
            return try views(tx.claims.of(employer: code), tx)
        }
    }

    public func claim(_ id: Int64) throws -> ClaimView {
        try ctx.require(.lookup)
        return try ctx.store.read { tx in try views([ClaimService.claim(id, tx)], tx)[0] }
    }

    /// Claims awaiting a decision, oldest first, flags included.
    public func queue() throws -> [ClaimView] {
        try ctx.require(.lookup)
        return try ctx.store.read { tx in try views(tx.claims.awaitingDecision(), tx) }
    }

    func views(_ claims: [Claim], _ tx: StoreTx) throws -> [ClaimView] {
        let ids = claims.compactMap(\.id)
        let orders = Dictionary(grouping: try tx.paymentOrders.of(claimIDs: ids), by: \.claimID)
        let bills = Dictionary(grouping: try tx.claimBills.of(claimIDs: ids), by: \.claimID)
        var people: [Int64: Person] = [:]
        return try claims.map { c in
            let person = try people[c.personID] ?? tx.persons.find(id: c.personID)!
            people[c.personID] = person
            return ClaimView(claim: c, claimant: person, bills: bills[c.id!] ?? [], payments: orders[c.id!] ?? [],
                             payableNow: try Self.payableNow(c, ctx.policies, tx))
        }
    }

    /// A deferred claim becomes payable once the insured's continuous paid months reach the region's
    /// requirement with the run still reaching back over the event (the same check as at submission).
    static func payableNow(_ c: Claim, _ policies: PolicyBook, _ tx: StoreTx) throws -> Bool {
        guard c.deferred else { return true }
        let month = c.event.date.yearMonth
        let rules = try policies.period(c.region, month).eligibility
        let paid = try tx.contributions.settledMonths(personID: c.insuredID)
        let latest = paid.filter { $0 >= month }.max() ?? month
        return EligibilityChecker.reachesBack(endingAt: latest, over: month, paid: paid, rules: rules)
    }
}
