import Foundation
import OneWindowCore
import OneWindowStore

/// What one batch writes, through the store's bulk inserts.
struct RowWriter {
    let bulk: BulkPersons

    /// Inserts the person, drawing another sequence number while the ID is taken; her row ID, or nil
    /// when no free number was found (never seen below hundreds of millions of persons).
    func insertPerson(_ p: inout SyntheticPerson, _ rng: inout SplitMix64) throws -> Int64? {
        for _ in 0..<50 {
            if let rowID = try bulk.insert(citizenID: p.id, name: p.name, sex: p.sex, birthDate: p.birth, region: p.region.code) {
                return rowID
            }
            p.id = SyntheticPopulation.nextID(p, &rng)
        }
        return nil
    }

    /// Her enrolments, bases and charged months; returns the contribution lines written.
    func insertRecord(_ p: SyntheticPerson, rowID: Int64, ledger: SyntheticPopulation, employers: EmployerIndex) throws -> Int {
        for period in p.periods { try bulk.insertEnrolment(personID: rowID, period) }
        for b in p.bases { try bulk.insertBase(personID: rowID, from: b.from, base: b.base) }
        var count = 0
        for (month, region, employer, line) in try ledger.charges(p, employers: employers) {
            try bulk.insertCharge(personID: rowID, month: month, region: region, employer: employer, line)
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
        return try ctx.write { tx, audit in
            let bulk = try tx.bulkPayments()
            let paid = try bulk.paid()
            var written = 0
            for (key, amount) in try bulk.charged() {
                let (payer, month) = (key.payer, key.month)
                var rng = SplitMix64(seed: plan.seed ^ payer.description.stableHash, stream: SyntheticStream.payer.rawValue, index: 0)
                let behind = month.distance(to: lastMonth)  // 0 for the last history month
                var target = amount.fen
                switch payer {
                case .employer where rng.chance(10):
                    let owed = 1 + rng.below(3)
                    if behind < owed { target = behind == owed - 1 && rng.chance(40) ? amount.fen / 2 : 0 }
                case .person where rng.chance(12):
                    if behind < 1 + rng.below(2) { target = 0 }
                default: break
                }
                let missing = target - (paid[key]?.fen ?? 0)
                guard missing > 0 else { continue }
                let day = min(10 + rng.below(16), CalendarDate.daysIn(year: month.year, month: month.month))
                try bulk.insert(ContributionPayment(payer: payer, month: month, amount: Money(fen: missing),
                                                    paidOn: CalendarDate(year: month.year, month: month.month, day: day)!))
                written += 1
            }
            audit.append(AuditEntry(action: "synthetic.payments", entity: "store",
                                    after: AuditEntry.json(["seed": "\(plan.seed)", "payments": "\(written)"])))
            return written
        }
    }
}
