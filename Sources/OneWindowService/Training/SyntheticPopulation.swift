import Foundation
import OneWindowCore
import OneWindowStore

/// The one synthetic-data generator: the training sandbox (`onewindow demo`) and the benchmark store
/// (`onewindow bench`) are both made by it, at different sizes. From a seed it writes employers across
/// the shipped regions with valid credit codes and declared wages, persons with valid citizen IDs of
/// those regions and common names, their registration histories (both schemes in step, except the
/// planted legacy mismatches), contribution bases, charged months and payments with some arrears.
///
/// Everything is drawn from `SplitMix64` streams keyed by seed and index, so the same seed gives the
/// same store, and the i-th person is the same whether written at once or by a later top-up. Dates are
/// relative to the plan's anchor month (the sandbox's "this month"), so the data always looks current.
/// Rows go in through prepared statements, a batch per transaction, one audit row per batch.
public struct SyntheticPopulation {
    public struct Plan: Sendable, Equatable {
        public var seed: UInt64
        public var persons: Int
        public var employers: Int
        /// The month the data leads up to: histories end before it, registrations may start in it.
        public var anchor: YearMonth
        /// Months charged (and mostly paid) before the anchor.
        public var historyMonths: Int
        /// Legacy mismatches to plant for reconciliation.
        public var mismatches: Int
        /// Plant the exercises' subjects (the sandbox's cast).
        public var cast: Bool
        /// Persons per transaction.
        public var batch: Int

        /// The training sandbox: a few thousand persons, a few hundred employers, a year of history.
        public static func sandbox(seed: UInt64, persons: Int = 2_000, anchor: YearMonth) -> Plan {
            Plan(seed: seed, persons: persons, employers: max(8, persons / 10), anchor: anchor, historyMonths: 12,
                 mismatches: max(4, persons / 250), cast: true, batch: 50_000)
        }

        /// The benchmark store: large, about 500 persons per employer, a short history (the person view
        /// shows charged months and payments; the size that matters is the persons).
        public static func bench(persons: Int, anchor: YearMonth) -> Plan {
            Plan(seed: 1, persons: persons, employers: max(2, persons / 500), anchor: anchor, historyMonths: 2,
                 mismatches: 0, cast: false, batch: 50_000)
        }
    }

    public struct Summary: Sendable, Equatable {
        public var personsAdded = 0
        public var employers = 0
        public var contributionLines = 0
        public var payments = 0
        public var mismatchesPlanted = 0
    }

    let ctx: ServiceContext
    let plan: Plan
    let planner: RegistrationPlanner

    init(_ ctx: ServiceContext, _ plan: Plan) {
        self.ctx = ctx
        self.plan = plan
        planner = RegistrationPlanner(flexibleInMaternity: ctx.policies.flexibleInMaternity)
    }

    /// Adds the plan's persons not yet in the store (none are removed), with the employers they need.
    /// Only ever on a training store. `progress` is told the number of persons after each batch.
    @discardableResult
    public static func populate(_ ctx: ServiceContext, _ plan: Plan, progress: (Int) -> Void = { _ in }) throws -> Summary {
        guard ctx.session.storeMode == .training else { throw DomainError("error.synthetic.live", texts: ctx.store.path) }
        try ctx.require(.register)
        return try SyntheticPopulation(ctx, plan).run(progress: progress)
    }

