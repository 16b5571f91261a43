import Testing
@testable import OneWindowCore

@Suite("统一参保登记: RegistrationPlanner")
struct RegistrationPlannerTests {
    let planner = RegistrationPlanner(flexibleInMaternity: tianjinOnly)
    let sync = MaternitySync(flexibleInMaternity: tianjinOnly)

    func medical(_ category: PersonCategory = .employee, _ employer: CreditCode? = Employers.a, region: String = "shenyang",
                 from: YearMonth = ym(2024, 1), to: YearMonth? = nil, end: EndReason? = nil) -> EnrolmentPeriod {
        EnrolmentPeriod(scheme: .medical, category: category, employer: employer, region: region, from: from, to: to, endReason: end)
    }

    /// An employee enrolled with employer A in Shenyang since 2024-01, in both schemes.
    var employeeHistory: [EnrolmentPeriod] {
        let med = medical()
        return [med, med.mirrored(in: .maternity)]
    }

    func opened(_ changes: [RegistrationChange]) -> [EnrolmentPeriod] {
        changes.compactMap { change -> EnrolmentPeriod? in
            if case let .open(p) = change { return p }
            return nil
        }
    }

    func closed(_ changes: [RegistrationChange]) -> [(Scheme, YearMonth, EndReason)] {
        changes.compactMap { change -> (Scheme, YearMonth, EndReason)? in
            if case let .close(s, m, r) = change { return (s, m, r) }
            return nil
        }
    }

    // MARK: enrol

    @Test("国办发〔2019〕10号: employee enrolment carries maternity — same place, same months, same transaction")
    func enrolEmployee() throws {
        let changes = try planner.plan(.enrol(category: .employee, employer: Employers.a, region: "shenyang", from: ym(2026, 3)),
                                       periods: [])
        let med = EnrolmentPeriod(scheme: .medical, category: .employee, employer: Employers.a, region: "shenyang", from: ym(2026, 3))
        #expect(changes == [.open(med), .open(med.mirrored(in: .maternity))])
        let periods = try apply(changes, to: [])
        #expect(periods.map(\.scheme) == [.medical, .maternity])
        #expect(periods[0].from == periods[1].from && periods[0].to == nil && periods[1].to == nil)
        #expect(periods[1].employer == Employers.a && periods[1].region == "shenyang" && periods[1].category == .employee)
        #expect(sync.mismatch(in: periods, horizon: ym(2030, 1)) == nil)
    }

    @Test("国办发〔2019〕10号: flexible workers' maternity enrolment follows the region flag, both ways",
          arguments: [("tianjin", true), ("shenyang", false), ("changzhou", false)])
    func enrolFlexible(_ region: String, _ inMaternity: Bool) throws {
        let changes = try planner.plan(.enrol(category: .flexible, employer: nil, region: region, from: ym(2026, 1)), periods: [])
        let schemes = opened(changes).map(\.scheme)
        #expect(schemes == (inMaternity ? [.medical, .maternity] : [.medical]))
        #expect(opened(changes).allSatisfy { $0.from == ym(2026, 1) && $0.category == .flexible && $0.employer == nil })
    }

    @Test("the flexible flag is asked for the enrolment's region and month")
    func flexibleFlagIsDated() throws {
        let dated = RegistrationPlanner(flexibleInMaternity: { region, month in region == "tianjin" && month >= ym(2024, 7) })
        let before = try dated.plan(.enrol(category: .flexible, employer: nil, region: "tianjin", from: ym(2024, 6)), periods: [])
        let after = try dated.plan(.enrol(category: .flexible, employer: nil, region: "tianjin", from: ym(2024, 7)), periods: [])
        #expect(opened(before).map(\.scheme) == [.medical])
        #expect(opened(after).map(\.scheme) == [.medical, .maternity])
    }

    @Test("domain: retirees and unemployment-benefit recipients have no maternity enrolment, whatever the flag",
          arguments: [PersonCategory.retiree, .unemployed], ["tianjin", "shenyang"])
    func enrolNoMaternity(_ category: PersonCategory, _ region: String) throws {
        let changes = try planner.plan(.enrol(category: category, employer: nil, region: region, from: ym(2026, 1)), periods: [])
        #expect(changes == [.open(EnrolmentPeriod(scheme: .medical, category: category, employer: nil, region: region, from: ym(2026, 1)))])
    }

