import OneWindowCore

/// Contribution periods supervisors added at run time (费率动态调整), over the shipped policy files.
public struct PolicyAmendments {
    let sql: any SQLExecutor

    /// Every added period, by first month.
    public func all() throws -> [PolicyAmendment] {
        try sql.fetchAll(PolicyAmendment.self, "SELECT * FROM policyPeriod ORDER BY fromMonth")
    }

    /// The period added for a region from exactly `month`, if any.
    public func find(region: String, from month: YearMonth) throws -> PolicyAmendment? {
        try sql.fetchOne(PolicyAmendment.self, "SELECT * FROM policyPeriod WHERE region = ? AND fromMonth = ?",
                         [.text(region), .text(month.description)])
    }

    /// Inserts a new period, or replaces the one with the same id.
    public func save(_ amendment: inout PolicyAmendment) throws {
        if amendment.id != nil, try sql.scalar(Int.self, "SELECT COUNT(*) FROM policyPeriod WHERE id = ?", [SQLValue(amendment.id)]) != 0 {
            try sql.update(amendment, table: "policyPeriod")
        } else {
            amendment.id = try sql.insertReturningID(amendment, into: "policyPeriod")
        }
    }
}

extension StoreTx { public var policyAmendments: PolicyAmendments { PolicyAmendments(sql: sql) } }
