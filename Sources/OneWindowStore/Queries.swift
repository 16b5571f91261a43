import GRDB
import OneWindowCore

// The lookups the services and screens make; each is backed by an index in `Schema`.

extension PersonRow {
    public static func find(_ id: CitizenID, _ db: Database) throws -> PersonRow? {
        try PersonRow.filter(Column("citizenID") == id.value).fetchOne(db)
    }

    /// Name search: substring match, as clerks type part of a name.
    public static func search(name: String, limit: Int, _ db: Database) throws -> [PersonRow] {
        try PersonRow.filter(Column("name").like("%\(name)%")).order(Column("name")).limit(limit).fetchAll(db)
    }
}

extension EmployerRow {
    public static func find(_ code: CreditCode, _ db: Database) throws -> EmployerRow? {
        try EmployerRow.fetchOne(db, key: code.value)
    }
}

extension OperatorRow {
    public static func find(name: String, _ db: Database) throws -> OperatorRow? {
        try OperatorRow.filter(Column("name") == name).fetchOne(db)
    }
}

extension EnrolmentRow {
    /// Medical first, then maternity, each by first month: the order the counter shows them in.
    public static func all(personID: Int64, _ db: Database) throws -> [EnrolmentRow] {
        try EnrolmentRow.filter(Column("personID") == personID).fetchAll(db)
            .sorted { ($0.scheme, $0.fromMonth) < ($1.scheme, $1.fromMonth) }
    }

    public static func open(personID: Int64, scheme: Scheme, _ db: Database) throws -> EnrolmentRow? {
        try EnrolmentRow.filter(Column("personID") == personID && Column("scheme") == scheme.rawValue
                                && Column("toMonth") == nil).fetchOne(db)
    }

    /// Medical periods covering `month`: the people a monthly contribution run charges.
    public static func medicalCovering(_ month: YearMonth, _ db: Database) throws -> [EnrolmentRow] {
        let m = month.description
        return try EnrolmentRow.filter(Column("scheme") == Scheme.medical.rawValue && Column("fromMonth") <= m
                                       && (Column("toMonth") == nil || Column("toMonth") >= m)).fetchAll(db)
    }

    /// Persons with a maternity period covering `month`.
    public static func maternityCovering(_ month: YearMonth, _ db: Database) throws -> Set<Int64> {
        let m = month.description
        return try Set(Int64.fetchAll(db, sql: """
            SELECT personID FROM enrolment WHERE scheme = 'maternity' AND fromMonth <= ?
            AND (toMonth IS NULL OR toMonth >= ?)
            """, arguments: [m, m]))
    }

    /// Open employee periods of an employer: its current roster.
    public static func roster(_ code: CreditCode, _ db: Database) throws -> [EnrolmentRow] {
        try EnrolmentRow.filter(Column("employerCode") == code.value && Column("toMonth") == nil
                                && Column("scheme") == Scheme.medical.rawValue).fetchAll(db)
    }
}

extension BaseRow {
    public static func history(personID: Int64, _ db: Database) throws -> [BaseRow] {
        try BaseRow.filter(Column("personID") == personID).order(Column("fromMonth")).fetchAll(db)
    }

    /// The base in force for every person in `month`: the latest row starting on or before it.
    public static func inForce(_ month: YearMonth, _ db: Database) throws -> [Int64: Money] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT b.personID, b.baseFen FROM contributionBase b
            JOIN (SELECT personID, MAX(fromMonth) AS m FROM contributionBase WHERE fromMonth <= ? GROUP BY personID) x
              ON x.personID = b.personID AND x.m = b.fromMonth
            """, arguments: [month.description])
        return Dictionary(uniqueKeysWithValues: rows.map { ($0["personID"] as Int64, Money(fen: $0["baseFen"])) })
    }
}

extension ContributionRow {
    public static func forPerson(_ personID: Int64, _ db: Database) throws -> [ContributionRow] {
        try ContributionRow.filter(Column("personID") == personID).order(Column("month"), Column("item")).fetchAll(db)
    }

    public static func forEmployer(_ code: CreditCode, _ db: Database) throws -> [ContributionRow] {
        try ContributionRow.filter(Column("employerCode") == code.value)
            .order(Column("month"), Column("personID"), Column("item")).fetchAll(db)
    }

    public static func latestMonth(personID: Int64, _ db: Database) throws -> YearMonth? {
        try String.fetchOne(db, sql: "SELECT MAX(month) FROM contribution WHERE personID = ?", arguments: [personID])
            .flatMap { try? YearMonth.parse($0) }
    }

    public static func latestMonth(region: String, _ db: Database) throws -> YearMonth? {
        try String.fetchOne(db, sql: "SELECT MAX(month) FROM contribution WHERE region = ?", arguments: [region])
            .flatMap { try? YearMonth.parse($0) }
    }

    /// Amount due per month for one payer account.
    public static func dueByMonth(payer: PayerAccount, _ db: Database) throws -> [String: Int64] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT month, SUM(amountFen) AS due FROM contribution WHERE payer = ? GROUP BY month
            """, arguments: [payer.description])
        return Dictionary(uniqueKeysWithValues: rows.map { ($0["month"] as String, $0["due"] as Int64) })
    }
}

extension ContributionPaymentRow {
    public static func paidByMonth(payer: PayerAccount, _ db: Database) throws -> [String: Int64] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT month, SUM(amountFen) AS paid FROM contributionPayment WHERE payer = ? GROUP BY month
            """, arguments: [payer.description])
        return Dictionary(uniqueKeysWithValues: rows.map { ($0["month"] as String, $0["paid"] as Int64) })
    }
}
