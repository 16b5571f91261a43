import OneWindowCore
import OneWindowStore

/// Posts what the counter recorded and the ledger has not posted yet, inside the caller's transaction:
/// contribution lines charged and payments received (by id ranges after a watermark kept in `meta`, in
/// the same transaction), payment orders paid, and paid orders the bank returned (as reversals of their
/// payment). Idempotent: each source posts once, whoever runs the feed and however often.
struct LedgerFeed {
    let tx: StoreTx
    let policies: PolicyBook
    let region: String
    let today: CalendarDate
    let postedBy: String

    /// Contribution lines or payments one step reads at most: a step stays a short transaction.
    static let step = 50_000
    static let chargeMark = "ledgerFeed.contributionAfter"
    static let paymentMark = "ledgerFeed.paymentAfter"

    init(_ tx: StoreTx, _ ctx: ServiceContext) {
        self.tx = tx
        policies = ctx.policies
        region = ctx.session.agencyRegion
        today = ctx.clock.today
        postedBy = ctx.session.operatorName
    }

    /// What a step looks at: a write posts what it made (a month-run chunk its lines, not every order
    /// again); a catch-up looks at everything.
    struct Sources: OptionSet {
        let rawValue: Int
        static let charges = Sources(rawValue: 1), payments = Sources(rawValue: 2), orders = Sources(rawValue: 4)
        static let all: Sources = [.charges, .payments, .orders]
    }

    /// One bounded step; the ids of the entries it posted (empty when nothing was pending). Audited in `audit`.
    @discardableResult
    func postStep(_ audit: inout [AuditEntry], _ sources: Sources = .all) throws -> [Int64] {
        var posted: [Int64] = []
        let chargesAfter = try mark(Self.chargeMark)
        if sources.contains(.charges), let (last, sums) = try tx.ledger.chargeSums(afterID: chargesAfter, limit: Self.step) {
            for (month, lines) in Dictionary(grouping: sums, by: \.month).sorted(by: { $0.key < $1.key }) {
                let maternityLine = (try? policies.period(region, month).contribution.maternityIncomeLine.value) ?? false
                let journal = try FundPostings.charge(lines.map { ($0.item, $0.amount, $0.maternity) }, maternityLine: maternityLine)
                posted.append(try post(month, .contributionCharge, ref: Self.rangeRef(chargesAfter + 1, last, month), journal,
                                       memo: "contribution \(chargesAfter + 1)-\(last) \(month)"))
            }
            try tx.meta.set(Self.chargeMark, String(last))
        }
        let paymentsAfter = try mark(Self.paymentMark)
        if sources.contains(.payments), let (last, sums) = try tx.ledger.paymentSums(afterID: paymentsAfter, limit: Self.step) {
            for s in sums {
                posted.append(try post(s.month, .contributionPayment, ref: Self.rangeRef(paymentsAfter + 1, last, s.month),
                                       try FundPostings.payment(s.amount), memo: "contributionPayment \(paymentsAfter + 1)-\(last) \(s.month)"))
            }
            try tx.meta.set(Self.paymentMark, String(last))
        }
        for order in sources.contains(.orders) ? try tx.ledger.unpostedOrders(limit: Self.step) : [] {
            let paid = try FundPostings.orderPaid(allowance: order.allowance, order.amount)
            var paidEntry = order.paidEntry
            if paidEntry == nil {
                paidEntry = try post(order.paidOn.yearMonth, .orderPaid, ref: String(order.id), paid,
                                     memo: "payment \(order.id) claim \(order.claimID)")
                posted.append(paidEntry!)
            }
            if let returnedOn = order.returnedOn {
                posted.append(try post(returnedOn.yearMonth, .orderReturned, ref: String(order.id), paid.reversed,
                                       memo: "returned \(order.id): \(order.returnReason ?? "")", reversalOf: paidEntry))
            }
        }
        if !posted.isEmpty {
            audit.append(AuditEntry(action: "ledger.post", entity: "ledger", before: nil as String?,
                                    after: ["entries": posted.count, "first": Int(posted.min()!), "last": Int(posted.max()!)]))
        }
        return posted
    }

    /// Whether anything waits to be posted.
    func hasPending() throws -> Bool {
        try tx.ledger.chargeSums(afterID: try mark(Self.chargeMark), limit: 1) != nil
            || tx.ledger.paymentSums(afterID: try mark(Self.paymentMark), limit: 1) != nil
            || !tx.ledger.unpostedOrders(limit: 1).isEmpty
    }

    func post(_ month: YearMonth, _ source: LedgerSource, ref: String, _ lines: JournalLines, memo: String,
              document: String? = nil, reversalOf: Int64? = nil) throws -> Int64 {
        try tx.ledger.post(period: try Self.openPeriod(for: month, tx), postedOn: today, source: source, ref: ref,
                           document: document, memo: memo, reversalOf: reversalOf, postedBy: postedBy, lines: lines)
    }

    /// A range posting's reference: the record ids it covers and the month they belong to, `1-500/2026-03`.
    static func rangeRef(_ first: Int64, _ last: Int64, _ month: YearMonth) -> String { "\(first)-\(last)/\(month)" }

    /// The month a range reference names (whatever month the entry was posted into).
    static func refMonth(_ ref: String) -> YearMonth? {
        ref.lastIndex(of: "/").flatMap { try? YearMonth.parse(String(ref[ref.index(after: $0)...])) }
    }

    private func mark(_ key: String) throws -> Int64 { Int64(try tx.meta.get(key) ?? "") ?? 0 }

    /// A record of a closed month posts into the first open month after the last closed one: a closed
    /// month's books never change (Fineract ACCOUNTING_CLOSED).
    static func openPeriod(for month: YearMonth, _ tx: StoreTx) throws -> YearMonth {
        guard let closed = try tx.ledger.lastClosed(), month <= closed else { return month }
        return closed.next
    }
}