    @Test("PersonCategory.hasMaternity: employee always, flexible by flag, retiree and unemployed never")
    func hasMaternity() {
        for flag in [true, false] {
            #expect(PersonCategory.employee.hasMaternity(flexibleInMaternity: flag))
            #expect(PersonCategory.flexible.hasMaternity(flexibleInMaternity: flag) == flag)
            #expect(!PersonCategory.retiree.hasMaternity(flexibleInMaternity: flag))
            #expect(!PersonCategory.unemployed.hasMaternity(flexibleInMaternity: flag))
        }
        #expect(PersonCategory.allCases.filter(\.needsEmployer) == [.employee])
    }

    @Test("an employee needs an employer; other categories may not have one")
    func enrolEmployerRules() {
        #expect(throws: FieldError(.employer, "reason.required")) {
            try planner.plan(.enrol(category: .employee, employer: nil, region: "shenyang", from: ym(2026, 1)), periods: [])
        }
        for category in [PersonCategory.flexible, .retiree, .unemployed] {
            #expect(throws: FieldError(.employer, "reason.reg.noEmployerForCategory")) {
                try planner.plan(.enrol(category: category, employer: Employers.a, region: "shenyang", from: ym(2026, 1)), periods: [])
            }
        }
    }

    @Test("enrolling someone already enrolled is refused (error.reg.alreadyEnrolled)")
    func enrolTwice() {
        #expect(throws: DomainError("error.reg.alreadyEnrolled")) {
            try planner.plan(.enrol(category: .employee, employer: Employers.b, region: "shenyang", from: ym(2026, 1)),
                             periods: employeeHistory)
        }
    }

    @Test("a new enrolment may not overlap history (reason.reg.overlapsHistory)",
          arguments: [ym(2025, 6), ym(2025, 1), ym(2020, 1)])
    func enrolOverlapsHistory(_ from: YearMonth) {
        let med = medical(from: ym(2024, 1), to: ym(2025, 6), end: .terminated)
        #expect(throws: FieldError(.fromMonth, "reason.reg.overlapsHistory", texts: "2025-06")) {
            try planner.plan(.enrol(category: .employee, employer: Employers.a, region: "shenyang", from: from),
                             periods: [med, med.mirrored(in: .maternity)])
        }
    }

    @Test("a new enrolment right after the last one ended is allowed (no gap needed)")
    func enrolAfterHistory() throws {
        let med = medical(from: ym(2024, 1), to: ym(2025, 6), end: .terminated)
        let changes = try planner.plan(.enrol(category: .flexible, employer: nil, region: "shenyang", from: ym(2025, 7)),
                                       periods: [med, med.mirrored(in: .maternity)])
        #expect(opened(changes).map(\.from) == [ym(2025, 7)])
    }

    // MARK: transfer

    @Test("domain: transfer ends both schemes at month−1 and opens both at month — no gap, no overlap")
    func transfer() throws {
        let changes = try planner.plan(.transfer(employer: Employers.b, region: "changzhou", from: ym(2026, 3)),
                                       periods: employeeHistory)
        let newMed = EnrolmentPeriod(scheme: .medical, category: .employee, employer: Employers.b, region: "changzhou", from: ym(2026, 3))
        #expect(changes == [
            .close(scheme: .medical, lastMonth: ym(2026, 2), reason: .transferred),
            .close(scheme: .maternity, lastMonth: ym(2026, 2), reason: .transferred),
            .open(newMed),
            .open(newMed.mirrored(in: .maternity)),
        ])
        let periods = try apply(changes, to: employeeHistory)
        for scheme in Scheme.allCases {
            let mine = periods.filter { $0.scheme == scheme }
            #expect(mine.count == 2)
            #expect(mine[0].to?.next == mine[1].from, "\(scheme): the new period starts the month after the old one ends")
            #expect(mine[0].employer == Employers.a && mine[1].employer == Employers.b)
        }
        #expect(sync.mismatch(in: periods, horizon: ym(2030, 1)) == nil)
    }

    @Test("transfer to the current employer is refused (reason.reg.sameEmployer)")
    func transferSameEmployer() {
        #expect(throws: FieldError(.employer, "reason.reg.sameEmployer")) {
            try planner.plan(.transfer(employer: Employers.a, region: "shenyang", from: ym(2026, 3)), periods: employeeHistory)
        }
    }

    @Test("only employees transfer between employers (error.reg.transferNeedsEmployee)",
          arguments: [PersonCategory.flexible, .retiree, .unemployed])
    func transferNeedsEmployee(_ category: PersonCategory) {
        #expect(throws: DomainError("error.reg.transferNeedsEmployee")) {
            try planner.plan(.transfer(employer: Employers.b, region: "shenyang", from: ym(2026, 3)),
                             periods: [medical(category, nil)])
        }
    }

    // MARK: retire

    @Test("domain: retirement closes both schemes; medical continues as a retiree without employer, maternity ends")
    func retire() throws {
        let changes = try planner.plan(.retire(from: ym(2026, 5)), periods: employeeHistory)
        #expect(changes == [
            .close(scheme: .medical, lastMonth: ym(2026, 4), reason: .retired),
            .close(scheme: .maternity, lastMonth: ym(2026, 4), reason: .retired),
            .open(EnrolmentPeriod(scheme: .medical, category: .retiree, employer: nil, region: "shenyang", from: ym(2026, 5))),
        ])
        let periods = try apply(changes, to: employeeHistory)
        #expect(!periods.contains { $0.scheme == .maternity && $0.isOpen })
        #expect(sync.mismatch(in: periods, horizon: ym(2030, 1)) == nil)
    }

    @Test("retiring a retiree is refused (error.reg.alreadyRetired)")
    func retireTwice() {
        #expect(throws: DomainError("error.reg.alreadyRetired")) {
            try planner.plan(.retire(from: ym(2026, 5)), periods: [medical(.retiree, nil)])
        }
    }

    @Test("a flexible worker without maternity retires: only medical is closed and reopened")
    func retireFlexibleWithoutMaternity() throws {
        let changes = try planner.plan(.retire(from: ym(2026, 5)), periods: [medical(.flexible, nil)])
        #expect(closed(changes).map(\.0) == [.medical])
        #expect(opened(changes).map(\.category) == [.retiree])
    }

    // MARK: suspend / resume / terminate

    @Test("domain: suspending closes both schemes at month−1")
    func suspend() throws {
        let changes = try planner.plan(.suspend(from: ym(2026, 2)), periods: employeeHistory)
        #expect(changes == [
            .close(scheme: .medical, lastMonth: ym(2026, 1), reason: .suspended),
            .close(scheme: .maternity, lastMonth: ym(2026, 1), reason: .suspended),
        ])
    }

    @Test("domain: resuming reopens both schemes with the same category, employer and region")
    func resume() throws {
        let suspended = try apply(try planner.plan(.suspend(from: ym(2026, 2)), periods: employeeHistory), to: employeeHistory)
        let changes = try planner.plan(.resume(from: ym(2026, 6)), periods: suspended)
        let med = EnrolmentPeriod(scheme: .medical, category: .employee, employer: Employers.a, region: "shenyang", from: ym(2026, 6))
        #expect(changes == [.open(med), .open(med.mirrored(in: .maternity))])
        let periods = try apply(changes, to: suspended)
        #expect(sync.mismatch(in: periods, horizon: ym(2030, 1)) == nil)
    }

    @Test("resuming a Tianjin flexible worker reopens maternity too; a Shenyang one only medical",
          arguments: [("tianjin", [Scheme.medical, .maternity]), ("shenyang", [.medical])])
    func resumeFlexible(_ region: String, _ schemes: [Scheme]) throws {
        let start = try apply(try planner.plan(.enrol(category: .flexible, employer: nil, region: region, from: ym(2025, 1)), periods: []), to: [])
        let suspended = try apply(try planner.plan(.suspend(from: ym(2025, 6)), periods: start), to: start)
        let changes = try planner.plan(.resume(from: ym(2025, 9)), periods: suspended)
        #expect(opened(changes).map(\.scheme) == schemes)
        #expect(opened(changes).allSatisfy { $0.category == .flexible && $0.region == region && $0.employer == nil })
    }

    @Test("resuming without a suspension is refused (error.reg.notSuspended)")
    func resumeWithoutSuspension() {
        let terminated = employeeHistory.map { var p = $0; p.to = ym(2025, 12); p.endReason = .terminated; return p }
        // Suspended once, resumed, then terminated: the last period decides.
        let old = medical(from: ym(2022, 1), to: ym(2022, 6), end: .suspended)
        let later = medical(from: ym(2022, 9), to: ym(2025, 12), end: .terminated)
        let suspendedEarlier = [old, old.mirrored(in: .maternity), later, later.mirrored(in: .maternity)]
        for history in [[], terminated, suspendedEarlier] {
            #expect(throws: DomainError("error.reg.notSuspended")) {
                try planner.plan(.resume(from: ym(2026, 6)), periods: history)
            }
        }
    }

    @Test("resuming while enrolled is refused (error.reg.alreadyEnrolled)")
    func resumeWhileEnrolled() {
        #expect(throws: DomainError("error.reg.alreadyEnrolled")) {
            try planner.plan(.resume(from: ym(2026, 6)), periods: employeeHistory)
        }
    }

    @Test("resuming in or before the suspended period's last month is refused (reason.reg.overlapsHistory)",
          arguments: [ym(2026, 1), ym(2025, 10)])
    func resumeTooEarly(_ month: YearMonth) throws {
        let suspended = try apply(try planner.plan(.suspend(from: ym(2026, 2)), periods: employeeHistory), to: employeeHistory)
        #expect(throws: FieldError(.fromMonth, "reason.reg.overlapsHistory", texts: "2026-01")) {
            try planner.plan(.resume(from: month), periods: suspended)
        }
    }

    @Test("domain: terminating closes both schemes at month−1")
    func terminate() throws {
        let changes = try planner.plan(.terminate(from: ym(2026, 7)), periods: employeeHistory)
        #expect(changes == [
            .close(scheme: .medical, lastMonth: ym(2026, 6), reason: .terminated),
            .close(scheme: .maternity, lastMonth: ym(2026, 6), reason: .terminated),
        ])
    }

    // MARK: refusals common to changes

    static let changesOfOpenEnrolment: [@Sendable (YearMonth) -> RegistrationEvent] = [
        { .transfer(employer: Employers.b, region: "shenyang", from: $0) },
        { .retire(from: $0) },
        { .suspend(from: $0) },
        { .terminate(from: $0) },
    ]

    @Test("a change effective at or before the period start is refused (reason.reg.notAfterStart)",
          arguments: 0..<4, [ym(2024, 1), ym(2023, 12), ym(2020, 6)])
    func changeNotAfterStart(_ which: Int, _ month: YearMonth) {
        let event = Self.changesOfOpenEnrolment[which](month)
        #expect(throws: FieldError(.fromMonth, "reason.reg.notAfterStart", texts: "2024-01")) {
            try planner.plan(event, periods: employeeHistory)
        }
    }

    @Test("a change one month after the start is allowed and leaves a one-month period", arguments: 0..<4)
    func changeOneMonthAfterStart(_ which: Int) throws {
        let event = Self.changesOfOpenEnrolment[which](ym(2024, 2))
        let periods = try apply(try planner.plan(event, periods: employeeHistory), to: employeeHistory)
        let first = try #require(periods.first { $0.scheme == .medical })
        #expect(first.from == ym(2024, 1) && first.to == ym(2024, 1))
    }

    @Test("changing someone not enrolled is refused (error.reg.notEnrolled)", arguments: 0..<4)
    func changeNotEnrolled(_ which: Int) {
        let ended = employeeHistory.map { var p = $0; p.to = ym(2025, 12); p.endReason = .terminated; return p }
        for history in [[], ended] {
            #expect(throws: DomainError("error.reg.notEnrolled")) {
                try planner.plan(Self.changesOfOpenEnrolment[which](ym(2026, 3)), periods: history)
            }
        }
    }

    @Test("RegistrationEvent names its action and its effective month")
    func eventNames() {
        let m = ym(2026, 1)
        let events: [RegistrationEvent] = [.enrol(category: .flexible, employer: nil, region: "x", from: m),
                                           .transfer(employer: Employers.a, region: "x", from: m), .retire(from: m),
                                           .suspend(from: m), .resume(from: m), .terminate(from: m)]
        #expect(events.map(\.actionName) == ["enrol", "transfer", "retire", "suspend", "resume", "terminate"])
        #expect(events.allSatisfy { $0.effectiveMonth == m })
    }
}

