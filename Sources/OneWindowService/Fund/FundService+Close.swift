import OneWindowCore
import OneWindowStore

extension FundService {
    /// Closes `month` (a supervisor's job): whatever waits is posted first, the trial balance is checked
    /// (every entry balanced, all accounts netting to zero, this month's opening equal to the last close's
    /// closing), and every account's opening, movements and closing are kept. Months close in order, only
    /// once they have ended; nothing posts into a closed month afterwards.
    @discardableResult
    public func close(month: YearMonth) throws -> [AccountMonth] {
        try ctx.require(.manageFund)
        guard month < ctx.clock.currentMonth else { throw FieldError(.month, "reason.ledger.closeUnfinished", texts: month.description) }
        try catchUp()
        return try ctx.write { tx, audit in
            try LedgerFeed(tx, ctx).postStep(&audit)
            guard try !tx.ledger.isClosed(month) else { throw DomainError("error.ledger.alreadyClosed", texts: month.description) }
            let last = try tx.ledger.lastClosed()
            let first = try tx.ledger.firstPeriod()
            let expected = last?.next ?? min(first ?? month, month)
            guard month == expected else { throw FieldError(.month, "reason.ledger.closeOrder", texts: expected.description) }
            _ = try tx.ledger.entries(period: month)  // each entry re-checked to balance as it is read
            let balances = try Self.accountMonths(month, tx)
            guard balances.reduce(Int64(0), { $0 + $1.closing.fen }) == 0 else {
                throw DomainError("error.ledger.trialBalance", texts: month.description)
            }
            if let last {
                let before = Dictionary(uniqueKeysWithValues: try tx.ledger.closedBalances(last).map { ($0.account, $0.closing.fen) })
                for b in balances where b.opening.fen != before[b.account, default: 0] {
                    throw DomainError("error.ledger.openingMismatch", texts: month.description, b.account.rawValue)
                }
            }
            try tx.ledger.close(month, on: ctx.clock.today, by: ctx.session.operatorName, balances: balances)
            audit.append(AuditEntry(action: "ledger.close", entity: "ledger:\(month)", before: nil as String?,
                                    after: Dictionary(uniqueKeysWithValues: balances.map { ($0.account.rawValue, String($0.closing.fen)) })))
            return balances
        }
    }

    /// Every account that ever moved, with its opening, debits, credits of `month` (closing derived).
    static func accountMonths(_ month: YearMonth, _ tx: StoreTx) throws -> [AccountMonth] {
        accountMonths(month, movements: try tx.ledger.movements(through: month))
    }

    static func accountMonths(_ month: YearMonth, movements: [YearMonth: [LedgerAccount: (debit: Int64, credit: Int64)]]) -> [AccountMonth] {
        var opening: [LedgerAccount: Int64] = [:]
        for (m, accounts) in movements where m < month {
            for (a, v) in accounts { opening[a, default: 0] += v.debit - v.credit }
        }
        let now = movements[month] ?? [:]
        return Set(opening.keys).union(now.keys).sorted().map { a in
            AccountMonth(account: a, opening: Money(fen: opening[a] ?? 0),
                         debit: Money(fen: now[a]?.debit ?? 0), credit: Money(fen: now[a]?.credit ?? 0))
        }
    }
}
