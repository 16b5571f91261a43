import OneWindowCore
import OneWindowStore

/// "应保尽保": lists every person whose maternity periods disagree with their medical ones, and fixes them.
public struct ReconciliationService: Sendable {
    let ctx: ServiceContext
    public init(_ ctx: ServiceContext) { self.ctx = ctx }

    var sync: MaternitySync { MaternitySync(flexibleInMaternity: ctx.policies.flexibleInMaternity) }

    public func mismatches() throws -> [PersonMismatch] {
        try ctx.require(.lookup)
        return try ctx.store.read { tx in try find(tx) }
    }

    private func find(_ tx: StoreTx) throws -> [PersonMismatch] {
        var byPerson: [Int64: [EnrolmentPeriod]] = [:]
        try tx.enrolments.forEachByPerson { row in byPerson[row.personID, default: []].append(row.period) }
        let horizon = ctx.clock.currentMonth
        return try byPerson.keys.sorted().compactMap { pid in
            guard let m = sync.mismatch(in: byPerson[pid]!, horizon: horizon) else { return nil }
            // Only a store changed past the program has an enrolment without its person: say so, not crash.
            guard let person = try tx.persons.find(id: pid) else { throw DomainError("error.reconcile.orphan", texts: String(pid)) }
            return PersonMismatch(person: person, mismatch: m)
        }
    }

    /// Rewrites the maternity periods of each mismatched person from the medical ones; one transaction.
    public func fixAll() throws -> [PersonMismatch] {
        try ctx.require(.fixReconciliation)
        return try ctx.write { tx, audit in
            let found = try find(tx)
            for m in found { try rewrite(m, tx, &audit) }
            if found.isEmpty { audit.append(AuditEntry(action: "reconcile.fix", entity: "store", after: "[]")) }
            return found
        }
    }

    /// The same fix for one person, from the person view: nil when her schemes were already in step.
    /// One transaction, audited either way.
    @discardableResult
    public func fix(_ id: CitizenID) throws -> PersonMismatch? {
        try ctx.require(.fixReconciliation)
        return try ctx.write { tx, audit in
            let person = try RegistrationService.person(id, tx)
            let periods = try tx.enrolments.all(personID: person.id!).map(\.period)
            guard let mismatch = sync.mismatch(in: periods, horizon: ctx.clock.currentMonth) else {
                audit.append(AuditEntry(action: "reconcile.fix", entity: "person:\(person.id!)", after: "[]"))
                return nil
            }
            let found = PersonMismatch(person: person, mismatch: mismatch)
            try rewrite(found, tx, &audit)
            return found
        }
    }

    /// Rewrites one person's maternity periods from her medical ones.
    private func rewrite(_ m: PersonMismatch, _ tx: StoreTx, _ audit: inout [AuditEntry]) throws {
        let pid = m.person.id!
        let before = try tx.enrolments.removeAll(personID: pid, scheme: .maternity)
        for period in m.mismatch.expected {
            var row = Enrolment(personID: pid, period: period)
            try tx.enrolments.insert(&row)
        }
        audit.append(AuditEntry(action: "reconcile.fix", entity: "person:\(pid)",
                                before: before.map(\.period), after: m.mismatch.expected))
    }
}

public struct PersonMismatch: Sendable {
    public let person: Person
    public let mismatch: SyncMismatch
}
