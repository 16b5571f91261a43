import GRDB
import OneWindowCore

/// Contribution periods supervisors added at run time (费率动态调整), over the shipped policy files.
public struct PolicyAmendments {
    let db: Database

    /// Every added period, by first month.
    public func all() throws -> [PolicyAmendment] {
        try PolicyAmendment.fetchAll(db, sql: "SELECT * FROM policyPeriod ORDER BY fromMonth")
    }

    /// The period added for a region from exactly `month`, if any.
    public func find(region: String, from month: YearMonth) throws -> PolicyAmendment? {
        try PolicyAmendment.fetchOne(db, sql: "SELECT * FROM policyPeriod WHERE region = ? AND fromMonth = ?",
                                     arguments: [region, month.description])
    }

    /// Inserts a new period, or replaces the one with the same id.
    public func save(_ amendment: inout PolicyAmendment) throws { try amendment.save(db) }
}

extension StoreTx { public var policyAmendments: PolicyAmendments { PolicyAmendments(db: db) } }
