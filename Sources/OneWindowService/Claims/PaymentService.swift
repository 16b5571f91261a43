import OneWindowCore
import OneWindowStore

/// Payment orders of approved claims, and the payment run that pays them (a supervisor's job).
public struct PaymentService: Sendable {
    let ctx: ServiceContext
    public init(_ ctx: ServiceContext) { self.ctx = ctx }

    public struct RunResult: Sendable, Equatable {
        public var paid: [Int64] = []
        public var failed: [Int64] = []
        /// Deferred claims whose contribution months are not reached yet: they stay pending.
        public var waiting: [Int64] = []
        public var paidTotal: Money = .zero
    }

    /// Pays every pending order on `date` (today or earlier), except those the bank returned (`returned`:
    /// order → the bank's reason), which are marked failed. One transaction, each order audited.
    public func run(on date: CalendarDate? = nil, returned: [Int64: String] = [:]) throws -> RunResult {
        try ctx.require(.runPayments)
        let date = date ?? ctx.clock.today
        guard date <= ctx.clock.today else { throw FieldError(.date, "reason.date.future", texts: date.description) }
        return try ctx.write { tx, audit in
            let pending = try tx.paymentOrders.pending()
            for id in returned.keys where !pending.contains(where: { $0.id == id }) {
                throw FieldError(.payment, "reason.payment.notPending", texts: String(id))
            }
            var result = RunResult()
            for var order in pending {
                var claim = try ClaimService.claim(order.claimID, tx)
                let before = order.audited
                if let why = returned[order.id!] {
                    order.status = .failed
                    order.failedOn = date.description
                    order.failure = why
                    result.failed.append(order.id!)
                } else if try !ClaimLookup.payableNow(claim, ctx.policies, tx) {
                    result.waiting.append(order.id!)
                    continue
                } else {
                    order.status = .paid
                    order.paidOn = date.description
                    result.paid.append(order.id!)
                    result.paidTotal = result.paidTotal + order.amount
                    let claimBefore = claim.audited
                    claim.status = .paid
                    try tx.claims.update(claim)
                    audit.append(AuditEntry(action: "claim.paid", entity: "claim:\(claim.id!)", before: claimBefore, after: claim.audited))
                }
                try tx.paymentOrders.update(order)
                audit.append(AuditEntry(action: "payment.run", entity: "payment:\(order.id!)", before: before, after: order.audited))
            }
            if audit.isEmpty {
                audit.append(AuditEntry(action: "payment.run", entity: "payments", after: AuditEntry.json(["date": date.description, "orders": "0"])))
            }
            try LedgerFeed(tx, ctx).postStep(&audit, .orders)
            return result
        }
    }

    /// The bank returned an order it had paid (closed account, wrong name): it becomes failed, the claim
    /// goes back to approved until a re-issue is paid.
    public func markReturned(_ id: Int64, reason: String, on date: CalendarDate? = nil) throws {
        try ctx.require(.runPayments)
        let reason = reason.trimmingSpaces
        guard !reason.isEmpty else { throw FieldError(.note, "reason.required") }
        try ctx.write { tx, audit in
            let order = try Self.order(id, tx)
            guard order.status == .paid else { throw FieldError(.payment, "reason.payment.notPaid", texts: String(id)) }
            try Self.returned(order, reason: reason, on: date ?? ctx.clock.today, tx, &audit)
            try LedgerFeed(tx, ctx).postStep(&audit, .orders)
        }
    }

    /// A paid order the bank sent back, inside the caller's transaction: the order failed with the bank's
    /// reason, its claim approved again, both audited. The caller runs the ledger feed (the reversal).
    static func returned(_ paid: PaymentOrder, reason: String, on date: CalendarDate, _ tx: StoreTx,
                         _ audit: inout [AuditEntry]) throws {
        var order = paid
        let before = order.audited
        order.status = .failed
        order.failedOn = date.description
        order.failure = reason
        try tx.paymentOrders.update(order)
        var claim = try ClaimService.claim(order.claimID, tx)
        let claimBefore = claim.audited
        claim.status = .approved
        try tx.claims.update(claim)
        audit.append(AuditEntry(action: "payment.returned", entity: "payment:\(order.id!)", before: before, after: order.audited))
        audit.append(AuditEntry(action: "claim.unpaid", entity: "claim:\(claim.id!)", before: claimBefore, after: claim.audited))
    }

