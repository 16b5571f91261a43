import OneWindowCore

/// What the counter recorded that the ledger has not posted yet. Contribution lines and payments are
/// read by id ranges after a watermark (ids only grow, and every write transaction takes its turn, so a
/// committed id is never below one already read); payment orders one by one.
extension Ledger {
    /// Sums per month and item of the next contribution lines after `afterID` (at most `limit` lines),
    /// and the last id they cover; nil when there is none.
    public func chargeSums(afterID: Int64, limit: Int) throws -> (lastID: Int64, sums: [ChargeSum])? {
        guard let last = try rangeEnd("contribution", afterID: afterID, limit: limit) else { return nil }
        let sums = try sql.rows("""
            SELECT month, item, SUM(amountFen) AS amount, SUM(maternityFen) AS maternity FROM contribution
            WHERE id > ? AND id <= ? GROUP BY month, item ORDER BY month, item
            """, [.int64(afterID), .int64(last)]).map { row in
            guard let item = ContributionItem(rawValue: try row.decode("item")) else {
                throw SQLStoreError("unknown contribution item \(try row.decode("item", as: String.self))")
            }
            return ChargeSum(month: try YearMonth.parse(row.decode("month")), item: item,
                      amount: Money(fen: try row.decode("amount")), maternity: Money(fen: try row.decode("maternity")))
        }
        return (last, sums)
    }

    /// Sums per month of the next contribution payments after `afterID` (at most `limit`), and the last id.
    public func paymentSums(afterID: Int64, limit: Int) throws -> (lastID: Int64, sums: [(month: YearMonth, amount: Money)])? {
        guard let last = try rangeEnd("contributionPayment", afterID: afterID, limit: limit) else { return nil }
        let sums = try sql.rows("""
            SELECT month, SUM(amountFen) AS amount FROM contributionPayment WHERE id > ? AND id <= ? GROUP BY month ORDER BY month
            """, [.int64(afterID), .int64(last)]).map { row in
            (month: try YearMonth.parse(row.decode("month")), amount: Money(fen: try row.decode("amount")))
        }
        return (last, sums)
    }

    private func rangeEnd(_ table: String, afterID: Int64, limit: Int) throws -> Int64? {
        try sql.scalar(Int64.self, "SELECT MAX(id) FROM (SELECT id FROM \(table) WHERE id > ? ORDER BY id LIMIT ?) AS next",
                       [.int64(afterID), .int64(Int64(limit))], cached: true)
    }

    /// Orders the bank paid whose payment is not posted, and paid orders it returned whose return is not
    /// posted, oldest first, at most `limit`.
    public func unpostedOrders(limit: Int) throws -> [OrderToPost] {
        let paid = "(SELECT e.id FROM ledgerEntry e WHERE e.sourceKind = 'orderPaid' AND e.sourceRef = CAST(o.id AS TEXT))"
        let returned = "(SELECT e.id FROM ledgerEntry e WHERE e.sourceKind = 'orderReturned' AND e.sourceRef = CAST(o.id AS TEXT))"
        return try sql.rows("""
            SELECT o.id AS id, o.amountFen AS amount, o.paidOn AS paidOn, o.failedOn AS failedOn, o.failure AS failure,
                   o.status AS status, c.kind AS kind, c.id AS claimID, \(paid) AS paidEntry
            FROM paymentOrder o JOIN claim c ON c.id = o.claimID
            WHERE o.paidOn IS NOT NULL AND (\(paid) IS NULL OR (o.status = 'failed' AND \(returned) IS NULL))
            ORDER BY o.id LIMIT ?
            """, [.int64(Int64(limit))]).map { row in
            let returned = try row.decode("status", as: String.self) == "failed"
            return OrderToPost(id: try row.decode("id"), claimID: try row.decode("claimID"),
                               allowance: try row.decode("kind", as: String.self) == "allowance",
                               amount: Money(fen: try row.decode("amount")), paidOn: try CalendarDate.parse(row.decode("paidOn")),
                               returnedOn: returned ? try CalendarDate.parse(row.decode("failedOn")) : nil,
                               returnReason: try row.decode("failure"), paidEntry: try row.decode("paidEntry"))
        }
    }
}

/// Contribution lines of one month and item, summed.
public struct ChargeSum: Sendable, Equatable {
    public let month: YearMonth
    public let item: ContributionItem
    public let amount: Money
    public let maternity: Money
}

/// A payment order the ledger still has to post (its payment, its return, or both).
public struct OrderToPost: Sendable, Equatable {
    public let id: Int64
    public let claimID: Int64
    public let allowance: Bool
    public let amount: Money
    public let paidOn: CalendarDate
    public let returnedOn: CalendarDate?
    public let returnReason: String?
    /// The entry that posted the payment, when only the return is missing.
    public let paidEntry: Int64?
}

/// Totals an independent check compares: what the sources hold against what the ledger posted from them.
public struct LedgerSourceTotals: Sendable, Equatable {
    /// Contribution lines up to the watermark, and the receivable debits posted from them.
    public let charged: Int64, chargePosted: Int64
    /// Payments up to the watermark, and the bank debits posted from them.
    public let paid: Int64, paymentPosted: Int64
    /// Orders standing paid, and expenditure posted from orders net of returns.
    public let ordersPaid: Int64, orderPosted: Int64
    /// Sum of every line's debit minus credit (zero when the ledger balances), and the number of lines.
    public let net: Int64, lines: Int
}

extension Ledger {
    public func sourceTotals(chargeMark: Int64, paymentMark: Int64) throws -> LedgerSourceTotals {
        func sum(_ query: String, _ args: [SQLValue] = []) throws -> Int64 { try sql.scalar(Int64.self, query, args) ?? 0 }
        func posted(_ source: String, _ account: String, _ side: String) throws -> Int64 {
            try sum("""
                SELECT SUM(l.\(side)) FROM ledgerLine l JOIN ledgerEntry e ON e.id = l.entryID
                WHERE e.sourceKind = ? AND l.account = ?
                """, [.text(source), .text(account)])
        }
        let expense = ["expense.maternityAllowance", "expense.maternityMedical"]
        var orderPosted: Int64 = 0
        for a in expense {
            orderPosted += try posted("orderPaid", a, "debitFen") - posted("orderReturned", a, "creditFen")
        }
        return LedgerSourceTotals(
            charged: try sum("SELECT SUM(amountFen) FROM contribution WHERE id <= ?", [.int64(chargeMark)]),
            chargePosted: try posted("contributionCharge", "asset.receivable", "debitFen"),
            paid: try sum("SELECT SUM(amountFen) FROM contributionPayment WHERE id <= ?", [.int64(paymentMark)]),
            paymentPosted: try posted("contributionPayment", "asset.bank", "debitFen"),
            ordersPaid: try sum("SELECT SUM(amountFen) FROM paymentOrder WHERE status = 'paid'"),
            orderPosted: orderPosted,
            net: try sum("SELECT SUM(debitFen) - SUM(creditFen) FROM ledgerLine"),
            lines: Int(try sum("SELECT COUNT(*) FROM ledgerLine")))
    }
}