// MARK: property: any valid sequence keeps both schemes in step

enum FlexibleRuleKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case tianjinAlways, tianjinFrom2024_07, nowhere, everywhere

    var rule: FlexibleMaternityRule {
        switch self {
        case .tianjinAlways: { region, _ in region == "tianjin" }
        case .tianjinFrom2024_07: { region, month in region == "tianjin" && month >= YearMonth(year: 2024, month: 7)! }
        case .nowhere: { _, _ in false }
        case .everywhere: { _, _ in true }
        }
    }

    var testDescription: String { rawValue }
}

@Suite("国办发〔2019〕10号 property: registration plans never leave a month with one scheme and not the other")
struct RegistrationPropertyTests {
    static let regions = ["tianjin", "shenyang", "changzhou", "shantou"]

    /// A random event that is valid for `periods` at `month` (a month later than every earlier event).
    static func randomEvent(_ periods: [EnrolmentPeriod], _ month: YearMonth, _ rng: inout SplitMix64) -> RegistrationEvent {
        let open = periods.first { $0.scheme == .medical && $0.isOpen }
        if let open {
            var options: [RegistrationEvent] = [.suspend(from: month), .terminate(from: month)]
            if open.category != .retiree { options.append(.retire(from: month)) }
            if open.category == .employee {
                let others = Employers.all.filter { $0 != open.employer }
                let employer = others.randomElement(using: &rng)!
                options.append(.transfer(employer: employer, region: regions.randomElement(using: &rng)!, from: month))
                options.append(.transfer(employer: employer, region: open.region, from: month))
            }
            return options.randomElement(using: &rng)!
        }
        let last = periods.filter { $0.scheme == .medical }.max { $0.from < $1.from }
        if last?.endReason == .suspended, Bool.random(using: &rng) { return .resume(from: month) }
        let category = PersonCategory.allCases.randomElement(using: &rng)!
        return .enrol(category: category, employer: category.needsEmployer ? Employers.all.randomElement(using: &rng)! : nil,
                      region: regions.randomElement(using: &rng)!, from: month)
    }

