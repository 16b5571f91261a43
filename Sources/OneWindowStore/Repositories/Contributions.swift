import GRDB
import OneWindowCore

/// Contribution lines charged by the month's run, and payments against them.
public struct Contributions {
    let db: Database

    // MARK: charged lines

    /// Every charged line, in the order it was charged.
    public func all() throws -> [ContributionCharge] {
        try ContributionCharge.fetchAll(db, sql: "SELECT * FROM contribution ORDER BY id")
    }

    /// A person's lines by month and item.
    public func charges(personID: Int64) throws -> [ContributionCharge] {
        try ContributionCharge.fetchAll(db, sql: "SELECT * FROM contribution WHERE personID = ? ORDER BY month, item",
                                        arguments: [personID])
    }

    /// An employer's lines (its own items and its employees' shares) by month, person and item.
    public func charges(employer code: CreditCode) throws -> [ContributionCharge] {
        try ContributionCharge.fetchAll(db, sql: """
            SELECT * FROM contribution WHERE employerCode = ? ORDER BY month, personID, item
            """, arguments: [code.value])
    }

    /// Stores a line the run computed unless the person's month already has that item: true when stored.
    /// Lines already charged are kept as they are (rows are unique per person, month and item).
    public func insertIfAbsent(_ charge: ContributionCharge) throws -> Bool {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO contribution (personID, month, item, payer, employerCode, region, baseFen, rateBp, amountFen, maternityFen)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (personID, month, item) DO NOTHING
            """)
        try statement.execute(arguments: [charge.personID, charge.month, charge.item.rawValue, charge.payer, charge.employerCode,
                                          charge.region, charge.baseFen, charge.rateBp, charge.amountFen, charge.maternityFen])
        return db.changesCount > 0
    }

    public func latestMonth(personID: Int64) throws -> YearMonth? {
        try String.fetchOne(db, sql: "SELECT MAX(month) FROM contribution WHERE personID = ?", arguments: [personID])
            .flatMap { try? YearMonth.parse($0) }
    }

    /// The last month charged in a region: a new policy period can start only after it.
    public func latestMonth(region: String) throws -> YearMonth? {
        try String.fetchOne(db, sql: "SELECT MAX(month) FROM contribution WHERE region = ?", arguments: [region])
            .flatMap { try? YearMonth.parse($0) }
    }

    /// The last month charged on an employer's lines.
    public func latestMonth(employer code: CreditCode) throws -> YearMonth? {
        try String.fetchOne(db, sql: "SELECT MAX(month) FROM contribution WHERE employerCode = ?", arguments: [code.value])
            .flatMap { try? YearMonth.parse($0) }
    }

    /// How many persons an employer's lines were charged for, per month.
    public func personsCharged(employer code: CreditCode) throws -> [YearMonth: Int] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT month, COUNT(DISTINCT personID) AS n FROM contribution WHERE employerCode = ? GROUP BY month
            """, arguments: [code.value])
        var counts: [YearMonth: Int] = [:]
        for row in rows { if let m = try? YearMonth.parse(row["month"] as String) { counts[m] = row["n"] } }
        return counts
    }

    /// Amount due per month of a payer account; only `months` when given (a person's view needs a few
    /// months of an employer account that may hold thousands of lines).
    public func dueByMonth(payer: PayerAccount, months: Set<YearMonth>? = nil) throws -> [YearMonth: Money] {
        try sumByMonth(table: "contribution", payer: payer, months: months)
    }

    /// An employer's average charged base per person-month in a year, and the months it was charged:
    /// the allowance basis where the employer declared no wage.
    public func chargedBases(employer code: CreditCode, year: Int) throws -> (average: Money?, months: Int) {
        let row = try Row.fetchOne(db, sql: """
            SELECT SUM(baseFen) AS total, COUNT(*) AS lines, COUNT(DISTINCT month) AS months FROM contribution
            WHERE employerCode = ? AND item = 'individualMedical' AND month >= ? AND month <= ?
            """, arguments: [code.value, "\(year)-01", "\(year)-12"])
        let lines: Int64 = row?["lines"] ?? 0
        guard lines > 0, let total: Int64 = row?["total"] else { return (nil, 0) }
        return (Money(fen: Rounding.halfUp(total, lines)), row?["months"] ?? 0)
    }

    /// Months charged for a person whose payer has settled that month in full.
    public func settledMonths(personID: Int64) throws -> Set<YearMonth> {
        let rows = try Row.fetchAll(db, sql: """
            SELECT c.month FROM contribution c
            WHERE c.personID = ?
            GROUP BY c.month
            HAVING (SELECT COALESCE(SUM(p.amountFen), 0) FROM contributionPayment p WHERE p.payer = MIN(c.payer) AND p.month = c.month)
                >= (SELECT SUM(c2.amountFen) FROM contribution c2 WHERE c2.payer = MIN(c.payer) AND c2.month = c.month)
            """, arguments: [personID])
        return Set(rows.compactMap { try? YearMonth.parse($0["month"] as String) })
    }

    // MARK: payments

    public func insert(_ payment: inout ContributionPayment) throws { try payment.insert(db) }

    /// Amount paid per month of a payer account; only `months` when given.
    public func paidByMonth(payer: PayerAccount, months: Set<YearMonth>? = nil) throws -> [YearMonth: Money] {
        try sumByMonth(table: "contributionPayment", payer: payer, months: months)
    }

    /// `SUM(amountFen)` per month of one payer in `table`, optionally only in `months`.
    private func sumByMonth(table: String, payer: PayerAccount, months: Set<YearMonth>?) throws -> [YearMonth: Money] {
        var filter = ""
        var arguments: [String] = [payer.description]
        if let months {
            guard !months.isEmpty else { return [:] }
            let list = months.sorted().map(\.description)
            filter = " AND month IN (" + Array(repeating: "?", count: list.count).joined(separator: ", ") + ")"
            arguments += list
        }
        let rows = try Row.fetchAll(db, sql: """
            SELECT month, SUM(amountFen) AS total FROM \(table) WHERE payer = ?\(filter) GROUP BY month
            """, arguments: StatementArguments(arguments))
        var sums: [YearMonth: Money] = [:]
        for row in rows { sums[try YearMonth.parse(row["month"] as String)] = Money(fen: row["total"]) }
        return sums
    }
}

extension StoreTx { public var contributions: Contributions { Contributions(db: db) } }
