import GRDB
import OneWindowCore

/// Employers (参保单位), keyed by unified social credit code.
public struct Employers {
    let db: Database

    public func find(_ code: CreditCode) throws -> Employer? { try Employer.fetchOne(db, key: code.value) }

    public func insert(_ employer: Employer) throws { try employer.insert(db) }

    public func update(_ employer: Employer) throws { try employer.update(db) }

    /// Employer name search: the same substring rules as `Persons.search`, on the employer-name grams.
    public func search(name: String, limit: Int) throws -> [Employer] {
        guard let sql = try NameGramSearch.sql(gramTable: "employerNameGram", table: "employer", join: "t.code = g.code",
                                               order: "g.code", query: name, db) else { return [] }
        return try Employer.fetchAll(db, sql: sql.text, arguments: sql.arguments + [limit])
    }

    /// Employers whose credit code starts with `prefix` (upper case), by code: a range on the primary key.
    public func search(codePrefix prefix: String, limit: Int) throws -> [Employer] {
        try Employer.fetchAll(db, sql: "SELECT * FROM employer WHERE code >= ? AND code < ? ORDER BY code LIMIT ?",
                              arguments: [prefix, prefix + "\u{10FFFF}", limit])
    }

    /// How many employers are registered.
    public func count() throws -> Int { try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM employer") ?? 0 }
}

extension StoreTx { public var employers: Employers { Employers(db: db) } }