    /// A new order for a failed one, to the same account or a corrected one. Returns the new order's id.
    @discardableResult
    public func reissue(_ id: Int64, account: BankAccount? = nil) throws -> Int64 {
        try ctx.require(.runPayments)
        return try ctx.write { tx, audit in
            let failed = try Self.order(id, tx)
            guard failed.status == .failed else { throw FieldError(.payment, "reason.payment.notFailed", texts: String(id)) }
            guard try !tx.paymentOrders.isReissued(id) else {
                throw FieldError(.payment, "reason.payment.reissued", texts: String(id))
            }
            let claim = try ClaimService.claim(failed.claimID, tx)
            var order = PaymentOrder(claim: claim, account: account ?? failed.account, createdOn: ctx.clock.today, reissueOf: id)
            try tx.paymentOrders.insert(&order)
            audit.append(AuditEntry(action: "payment.reissue", entity: "payment:\(order.id!)", before: failed.audited, after: order.audited))
            return order.id!
        }
    }

    public struct Listed: Sendable {
        public let order: PaymentOrder
        public let claim: Claim
        public let claimant: Person
    }

    /// Payment orders, newest first, optionally of one status or one person.
    public func list(status: PaymentStatus? = nil, person: CitizenID? = nil) throws -> [Listed] {
        try ctx.require(.lookup)
        return try ctx.store.read { tx in
            var claims: [Int64: Claim] = [:]
            var ofClaims: [Int64]?
            if let person {
                let pid = try RegistrationService.person(person, tx).id!
                let rows = try tx.claims.of(personID: pid)
                for c in rows { claims[c.id!] = c }
                ofClaims = rows.compactMap(\.id)
            }
            let orders = try tx.paymentOrders.list(status: status, claimIDs: ofClaims)
            // The orders' claims in one query (those not loaded above), their claimants once each.
            let missing = Set(orders.map(\.claimID)).subtracting(claims.keys)
            for c in try tx.claims.find(ids: Array(missing)) { claims[c.id!] = c }
            var persons: [Int64: Person] = [:]
            return try orders.map { o in
                guard let c = claims[o.claimID] else { throw FieldError(.claim, "reason.claim.unknown", texts: String(o.claimID)) }
                if persons[c.personID] == nil { persons[c.personID] = try tx.persons.find(id: c.personID)! }
                return Listed(order: o, claim: c, claimant: persons[c.personID]!)
            }
        }
    }

    /// One payment order with its claim and claimant (the CLI reports an order it just changed).
    public func order(_ id: Int64) throws -> Listed {
        try ctx.require(.lookup)
        return try ctx.store.read { tx in try Self.listed(Self.order(id, tx), tx) }
    }

    /// The payment orders with these ids, in order of id, in one query (ids with no order are left out).
    public func orders(_ ids: [Int64]) throws -> [PaymentOrder] {
        try ctx.require(.lookup)
        return try ctx.store.read { tx in try tx.paymentOrders.find(ids: ids) }
    }

    static func listed(_ o: PaymentOrder, _ tx: StoreTx) throws -> Listed {
        let c = try ClaimService.claim(o.claimID, tx)
        return Listed(order: o, claim: c, claimant: try tx.persons.find(id: c.personID)!)
    }

    static func order(_ id: Int64, _ tx: StoreTx) throws -> PaymentOrder {
        guard let o = try tx.paymentOrders.find(id: id) else { throw FieldError(.payment, "reason.payment.unknown", texts: String(id)) }
        return o
    }
}
