import OneWindowCore
import OneWindowStore

/// 统一征缴: the monthly run, payments received, arrears and lookups.
public struct ContributionService: Sendable {
    let ctx: ServiceContext
    public init(_ ctx: ServiceContext) { self.ctx = ctx }

    /// Charges every person with medical cover in `month`. Lines already charged are kept as they are,
    /// so running a month again changes nothing (rows are unique per person, month and item).
    public func run(month: YearMonth) throws -> RunSummary {
        try ctx.require(.runContributions)
        guard month <= ctx.clock.currentMonth else {
            throw FieldError(.month, "reason.month.future", texts: month.description)
        }
        return try ctx.write { tx, audit in
            let periods = try tx.enrolments.medicalCovering(month)
            let bases = try tx.bases.inForce(month)
            let maternity = try tx.enrolments.maternityCovering(month)
            var employers: [String: Employer] = [:]
            var summary = RunSummary(month: month)
            for period in periods {
                let pid = period.personID
                guard let base = bases[pid] else { summary.skipped.append(.noBase(personID: pid)); continue }
                guard let rules = try? ctx.policies.period(period.region, month).contribution else {
                    summary.skipped.append(.noPolicy(region: period.region)); continue
                }
                let employer = try period.employerCode.map { code in
                    try employers[code] ?? { let e = try tx.employers.find(CreditCode(trusted: code))!; employers[code] = e; return e }()
                }
                let person = try tx.persons.find(id: pid)!
                let subject = ContributionSubject(
                    person: person.citizen, category: period.category, employer: employer?.creditCode,
                    employerUnifiedFrom: employer?.unifiedFromMonth, declaredBase: base,
                    hasMaternity: maternity.contains(pid), region: period.region)
                summary.persons += 1
                for line in ContributionCalculator.lines(for: subject, month: month, rules: rules) {
                    let row = ContributionCharge(personID: pid, month: month, region: period.region,
                                                 employer: employer?.creditCode, line: line)
                    if try tx.contributions.insertIfAbsent(row) {
                        summary.inserted += 1
                        summary.total = summary.total + line.amount
                    } else {
                        summary.unchanged += 1
                    }
                }
            }
            audit.append(AuditEntry(action: "contributions.run", entity: "month:\(month)", before: nil as String?,
                                    after: ["persons": summary.persons, "inserted": summary.inserted,
                                            "unchanged": summary.unchanged, "totalFen": Int(summary.total.fen),
                                            "skipped": summary.skipped.count]))
            return summary
        }
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
        case noPolicy(region: String)
    }
    public let month: YearMonth
    public var persons = 0
    public var inserted = 0
    public var unchanged = 0
    public var total = Money.zero
    public var skipped: [Skip] = []
    init(month: YearMonth) { self.month = month }
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
