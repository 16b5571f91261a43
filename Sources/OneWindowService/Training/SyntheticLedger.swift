import Foundation
import GRDB
import OneWindowCore
import OneWindowStore

/// The prepared statements one batch writes through.
struct RowWriter {
    let db: Database
    let person: BulkStatement
    let enrolment: BulkStatement
    let base: BulkStatement
    let contribution: BulkStatement

    init(_ db: Database) throws {
        self.db = db
        person = try BulkStatement(db, """
            INSERT OR IGNORE INTO person (citizenID, name, sex, birthDate, region) VALUES (?, ?, ?, ?, ?)
            """)
        enrolment = try BulkStatement(db, """
            INSERT INTO enrolment (personID, scheme, category, employerCode, region, fromMonth, toMonth, endReason)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        base = try BulkStatement(db, "INSERT INTO contributionBase (personID, fromMonth, baseFen) VALUES (?, ?, ?)")
        contribution = try BulkStatement(db, """
            INSERT INTO contribution (personID, month, item, payer, employerCode, region, baseFen, rateBp, amountFen, maternityFen)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
    }

    /// Inserts the person, drawing another sequence number while the ID is taken; her row ID, or nil
    /// when no free number was found (never seen below hundreds of millions of persons).
    mutating func insertPerson(_ p: inout SyntheticPerson, _ rng: inout SplitMix64) throws -> Int64? {
        for _ in 0..<50 {
            try person.execute([.text(p.id.value), .text(p.name), .text(p.sex.rawValue), .text(p.birth.description), .text(p.region.code)])
            if db.changesCount == 1 { return db.lastInsertedRowID }
            p.id = SyntheticPopulation.nextID(p, &rng)
        }
        return nil
    }

    /// Her enrolments, bases and charged months; returns the contribution lines written.
    func insertRecord(_ p: SyntheticPerson, rowID: Int64, ledger: SyntheticPopulation, employers: EmployerIndex) throws -> Int {
        for period in p.periods {
            try enrolment.execute([.int(rowID), .text(period.scheme.rawValue), .text(period.category.rawValue),
                                   .text(period.employer?.value), .text(period.region), .text(period.from.description),
                                   .text(period.to?.description), .text(period.endReason?.rawValue)])
        }
        for b in p.bases { try base.execute([.int(rowID), .text(b.from.description), .int(b.base.fen)]) }
        var count = 0
        for (month, region, employer, line) in try ledger.charges(p, employers: employers) {
            try contribution.execute([.int(rowID), .text(month.description), .text(line.item.rawValue), .text(line.payer.description),
                                      .text(employer?.value), .text(region), .int(line.base.fen), .int(Int64(line.rate.basisPoints)),
                                      .int(line.amount.fen), .int(line.maternityShare.fen)])
            count += 1
        }
        return count
    }
}

extension SyntheticPopulation {
    /// The lines the monthly run would have charged her over the history months: the same calculator,
    /// rules, base in force and maternity cover as `ContributionService.run`.
    func charges(_ p: SyntheticPerson, employers: EmployerIndex)
        throws -> [(YearMonth, String, CreditCode?, ContributionLine)] {
        var result: [(YearMonth, String, CreditCode?, ContributionLine)] = []
        guard plan.historyMonths > 0 else { return result }
        for month in plan.anchor.advanced(by: -plan.historyMonths)..<plan.anchor {
            guard let period = p.periods.first(where: { $0.scheme == .medical && $0.covers(month) }),
                  let base = p.base(in: month),
                  let rules = try? ctx.policies.period(period.region, month).contribution else { continue }
            let employer = period.employer.flatMap { employers.byCode[$0.value] }
            let subject = ContributionSubject(
                person: p.id, category: period.category, employer: period.employer,
                employerUnifiedFrom: employer?.unifiedFrom, declaredBase: base,
                hasMaternity: p.periods.contains { $0.scheme == .maternity && $0.covers(month) }, region: period.region)
            for line in ContributionCalculator.lines(for: subject, month: month, rules: rules) {
                result.append((month, period.region, period.employer, line))
            }
        }
        return result
    }

    /// Pays what was charged, payer account by payer account, except the arrears: a tenth of the
    /// employers owe their last one to three months (the oldest sometimes half paid), an eighth of the
    /// flexible workers their last one or two. Pays only the difference to what is already paid, so a
    /// top-up leaves earlier payments alone. Returns the payment rows written.
    func writePayments() throws -> Int {
        guard plan.historyMonths > 0 else { return 0 }
        let lastMonth = plan.anchor.previous
        return try ctx.legacyWrite { db, audit in
            let due = try Row.fetchAll(db, sql: "SELECT payer, month, SUM(amountFen) AS due FROM contribution GROUP BY payer, month")
            var paid: [String: Int64] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT payer, month, SUM(amountFen) AS paid FROM contributionPayment GROUP BY payer, month") {
                paid[(row["payer"] as String) + "|" + (row["month"] as String)] = row["paid"]
            }
            let insert = try db.makeStatement(sql: "INSERT INTO contributionPayment (payer, month, amountFen, paidOn) VALUES (?, ?, ?, ?)")
            var written = 0
            for row in due {
                let payer: String = row["payer"]
                let monthText: String = row["month"]
                let amount: Int64 = row["due"]
                guard let month = try? YearMonth.parse(monthText) else { continue }
                var rng = SplitMix64(seed: plan.seed ^ payer.stableHash, stream: SyntheticStream.payer.rawValue, index: 0)
                let behind = month.distance(to: lastMonth)  // 0 for the last history month
                var target = amount
                if payer.hasPrefix("employer:"), rng.chance(10) {
                    let owed = 1 + rng.below(3)
                    if behind < owed { target = behind == owed - 1 && rng.chance(40) ? amount / 2 : 0 }
                } else if payer.hasPrefix("person:"), rng.chance(12) {
                    if behind < 1 + rng.below(2) { target = 0 }
                }
                let missing = target - (paid[payer + "|" + monthText] ?? 0)
                guard missing > 0 else { continue }
                let day = min(10 + rng.below(16), CalendarDate.daysIn(year: month.year, month: month.month))
                try insert.execute(arguments: [payer, monthText, missing, CalendarDate(year: month.year, month: month.month, day: day)!.description])
                written += 1
            }
            audit.append(AuditEntry(action: "synthetic.payments", entity: "store",
                                    after: AuditEntry.json(["seed": "\(plan.seed)", "payments": "\(written)"])))
            return written
        }
    }
}
