import GRDB
import OneWindowCore
import OneWindowStore

/// "应保尽保": lists every person whose maternity periods disagree with their medical ones, and fixes them.
public struct ReconciliationService: Sendable {
    let ctx: ServiceContext
    public init(_ ctx: ServiceContext) { self.ctx = ctx }

    var sync: MaternitySync { MaternitySync(flexibleInMaternity: ctx.policies.flexibleInMaternity) }

    public func mismatches() throws -> [PersonMismatch] {
        try ctx.require(.lookup)
        return try ctx.store.legacyRead { db in try find(db) }
    }

    private func find(_ db: Database) throws -> [PersonMismatch] {
        var byPerson: [Int64: [EnrolmentPeriod]] = [:]
        let cursor = try Enrolment.order(Column("personID")).fetchCursor(db)
        while let row = try cursor.next() { byPerson[row.personID, default: []].append(row.period) }
        let horizon = ctx.clock.currentMonth
        return try byPerson.keys.sorted().compactMap { pid in
            guard let m = sync.mismatch(in: byPerson[pid]!, horizon: horizon) else { return nil }
            return PersonMismatch(person: try Person.fetchOne(db, key: pid)!, mismatch: m)
        }
    }

    /// Rewrites the maternity periods of each mismatched person from the medical ones; one transaction.
    public func fixAll() throws -> [PersonMismatch] {
        try ctx.require(.fixReconciliation)
        return try ctx.legacyWrite { db, audit in
            let found = try find(db)
            for m in found { try rewrite(m, db, &audit) }
            if found.isEmpty { audit.append(AuditEntry(action: "reconcile.fix", entity: "store", after: "[]")) }
            return found
        }
    }

    /// The same fix for one person, from the person view: nil when her schemes were already in step.
    /// One transaction, audited either way.
    @discardableResult
    public func fix(_ id: CitizenID) throws -> PersonMismatch? {
        try ctx.require(.fixReconciliation)
        return try ctx.legacyWrite { db, audit in
            let person = try RegistrationService.person(id, db)
            let periods = try Enrolment.all(personID: person.id!, db).map(\.period)
            guard let mismatch = sync.mismatch(in: periods, horizon: ctx.clock.currentMonth) else {
                audit.append(AuditEntry(action: "reconcile.fix", entity: "person:\(person.id!)", after: "[]"))
                return nil
            }
            let found = PersonMismatch(person: person, mismatch: mismatch)
            try rewrite(found, db, &audit)
            return found
        }
    }

    /// Rewrites one person's maternity periods from her medical ones.
    private func rewrite(_ m: PersonMismatch, _ db: Database, _ audit: inout [AuditEntry]) throws {
        let pid = m.person.id!
        let maternity = Enrolment.filter(Column("personID") == pid && Column("scheme") == Scheme.maternity.rawValue)
        let before = try maternity.order(Column("fromMonth")).fetchAll(db)
        try maternity.deleteAll(db)
        for period in m.mismatch.expected {
            var row = Enrolment(personID: pid, period: period)
            try row.insert(db)
        }
        audit.append(AuditEntry(action: "reconcile.fix", entity: "person:\(pid)",
                                before: before.map(\.period), after: m.mismatch.expected))
    }
}

public struct PersonMismatch: Sendable {
    public let person: Person
    public let mismatch: SyncMismatch
}
