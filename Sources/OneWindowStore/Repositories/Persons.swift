import GRDB
import OneWindowCore

/// Persons (参保人员): found by citizen ID or stored id, searched by name.
public struct Persons {
    let db: Database

    public func find(_ id: CitizenID) throws -> Person? {
        try Person.fetchOne(db, sql: "SELECT * FROM person WHERE citizenID = ?", arguments: [id.value])
    }

    public func find(id: Int64) throws -> Person? { try Person.fetchOne(db, key: id) }

    public func insert(_ person: inout Person) throws { try person.insert(db) }

    /// Name search: substring match from one character up, as clerks type part of a name, ordered by
    /// name. ASCII letters match either case. Uses the name-gram index (migration 002), so it stays fast
    /// on millions of persons.
    public func search(name: String, limit: Int) throws -> [Person] {
        guard let sql = try NameGramSearch.sql(gramTable: "personNameGram", table: "person", join: "t.id = g.personID",
                                               order: "g.personID", query: name, db) else { return [] }
        return try Person.fetchAll(db, sql: sql.text, arguments: sql.arguments + [limit])
    }

    /// How many persons are registered.
    public func count() throws -> Int { try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM person") ?? 0 }

    // MARK: added for training

    /// The highest row id given to a person (nil when there are none): the synthetic samples draw below it.
    public func maxID() throws -> Int64? { try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM person") }

    /// The person with the lowest row id from `id` up.
    public func first(fromID id: Int64) throws -> Person? {
        try Person.fetchOne(db, sql: "SELECT * FROM person WHERE id >= ? ORDER BY id LIMIT 1", arguments: [id])
    }
}

extension StoreTx { public var persons: Persons { Persons(db: db) } }
