import OneWindowCore

/// A person's enrolment periods in both schemes. A stored month that does not parse fails the read
/// (see `Enrolment.init(from:)`), here at the store's edge, rather than whoever uses the period later.
public struct Enrolments {
    let sql: any SQLExecutor

    /// Medical first, then maternity, each by first month: the order the counter shows them in.
    public func all(personID: Int64) throws -> [Enrolment] {
        try sql.fetchAll(Enrolment.self, "SELECT * FROM enrolment WHERE personID = ?", [.int64(personID)], cached: true)
            .sorted { ($0.scheme, $0.period.from) < ($1.scheme, $1.period.from) }
    }

    /// The open period of a scheme (there is at most one).
    public func open(personID: Int64, scheme: Scheme) throws -> Enrolment? {
        try sql.fetchOne(Enrolment.self, "SELECT * FROM enrolment WHERE personID = ? AND scheme = ? AND toMonth IS NULL",
                         [.int64(personID), .text(scheme.rawValue)], cached: true)
    }

    /// Open employee periods of an employer: its current roster.
    public func roster(_ code: CreditCode) throws -> [Enrolment] {
        try sql.fetchAll(Enrolment.self, "SELECT * FROM enrolment WHERE employerCode = ? AND toMonth IS NULL AND scheme = ?",
                         [.text(code.value), .text(Scheme.medical.rawValue)], cached: true)
    }

    /// Medical periods covering `month`: the people a monthly contribution run charges.
    public func medicalCovering(_ month: YearMonth) throws -> [Enrolment] {
        try sql.fetchAll(Enrolment.self, "SELECT * FROM enrolment WHERE scheme = ? AND \(Self.covering)",
                         [.text(Scheme.medical.rawValue)] + Self.months(month))
    }

    /// Persons with a maternity period covering `month`.
    public func maternityCovering(_ month: YearMonth) throws -> Set<Int64> {
        try Set(sql.rows("SELECT personID FROM enrolment WHERE scheme = ? AND \(Self.covering)",
                         [.text(Scheme.maternity.rawValue)] + Self.months(month)).map { try $0.decode("personID", as: Int64.self) })
    }

    public func insert(_ enrolment: inout Enrolment) throws {
        enrolment.id = try sql.insertReturningID(enrolment, into: "enrolment")
    }

    public func update(_ enrolment: Enrolment) throws { try sql.update(enrolment, table: "enrolment") }

    // MARK: added for money

    /// Every period of every person, by person (then scheme and first month), handed over one at a time.
    public func forEachByPerson(_ body: (Enrolment) throws -> Void) throws {
        try sql.forEach(Enrolment.self, "SELECT * FROM enrolment ORDER BY personID, scheme, fromMonth, id", [], body)
    }

    /// Deletes a person's periods of one scheme and returns them, by first month.
    public func removeAll(personID: Int64, scheme: Scheme) throws -> [Enrolment] {
        let key: [SQLValue] = [.int64(personID), .text(scheme.rawValue)]
        let removed = try sql.fetchAll(Enrolment.self, "SELECT * FROM enrolment WHERE personID = ? AND scheme = ? ORDER BY fromMonth, id", key)
        try sql.execute("DELETE FROM enrolment WHERE personID = ? AND scheme = ?", key)
        return removed
    }

    // MARK: added for batch runs (issue 10, item 4)

    /// How many persons have a medical period covering `month`: what the monthly run has to go through.
    public func medicalCoveringPersons(_ month: YearMonth) throws -> Int {
        try sql.scalar(Int.self, "SELECT COUNT(DISTINCT personID) FROM enrolment WHERE scheme = ? AND \(Self.covering)",
                       [.text(Scheme.medical.rawValue)] + Self.months(month)) ?? 0
    }

    /// Of the persons with a medical period covering `month` and an id above `after`, by id, the id of the
    /// one `offset` places on (0 is the first), or nil when fewer remain: where a chunk of the run ends.
    public func medicalCoveringPersonID(_ month: YearMonth, after: Int64, offset: Int) throws -> Int64? {
        try sql.scalar(Int64.self, """
            SELECT DISTINCT personID FROM enrolment WHERE personID > ? AND scheme = ? AND \(Self.covering)
            ORDER BY personID LIMIT 1 OFFSET ?
            """, [.int64(after), .text(Scheme.medical.rawValue)] + Self.months(month) + [SQLValue(offset)], cached: true)
    }

    /// Medical periods covering `month` of the persons whose ids are in `persons`, by person.
    public func medicalCovering(_ month: YearMonth, persons: ClosedRange<Int64>) throws -> [Enrolment] {
        try sql.fetchAll(Enrolment.self, """
            SELECT * FROM enrolment WHERE personID >= ? AND personID <= ? AND scheme = ? AND \(Self.covering)
            ORDER BY personID, id
            """, Self.range(persons) + [.text(Scheme.medical.rawValue)] + Self.months(month), cached: true)
    }

    /// Of the persons whose ids are in `persons`, those with a maternity period covering `month`.
    public func maternityCovering(_ month: YearMonth, persons: ClosedRange<Int64>) throws -> Set<Int64> {
        try Set(sql.rows("""
            SELECT personID FROM enrolment WHERE personID >= ? AND personID <= ? AND scheme = ? AND \(Self.covering)
            """, Self.range(persons) + [.text(Scheme.maternity.rawValue)] + Self.months(month), cached: true)
            .map { try $0.decode("personID", as: Int64.self) })
    }

    /// A period covers a month that is on or after its first and on or before its last (when it has one).
    private static let covering = "fromMonth <= ? AND (toMonth IS NULL OR toMonth >= ?)"
    private static func months(_ month: YearMonth) -> [SQLValue] { [.text(month.description), .text(month.description)] }
    private static func range(_ r: ClosedRange<Int64>) -> [SQLValue] { [.int64(r.lowerBound), .int64(r.upperBound)] }
}

extension StoreTx { public var enrolments: Enrolments { Enrolments(sql: sql) } }
