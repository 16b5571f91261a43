import OneWindowCore

/// One synthetic insured person before she is written: identity, registration history in both schemes
/// (made by the counter's own registration planner, so it is what the counter would have recorded),
/// contribution bases, and the legacy error planted in her record, if any.
struct SyntheticPerson {
    var id: CitizenID
    let name: String
    let sex: Sex
    let birth: CalendarDate
    let region: SyntheticNames.Region
    var periods: [EnrolmentPeriod]
    /// Base history: from which month which declared base (sorted by month).
    let bases: [(from: YearMonth, base: Money)]
    var planted: PlantedMismatch?
    /// Where the ID's region code comes from (the person may have been born elsewhere).
    let division: String

    var openMedical: EnrolmentPeriod? { periods.first { $0.scheme == .medical && $0.isOpen } }

    func base(in month: YearMonth) -> Money? { bases.last { $0.from <= month }?.base }
}

/// The legacy errors reconciliation must find (records from before the merger, or keyed in by hand).
enum PlantedMismatch: CaseIterable {
    /// Maternity ended some months ago; medical goes on.
    case endedEarly
    /// Maternity was never recorded for an employee.
    case neverRecorded
    /// A transfer was recorded in medical only: maternity still names the old employer.
    case wrongEmployer
    /// Retired, but maternity was never closed.
    case stillInMaternity
}

extension SyntheticPopulation {
    enum Life { case employee, flexible, retiree, unemployed }

    /// The i-th person of the seed. Her ID may still collide with one already written; `nextID` then
    /// draws another sequence number from the same generator.
    func makePerson(_ i: Int, employers: EmployerIndex) throws -> (SyntheticPerson, SplitMix64) {
        var rng = SplitMix64(seed: plan.seed, stream: SyntheticStream.person.rawValue, index: i)
        let a = plan.anchor
        let sex: Sex = rng.chance(50) ? .female : .male
        let life = rng.weighted([(Life.employee, 86), (.flexible, 7), (.retiree, 5), (.unemployed, 2)])
        var region = rng.weighted(SyntheticNames.regions.map { ($0, $0.weight) })
        if employers.byRegion[region.code, default: []].isEmpty, let any = employers.all.first { region = any.region }
        let first = try firstMonth(region.code)
        var events: [RegistrationEvent] = []
        var bases: [(from: YearMonth, base: Money)] = []
        let birth: CalendarDate

        let regionEmployers = employers.byRegion[region.code] ?? employers.all
        func pickEmployer() -> SyntheticEmployer {
            // Smaller indices are bigger employers: the minimum of two draws favours them.
            regionEmployers[min(rng.below(regionEmployers.count), rng.below(regionEmployers.count))]
        }
        func wageBase(_ e: SyntheticEmployer) -> Money {
            Self.roundedTo10Yuan(e.wageLevel.fen * Int64(rng.within(70...160)) / 100)
        }
        func date(age: Int, at month: YearMonth) -> CalendarDate {
            let m = month.advanced(by: -(age * 12 + rng.below(12)))
            return CalendarDate(year: m.year, month: m.month, day: 1 + rng.below(CalendarDate.daysIn(year: m.year, month: m.month)))!
        }

        switch life {
        case .employee:
            // Women retire at 50 (workers) in the old rule, so in-service women are younger.
            let span = sex == .female ? 29 : 39
            birth = date(age: 20 + rng.below(span / 2 + 1) + rng.below(span / 2 + 1), at: a)
            let adult = max(birth.yearMonth.advanced(by: 18 * 12), first)
            let k = 1 + rng.below(max(1, min(96, adult.distance(to: a))))
            let start = a.advanced(by: -k)
            let current = pickEmployer()
            var last = start
            if k >= 3, regionEmployers.count > 1, rng.chance(15) {
                var previous = pickEmployer()
                while previous.code == current.code { previous = pickEmployer() }
                let moved = start.advanced(by: 1 + rng.below(k - 2))
                events = [.enrol(category: .employee, employer: previous.code, region: region.code, from: start),
                          .transfer(employer: current.code, region: region.code, from: moved)]
                bases = [(start, wageBase(previous)), (moved, wageBase(current))]
                last = moved
            } else {
                events = [.enrol(category: .employee, employer: current.code, region: region.code, from: start)]
                bases = [(start, wageBase(current))]
            }
            // The yearly base declaration in January raises most bases a little.
            let january = YearMonth(year: a.year, month: 1)!
            if last < january, january < a, rng.chance(70) {
                bases.append((january, Self.roundedTo10Yuan(bases.last!.base.fen * Int64(rng.within(102...108)) / 100)))
            }
            if last.distance(to: a) >= 2, rng.chance(3) {
                events.append(.terminate(from: last.advanced(by: 1 + rng.below(last.distance(to: a) - 1))))
            }
        case .flexible:
            birth = date(age: 25 + rng.below(30), at: a)
            let start = a.advanced(by: -(1 + rng.below(max(1, min(72, first.distance(to: a))))))
            events = [.enrol(category: .flexible, employer: nil, region: region.code, from: start)]
            bases = [(start, Self.roundedTo10Yuan(try rules(region.code, start).baseFloor.value.fen * Int64(rng.within(100...150)) / 100))]
        case .unemployed:
            birth = date(age: 30 + rng.below(25), at: a)
            let start = a.advanced(by: -(1 + rng.below(max(1, min(18, first.distance(to: a))))))
            events = [.enrol(category: .unemployed, employer: nil, region: region.code, from: start)]
            bases = [(start, try rules(region.code, start).baseFloor.value)]
        case .retiree:
            let retired = a.advanced(by: -(1 + rng.below(max(1, min(60, first.distance(to: a) - 2)))))
            birth = date(age: sex == .female ? 50 : 60, at: retired)
            let start = max(first, retired.advanced(by: -(12 + rng.below(120))))
            let employer = pickEmployer()
            if start < retired {
                events = [.enrol(category: .employee, employer: employer.code, region: region.code, from: start),
                          .retire(from: retired)]
                bases = [(start, wageBase(employer))]
            } else {
                events = [.enrol(category: .retiree, employer: nil, region: region.code, from: retired)]
                bases = [(retired, try rules(region.code, retired).baseFloor.value)]
            }
        }

        var periods: [EnrolmentPeriod] = []
        for event in events { try Self.apply(planner.plan(event, periods: periods), to: &periods) }
        let division = rng.chance(80) ? rng.pick(region.districts).code : rng.pick(rng.pick(SyntheticNames.regions).districts).code
        let person = SyntheticPerson(
            id: SyntheticIdentifiers.citizenID(division: division, birth: birth, sex: sex, &rng),
            name: SyntheticNames.personName(sex, &rng), sex: sex, birth: birth, region: region,
            periods: periods, bases: bases, planted: nil, division: division)
        return (person, rng)
    }

