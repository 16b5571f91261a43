import OneWindowCore

/// Employers (参保单位), keyed by unified social credit code.
public struct Employers {
    let tx: StoreTx
    var sql: any SQLExecutor { tx.sql }

    public func find(_ code: CreditCode) throws -> Employer? {
        try sql.fetchOne(Employer.self, "SELECT * FROM employer WHERE code = ?", [.text(code.value)], cached: true)
    }

    public func insert(_ employer: Employer) throws { try sql.insert(employer, into: "employer") }

    public func update(_ employer: Employer) throws { try sql.update(employer, table: "employer", key: ["code"]) }

    /// Employer name search: the same substring rules as `Persons.search`, on the employer-name grams.
    public func search(name: String, limit: Int) throws -> [Employer] {
        guard let query = try NameGramSearch.sql(gramTable: "employerNameGram", table: "employer", join: "t.code = g.code",
                                                 order: "g.code", query: name, tx) else { return [] }
        return try sql.fetchAll(Employer.self, query.text, query.arguments + [SQLValue(limit)], cached: true)
    }

    /// Employers whose credit code starts with `prefix` (upper case), by code: a range on the primary key.
    public func search(codePrefix prefix: String, limit: Int) throws -> [Employer] {
        try sql.fetchAll(Employer.self, "SELECT * FROM employer WHERE code >= ? AND code < ? ORDER BY code LIMIT ?",
                         [.text(prefix), .text(prefix + "\u{10FFFF}"), SQLValue(limit)], cached: true)
    }

    /// How many employers are registered.
    public func count() throws -> Int { try sql.scalar(Int.self, "SELECT COUNT(*) FROM employer") ?? 0 }
}

extension StoreTx { public var employers: Employers { Employers(tx: self) } }
