import OneWindowCore
import OneWindowStore

/// 统一征缴: the monthly run, payments received, arrears and lookups.
public struct ContributionService: Sendable {
    let ctx: ServiceContext
    public init(_ ctx: ServiceContext) { self.ctx = ctx }

    /// Persons per transaction of the monthly run: small enough that a chunk holds the write lock well
    /// under a second (a counter waiting for it waits at most that), large enough that the per-commit
    /// sync and audit row cost little.
    public static let defaultChunkSize = 5_000

    /// Charges every person with medical cover in `month`. Lines already charged are kept as they are,
    /// so running a month again changes nothing (rows are unique per person, month and item).
    ///
    /// Persons are charged by id, `chunkSize` at a time, each chunk one transaction with its own audit
    /// row (`contributions.run.chunk`, unless the whole run is one chunk); the run's audit row
    /// (`contributions.run`) goes with the last chunk. Between chunks the write lock is left free for
    /// counters. A run that stopped part-way (killed, power cut) is finished by running the month again:
    /// the lines the first run committed count as unchanged. `progress` is told the persons gone through
    /// and the persons to go through after each committed chunk; if it throws, the run stops there.
    public func run(month: YearMonth, chunkSize: Int = ContributionService.defaultChunkSize,
                    progress: (_ done: Int, _ total: Int) throws -> Void = { _, _ in }) throws -> RunSummary {
        try ctx.require(.runContributions)
        guard month <= ctx.clock.currentMonth else {
            throw FieldError(.month, "reason.month.future", texts: month.description)
        }
        return try ctx.store.withBatchCache { try run(month, chunkSize: max(1, chunkSize), progress: progress) }
    }

    private func run(_ month: YearMonth, chunkSize: Int, progress: (_ done: Int, _ total: Int) throws -> Void) throws -> RunSummary {
        let total = try ctx.store.read { tx in try tx.enrolments.medicalCoveringPersons(month) }
        var summary = RunSummary(month: month)
        var after = Int64.min
        var done = 0
        while true {
            let first = summary.chunks == 0
            let (part, last, end) = try ctx.write { tx, audit -> (RunSummary, Bool, Int64) in
                // This chunk's persons: the next `chunkSize` with cover, by id; the rest when fewer remain.
                let bound = try tx.enrolments.medicalCoveringPersonID(month, after: after, offset: chunkSize - 1)
                let range = (after &+ 1)...(bound ?? Int64.max)
                var part = try charge(month, persons: range, tx)
                part.chunks = 1
                try LedgerFeed(tx, ctx).postStep(&audit, .charges)
                let end = bound ?? part.lastPersonID ?? after
                if !(first && bound == nil), bound != nil || part.personsSeen > 0 {
                    audit.append(AuditEntry(action: "contributions.run.chunk", entity: "month:\(month)", before: nil as String?,
                                            after: ["fromPerson": Int(range.lowerBound), "toPerson": Int(end),
                                                    "persons": part.persons, "inserted": part.inserted,
                                                    "unchanged": part.unchanged, "totalFen": Int(part.total.fen),
                                                    "skipped": part.skipped.count]))
                }
                if bound == nil {
                    var whole = summary
                    whole.add(part)
                    audit.append(AuditEntry(action: "contributions.run", entity: "month:\(month)", before: nil as String?,
                                            after: ["persons": whole.persons, "inserted": whole.inserted,
                                                    "unchanged": whole.unchanged, "totalFen": Int(whole.total.fen),
                                                    "skipped": whole.skipped.count, "chunks": whole.chunks]))
                }
                return (part, bound == nil, end)
            }
            summary.add(part)
            done += part.personsSeen
            after = end
            try progress(done, max(total, done))  // persons enrolled during the run come on top
            if last { return summary }
            ctx.store.letWaitingWritersIn()
        }
    }

