import OneWindowCore
import OneWindowStore

/// Builds the statistics of a year from the counter's records, and reconciles every money figure with
/// the ledger postings of the same records (counts × amounts = postings), month by month.
public struct StatisticsService: Sendable {
    let ctx: ServiceContext
    public init(_ ctx: ServiceContext) { self.ctx = ctx }

    /// `catchingUp: false` when the caller has just caught the ledger up (one check, not two).
    public func year(_ year: Int, catchingUp: Bool = true) throws -> FundStatistics {
        try ctx.require(.viewFund)
        let current = ctx.clock.currentMonth
        guard let first = YearMonth(year: year, month: 1), year <= current.year, year >= 1900 else {
            throw FieldError(.year, "reason.stats.year", texts: String(year))
        }
        if catchingUp { try FundService(ctx).catchUp() }
        let last = min(YearMonth(year: year, month: 12)!, current)
        return try ctx.store.read { tx in
            let stats = tx.statistics
            let orders = try stats.paidOrders(from: CalendarDate(year: year, month: 1, day: 1)!, through: CalendarDate(year: year, month: 12, day: 31)!)
            let posted = try Self.postedByOrder(tx)
            let due = try stats.sumsByMonth(.contribution, from: first, through: last)
            let received = try stats.sumsByMonth(.contributionPayment, from: first, through: last)
            let charges = try Self.postedByRefMonth(tx, .contributionCharge, account: .receivable)
            let receipts = try Self.postedByRefMonth(tx, .contributionPayment, account: .bank)
            let months = (first...last).map { m -> FundStatistics.Month in
                var payments: [ClaimKind: FundStatistics.Payments] = [:]
                var postedPayments = Money.zero
                for o in orders {
                    if o.paidOn.yearMonth == m {
                        payments[o.kind, default: .init()].paidCount += 1
                        payments[o.kind, default: .init()].paid = payments[o.kind, default: .init()].paid + o.amount
                        postedPayments = postedPayments + (posted.paid[o.id] ?? .zero)
                    }
                    if o.returnedOn?.yearMonth == m {
                        payments[o.kind, default: .init()].returnedCount += 1
                        payments[o.kind, default: .init()].returned = payments[o.kind, default: .init()].returned + o.amount
                        postedPayments = postedPayments - (posted.returned[o.id] ?? .zero)
                    }
                }
                return FundStatistics.Month(month: m, payments: payments, postedPayments: postedPayments,
                                            contributionsDue: due[m] ?? .zero, contributionsPaid: received[m] ?? .zero,
                                            postedCharges: charges[m] ?? .zero, postedReceipts: receipts[m] ?? .zero)
            }
            return FundStatistics(
                year: year, months: months,
                claims: try stats.claimsByStatusAndRegion().compactMap { r in ClaimStatus(rawValue: r.status).map { ($0, r.region, r.count) } },
                cover: try stats.openCover().compactMap { r in
                    guard let s = Scheme(rawValue: r.scheme), let c = PersonCategory(rawValue: r.category) else { return nil }
                    return (s, c, r.count)
                },
                employeesWithoutMaternity: try stats.employeesWithoutMaternity())
        }
    }

    /// The maternity expenditure each order's payment and return posted, by order id.
    static func postedByOrder(_ tx: StoreTx) throws -> (paid: [Int64: Money], returned: [Int64: Money]) {
        func amounts(_ source: LedgerSource, debit: Bool) throws -> [Int64: Money] {
            var result: [Int64: Money] = [:]
            for e in try tx.ledger.entries(period: nil, source: source) {
                guard let id = Int64(e.ref) else { continue }
                let lines = e.lines.postings.filter { LedgerAccount.maternityExpense.contains($0.account) }
                result[id] = lines.reduce(.zero) { $0 + (debit ? $1.debit : $1.credit) }
            }
            return result
        }
        return (try amounts(.orderPaid, debit: true), try amounts(.orderReturned, debit: false))
    }

    /// What entries of `source` posted to `account` (debit side), by the month of the records they came from
    /// (the `/YYYY-MM` their reference ends in), whatever month they were posted into.
    static func postedByRefMonth(_ tx: StoreTx, _ source: LedgerSource, account: LedgerAccount) throws -> [YearMonth: Money] {
        var result: [YearMonth: Money] = [:]
        for e in try tx.ledger.entries(period: nil, source: source) {
            guard let m = LedgerFeed.refMonth(e.ref) else { continue }
            result[m] = (result[m] ?? .zero) + e.lines.postings.filter { $0.account == account }.reduce(.zero) { $0 + $1.debit }
        }
        return result
    }
}
