import Foundation
import OneWindowCore

/// A counter day (日结): what each operator filed that day, and the day's sign-off.
public struct CounterDays {
    let sql: any SQLExecutor

    /// Receipts filed on the day, per operator (index `receipt_day`).
    public func receipts(on day: CalendarDate) throws -> [String: Int] {
        var result: [String: Int] = [:]
        try sql.forEachRow("SELECT submittedBy, COUNT(*) AS n FROM receipt WHERE submittedOn = ? GROUP BY submittedBy",
                           [.text(day.description)], cached: false) { row in
            result[try row.decode("submittedBy", as: String.self)] = try row.decode("n", as: Int.self)
        }
        return result
    }

    /// Claims filed on the day, per operator: how many, and their computed amounts (found through the day's receipts).
    public func claims(on day: CalendarDate) throws -> [String: (count: Int, amount: Money)] {
        var result: [String: (count: Int, amount: Money)] = [:]
        try sql.forEachRow("""
            SELECT c.submittedBy AS submittedBy, COUNT(*) AS n, SUM(c.amountFen) AS total
            FROM receipt r JOIN claim c ON c.receiptNo = r.receiptNo
            WHERE r.submittedOn = ? AND c.submittedOn = ? GROUP BY c.submittedBy
            """, [.text(day.description), .text(day.description)], cached: false) { row in
            let count: Int = try row.decode("n")
            result[try row.decode("submittedBy", as: String.self)] = (count, Money(fen: try row.decode("total")))
        }
        return result
    }

    /// The day's sign-off, if a supervisor has signed it.
    public func signoff(_ day: CalendarDate) throws -> DailySignoff? {
        try sql.fetchOne(DailySignoff.self, "SELECT * FROM dailySignoff WHERE day = ?", [.text(day.description)])
    }

    /// Records a sign-off (a second one for the day fails on the key: the service refuses it first).
    public func insert(_ signoff: DailySignoff) throws { try sql.insert(signoff, into: "dailySignoff") }
}

extension StoreTx { public var counterDays: CounterDays { CounterDays(sql: sql) } }
