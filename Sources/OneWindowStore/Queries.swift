import GRDB
import OneWindowCore

// The lookups the services and screens make; each is backed by an index in `Schema`.

extension Person {
    public static func find(_ id: CitizenID, _ db: Database) throws -> Person? {
        try Person.filter(Column("citizenID") == id.value).fetchOne(db)
    }

    /// Name search: substring match from one character up, as clerks type part of a name, ordered by
    /// name. ASCII letters match either case. Uses the name-gram index (migration 002), so it stays fast
    /// on millions of persons.
    public static func search(name: String, limit: Int, _ db: Database) throws -> [Person] {
        guard let sql = try NameGramSearch.sql(gramTable: "personNameGram", table: "person", join: "t.id = g.personID",
                                               order: "g.personID", query: name, db) else { return [] }
        return try Person.fetchAll(db, sql: sql.text, arguments: sql.arguments + [limit])
    }
}

extension Employer {
    public static func find(_ code: CreditCode, _ db: Database) throws -> Employer? {
        try Employer.fetchOne(db, key: code.value)
    }

    /// Employer name search: the same substring rules as `Person.search`, on the employer-name grams.
    public static func search(name: String, limit: Int, _ db: Database) throws -> [Employer] {
        guard let sql = try NameGramSearch.sql(gramTable: "employerNameGram", table: "employer", join: "t.code = g.code",
                                               order: "g.code", query: name, db) else { return [] }
        return try Employer.fetchAll(db, sql: sql.text, arguments: sql.arguments + [limit])
    }

    /// Employers whose credit code starts with `prefix` (upper case), by code: a range on the primary key.
    public static func search(codePrefix prefix: String, limit: Int, _ db: Database) throws -> [Employer] {
        try Employer.fetchAll(db, sql: "SELECT * FROM employer WHERE code >= ? AND code < ? ORDER BY code LIMIT ?",
                                 arguments: [prefix, prefix + "\u{10FFFF}", limit])
    }
}

/// Builds the query on a name-gram table (see migration "002-name-search"). Grams are Unicode scalars,
/// as SQLite's `substr` counts them, lower-cased for ASCII only, as SQLite's `lower` does.
enum NameGramSearch {
    /// A gram range walked only up to this many rows when choosing the rarest bigram of a long query.
    static let countCap = 20_000

    static func sql(gramTable: String, table: String, join: String, order: String, query: String,
                    _ db: Database) throws -> (text: String, arguments: StatementArguments)? {
        var lowered = String.UnicodeScalarView()
        for s in query.unicodeScalars { lowered.append((65...90).contains(s.value) ? Unicode.Scalar(s.value + 32)! : s) }
        let q = String(lowered)
        let scalars = Array(lowered)
        guard !scalars.isEmpty else { return nil }
        // The row walk is forced to start from the gram index (CROSS JOIN), whose order is the name's.
        let select = """
            SELECT t.* FROM \(gramTable) g CROSS JOIN \(table) t ON \(join)
            WHERE g.gram = ?
            """
        let tail = " ORDER BY g.name, \(order) LIMIT ?"
        if scalars.count <= 2 { return (select + tail, [q]) }
        // Longer: every match contains each of the query's bigrams; walk the rarest and check the rest.
        let bigrams = Set((0..<scalars.count - 1).map { String(String.UnicodeScalarView(scalars[$0...$0 + 1])) })
        let counted = try bigrams.map { gram in
            (gram, try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM (SELECT 1 FROM \(gramTable) WHERE gram = ? LIMIT \(countCap))",
                                    arguments: [gram]) ?? 0)
        }
        let rarest = counted.min { ($0.1, $0.0) < ($1.1, $1.0) }!.0
        return (select + " AND instr(lower(g.name), ?) > 0" + tail, [rarest, q])
    }
}

extension OperatorAccount {
    public static func find(name: String, _ db: Database) throws -> OperatorAccount? {
        try OperatorAccount.filter(Column("name") == name).fetchOne(db)
    }
}

extension Enrolment {
    /// Medical first, then maternity, each by first month: the order the counter shows them in.
    public static func all(personID: Int64, _ db: Database) throws -> [Enrolment] {
        try Enrolment.filter(Column("personID") == personID).fetchAll(db)
            .sorted { ($0.scheme, $0.fromMonth) < ($1.scheme, $1.fromMonth) }
    }

    public static func open(personID: Int64, scheme: Scheme, _ db: Database) throws -> Enrolment? {
        try Enrolment.filter(Column("personID") == personID && Column("scheme") == scheme.rawValue
                                && Column("toMonth") == nil).fetchOne(db)
    }

