import Foundation
import OneWindowCore

/// Adopted budgets, one per year, kept whole (lines with their reasons) as JSON: what was adopted is what
/// budget vs actual compares with, whatever the ledger or the assumptions do later.
public struct Budgets {
    let sql: any SQLExecutor

    public func find(year: Int) throws -> (budget: Budget, adoptedBy: String, adoptedOn: CalendarDate)? {
        guard let row = try sql.rows("SELECT json, adoptedBy, adoptedOn FROM budget WHERE year = ?", [.int64(Int64(year))]).first else { return nil }
        let budget = try JSONDecoder().decode(Budget.self, from: Data(try row.decode("json", as: String.self).utf8))
        return (budget, try row.decode("adoptedBy"), try CalendarDate.parse(row.decode("adoptedOn")))
    }

    public func insert(_ budget: Budget, by op: String, on date: CalendarDate) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try sql.execute("INSERT INTO budget (year, json, adoptedBy, adoptedOn) VALUES (?, ?, ?, ?)",
                        [.int64(Int64(budget.year)), .text(String(decoding: try encoder.encode(budget), as: UTF8.self)),
                         .text(op), .text(date.description)])
    }
}

extension StoreTx { public var budgets: Budgets { Budgets(sql: sql) } }
