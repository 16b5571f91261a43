import OneWindowCore

/// Contribution bases (缴费基数), each in force from a month until the next.
public struct ContributionBases {
    let sql: any SQLExecutor

    /// A person's bases, by first month.
    public func history(personID: Int64) throws -> [ContributionBase] {
        try sql.fetchAll(ContributionBase.self, "SELECT * FROM contributionBase WHERE personID = ? ORDER BY fromMonth",
                         [.int64(personID)], cached: true)
    }

    /// The base a person set from exactly `month`, if any.
    public func find(personID: Int64, from month: YearMonth) throws -> ContributionBase? {
        try sql.fetchOne(ContributionBase.self, "SELECT * FROM contributionBase WHERE personID = ? AND fromMonth = ?",
                         [.int64(personID), .text(month.description)], cached: true)
    }

    /// Sets a person's base from its month, replacing one set from the same month.
    public func save(_ base: ContributionBase) throws {
        try sql.execute("""
            INSERT INTO contributionBase (personID, fromMonth, baseFen) VALUES (?, ?, ?)
            ON CONFLICT (personID, fromMonth) DO UPDATE SET baseFen = excluded.baseFen
            """, [.int64(base.personID), .text(base.fromMonth), .int64(base.baseFen)], cached: true)
    }

    /// The base in force for every person in `month`: the latest row starting on or before it.
    public func inForce(_ month: YearMonth) throws -> [Int64: Money] {
        try Self.bases(sql.rows("""
            SELECT b.personID, b.baseFen FROM contributionBase b
            JOIN (SELECT personID, MAX(fromMonth) AS m FROM contributionBase WHERE fromMonth <= ? GROUP BY personID) x
              ON x.personID = b.personID AND x.m = b.fromMonth
            """, [.text(month.description)]))
    }

    // MARK: added for batch runs (issue 10, item 4)

    /// The base in force in `month` for the persons whose ids are in `persons`: one chunk of the monthly run.
    public func inForce(_ month: YearMonth, persons: ClosedRange<Int64>) throws -> [Int64: Money] {
        try Self.bases(sql.rows("""
            SELECT b.personID, b.baseFen FROM contributionBase b
            JOIN (SELECT personID, MAX(fromMonth) AS m FROM contributionBase
                  WHERE personID >= ? AND personID <= ? AND fromMonth <= ? GROUP BY personID) x
              ON x.personID = b.personID AND x.m = b.fromMonth
            """, [.int64(persons.lowerBound), .int64(persons.upperBound), .text(month.description)], cached: true))
    }

    private static func bases(_ rows: [SQLRow]) throws -> [Int64: Money] {
        var bases: [Int64: Money] = [:]
        for row in rows { bases[try row.decode("personID")] = Money(fen: try row.decode("baseFen")) }
        return bases
    }
}

extension StoreTx { public var bases: ContributionBases { ContributionBases(sql: sql) } }