    /// Medical periods covering `month`: the people a monthly contribution run charges.
    public static func medicalCovering(_ month: YearMonth, _ db: Database) throws -> [Enrolment] {
        let m = month.description
        return try Enrolment.filter(Column("scheme") == Scheme.medical.rawValue && Column("fromMonth") <= m
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
    public static func roster(_ code: CreditCode, _ db: Database) throws -> [Enrolment] {
        try Enrolment.filter(Column("employerCode") == code.value && Column("toMonth") == nil
                                && Column("scheme") == Scheme.medical.rawValue).fetchAll(db)
    }
}

extension ContributionBase {
    public static func history(personID: Int64, _ db: Database) throws -> [ContributionBase] {
        try ContributionBase.filter(Column("personID") == personID).order(Column("fromMonth")).fetchAll(db)
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

extension ContributionCharge {
    public static func forPerson(_ personID: Int64, _ db: Database) throws -> [ContributionCharge] {
        try ContributionCharge.filter(Column("personID") == personID).order(Column("month"), Column("item")).fetchAll(db)
    }

    public static func forEmployer(_ code: CreditCode, _ db: Database) throws -> [ContributionCharge] {
        try ContributionCharge.filter(Column("employerCode") == code.value)
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
    /// Due per month of a payer account; only `months` when given (a person's view needs a few months
    /// of an employer account that may hold thousands of lines).
    public static func dueByMonth(payer: PayerAccount, months: Set<YearMonth>? = nil, _ db: Database) throws -> [String: Int64] {
        let (filter, args) = MonthFilter.sql(months)
        let rows = try Row.fetchAll(db, sql: """
            SELECT month, SUM(amountFen) AS due FROM contribution WHERE payer = ?\(filter) GROUP BY month
            """, arguments: StatementArguments([payer.description] + args))
        return Dictionary(uniqueKeysWithValues: rows.map { ($0["month"] as String, $0["due"] as Int64) })
    }
}

extension ContributionPayment {
    public static func paidByMonth(payer: PayerAccount, months: Set<YearMonth>? = nil, _ db: Database) throws -> [String: Int64] {
        let (filter, args) = MonthFilter.sql(months)
        let rows = try Row.fetchAll(db, sql: """
            SELECT month, SUM(amountFen) AS paid FROM contributionPayment WHERE payer = ?\(filter) GROUP BY month
            """, arguments: StatementArguments([payer.description] + args))
        return Dictionary(uniqueKeysWithValues: rows.map { ($0["month"] as String, $0["paid"] as Int64) })
    }
}

extension WageDeclaration {
    public static func find(_ code: CreditCode, year: Int, _ db: Database) throws -> WageDeclaration? {
        try WageDeclaration.fetchOne(db, key: ["employerCode": code.value, "year": year])
    }
}

extension ContributionCharge {
    /// An employer's average charged base per person-month in a year, and the months it was charged:
    /// the allowance basis where the employer declared no wage.
    public static func employerBases(_ code: CreditCode, year: Int, _ db: Database) throws -> (average: Money?, months: Int) {
        let row = try Row.fetchOne(db, sql: """
            SELECT SUM(baseFen) AS total, COUNT(*) AS lines, COUNT(DISTINCT month) AS months FROM contribution
            WHERE employerCode = ? AND item = 'individualMedical' AND month >= ? AND month <= ?
            """, arguments: [code.value, "\(year)-01", "\(year)-12"])
        let lines: Int64 = row?["lines"] ?? 0
        guard lines > 0, let total: Int64 = row?["total"] else { return (nil, 0) }
        return (Money(fen: Rounding.halfUp(total, lines)), row?["months"] ?? 0)
    }

    /// Months charged for a person whose payer has settled that month in full.
    public static func settledMonths(personID: Int64, _ db: Database) throws -> Set<YearMonth> {
        let rows = try Row.fetchAll(db, sql: """
            SELECT c.month FROM contribution c
            WHERE c.personID = ?
            GROUP BY c.month
            HAVING (SELECT COALESCE(SUM(p.amountFen), 0) FROM contributionPayment p WHERE p.payer = MIN(c.payer) AND p.month = c.month)
                >= (SELECT SUM(c2.amountFen) FROM contribution c2 WHERE c2.payer = MIN(c.payer) AND c2.month = c.month)
            """, arguments: [personID])
        return Set(rows.compactMap { try? YearMonth.parse($0["month"] as String) })
    }
}

/// `AND month IN (?, …)` for an optional set of months.
enum MonthFilter {
    static func sql(_ months: Set<YearMonth>?) -> (String, [String]) {
        guard let months else { return ("", []) }
        let list = months.sorted().map(\.description)
        return (" AND month IN (" + Array(repeating: "?", count: list.count).joined(separator: ", ") + ")", list)
    }
}