    /// Another ID for the same person (same birth date and sex) after a collision.
    static func nextID(_ p: SyntheticPerson, _ rng: inout SplitMix64) -> CitizenID {
        SyntheticIdentifiers.citizenID(division: p.division, birth: p.birth, sex: p.sex, &rng)
    }

    /// What the counter's planner decided, applied to the in-memory record.
    static func apply(_ changes: [RegistrationChange], to periods: inout [EnrolmentPeriod]) {
        for change in changes {
            switch change {
            case let .close(scheme, last, reason):
                guard let i = periods.firstIndex(where: { $0.scheme == scheme && $0.isOpen }) else { continue }
                periods[i].to = last
                periods[i].endReason = reason
            case let .open(period):
                periods.append(period)
            }
        }
    }

    /// Plants `kind` in the person's maternity record when her history allows it; false otherwise.
    func plant(_ kind: PlantedMismatch, in p: inout SyntheticPerson, _ rng: inout SplitMix64) -> Bool {
        let a = plan.anchor
        let medical = p.periods.filter { $0.scheme == .medical }
        var maternity = p.periods.filter { $0.scheme == .maternity }
        switch kind {
        case .endedEarly:
            guard let i = maternity.firstIndex(where: \.isOpen), maternity[i].from.distance(to: a) >= 4 else { return false }
            maternity[i].to = a.advanced(by: -(2 + rng.below(min(4, maternity[i].from.distance(to: a) - 3))))
            maternity[i].endReason = .terminated
        case .neverRecorded:
            guard medical.count == 1, medical[0].category == .employee, medical[0].isOpen, !maternity.isEmpty else { return false }
            maternity = []
        case .wrongEmployer:
            guard medical.count == 2, medical.allSatisfy({ $0.category == .employee }), medical[1].isOpen,
                  maternity.count == 2, medical[0].employer != medical[1].employer else { return false }
            var merged = maternity[0]
            merged.to = nil
            merged.endReason = nil
            maternity = [merged]
        case .stillInMaternity:
            guard medical.contains(where: { $0.category == .retiree }), let i = maternity.firstIndex(where: { $0.endReason == .retired })
            else { return false }
            maternity[i].to = nil
            maternity[i].endReason = nil
        }
        p.periods = medical + maternity
        p.planted = kind
        return true
    }
}
