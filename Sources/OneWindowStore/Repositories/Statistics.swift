import OneWindowCore

/// Counts and sums for the statistics (统计信息): payment orders with their claims, claims by state,
/// cover, and contributions per month. Dates are compared as YYYY-MM-DD texts, which both engines order.
public struct Statistics {
    let sql: any SQLExecutor

    /// A payment order the bank paid, with what the statistics need of its claim.
    public struct PaidOrder: Sendable, Equatable {
        public let id: Int64
        public let kind: ClaimKind
        public let amount: Money
        public let paidOn: CalendarDate
        /// When the bank returned it, if it did.
        public let returnedOn: CalendarDate?
    }

    /// Orders paid between the dates, and orders paid earlier that were returned between them.
    public func paidOrders(from: CalendarDate, through: CalendarDate) throws -> [PaidOrder] {
        try sql.rows("""
            SELECT o.id AS id, c.kind AS kind, o.amountFen AS amount, o.paidOn AS paidOn, o.failedOn AS failedOn, o.status AS status
            FROM paymentOrder o JOIN claim c ON c.id = o.claimID
            WHERE o.paidOn IS NOT NULL AND ((o.paidOn >= ? AND o.paidOn <= ?) OR (o.status = 'failed' AND o.failedOn >= ? AND o.failedOn <= ?))
            ORDER BY o.id
            """, [.text(from.description), .text(through.description), .text(from.description), .text(through.description)]).map { row in
            guard let kind = ClaimKind(rawValue: try row.decode("kind")) else { throw SQLStoreError("unknown claim kind") }
            let returned = try row.decode("status", as: String.self) == PaymentStatus.failed.rawValue
            return PaidOrder(id: try row.decode("id"), kind: kind, amount: Money(fen: try row.decode("amount")),
                             paidOn: try CalendarDate.parse(row.decode("paidOn")),
                             returnedOn: returned ? try CalendarDate.parse(row.decode("failedOn")) : nil)
        }
    }

    /// Claims per state and region (the claim's region), now.
    public func claimsByStatusAndRegion() throws -> [(status: String, region: String, count: Int)] {
        try sql.rows("SELECT status, region, COUNT(*) AS n FROM claim GROUP BY status, region ORDER BY status, region").map {
            (try $0.decode("status"), try $0.decode("region"), try $0.decode("n"))
        }
    }

    /// Persons with an open period, per scheme and category.
    public func openCover() throws -> [(scheme: String, category: String, count: Int)] {
        try sql.rows("SELECT scheme, category, COUNT(*) AS n FROM enrolment WHERE toMonth IS NULL GROUP BY scheme, category ORDER BY scheme, category").map {
            (try $0.decode("scheme"), try $0.decode("category"), try $0.decode("n"))
        }
    }

    /// In-service employees with open medical cover and no open maternity cover (应保尽保 expects none).
    public func employeesWithoutMaternity() throws -> Int {
        try sql.scalar(Int.self, """
            SELECT COUNT(*) FROM enrolment m WHERE m.scheme = 'medical' AND m.toMonth IS NULL AND m.category = 'employee'
            AND NOT EXISTS (SELECT 1 FROM enrolment t WHERE t.personID = m.personID AND t.scheme = 'maternity' AND t.toMonth IS NULL)
            """) ?? 0
    }

    /// Sum of `amountFen` per month of `table` (contribution or contributionPayment) between the months.
    public func sumsByMonth(_ table: ContributionTable, from: YearMonth, through: YearMonth) throws -> [YearMonth: Money] {
        var result: [YearMonth: Money] = [:]
        try sql.forEachRow("SELECT month, SUM(amountFen) AS total FROM \(table.rawValue) WHERE month >= ? AND month <= ? GROUP BY month",
                           [.text(from.description), .text(through.description)], cached: false) { row in
            result[try YearMonth.parse(row.decode("month"))] = Money(fen: try row.decode("total"))
        }
        return result
    }

    public enum ContributionTable: String, Sendable { case contribution, contributionPayment }
}

extension StoreTx { public var statistics: Statistics { Statistics(sql: sql) } }
