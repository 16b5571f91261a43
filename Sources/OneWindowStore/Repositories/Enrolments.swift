import GRDB
import OneWindowCore

/// A person's enrolment periods in both schemes. A stored month that does not parse fails the read
/// (see `Enrolment.init(from:)`), here at the store's edge, rather than whoever uses the period later.
public struct Enrolments {
    let db: Database

    /// Medical first, then maternity, each by first month: the order the counter shows them in.
    public func all(personID: Int64) throws -> [Enrolment] {
        try Enrolment.fetchAll(db, sql: "SELECT * FROM enrolment WHERE personID = ?", arguments: [personID])
            .sorted { ($0.scheme, $0.period.from) < ($1.scheme, $1.period.from) }
    }

    /// The open period of a scheme (there is at most one).
    public func open(personID: Int64, scheme: Scheme) throws -> Enrolment? {
        try Enrolment.fetchOne(db, sql: "SELECT * FROM enrolment WHERE personID = ? AND scheme = ? AND toMonth IS NULL",
                               arguments: [personID, scheme.rawValue])
    }

    /// Open employee periods of an employer: its current roster.
    public func roster(_ code: CreditCode) throws -> [Enrolment] {
        try Enrolment.fetchAll(db, sql: "SELECT * FROM enrolment WHERE employerCode = ? AND toMonth IS NULL AND scheme = ?",
                               arguments: [code.value, Scheme.medical.rawValue])
    }

    /// Medical periods covering `month`: the people a monthly contribution run charges.
    public func medicalCovering(_ month: YearMonth) throws -> [Enrolment] {
        let m = month.description
        return try Enrolment.fetchAll(db, sql: """
            SELECT * FROM enrolment WHERE scheme = ? AND fromMonth <= ? AND (toMonth IS NULL OR toMonth >= ?)
            """, arguments: [Scheme.medical.rawValue, m, m])
    }

    /// Persons with a maternity period covering `month`.
    public func maternityCovering(_ month: YearMonth) throws -> Set<Int64> {
        let m = month.description
        return try Set(Int64.fetchAll(db, sql: """
            SELECT personID FROM enrolment WHERE scheme = ? AND fromMonth <= ? AND (toMonth IS NULL OR toMonth >= ?)
            """, arguments: [Scheme.maternity.rawValue, m, m]))
    }

    public func insert(_ enrolment: inout Enrolment) throws { try enrolment.insert(db) }

    public func update(_ enrolment: Enrolment) throws { try enrolment.update(db) }

    // MARK: added for money

    /// Every period of every person, by person (then scheme and first month), handed over one at a time.
    public func forEachByPerson(_ body: (Enrolment) throws -> Void) throws {
        let cursor = try Enrolment.fetchCursor(db, sql: "SELECT * FROM enrolment ORDER BY personID, scheme, fromMonth, id")
        while let row = try cursor.next() { try body(row) }
    }

    /// Deletes a person's periods of one scheme and returns them, by first month.
    public func removeAll(personID: Int64, scheme: Scheme) throws -> [Enrolment] {
        let removed = try Enrolment.fetchAll(db, sql: "SELECT * FROM enrolment WHERE personID = ? AND scheme = ? ORDER BY fromMonth, id",
                                             arguments: [personID, scheme.rawValue])
        try db.execute(sql: "DELETE FROM enrolment WHERE personID = ? AND scheme = ?", arguments: [personID, scheme.rawValue])
        return removed
    }

    // MARK: added for batch runs (issue 10, item 4)

    /// How many persons have a medical period covering `month`: what the monthly run has to go through.
    public func medicalCoveringPersons(_ month: YearMonth) throws -> Int {
        let m = month.description
        return try Int.fetchOne(db, sql: """
            SELECT COUNT(DISTINCT personID) FROM enrolment WHERE scheme = ? AND fromMonth <= ? AND (toMonth IS NULL OR toMonth >= ?)
            """, arguments: [Scheme.medical.rawValue, m, m]) ?? 0
    }

    /// Of the persons with a medical period covering `month` and an id above `after`, by id, the id of the
    /// one `offset` places on (0 is the first), or nil when fewer remain: where a chunk of the run ends.
    public func medicalCoveringPersonID(_ month: YearMonth, after: Int64, offset: Int) throws -> Int64? {
        let m = month.description
        return try Int64.fetchOne(db, sql: """
            SELECT DISTINCT personID FROM enrolment
            WHERE personID > ? AND scheme = ? AND fromMonth <= ? AND (toMonth IS NULL OR toMonth >= ?)
            ORDER BY personID LIMIT 1 OFFSET ?
            """, arguments: [after, Scheme.medical.rawValue, m, m, offset])
    }

    /// Medical periods covering `month` of the persons whose ids are in `persons`, by person.
    public func medicalCovering(_ month: YearMonth, persons: ClosedRange<Int64>) throws -> [Enrolment] {
        let m = month.description
        return try Enrolment.fetchAll(db, sql: """
            SELECT * FROM enrolment
            WHERE personID >= ? AND personID <= ? AND scheme = ? AND fromMonth <= ? AND (toMonth IS NULL OR toMonth >= ?)
            ORDER BY personID, id
            """, arguments: [persons.lowerBound, persons.upperBound, Scheme.medical.rawValue, m, m])
    }

    /// Of the persons whose ids are in `persons`, those with a maternity period covering `month`.
    public func maternityCovering(_ month: YearMonth, persons: ClosedRange<Int64>) throws -> Set<Int64> {
        let m = month.description
        return try Set(Int64.fetchAll(db, sql: """
            SELECT personID FROM enrolment
            WHERE personID >= ? AND personID <= ? AND scheme = ? AND fromMonth <= ? AND (toMonth IS NULL OR toMonth >= ?)
            """, arguments: [persons.lowerBound, persons.upperBound, Scheme.maternity.rawValue, m, m]))
    }
}

extension StoreTx { public var enrolments: Enrolments { Enrolments(db: db) } }