    /// Charges the persons with ids in `persons` (one chunk of the run), inside the caller's transaction.
    /// A row the run needs and cannot find (the person, the employer) skips that person with the reason.
    private func charge(_ month: YearMonth, persons: ClosedRange<Int64>, _ tx: StoreTx) throws -> RunSummary {
        var part = RunSummary(month: month)
        let periods = try tx.enrolments.medicalCovering(month, persons: persons)
        guard !periods.isEmpty else { return part }
        let bases = try tx.bases.inForce(month, persons: persons)
        let maternity = try tx.enrolments.maternityCovering(month, persons: persons)
        let people = try tx.persons.byID(in: (periods.first?.personID ?? persons.lowerBound)...(periods.last?.personID ?? persons.upperBound))
        var employers: [String: Employer?] = [:]
        var regions: [String: ContributionRules?] = [:]
        var seen: Int64?
        var charges: [ContributionCharge] = []
        for period in periods {
            let pid = period.personID
            if seen != pid { part.personsSeen += 1; seen = pid }
            part.lastPersonID = pid
            guard let base = bases[pid] else { part.skip(.noBase(personID: pid)); continue }
            if regions[period.region] == nil { regions[period.region] = .some(try? ctx.policies.period(period.region, month).contribution) }
            guard let found = regions[period.region], let rules = found else {
                part.skip(.noPolicy(region: period.region)); continue
            }
            var employer: Employer?
            if let code = period.employerCode {
                if let cached = employers[code] { employer = cached } else {
                    employer = try tx.employers.find(CreditCode(trusted: code))
                    employers[code] = employer
                }
                guard employer != nil else { part.skip(.noEmployer(personID: pid, code: code)); continue }
            }
            guard let person = people[pid] else { part.skip(.noPerson(personID: pid)); continue }
            let subject = ContributionSubject(
                person: person.citizen, category: period.category, employer: employer?.creditCode,
                employerUnifiedFrom: employer?.unifiedFromMonth, declaredBase: base,
                hasMaternity: maternity.contains(pid), region: period.region)
            part.persons += 1
            for line in ContributionCalculator.lines(for: subject, month: month, rules: rules) {
                charges.append(ContributionCharge(personID: pid, month: month, region: period.region,
                                                  employer: employer?.creditCode, line: line))
            }
        }
        // Stored together (a server takes many lines per round trip); a line already there stays as it was.
        for (charge, stored) in zip(charges, try tx.contributions.insertAllIfAbsent(charges)) {
            if stored {
                part.inserted += 1
                part.total = part.total + Money(fen: charge.amountFen)
            } else {
                part.unchanged += 1
            }
        }
        return part
    }

    public func recordPayment(payer: PayerAccount, month: YearMonth, amount: Money, paidOn: CalendarDate) throws -> ArrearsLine {
        try ctx.require(.recordPayment)
        guard amount > .zero else { throw FieldError(.amount, "reason.money.zero") }
        guard paidOn <= ctx.clock.today else { throw FieldError(.date, "reason.date.future", texts: paidOn.description) }
        return try ctx.write { tx, audit in
            let line = try Self.statement(payer, tx).first { $0.month == month }
            guard let line, line.due > .zero else {
                throw FieldError(.month, "reason.payment.nothingDue", texts: month.description)
            }
            guard amount <= line.outstanding else {
                throw FieldError(.amount, "reason.payment.overpaid", texts: line.outstanding.yuanText)
            }
            var row = ContributionPayment(payer: payer, month: month, amount: amount, paidOn: paidOn)
            try tx.contributions.insert(&row)
            audit.append(AuditEntry(action: "contributions.pay", entity: payer.description.maskingPerson,
                                    before: nil as String?, after: ["month": month.description, "amountFen": String(amount.fen),
                                                                    "paidOn": paidOn.description]))
            try LedgerFeed(tx, ctx).postStep(&audit, .payments)
            return ArrearsLine(month: month, due: line.due, paid: line.paid + amount)
        }
    }

    /// Due, paid and outstanding per month for one payer account; arrears are the lines with something outstanding.
    public func statement(_ payer: PayerAccount) throws -> [ArrearsLine] {
        try ctx.require(.lookup)
        return try ctx.store.read { tx in try Self.statement(payer, tx) }
    }

    /// `months` limits it to those months (a person's view of an employer account of thousands of lines).
    static func statement(_ payer: PayerAccount, months: Set<YearMonth>? = nil, _ tx: StoreTx) throws -> [ArrearsLine] {
        let due = try tx.contributions.dueByMonth(payer: payer, months: months)
        let paid = try tx.contributions.paidByMonth(payer: payer, months: months)
        return due.sorted { $0.key < $1.key }.map { m, owed in ArrearsLine(month: m, due: owed, paid: paid[m] ?? .zero) }
    }