    @Test("random valid event sequences: MaternitySync finds no mismatch after any step",
          arguments: FlexibleRuleKind.allCases, UInt64(1)...UInt64(25))
    func randomSequences(_ kind: FlexibleRuleKind, _ seed: UInt64) throws {
        let planner = RegistrationPlanner(flexibleInMaternity: kind.rule)
        let sync = MaternitySync(flexibleInMaternity: kind.rule)
        var rng = SplitMix64(seed: seed)
        var periods: [EnrolmentPeriod] = []
        var month = ym(2019, 1).advanced(by: Int.random(in: 0..<24, using: &rng))
        for step in 0..<40 {
            let event = Self.randomEvent(periods, month, &rng)
            let changes: [RegistrationChange]
            do {
                changes = try planner.plan(event, periods: periods)
            } catch {
                Issue.record("seed \(seed) step \(step): valid event \(event) refused: \(error)")
                return
            }
            periods = try apply(changes, to: periods)
            let horizon = month.advanced(by: 6)
            let mismatch = sync.mismatch(in: periods, horizon: horizon)
            #expect(mismatch == nil, "seed \(seed) step \(step) after \(event): \(String(describing: mismatch))")
            // At most one open period per scheme, and the periods of a scheme never overlap.
            for scheme in Scheme.allCases {
                let mine = periods.filter { $0.scheme == scheme }.sorted { $0.from < $1.from }
                #expect(mine.filter(\.isOpen).count <= 1)
                for (a, b) in zip(mine, mine.dropFirst()) {
                    let aEnd = try #require(a.to, "seed \(seed) step \(step): only the last period may be open")
                    #expect(a.from <= aEnd && aEnd < b.from, "seed \(seed) step \(step): \(scheme) periods overlap")
                }
            }
            // Every maternity month is a medical month in a category that carries maternity.
            for p in periods where p.scheme == .maternity {
                #expect(p.category.hasMaternity(flexibleInMaternity: kind.rule(p.region, p.from)))
            }
            month = month.advanced(by: Int.random(in: 1...9, using: &rng))
        }
        #expect(!periods.isEmpty)
    }
}
