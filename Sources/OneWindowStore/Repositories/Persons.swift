import OneWindowCore

/// Persons (参保人员): found by citizen ID or stored id, searched by name.
public struct Persons {
    let tx: StoreTx
    var sql: any SQLExecutor { tx.sql }

    public func find(_ id: CitizenID) throws -> Person? {
        try sql.fetchOne(Person.self, "SELECT * FROM person WHERE citizenID = ?", [.text(id.value)], cached: true)
    }

    public func find(id: Int64) throws -> Person? {
        try sql.fetchOne(Person.self, "SELECT * FROM person WHERE id = ?", [.int64(id)], cached: true)
    }

    public func insert(_ person: inout Person) throws { person.id = try sql.insertReturningID(person, into: "person") }

    /// Name search: substring match from one character up, as clerks type part of a name, ordered by
    /// name. ASCII letters match either case. Uses the name-gram index (migration 002), so it stays fast
    /// on millions of persons.
    public func search(name: String, limit: Int) throws -> [Person] {
        guard let query = try NameGramSearch.sql(gramTable: "personNameGram", table: "person", join: "t.id = g.personID",
                                                 order: "g.personID", query: name, tx) else { return [] }
        return try sql.fetchAll(Person.self, query.text, query.arguments + [SQLValue(limit)], cached: true)
    }

    /// How many persons are registered.
    public func count() throws -> Int { try sql.scalar(Int.self, "SELECT COUNT(*) FROM person") ?? 0 }

    // MARK: added for training

    /// The highest row id given to a person (nil when there are none): the synthetic samples draw below it.
    public func maxID() throws -> Int64? { try sql.scalar(Int64.self, "SELECT MAX(id) FROM person") }

    /// The person with the lowest row id from `id` up.
    public func first(fromID id: Int64) throws -> Person? {
        try sql.fetchOne(Person.self, "SELECT * FROM person WHERE id >= ? ORDER BY id LIMIT 1", [.int64(id)], cached: true)
    }

    // MARK: added for batch runs (issue 10, item 4)

    /// The persons whose ids are in `ids`, by id: one chunk of a batch, read at once.
    public func byID(in ids: ClosedRange<Int64>) throws -> [Int64: Person] {
        let rows = try sql.fetchAll(Person.self, "SELECT * FROM person WHERE id >= ? AND id <= ?",
                                    [.int64(ids.lowerBound), .int64(ids.upperBound)], cached: true)
        return Dictionary(rows.compactMap { p in p.id.map { ($0, p) } }, uniquingKeysWith: { first, _ in first })
    }
}

extension StoreTx { public var persons: Persons { Persons(tx: self) } }
