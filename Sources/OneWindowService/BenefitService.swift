import Foundation
import OneWindowCore
import OneWindowStore

/// Maternity benefit inputs and the "what would I get?" estimate (待遇不变: the old maternity rules,
/// now from the merged fund). Claims, approval and payment build on these.
public struct BenefitService: Sendable {
    let ctx: ServiceContext
    public init(_ ctx: ServiceContext) { self.ctx = ctx }

    // MARK: wage declarations

    /// An employer's declared average monthly wage for a year (the next year's allowance basis).
    public func declareWage(employer code: CreditCode, year: Int, wage: Money) throws {
        try ctx.require(.register)
        guard wage > .zero else { throw FieldError(.wage, "reason.money.zero") }
        guard (1990...ctx.clock.today.year).contains(year) else { throw FieldError(.wage, "reason.wage.year", texts: String(year)) }
        try ctx.write { tx, audit in
            _ = try RegistrationService.employer(code, tx)
            let before = try tx.wages.find(employer: code, year: year)
            let row = WageDeclaration(employer: code, year: year, wage: wage)
            try tx.wages.save(row)
            audit.append(AuditEntry(action: "employer.wage", entity: "employer:\(code.value)", before: before, after: row))
        }
    }

    /// The employer's figure for `year`: declared, else derived from the bases it was charged on.
    static func employerFigure(_ code: CreditCode, year: Int, _ tx: StoreTx) throws -> AllowanceCalculator.EmployerFigure? {
        let bases = try tx.contributions.chargedBases(employer: code, year: year)
        if let declared = try tx.wages.find(employer: code, year: year) {
            return .init(wage: Money(fen: declared.averageMonthlyWageFen), source: .declared(year: year),
                         paidMonthsLastYear: bases.months, monthsWithPerson: 0)
        }
        guard let average = bases.average else { return nil }
        return .init(wage: average, source: .derivedFromBases(year: year), paidMonthsLastYear: bases.months, monthsWithPerson: 0)
    }

    // MARK: estimate

    public struct Estimate: Sendable {
        /// Who claims, and whose insurance pays (the same but for an unemployed spouse).
        public let person: Person
        public let insured: Person
        /// The insured's medical enrolment at the event.
        public let period: EnrolmentPeriod
        public var category: PersonCategory { period.category }
        public var region: String { period.region }
        public let leave: LeaveBreakdown
        public let eligibility: EligibilityResult
        public let basis: AllowanceCalculator.Basis?
        /// nil when no allowance is due (refused, or no basis could be found).
        public let allowance: Money?
        public let medical: [MedicalClaimLine]
        public var medicalTotal: Money { medical.reduce(.zero) { $0 + $1.paid } }
    }

    /// What the person would get for `event`, without creating anything. `items` are bills to reimburse.
    public func estimate(_ id: CitizenID, event: MaternityEvent, items: [(MedicalItem, Money)] = [],
                         grade3Hospital: Bool = false, spouseOf: CitizenID? = nil) throws -> Estimate {
        try ctx.require(.lookup)
        return try ctx.store.read { tx in
            try estimate(id, event: event, items: items, grade3Hospital: grade3Hospital, spouseOf: spouseOf, tx)
        }
    }

    /// The estimate inside a caller's transaction (a claim computes it in the same write that stores it).
    func estimate(_ id: CitizenID, event: MaternityEvent, items: [(MedicalItem, Money)], grade3Hospital: Bool,
                  spouseOf: CitizenID?, _ tx: StoreTx) throws -> Estimate {
        let insured = try RegistrationService.person(spouseOf ?? id, tx)
        let person = spouseOf == nil ? insured : (try tx.persons.find(id) ?? insured)
        let periods = try tx.enrolments.all(personID: insured.id!).map(\.period)
        let month = event.date.yearMonth
        guard let medical = periods.first(where: { $0.scheme == .medical && $0.covers(month) }) else {
            throw DomainError("error.benefit.notCovered", texts: month.description)
        }
        let rules = try ctx.policies.period(medical.region, month)
        let maternityAtEvent = periods.contains { $0.scheme == .maternity && $0.covers(month) }
        let leave = LeaveCalculator.compute(event, rules: rules.leave)
        let eligibility = EligibilityChecker.check(
            category: medical.category, isSpouse: spouseOf != nil, enrolledAtEvent: maternityAtEvent,
            eventMonth: month, paid: try tx.contributions.settledMonths(personID: insured.id!), rules: rules.eligibility)
        var basis: AllowanceCalculator.Basis?
        if case .refused = eligibility.verdict {} else {
            basis = try allowanceBasis(medical, insuredID: insured.id!, year: event.date.year - 1, rules: rules.allowance, tx)
        }
        let allowance = basis.map { AllowanceCalculator.amount(monthlyWage: $0.monthlyWage, days: leave.allowanceDays) }
        let gestation = event.birth?.gestation ?? event.miscarriage
        let lines = items.map { item, actual in
            MedicalCostCalculator.line(item, actual: actual, gestation: gestation, grade3Hospital: grade3Hospital,
                                       spouse: spouseOf != nil, rules: rules.medical)
        }
        return Estimate(person: person, insured: insured, period: medical, leave: leave,
                        eligibility: eligibility, basis: basis, allowance: allowance, medical: lines)
    }

