import OneWindowCore
import OneWindowStore

/// 统一参保登记: employers, persons, and every registration change, keeping both schemes in step.
public struct RegistrationService: Sendable {
    let ctx: ServiceContext
    public init(_ ctx: ServiceContext) { self.ctx = ctx }

    var planner: RegistrationPlanner { RegistrationPlanner(flexibleInMaternity: ctx.policies.flexibleInMaternity) }

    // MARK: employers

    public func registerEmployer(code: CreditCode, name raw: String, region: String, kind: EmployerKind,
                                 unifiedFrom: YearMonth?) throws -> Employer {
        try ctx.require(.register)
        let name = try Self.validName(raw, field: .employerName)
        _ = try ctx.policies.policy(region)
        let row = Employer(code: code, name: name, region: region, kind: kind, unifiedFrom: unifiedFrom)
        try ctx.write { tx, audit in
            if let existing = try tx.employers.find(code) {
                throw FieldError(.creditCode, "reason.employer.exists", texts: existing.name)
            }
            try tx.employers.insert(row)
            audit.append(AuditEntry(action: "employer.register", entity: "employer:\(code.value)", before: nil as String?, after: row))
        }
        return row
    }

    /// Moves an employer to unified registration from a month (Shantou's staged migration), or back to none.
    public func setUnified(code: CreditCode, from month: YearMonth?) throws -> Employer {
        try ctx.require(.register)
        return try ctx.write { tx, audit in
            guard var row = try tx.employers.find(code) else { throw FieldError(.employer, "reason.employer.unknown", texts: code.value) }
            let before = row
            if let month, let charged = try tx.contributions.latestMonth(employer: code), month <= charged {
                throw FieldError(.unifiedFrom, "reason.reg.monthCharged", texts: charged.description)
            }
            row.unifiedFrom = month?.description
            try tx.employers.update(row)
            audit.append(AuditEntry(action: "employer.unify", entity: "employer:\(code.value)", before: before, after: row))
            return row
        }
    }

    // MARK: persons

    /// What an event would do to both schemes, without writing: the forms show this before F5.
    public func preview(_ id: CitizenID, _ event: RegistrationEvent) throws -> [RegistrationChange] {
        try ctx.require(.lookup)
        return try ctx.store.read { tx in
            let person = try tx.persons.find(id)
            let periods = try person.map { try tx.enrolments.all(personID: $0.id!).map(\.period) } ?? []
            let changes = try planner.plan(try resolved(event, tx), periods: periods)
            // The same refusal the save would give, so the form shows it before F5.
            if case .enrol = event {} else if let person { try Self.guardUncharged(person, event.effectiveMonth, tx) }
            return changes
        }
    }

    /// Registers the person if new and enrols her in a category: medical, and maternity with it where the
    /// category carries it, in one transaction. The base is the medical contribution base from that month.
    @discardableResult
    public func enrol(id: CitizenID, name raw: String, category: PersonCategory, employer: CreditCode?,
                      base: Money, from month: YearMonth, region: String? = nil) throws -> RegistrationOutcome {
        try ctx.require(.register)
        let name = try Self.validName(raw, field: .name)
        try Self.validBase(base)
        try EnrolmentWindow.check(month, birth: id.birthDate, current: ctx.clock.currentMonth)
        let personRegion = region ?? ctx.session.agencyRegion
        _ = try ctx.policies.policy(personRegion)
        return try ctx.write { tx, audit in
            var person: Person
            if let existing = try tx.persons.find(id) {
                guard existing.name == name else {
                    throw FieldError(.name, "reason.person.nameMismatch", texts: existing.name)
                }
                person = existing
            } else {
                person = Person(id: id, name: name, region: personRegion)
                try tx.persons.insert(&person)
                audit.append(AuditEntry(action: "person.register", entity: "person:\(person.id!)",
                                        before: nil as String?, after: person.audited))
            }
            let event = RegistrationEvent.enrol(category: category, employer: employer,
                                                region: try regionFor(category, employer, personRegion, tx), from: month)
            let changes = try apply(event, to: person, tx, &audit)
            try setBase(base, from: month, person: person, tx, &audit)
            return RegistrationOutcome(person: person, changes: changes)
        }
    }

    @discardableResult
    public func transfer(id: CitizenID, to employer: CreditCode, from month: YearMonth, base: Money? = nil) throws -> RegistrationOutcome {
        try change(id, .transfer(employer: employer, region: "", from: month), base: base)
    }

    @discardableResult
    public func retire(id: CitizenID, from month: YearMonth) throws -> RegistrationOutcome {
        try change(id, .retire(from: month))
    }

    @discardableResult
    public func suspend(id: CitizenID, from month: YearMonth) throws -> RegistrationOutcome {
        try change(id, .suspend(from: month))
    }

    @discardableResult
    public func resume(id: CitizenID, from month: YearMonth) throws -> RegistrationOutcome {
        try change(id, .resume(from: month))
    }

    @discardableResult
    public func terminate(id: CitizenID, from month: YearMonth) throws -> RegistrationOutcome {
        try change(id, .terminate(from: month))
    }