    func run(progress: (Int) -> Void) throws -> Summary {
        var summary = Summary()
        let existing = try ctx.store.read { tx in try tx.persons.count() }
        let employers = EmployerIndex(try makeEmployers(count: plan.employers))
        summary.employers = employers.all.count
        try writeEmployers(employers.all)
        var tracker = CastTracker()
        var next = existing
        while next < plan.persons {
            let end = min(plan.persons, next + plan.batch)
            try ctx.write { tx, audit in
                let writer = RowWriter(bulk: try tx.bulkPersons())
                var lines = 0
                for i in next..<end {
                    var (person, rng) = try makePerson(i, employers: employers)
                    if summary.mismatchesPlanted < plan.mismatches, shouldTryPlant(i) {
                        var plantRng = SplitMix64(seed: plan.seed, stream: SyntheticStream.plant.rawValue, index: i)
                        let order = PlantedMismatch.allCases
                        let first = summary.mismatchesPlanted % order.count
                        for kind in order[first...] + order[..<first] where plant(kind, in: &person, &plantRng) {
                            summary.mismatchesPlanted += 1
                            break
                        }
                    }
                    guard let rowID = try writer.insertPerson(&person, &rng) else { continue }
                    lines += try writer.insertRecord(person, rowID: rowID, ledger: self, employers: employers)
                    if plan.cast { tracker.consider(person, employers: employers, anchor: plan.anchor) }
                }
                summary.contributionLines += lines
                summary.personsAdded += end - next
                audit.append(AuditEntry(action: "synthetic.persons", entity: "store",
                                        after: AuditEntry.json(["seed": "\(plan.seed)", "from": "\(next)", "to": "\(end)",
                                                                "contributionLines": "\(lines)"])))
            }
            next = end
            progress(next)
        }
        summary.payments = try writePayments()
        if plan.cast, existing == 0 { try writeCast(tracker, employers: employers) }
        return summary
    }

    /// About three candidates for each mismatch wanted, spread over the whole population.
    func shouldTryPlant(_ i: Int) -> Bool {
        let stride = max(1, plan.persons / max(1, plan.mismatches * 3))
        var rng = SplitMix64(seed: plan.seed, stream: SyntheticStream.plant.rawValue, index: i)
        return rng.below(stride) == 0
    }

    func rules(_ region: String, _ month: YearMonth) throws -> ContributionRules {
        try ctx.policies.period(region, month).contribution
    }

    func firstMonth(_ region: String) throws -> YearMonth {
        guard let first = try ctx.policies.policy(region).periods.first?.from else {
            throw DomainError("error.policy.noPeriods", texts: region)
        }
        return first
    }

    func writeEmployers(_ employers: [SyntheticEmployer]) throws {
        try ctx.write { tx, audit in
            let bulk = try tx.bulkEmployers()
            var added = 0
            for e in employers {
                guard try bulk.insert(Employer(code: e.code, name: e.name, region: e.region.code, kind: e.employerKind,
                                               unifiedFrom: e.unifiedFrom)) else { continue }
                added += 1
                // The previous two years' average monthly wage: the maternity allowance basis.
                var rng = SplitMix64(seed: plan.seed, stream: SyntheticStream.employer.rawValue, index: -1 - e.index)
                let lastYear = e.wageLevel.fen * Int64(rng.within(97...103)) / 100
                let yearBefore = lastYear * Int64(rng.within(92...98)) / 100
                try bulk.insert(WageDeclaration(employer: e.code, year: plan.anchor.year - 1, wage: Money(fen: (lastYear + 50) / 100 * 100)))
                try bulk.insert(WageDeclaration(employer: e.code, year: plan.anchor.year - 2, wage: Money(fen: (yearBefore + 50) / 100 * 100)))
            }
            audit.append(AuditEntry(action: "synthetic.employers", entity: "store",
                                    after: AuditEntry.json(["seed": "\(plan.seed)", "employers": "\(added)"])))
        }
    }
}

/// The plan's employers, and by region for drawing a person's employer.
struct EmployerIndex {
    let all: [SyntheticEmployer]
    let byRegion: [String: [SyntheticEmployer]]
    let byCode: [String: SyntheticEmployer]

    init(_ all: [SyntheticEmployer]) {
        self.all = all
        byRegion = Dictionary(grouping: all, by: \.region.code)
        byCode = Dictionary(uniqueKeysWithValues: all.map { ($0.code.value, $0) })
    }
}