    private func allowanceBasis(_ period: EnrolmentPeriod, insuredID: Int64, year: Int, rules: AllowanceRules,
                                _ tx: StoreTx) throws -> AllowanceCalculator.Basis? {
        if period.category == .flexible {
            // Flexible workers have no employer: their own previous-year base (Zhejiang's rule).
            let bases = try tx.bases.history(personID: insuredID).filter { $0.fromMonth <= "\(year)-12" }
            guard let last = bases.last else { return nil }
            return AllowanceCalculator.basis(
                current: .init(wage: Money(fen: last.baseFen), source: .ownBase, paidMonthsLastYear: 12, monthsWithPerson: 12),
                rules: rules)
        }
        guard let code = period.employer, let current = try Self.employerFigure(code, year: year, tx) else { return nil }
        return AllowanceCalculator.basis(current: current, rules: rules)
    }

    // MARK: direct settlement

    public struct ImportResult: Sendable, Equatable {
        public var inserted = 0
        public var alreadyKnown = 0
        /// With `partial`: the lines left out, each with what is wrong.
        public var rejected: [FieldError] = []
        public init(inserted: Int = 0, alreadyKnown: Int = 0) { self.inserted = inserted; self.alreadyKnown = alreadyKnown }
    }

    /// Imports a designated hospitals' direct-settlement list (CSV, UTF-8, optional BOM, a header line naming
    /// `hospital,billNo,citizenID,settledOn,amountYuan`). Every line is checked before anything is written: a bad
    /// line (its physical line, field and reason) refuses the whole file, unless `partial`, which imports the
    /// good lines and returns the bad ones. `knownPersonsOnly` refuses a citizen ID the store has never registered.
    /// The rows then go in chunks of `chunkSize`, each one transaction with an audit row.
    public func importSettlements(csv: String, chunkSize: Int = 5_000, partial: Bool = false,
                                  knownPersonsOnly: Bool = false) throws -> ImportResult {
        try ctx.require(.register)
        var (good, bad) = try SettlementFile.read(csv, today: ctx.clock.today)
        if knownPersonsOnly {
            let unknown = try ctx.store.read { tx in try good.filter { try tx.persons.find(CitizenID(trusted: $0.settlement.citizenID)) == nil } }
            bad += unknown.map { ($0.line, FieldError(.citizenID, "reason.settlement.unknownPerson", texts: CitizenID(trusted: $0.settlement.citizenID).masked).message) }
            good.removeAll { l in unknown.contains { $0.line == l.line } }
            bad.sort { $0.line < $1.line }
        }
        if let first = bad.first, !partial { throw SettlementFile.lineError(first.line, first.reason, whole: true) }
        let rows = good.map(\.settlement)
        let rejected = bad.map { SettlementFile.lineError($0.line, $0.reason, whole: false) }
        guard !rows.isEmpty else {
            // --partial with no good line: say so, not "nothing was imported; --partial imports the good lines".
            if let first = bad.first {
                throw FieldError(.settlementFile, Message("reason.settlement.noneGood", [.text(String(bad.count)), .text(String(first.line)), .message(first.reason)]))
            }
            return ImportResult()
        }
        var result = ImportResult()
        var start = 0
        repeat {
            let chunk = rows[start..<min(start + max(1, chunkSize), rows.count)]
            let last = chunk.endIndex == rows.count
            result = try ctx.write { tx, audit in
                var part = result
                for row in chunk {
                    if try tx.settlements.insertIfAbsent(row) { part.inserted += 1 } else { part.alreadyKnown += 1 }
                }
                // The last chunk's row carries the whole import's counts, as the single row did before chunks.
                audit.append(AuditEntry(action: last ? "settlements.import" : "settlements.import.chunk", entity: "directSettlement",
                                        before: nil as String?, after: ["inserted": part.inserted, "alreadyKnown": part.alreadyKnown,
                                                                        "lines": chunk.endIndex, "rejected": rejected.count]))
                return part
            }
            start = chunk.endIndex
            if !last { ctx.store.letWaitingWritersIn() }
        } while start < rows.count
        result.rejected = rejected
        return result
    }

    /// A bill a designated hospital already settled with the fund cannot be claimed again at the counter.
    public func directlySettled(hospital: String, billNo: String) throws -> Bool {
        try ctx.require(.lookup)
        return try ctx.store.read { tx in
            try tx.settlements.find(hospital: hospital.trimmingSpaces, billNo: billNo.trimmingSpaces) != nil
        }
    }
}
