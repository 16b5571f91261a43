import OneWindowCore
import OneWindowStore

/// One finding of the ledger check: what was checked, and whether it held.
public struct LedgerCheckLine: Sendable, Equatable {
    public let ok: Bool
    public let message: Message
}

extension FundService {
    /// Rebuilds what the ledger must hold from its own lines and from the counter's records, independently
    /// of how it was posted (TigerBeetle's auditor does the same): every entry balances, the trial balance
    /// nets to zero, each closed month's opening + movements = closing and follows the month before,
    /// reversals mirror their originals, postings equal the contribution lines, payments and paid orders
    /// they came from, and a transferred old fund stands at zero.
    public func check() throws -> [LedgerCheckLine] {
        try ctx.require(.viewFund)
        return try ctx.store.read { tx in
            var lines: [LedgerCheckLine] = []
            func add(_ ok: Bool, _ key: String, _ texts: String...) {
                lines.append(LedgerCheckLine(ok: ok, message: Message("ledger.check.\(key)", texts.map { .text($0) })))
            }
            var entries: [LedgerEntry] = []
            do {
                entries = try tx.ledger.entries(period: nil)
                add(true, "balanced", String(entries.count))
            } catch let e as DomainError {
                add(false, "unbalanced", e.message.description)
            }
            let marks = (Int64(try tx.meta.get(LedgerFeed.chargeMark) ?? "") ?? 0, Int64(try tx.meta.get(LedgerFeed.paymentMark) ?? "") ?? 0)
            let t = try tx.ledger.sourceTotals(chargeMark: marks.0, paymentMark: marks.1)
            add(t.net == 0, t.net == 0 ? "trial" : "trialOff", Money(fen: t.net).grouped)
            add(t.charged == t.chargePosted, "charges", Money(fen: t.charged).grouped, Money(fen: t.chargePosted).grouped)
            add(t.paid == t.paymentPosted, "payments", Money(fen: t.paid).grouped, Money(fen: t.paymentPosted).grouped)
            add(t.ordersPaid == t.orderPosted, "orders", Money(fen: t.ordersPaid).grouped, Money(fen: t.orderPosted).grouped)

            let byID = Dictionary(uniqueKeysWithValues: entries.map { ($0.id, $0) })
            let badReversals = entries.filter { e in
                guard let o = e.reversalOf else { return false }
                return byID[o].map { $0.lines.reversed != e.lines } ?? true
            }
            add(badReversals.isEmpty, "reversals", String(entries.filter { $0.reversalOf != nil }.count),
                badReversals.map { String($0.id) }.joined(separator: ","))

            var closedChecked = 0
            var closedOff: YearMonth?
            var previous: [LedgerAccount: Int64]?
            let moves = try tx.ledger.movements()
            var month = try tx.ledger.firstClosed()
            while let m = month, try tx.ledger.isClosed(m) {
                let kept = try tx.ledger.closedBalances(m)
                let rebuilt = Self.accountMonths(m, movements: moves)
                let keptByAccount = Dictionary(uniqueKeysWithValues: kept.map { ($0.account, $0) })
                let same = rebuilt.allSatisfy { r in
                    let k = keptByAccount[r.account]
                    return (k ?? AccountMonth(account: r.account, opening: .zero, debit: .zero, credit: .zero)) == r
                } && kept.allSatisfy { k in rebuilt.contains { $0.account == k.account } }
                let follows = previous.map { p in kept.allSatisfy { $0.opening.fen == p[$0.account, default: 0] } } ?? true
                if !same || !follows { closedOff = m; break }
                previous = Dictionary(uniqueKeysWithValues: kept.map { ($0.account, $0.closing.fen) })
                closedChecked += 1
                month = m.next
            }
            if let closedOff { add(false, "closedOff", closedOff.description) } else { add(true, "closed", String(closedChecked)) }

            if try tx.ledger.entry(.oldFundTransfer, ref: "transfer") != nil {
                let all = Self.accountMonths(moves.keys.max() ?? ctx.clock.currentMonth, movements: moves)
                let left = all.filter { $0.account.kind == .oldFund }.reduce(Int64(0)) { $0 + abs($1.closing.fen) }
                add(left == 0, "oldFund", Money(fen: left).grouped)
            }
            return lines
        }
    }
}
