import OneWindowCore

/// Employers' declared previous-year average monthly wages (the allowance basis), one per employer and year.
public struct Wages {
    let sql: any SQLExecutor

    public func find(employer code: CreditCode, year: Int) throws -> WageDeclaration? {
        try sql.fetchOne(WageDeclaration.self, "SELECT * FROM wageDeclaration WHERE employerCode = ? AND year = ?",
                         [.text(code.value), SQLValue(year)], cached: true)
    }

    /// Stores the declaration, replacing the employer's figure for that year.
    public func save(_ declaration: WageDeclaration) throws {
        try sql.execute("""
            INSERT INTO wageDeclaration (employerCode, year, averageMonthlyWageFen) VALUES (?, ?, ?)
            ON CONFLICT (employerCode, year) DO UPDATE SET averageMonthlyWageFen = excluded.averageMonthlyWageFen
            """, [.text(declaration.employerCode), SQLValue(declaration.year), .int64(declaration.averageMonthlyWageFen)], cached: true)
    }
}

extension StoreTx { public var wages: Wages { Wages(sql: sql) } }
