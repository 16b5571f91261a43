import Foundation
import OneWindowCore
import OneWindowStore

/// The counter day (日结): per operator, the receipts issued and claims filed (from the claims' own records),
/// the registrations and contribution payments recorded (from the audit log, by its time in Beijing), and the
/// office's totals; a supervisor signs a day off once, keeping a digest and the totals, so a later change to
/// that day's figures shows ("签核后数据有变化").
public struct DailySummaryService: Sendable {
    let ctx: ServiceContext
    public init(_ ctx: ServiceContext) { self.ctx = ctx }

    /// Audit actions that are registration work, and the one that records a contribution payment.
    static let employerActions: Set<String> = ["employer.register"]
    static let enrolActions: Set<String> = ["enrolment.enrol", "person.register"]
    static let changeActions: Set<String> = ["enrolment.transfer", "enrolment.retire", "enrolment.suspend", "enrolment.resume",
                                             "enrolment.terminate", "base.set", "employer.unify"]
    static let paymentAction = "contributions.pay"

    /// The day's summary (today or earlier), with its sign-off if there is one.
    public func summary(_ date: CalendarDate) throws -> DailySummary {
        try ctx.require(.viewDaySummary)
        try Self.notFuture(date, ctx)
        return try ctx.store.read { tx in try Self.summary(date, tx) }
    }

    /// Signs the day off (a supervisor, once per day; not a day to come): the figures as they are now.
    @discardableResult
    public func signOff(_ date: CalendarDate) throws -> DailySummary {
        try ctx.require(.signOffDay)
        try Self.notFuture(date, ctx)
        return try ctx.write { tx, audit in
            if let done = try tx.counterDays.signoff(date) {
                throw DomainError("error.daily.signedOff", texts: date.description, done.signedBy, Self.local(done.signedAt))
            }
            let now = try Self.summary(date, tx)
            let row = DailySignoff(day: date, signedBy: ctx.session.operatorName, signedAt: AuditClock.text(ctx.clock.now()),
                                   digest: now.digest, totals: AuditEntry.json(now.total))
            try tx.counterDays.insert(row)
            audit.append(AuditEntry(action: "daily.signoff", entity: "day:\(date)", before: nil as String?,
                                    after: ["digest": now.digest, "operators": String(now.operators.count), "totals": row.totals]))
            return try Self.summary(date, tx)
        }
    }

    static func notFuture(_ date: CalendarDate, _ ctx: ServiceContext) throws {
        guard date <= ctx.clock.today else { throw FieldError(.date, "reason.date.future", texts: date.description) }
    }

    static func summary(_ date: CalendarDate, _ tx: StoreTx) throws -> DailySummary {
        var figures: [String: CounterFigures] = [:]
        for (name, n) in try tx.counterDays.receipts(on: date) { figures[name, default: CounterFigures()].receipts = n }
        for (name, c) in try tx.counterDays.claims(on: date) {
            figures[name, default: CounterFigures()].claims = c.count
            figures[name, default: CounterFigures()].claimedFen = c.amount.fen
        }
        let start = Calendar.china.date(from: DateComponents(year: date.year, month: date.month, day: date.day))!
        let end = Calendar.china.date(byAdding: .day, value: 1, to: start)!
        let actions = employerActions.union(enrolActions).union(changeActions).union([paymentAction])
        let rows = try tx.auditRecords.between(from: start, to: end, actions: actions.sorted())
        // One registration is one write: its rows share the operator, the instant and the person or employer.
        var operations: [String: (name: String, actions: Set<String>)] = [:]
        var order: [String] = []
        for row in rows {
            if row.action == paymentAction {
                figures[row.operator, default: CounterFigures()].payments += 1
                figures[row.operator, default: CounterFigures()].paidFen += amountFen(row.afterJSON)
                continue
            }
            let key = [row.operator, row.at, row.entity].joined(separator: "\u{1F}")
            if operations[key] == nil { order.append(key) }
            operations[key, default: (row.operator, [])].actions.insert(row.action)
        }
        for key in order {
            let (name, did) = operations[key]!
            if !did.isDisjoint(with: employerActions) { figures[name, default: CounterFigures()].employers += 1 }
            else if !did.isDisjoint(with: enrolActions) { figures[name, default: CounterFigures()].enrolments += 1 }
            else { figures[name, default: CounterFigures()].changes += 1 }
        }
        let signoff = try tx.counterDays.signoff(date).map { s in
            DailySummary.Signoff(by: s.signedBy, at: s.signedAt, atLocal: local(s.signedAt), digest: s.digest,
                                 totals: (try? JSONDecoder().decode(CounterFigures.self, from: Data(s.totals.utf8))) ?? CounterFigures())
        }
        return DailySummary(date: date, operators: figures.map { DailySummary.Operator(name: $0.key, figures: $0.value) }, signoff: signoff)
    }

    /// The amount a `contributions.pay` row recorded (`amountFen` in its after-JSON).
    static func amountFen(_ json: String?) -> Int64 {
        guard let data = json?.data(using: .utf8),
              let after = try? JSONDecoder().decode([String: String].self, from: data) else { return 0 }
        return after["amountFen"].flatMap { Int64($0) } ?? 0
    }

    /// An audit-clock instant as a Beijing date and time, `2026-11-22 17:30` (the text as it is if it does not parse).
    static func local(_ utc: String) -> String {
        guard let date = AuditClock.date(utc) else { return utc }
        let c = Calendar.china.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(format: "%04d-%02d-%02d %02d:%02d", c.year!, c.month!, c.day!, c.hour!, c.minute!)
    }
}
