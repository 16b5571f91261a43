import GRDB
import OneWindowCore

// Bulk loads of whole populations (the synthetic training sandbox and benchmark store): the caller
// decides what to write, these only how: prepared once per transaction (`BulkStatement`: SQLite's C
// API, or PostgreSQL's prepared statements).

extension StoreTx {
    /// The inserts of a batch of persons with their records, prepared for this transaction.
    public func bulkPersons() throws -> BulkPersons { try BulkPersons(self) }
    /// The inserts of employers with their wage declarations, prepared for this transaction.
    public func bulkEmployers() throws -> BulkEmployers { try BulkEmployers(self) }
    /// The ledger's sums per payer and month, and the inserts of payments, for this transaction.
    public func bulkPayments() throws -> BulkPayments { try BulkPayments(self) }
}

/// Persons, their enrolment periods, contribution bases and charged months.
public struct BulkPersons {
    let person: BulkStatement
    let enrolment: BulkStatement
    let base: BulkStatement
    let contribution: BulkStatement

    init(_ tx: StoreTx) throws {
        // A bigger page cache for this connection: the name-gram index is written in random order.
        try tx.db?.execute(sql: "PRAGMA cache_size = -262144")
        person = try BulkStatement(tx, """
            INSERT INTO person (citizenID, name, sex, birthDate, region) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (citizenID) DO NOTHING
            """)
        enrolment = try BulkStatement(tx, """
            INSERT INTO enrolment (personID, scheme, category, employerCode, region, fromMonth, toMonth, endReason)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        base = try BulkStatement(tx, "INSERT INTO contributionBase (personID, fromMonth, baseFen) VALUES (?, ?, ?)")
        contribution = try BulkStatement(tx, """
            INSERT INTO contribution (personID, month, item, payer, employerCode, region, baseFen, rateBp, amountFen, maternityFen)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
    }

    /// Inserts the person unless her citizen ID is taken: her row id, or nil when it is taken.
    public func insert(citizenID: CitizenID, name: String, sex: Sex, birthDate: CalendarDate, region: String) throws -> Int64? {
        try person.executeReturningID([.text(citizenID.value), .text(name), .text(sex.rawValue), .text(birthDate.description), .text(region)])
    }

    public func insertEnrolment(personID: Int64, _ period: EnrolmentPeriod) throws {
        try enrolment.execute([.int(personID), .text(period.scheme.rawValue), .text(period.category.rawValue),
                               .text(period.employer?.value), .text(period.region), .text(period.from.description),
                               .text(period.to?.description), .text(period.endReason?.rawValue)])
    }

    public func insertBase(personID: Int64, from: YearMonth, base amount: Money) throws {
        try base.execute([.int(personID), .text(from.description), .int(amount.fen)])
    }

    /// One line the monthly run charges (see `ContributionCharge`).
    public func insertCharge(personID: Int64, month: YearMonth, region: String, employer: CreditCode?,
                             _ line: ContributionLine) throws {
        try contribution.execute([.int(personID), .text(month.description), .text(line.item.rawValue), .text(line.payer.description),
                                  .text(employer?.value), .text(region), .int(line.base.fen), .int(Int64(line.rate.basisPoints)),
                                  .int(line.amount.fen), .int(line.maternityShare.fen)])
    }
}

/// Employers and their declared average wages.
public struct BulkEmployers {
    let employer: BulkStatement
    let wage: BulkStatement

    init(_ tx: StoreTx) throws {
        employer = try BulkStatement(tx, """
            INSERT INTO employer (code, name, region, kind, unifiedFrom) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (code) DO NOTHING
            """)
        wage = try BulkStatement(tx, """
            INSERT INTO wageDeclaration (employerCode, year, averageMonthlyWageFen) VALUES (?, ?, ?)
            ON CONFLICT (employerCode, year) DO NOTHING
            """)
    }

    /// Inserts the employer unless its code is taken; whether it was inserted.
    public func insert(_ e: Employer) throws -> Bool {
        try employer.execute([.text(e.code), .text(e.name), .text(e.region), .text(e.kind.rawValue), .text(e.unifiedFrom)])
    }

    /// Inserts the declaration unless the employer already declared that year.
    public func insert(_ w: WageDeclaration) throws {
        try wage.execute([.text(w.employerCode), .int(Int64(w.year)), .int(w.averageMonthlyWageFen)])
    }
}

/// A payer account's month: what the ledger sums charges and payments by.
public struct PayerMonth: Hashable, Sendable {
    public let payer: PayerAccount
    public let month: YearMonth
    public init(payer: PayerAccount, month: YearMonth) {
        self.payer = payer
        self.month = month
    }
}

/// What each payer account owes and has paid per month, and payments against it.
public struct BulkPayments {
    let sql: any SQLExecutor
    let payment: BulkStatement

    init(_ tx: StoreTx) throws {
        sql = tx.sql
        payment = try BulkStatement(tx, "INSERT INTO contributionPayment (payer, month, amountFen, paidOn) VALUES (?, ?, ?, ?)")
    }

    /// The sum charged per payer account and month, by payer account then month.
    public func charged() throws -> [(PayerMonth, Money)] {
        try sums("SELECT payer, month, SUM(amountFen) AS total FROM contribution GROUP BY payer, month ORDER BY payer, month")
    }

    /// The sum paid per payer account and month.
    public func paid() throws -> [PayerMonth: Money] {
        Dictionary(try sums("SELECT payer, month, SUM(amountFen) AS total FROM contributionPayment GROUP BY payer, month"),
                   uniquingKeysWith: { a, _ in a })
    }

    public func insert(_ p: ContributionPayment) throws {
        try payment.execute([.text(p.payer), .text(p.month), .int(p.amountFen), .text(p.paidOn)])
    }

    /// Rows whose payer or month does not parse are left out (nothing the counter writes).
    private func sums(_ sql: String) throws -> [(PayerMonth, Money)] {
        try self.sql.rows(sql).compactMap { row in
            guard let payer = PayerAccount(stored: try row.decode("payer")), let month = try? YearMonth.parse(row.decode("month"))
            else { return nil }
            return (PayerMonth(payer: payer, month: month), Money(fen: try row.decode("total")))
        }
    }
}