    /// The person's last charged month: registration changes can take effect only after it.
    public func latestChargedMonth(for id: CitizenID) throws -> YearMonth? {
        try ctx.require(.lookup)
        return try ctx.store.read { tx in try tx.contributions.latestMonth(personID: RegistrationService.person(id, tx).id!) }
    }

    public func lines(for id: CitizenID) throws -> [ContributionView] {
        try ctx.require(.lookup)
        return try ctx.store.read { tx in
            let person = try RegistrationService.person(id, tx)
            return try Self.views(tx.contributions.charges(personID: person.id!), tx)
        }
    }

    public func lines(for employer: CreditCode) throws -> [ContributionView] {
        try ctx.require(.lookup)
        return try ctx.store.read { tx in
            _ = try RegistrationService.employer(employer, tx)
            return try Self.views(tx.contributions.charges(employer: employer), tx)
        }
    }

    /// Rows with the person and whether their payer's month is settled.
    static func views(_ rows: [ContributionCharge], _ tx: StoreTx) throws -> [ContributionView] {
        // One statement per payer, of only the months these rows are in.
        var statements: [String: [YearMonth: ArrearsLine]] = [:]
        for (stored, payerRows) in Dictionary(grouping: rows, by: \.payer) {
            guard let payer = PayerAccount(stored: stored) else { continue }
            let months = Set(try payerRows.map { try YearMonth.parse($0.month) })
            statements[stored] = Dictionary(uniqueKeysWithValues: try statement(payer, months: months, tx).map { ($0.month, $0) })
        }
        var people: [Int64: Person] = [:]
        return try rows.map { row in
            let month = try YearMonth.parse(row.month)
            if people[row.personID] == nil { people[row.personID] = try tx.persons.find(id: row.personID) }
            return ContributionView(row: row, month: month, person: people[row.personID]!, payerMonth: statements[row.payer]?[month])
        }
    }
}

public struct RunSummary: Sendable, Equatable {
    public enum Skip: Sendable, Equatable {
        case noBase(personID: Int64)
        /// Once per region, however many of its persons it stopped.
        case noPolicy(region: String)
        /// The period names an employer the store does not have.
        case noEmployer(personID: Int64, code: String)
        /// A period of a person the store does not have.
        case noPerson(personID: Int64)
    }
    public let month: YearMonth
    /// Persons charged (lines computed), whether their lines were new or already there.
    public var persons = 0
    /// Lines stored by this run.
    public var inserted = 0
    /// Lines already there (an earlier run of the month, or the part of it that was stopped).
    public var unchanged = 0
    /// The amount of the lines stored by this run.
    public var total = Money.zero
    public var skipped: [Skip] = []
    /// Transactions the run committed.
    public var chunks = 0
    /// Persons with cover gone through, charged or skipped.
    var personsSeen = 0
    var lastPersonID: Int64?
    init(month: YearMonth) { self.month = month }

    mutating func skip(_ reason: Skip) {
        if case .noPolicy = reason, skipped.contains(reason) { return }
        skipped.append(reason)
    }

    mutating func add(_ part: RunSummary) {
        persons += part.persons
        inserted += part.inserted
        unchanged += part.unchanged
        total = total + part.total
        chunks += part.chunks
        personsSeen += part.personsSeen
        lastPersonID = part.lastPersonID ?? lastPersonID
        for reason in part.skipped { skip(reason) }
    }
}

public struct ArrearsLine: Sendable, Equatable {
    public let month: YearMonth
    public let due: Money
    public let paid: Money
    public var outstanding: Money { max(.zero, due - paid) }
}

public struct ContributionView: Sendable, Equatable {
    public let row: ContributionCharge
    public let month: YearMonth
    public let person: Person
    /// The payer account's whole month (due, paid) this line belongs to.
    public let payerMonth: ArrearsLine?
    /// The payer's whole month is paid.
    public var settled: Bool { payerMonth.map { $0.outstanding == .zero } ?? false }
}

extension String {
    /// Audit entities name persons by masked ID only.
    var maskingPerson: String {
        guard hasPrefix("person:") else { return self }
        return "person:" + CitizenID(trusted: String(dropFirst(7))).masked
    }
}
