import OneWindowCore
import OneWindowStore

/// Read-only views the counter shows: one person across both schemes, one employer, search.
public struct LookupService: Sendable {
    let ctx: ServiceContext
    public init(_ ctx: ServiceContext) { self.ctx = ctx }

    public func person(_ id: CitizenID) throws -> PersonView {
        try ctx.require(.lookup)
        return try ctx.store.read { tx in
            let person = try RegistrationService.person(id, tx)
            let periods = try tx.enrolments.all(personID: person.id!).map(\.period)
            let sync = MaternitySync(flexibleInMaternity: ctx.policies.flexibleInMaternity)
            return PersonView(person: person, periods: periods,
                              bases: try tx.bases.history(personID: person.id!),
                              mismatch: sync.mismatch(in: periods, horizon: ctx.clock.currentMonth))
        }
    }

    /// Opening a person's record (the person screen, `person show`): an audited read — who, when, which
    /// record, the ID masked — as personal-information rules expect (个人信息保护法 第五十一条: access is
    /// limited and traceable). A read-only copy records nothing. Forms that only look a name up use `person`.
    public func open(_ id: CitizenID) throws -> PersonView {
        let view = try person(id)
        if !ctx.store.readOnly {
            try ctx.write { _, audit in
                audit.append(AuditEntry(action: "person.view", entity: "person:\(view.person.id!)",
                                        after: AuditEntry.json(["citizenID": id.masked])))
            }
        }
        return view
    }

    public func employer(_ code: CreditCode) throws -> EmployerView {
        try ctx.require(.lookup)
        return try ctx.store.read { tx in
            let employer = try RegistrationService.employer(code, tx)
            let roster = try tx.enrolments.roster(code).map { row in (try tx.persons.find(id: row.personID)!, row.period) }
            return EmployerView(employer: employer, roster: roster.sorted { $0.0.name < $1.0.name })
        }
    }

    /// The employer's record alone (no roster): what a form shows beside a typed credit code.
    public func employerRow(_ code: CreditCode) throws -> Employer {
        try ctx.require(.lookup)
        return try ctx.store.read { tx in try RegistrationService.employer(code, tx) }
    }

    /// The employer's contribution account month by month, oldest first: what its account owed (the
    /// employer's items; each person's own share is the person's account), what was paid, and for how
    /// many people the month was charged.
    public func employerMonths(_ code: CreditCode) throws -> [EmployerMonth] {
        try ctx.require(.lookup)
        return try ctx.store.read { tx in
            _ = try RegistrationService.employer(code, tx)
            let lines = Dictionary(uniqueKeysWithValues: try ContributionService.statement(.employer(code), tx).map { ($0.month, $0) })
            let counts = try tx.contributions.personsCharged(employer: code)
            return Set(lines.keys).union(counts.keys).sorted().map { m in
                EmployerMonth(month: m, due: lines[m]?.due ?? .zero, paid: lines[m]?.paid ?? .zero, headCount: counts[m] ?? 0)
            }
        }
    }

    /// The full ID of a person, for the clerk who asked to see it: the reveal is audited.
    public func reveal(_ id: CitizenID) throws -> String {
        try ctx.require(.revealID)
        return try ctx.write { tx, audit in
            let person = try RegistrationService.person(id, tx)
            audit.append(AuditEntry(action: "person.reveal", entity: "person:\(person.id!)"))
            return person.citizenID
        }
    }
}

public struct PersonView: Sendable {
    public let person: Person
    public let periods: [EnrolmentPeriod]
    public let bases: [ContributionBase]
    /// nil when both schemes are in step.
    public let mismatch: SyncMismatch?

    public func periods(_ scheme: Scheme) -> [EnrolmentPeriod] { periods.filter { $0.scheme == scheme } }
    public var current: EnrolmentPeriod? { periods.first { $0.scheme == .medical && $0.isOpen } }
}

public struct EmployerView: Sendable {
    public let employer: Employer
    public let roster: [(Person, EnrolmentPeriod)]
}

/// One month of an employer's contribution account.
public struct EmployerMonth: Sendable, Equatable {
    public let month: YearMonth
    public let due: Money
    public let paid: Money
    /// People charged under this employer in the month.
    public let headCount: Int
    public var outstanding: Money { max(.zero, due - paid) }

    public init(month: YearMonth, due: Money, paid: Money, headCount: Int) {
        self.month = month
        self.due = due
        self.paid = paid
        self.headCount = headCount
    }
}

/// One month of a person's contributions as the counter shows it: what was due for her and where the
/// month stands. Whether a month is in arrears is decided here, once, not by how a screen draws it.
public struct PersonMonth: Sendable, Equatable {
    public enum Standing: String, Sendable {
        /// Not in the medical scheme that month.
        case notCovered
        /// Covered, but no contribution charged yet (the month's run has not reached her).
        case notCharged
        /// Charged, and every payer account's month is paid in full.
        case settled
        /// Charged, and some payer account still owes for the month.
        case arrears
    }

    public let month: YearMonth
    /// What was charged for her that month; nil when nothing was.
    public let due: Money?
    public let standing: Standing

    public init(month: YearMonth, due: Money?, standing: Standing) {
        self.month = month
        self.due = due
        self.standing = standing
    }

    public var isArrears: Bool { standing == .arrears }

    /// The `count` months up to and including `last`, oldest first, from her contribution lines and periods.
    public static func months(through last: YearMonth, count: Int = 12, lines: [ContributionView],
                              periods: [EnrolmentPeriod]) -> [PersonMonth] {
        let byMonth = Dictionary(grouping: lines, by: \.month)
        return (0..<count).map { i in
            let m = last.advanced(by: i - (count - 1))
            guard let lines = byMonth[m], !lines.isEmpty else {
                let covered = periods.contains { $0.scheme == .medical && $0.covers(m) }
                return PersonMonth(month: m, due: nil, standing: covered ? .notCharged : .notCovered)
            }
            let due = lines.reduce(Money.zero) { $0 + Money(fen: $1.row.amountFen) }
            return PersonMonth(month: m, due: due, standing: lines.allSatisfy(\.settled) ? .settled : .arrears)
        }
    }
}
