import OneWindowCore
import OneWindowStore

/// What a bank return file did: orders it returned now, orders already recorded as returned (a file imported
/// again), and orders the bank paid (nothing changes for them).
public struct ReturnsResult: Sendable, Equatable {
    public struct Order: Sendable, Equatable {
        public let orderID: Int64
        public let claimID: Int64
        public let amount: Money
        /// The bank's reason (returned orders): as the file says it now, or as it was recorded before.
        public let reason: String?
    }

    public var returned: [Order] = []
    public var alreadyReturned: [Order] = []
    public var succeeded: [Order] = []

    public var returnedTotal: Money { Self.total(returned) }
    public var alreadyReturnedTotal: Money { Self.total(alreadyReturned) }
    public var succeededTotal: Money { Self.total(succeeded) }
    /// Whether the import changed anything (a file imported again changes nothing).
    public var changed: Bool { !returned.isEmpty }

    static func total(_ orders: [Order]) -> Money { orders.reduce(.zero) { $0 + $1.amount } }
}

extension PaymentService {
    /// Reads a bank's return file (`BankReturnFile`: reference, status, reason[, amount]) and records every
    /// failed line as a bank return (`markReturned`: the order failed, its claim approved again, the ledger's
    /// reversal), all in one transaction, each audited. Every line is checked first, against the file's rules
    /// and against the orders: a bad line refuses the whole file, naming its line, and nothing is written.
    /// An order already recorded as returned counts as such (importing a file again changes nothing, and
    /// then nothing is written at all, not even an audit row); a success line changes nothing.
    public func importReturns(_ csvText: String) throws -> ReturnsResult {
        try ctx.require(.runPayments)
        let lines = try BankReturnFile.lines(csvText)
        let preview = try ctx.store.read { tx in try Self.plan(lines, tx) }
        guard preview.result.changed else { return preview.result }
        return try ctx.write { tx, audit in
            // Planned again inside the writing transaction: what another counter did meanwhile counts.
            let plan = try Self.plan(lines, tx)
            for (order, reason) in plan.toReturn {
                try Self.returned(order, reason: reason, on: ctx.clock.today, tx, &audit)
            }
            let r = plan.result
            audit.append(AuditEntry(action: "payment.returnsImport", entity: "payments", before: nil as String?,
                                    after: ["lines": String(lines.count), "returned": String(r.returned.count),
                                            "returnedFen": String(r.returnedTotal.fen), "alreadyReturned": String(r.alreadyReturned.count),
                                            "succeeded": String(r.succeeded.count)]))
            try LedgerFeed(tx, ctx).postStep(&audit, .orders)
            return r
        }
    }

    private struct ReturnsPlan {
        var result = ReturnsResult()
        var toReturn: [(PaymentOrder, String)] = []
    }

    /// Each line against its order, in the file's order; the first line that does not fit refuses the file.
    private static func plan(_ lines: [BankReturnLine], _ tx: StoreTx) throws -> ReturnsPlan {
        let orders = Dictionary(uniqueKeysWithValues: try tx.paymentOrders.find(ids: lines.map(\.orderID)).map { ($0.id!, $0) })
        var plan = ReturnsPlan()
        for l in lines {
            let ref = BankReference.of(l.orderID)
            guard let o = orders[l.orderID] else {
                throw BankReturnFile.error(l.line, .bankReference, Message("reason.bank.unknownOrder", texts: ref))
            }
            if let amount = l.amount, amount != o.amount {
                throw BankReturnFile.error(l.line, .amount, Message("reason.bank.amountDiffers", texts: amount.yuanText, ref, o.amount.yuanText))
            }
            // Paid by a run: still paid, or returned since. Pending orders and those bounced in the run were never sent.
            guard let paidOn = o.paidOn else {
                throw BankReturnFile.error(l.line, .bankReference, Message("reason.bank.notPaid", [.text(ref), .message(Message(o.status.messageKey))]))
            }
            let entry = ReturnsResult.Order(orderID: l.orderID, claimID: o.claimID, amount: o.amount, reason: l.failed ? l.reason : o.failure)
            switch (l.failed, o.status) {
            case (false, .paid):
                plan.result.succeeded.append(entry)
            case (true, .paid):
                plan.result.returned.append(entry)
                plan.toReturn.append((o, l.reason ?? ""))
            case (true, _):
                plan.result.alreadyReturned.append(ReturnsResult.Order(orderID: l.orderID, claimID: o.claimID, amount: o.amount, reason: o.failure))
            case (false, _):
                throw BankReturnFile.error(l.line, .bankStatus, Message("reason.bank.returnedBefore",
                                                                        texts: ref, paidOn, o.failedOn ?? "", o.failure ?? ""))
            }
        }
        return plan
    }
}