    /// A new contribution base from a month on; enrolments are untouched, so both schemes stay in step.
    public func changeBase(id: CitizenID, base: Money, from month: YearMonth) throws {
        try ctx.require(.register)
        try Self.validBase(base)
        try ctx.write { tx, audit in
            let person = try Self.person(id, tx)
            guard try tx.enrolments.open(personID: person.id!, scheme: .medical) != nil else {
                throw DomainError("error.reg.notEnrolled")
            }
            try Self.guardUncharged(person, month, tx)
            try setBase(base, from: month, person: person, tx, &audit)
        }
    }

    // MARK: internals

    private func change(_ id: CitizenID, _ event: RegistrationEvent, base: Money? = nil) throws -> RegistrationOutcome {
        try ctx.require(.register)
        if let base { try Self.validBase(base) }
        try EnrolmentWindow.check(event.effectiveMonth, birth: id.birthDate, current: ctx.clock.currentMonth)
        return try ctx.write { tx, audit in
            let person = try Self.person(id, tx)
            let changes = try apply(try resolved(event, tx), to: person, tx, &audit)
            if let base { try setBase(base, from: event.effectiveMonth, person: person, tx, &audit) }
            return RegistrationOutcome(person: person, changes: changes)
        }
    }

    /// Fills in what the event needs from the store: a transfer's region is its new employer's.
    private func resolved(_ event: RegistrationEvent, _ tx: StoreTx) throws -> RegistrationEvent {
        guard case let .transfer(employer, _, month) = event else { return event }
        return .transfer(employer: employer, region: try Self.employer(employer, tx).region, from: month)
    }

    func regionFor(_ category: PersonCategory, _ employer: CreditCode?, _ fallback: String, _ tx: StoreTx) throws -> String {
        guard category.needsEmployer, let employer else { return fallback }
        return try Self.employer(employer, tx).region
    }

    private func apply(_ event: RegistrationEvent, to person: Person, _ tx: StoreTx,
                       _ audit: inout [AuditEntry]) throws -> [RegistrationChange] {
        let pid = person.id!
        let periods = try tx.enrolments.all(personID: pid).map(\.period)
        let changes = try planner.plan(event, periods: periods)
        if case .enrol = event {} else { try Self.guardUncharged(person, event.effectiveMonth, tx) }
        let entity = "person:\(pid)"
        for change in changes {
            switch change {
            case let .close(scheme, last, reason):
                guard var row = try tx.enrolments.open(personID: pid, scheme: scheme) else { continue }
                let before = row.period
                row.period.to = last
                row.period.endReason = reason
                try tx.enrolments.update(row)
                audit.append(AuditEntry(action: "enrolment.\(event.actionName)", entity: entity, before: before, after: row.period))
            case let .open(period):
                var row = Enrolment(personID: pid, period: period)
                try tx.enrolments.insert(&row)
                audit.append(AuditEntry(action: "enrolment.\(event.actionName)", entity: entity, before: nil as String?, after: period))
            }
        }
        return changes
    }

    private func setBase(_ base: Money, from month: YearMonth, person: Person, _ tx: StoreTx,
                         _ audit: inout [AuditEntry]) throws {
        let row = ContributionBase(personID: person.id!, from: month, base: base)
        let before = try tx.bases.find(personID: person.id!, from: month)
        try tx.bases.save(row)
        audit.append(AuditEntry(action: "base.set", entity: "person:\(person.id!)", before: before, after: row))
    }

    /// Months already charged are history: a change may not reach back into them.
    static func guardUncharged(_ person: Person, _ month: YearMonth, _ tx: StoreTx) throws {
        if let charged = try tx.contributions.latestMonth(personID: person.id!), month <= charged {
            throw FieldError(.fromMonth, "reason.reg.monthCharged", texts: charged.description)
        }
    }

    static func person(_ id: CitizenID, _ tx: StoreTx) throws -> Person {
        guard let p = try tx.persons.find(id) else { throw FieldError(.citizenID, "reason.person.unknown", texts: id.masked) }
        return p
    }

    static func employer(_ code: CreditCode, _ tx: StoreTx) throws -> Employer {
        guard let e = try tx.employers.find(code) else { throw FieldError(.employer, "reason.employer.unknown", texts: code.value) }
        return e
    }

    static func validName(_ raw: String, field: Field) throws -> String {
        let name = raw.trimmingSpaces
        guard !name.isEmpty else { throw FieldError(field, "reason.required") }
        // Nothing hidden (zero-width spaces, bidi overrides hide or reorder what a reader sees), and at
        // least one letter: a name made of a zero-width space is no name.
        let scalars = name.unicodeScalars
        guard name.count <= 60, !scalars.contains(where: FreeText.isHidden),
              scalars.contains(where: { $0.properties.isAlphabetic }) else {
            throw FieldError(field, "reason.name.invalid")
        }
        return name
    }

    static func validBase(_ base: Money) throws {
        guard base > .zero else { throw FieldError(.base, "reason.base.zero") }
    }
}

public struct RegistrationOutcome: Sendable {
    public let person: Person
    public let changes: [RegistrationChange]
}
