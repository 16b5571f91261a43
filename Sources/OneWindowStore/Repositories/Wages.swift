import GRDB
import OneWindowCore

/// Employers' declared previous-year average monthly wages (the allowance basis), one per employer and year.
public struct Wages {
    let db: Database

    public func find(employer code: CreditCode, year: Int) throws -> WageDeclaration? {
        try WageDeclaration.fetchOne(db, key: ["employerCode": code.value, "year": year])
    }

    /// Stores the declaration, replacing the employer's figure for that year.
    public func save(_ declaration: WageDeclaration) throws {
        try db.execute(sql: """
            INSERT INTO wageDeclaration (employerCode, year, averageMonthlyWageFen) VALUES (?, ?, ?)
            ON CONFLICT (employerCode, year) DO UPDATE SET averageMonthlyWageFen = excluded.averageMonthlyWageFen
            """, arguments: [declaration.employerCode, declaration.year, declaration.averageMonthlyWageFen])
    }
}

extension StoreTx { public var wages: Wages { Wages(db: db) } }
