import OneWindowCore

/// Contribution lines charged by the month's run, and payments against them.
public struct Contributions {
    let tx: StoreTx
    var sql: any SQLExecutor { tx.sql }

    // MARK: charged lines

    /// Every charged line, in the order it was charged.
    public func all() throws -> [ContributionCharge] {
        try sql.fetchAll(ContributionCharge.self, "SELECT * FROM contribution ORDER BY id")
    }

    /// A person's lines by month and item.
    public func charges(personID: Int64) throws -> [ContributionCharge] {
        try sql.fetchAll(ContributionCharge.self, "SELECT * FROM contribution WHERE personID = ? ORDER BY month, item",
                         [.int64(personID)], cached: true)
    }

    /// An employer's lines (its own items and its employees' shares) by month, person and item.
    public func charges(employer code: CreditCode) throws -> [ContributionCharge] {
        try sql.fetchAll(ContributionCharge.self, """
            SELECT * FROM contribution WHERE employerCode = ? ORDER BY month, personID, item
            """, [.text(code.value)], cached: true)
    }

    /// Stores a line the run computed unless the person's month already has that item: true when stored.
    /// Lines already charged are kept as they are (rows are unique per person, month and item).
    public func insertIfAbsent(_ charge: ContributionCharge) throws -> Bool {
        try sql.execute("""
            INSERT INTO contribution (personID, month, item, payer, employerCode, region, baseFen, rateBp, amountFen, maternityFen)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (personID, month, item) DO NOTHING
            """, Self.values(charge), cached: true) > 0
    }

    /// `insertIfAbsent` for many lines (a chunk of the month's run), with for each whether it was stored.
    /// PostgreSQL gets them 500 to a statement: one round trip per line would cost more than the insert.
    public func insertAllIfAbsent(_ charges: [ContributionCharge]) throws -> [Bool] {
        guard tx.engine == .postgres else { return try charges.map(insertIfAbsent) }
        var stored: [Bool] = []
        stored.reserveCapacity(charges.count)
        var start = 0
        while start < charges.count {
            let part = charges[start..<min(start + Self.batch, charges.count)]
            let values = Array(repeating: "(" + IDList.marks(10) + ")", count: part.count).joined(separator: ", ")
            let rows = try sql.rows("""
                INSERT INTO contribution (personID, month, item, payer, employerCode, region, baseFen, rateBp, amountFen, maternityFen)
                VALUES \(values)
                ON CONFLICT (personID, month, item) DO NOTHING RETURNING personID, item
                """, part.flatMap(Self.values), cached: part.count == Self.batch)
            var inserted = Set<String>()
            for row in rows { inserted.insert("\(try row.decode("personID", as: Int64.self)) \(try row.decode("item", as: String.self))") }
            stored += part.map { inserted.contains("\($0.personID) \($0.item.rawValue)") }
            start += part.count
        }
        return stored
    }

    /// Lines per multi-row INSERT on PostgreSQL (10 parameters each, well under its 65,535).
    static let batch = 500

    private static func values(_ charge: ContributionCharge) -> [SQLValue] {
        [.int64(charge.personID), .text(charge.month), .text(charge.item.rawValue), .text(charge.payer),
         SQLValue(charge.employerCode), .text(charge.region), .int64(charge.baseFen), SQLValue(charge.rateBp),
         .int64(charge.amountFen), .int64(charge.maternityFen)]
    }

    public func latestMonth(personID: Int64) throws -> YearMonth? {
        try sql.scalar(String.self, "SELECT MAX(month) FROM contribution WHERE personID = ?", [.int64(personID)], cached: true)
            .flatMap { try? YearMonth.parse($0) }
    }

    /// The last month charged in a region: a new policy period can start only after it.
    public func latestMonth(region: String) throws -> YearMonth? {
        try sql.scalar(String.self, "SELECT MAX(month) FROM contribution WHERE region = ?", [.text(region)], cached: true)
            .flatMap { try? YearMonth.parse($0) }
    }

    /// The last month charged on an employer's lines.
    public func latestMonth(employer code: CreditCode) throws -> YearMonth? {
        try sql.scalar(String.self, "SELECT MAX(month) FROM contribution WHERE employerCode = ?", [.text(code.value)], cached: true)
            .flatMap { try? YearMonth.parse($0) }
    }

    /// How many persons an employer's lines were charged for, per month.
    public func personsCharged(employer code: CreditCode) throws -> [YearMonth: Int] {
        let rows = try sql.rows("""
            SELECT month, COUNT(DISTINCT personID) AS n FROM contribution WHERE employerCode = ? GROUP BY month
            """, [.text(code.value)], cached: true)
        var counts: [YearMonth: Int] = [:]
        for row in rows { if let m = try? YearMonth.parse(row.decode("month")) { counts[m] = try row.decode("n") } }
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
        let row = try sql.rows("""
            SELECT SUM(baseFen) AS total, COUNT(*) AS lines, COUNT(DISTINCT month) AS months FROM contribution
            WHERE employerCode = ? AND item = 'individualMedical' AND month >= ? AND month <= ?
            """, [.text(code.value), .text("\(year)-01"), .text("\(year)-12")], cached: true).first
        let lines: Int64 = try row?.decode("lines") ?? 0
        guard lines > 0, let total: Int64 = try row?.decode("total") else { return (nil, 0) }
        return (Money(fen: Rounding.halfUp(total, lines)), try row?.decode("months") ?? 0)
    }

    /// Months charged for a person whose payer has settled that month in full.
    public func settledMonths(personID: Int64) throws -> Set<YearMonth> {
        let rows = try sql.rows("""
            SELECT c.month FROM contribution c
            WHERE c.personID = ?
            GROUP BY c.month
            HAVING (SELECT COALESCE(SUM(p.amountFen), 0) FROM contributionPayment p WHERE p.payer = MIN(c.payer) AND p.month = c.month)
                >= (SELECT SUM(c2.amountFen) FROM contribution c2 WHERE c2.payer = MIN(c.payer) AND c2.month = c.month)
            """, [.int64(personID)], cached: true)
        return Set(rows.compactMap { try? YearMonth.parse($0.decode("month")) })
    }

    // MARK: payments

    public func insert(_ payment: inout ContributionPayment) throws {
        payment.id = try sql.insertReturningID(payment, into: "contributionPayment")
    }

    /// Amount paid per month of a payer account; only `months` when given.
    public func paidByMonth(payer: PayerAccount, months: Set<YearMonth>? = nil) throws -> [YearMonth: Money] {
        try sumByMonth(table: "contributionPayment", payer: payer, months: months)
    }

    /// `SUM(amountFen)` per month of one payer in `table`, optionally only in `months`.
    private func sumByMonth(table: String, payer: PayerAccount, months: Set<YearMonth>?) throws -> [YearMonth: Money] {
        var filter = ""
        var arguments: [SQLValue] = [.text(payer.description)]
        if let months {
            guard !months.isEmpty else { return [:] }
            let list = months.sorted().map(\.description)
            filter = " AND month IN (" + Array(repeating: "?", count: list.count).joined(separator: ", ") + ")"
            arguments += list.map(SQLValue.text)
        }
        let rows = try sql.rows("""
            SELECT month, SUM(amountFen) AS total FROM \(table) WHERE payer = ?\(filter) GROUP BY month
            """, arguments)
        var sums: [YearMonth: Money] = [:]
        for row in rows { sums[try YearMonth.parse(row.decode("month"))] = Money(fen: try row.decode("total")) }
        return sums
    }
}

extension StoreTx { public var contributions: Contributions { Contributions(tx: self) } }
