import GRDB
import OneWindowCore

/// Contribution bases (缴费基数), each in force from a month until the next.
public struct ContributionBases {
    let db: Database

    /// A person's bases, by first month.
    public func history(personID: Int64) throws -> [ContributionBase] {
        try ContributionBase.fetchAll(db, sql: "SELECT * FROM contributionBase WHERE personID = ? ORDER BY fromMonth",
                                      arguments: [personID])
    }

    /// The base a person set from exactly `month`, if any.
    public func find(personID: Int64, from month: YearMonth) throws -> ContributionBase? {
        try ContributionBase.fetchOne(db, key: ["personID": personID, "fromMonth": month.description])
    }

    /// Sets a person's base from its month, replacing one set from the same month.
    public func save(_ base: ContributionBase) throws {
        try db.execute(sql: """
            INSERT INTO contributionBase (personID, fromMonth, baseFen) VALUES (?, ?, ?)
            ON CONFLICT (personID, fromMonth) DO UPDATE SET baseFen = excluded.baseFen
            """, arguments: [base.personID, base.fromMonth, base.baseFen])
    }

    /// The base in force for every person in `month`: the latest row starting on or before it.
    public func inForce(_ month: YearMonth) throws -> [Int64: Money] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT b.personID, b.baseFen FROM contributionBase b
            JOIN (SELECT personID, MAX(fromMonth) AS m FROM contributionBase WHERE fromMonth <= ? GROUP BY personID) x
              ON x.personID = b.personID AND x.m = b.fromMonth
            """, arguments: [month.description])
        return Dictionary(uniqueKeysWithValues: rows.map { ($0["personID"] as Int64, Money(fen: $0["baseFen"])) })
    }

    // MARK: added for batch runs (issue 10, item 4)

    /// The base in force in `month` for the persons whose ids are in `persons`: one chunk of the monthly run.
    public func inForce(_ month: YearMonth, persons: ClosedRange<Int64>) throws -> [Int64: Money] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT b.personID, b.baseFen FROM contributionBase b
            JOIN (SELECT personID, MAX(fromMonth) AS m FROM contributionBase
                  WHERE personID >= ? AND personID <= ? AND fromMonth <= ? GROUP BY personID) x
              ON x.personID = b.personID AND x.m = b.fromMonth
            """, arguments: [persons.lowerBound, persons.upperBound, month.description])
        return Dictionary(uniqueKeysWithValues: rows.map { ($0["personID"] as Int64, Money(fen: $0["baseFen"])) })
    }
}

extension StoreTx { public var bases: ContributionBases { ContributionBases(db: db) } }
