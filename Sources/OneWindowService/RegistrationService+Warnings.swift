import OneWindowCore
import OneWindowStore

/// What the clerk should know before F5 on a registration, without writing anything: a base the region
/// clamps, a retiree under retirement age, an odd first month, a transfer across regions. The clerk
/// decides; the save itself never refuses for a warning (RegistrationWarnings in Core holds the rules).
extension RegistrationService {
    public func enrolWarnings(id: CitizenID, category: PersonCategory, employer: CreditCode?, base: Money,
                              from month: YearMonth, region: String? = nil) throws -> [RegistrationWarning] {
        try ctx.require(.lookup)
        let charging = try ctx.store.read { tx in try regionFor(category, employer, region ?? ctx.session.agencyRegion, tx) }
        var out = RegistrationWarnings.enrolmentMonth(id, from: month, today: ctx.clock.today)
        if category == .retiree { out += retireeWarnings(id, charging, month) }
        return out + baseWarnings(base, charging, month)
    }

    public func baseChangeWarnings(id: CitizenID, base: Money, from month: YearMonth) throws -> [RegistrationWarning] {
        try ctx.require(.lookup)
        let region = try currentRegion(id)
        return baseWarnings(base, region, month)
    }

    /// The new employer's region charges the base from the transfer month on.
    public func transferWarnings(id: CitizenID, to employer: CreditCode, from month: YearMonth,
                                 base: Money? = nil) throws -> [RegistrationWarning] {
        try ctx.require(.lookup)
        let (current, target) = try ctx.store.read { tx -> (String?, Employer) in
            let person = try Self.person(id, tx)
            return (try tx.enrolments.open(personID: person.id!, scheme: .medical)?.period.region, try Self.employer(employer, tx))
        }
        var out: [RegistrationWarning] = []
        if let current, let w = RegistrationWarnings.transfer(from: name(current), currentCode: current, to: name(target.region),
                                                              targetCode: target.region, employerName: target.name) {
            out.append(w)
        }
        if let base { out += baseWarnings(base, target.region, month) }
        return out
    }

    /// Retirement changes the category to retiree from `month`.
    public func retireWarnings(id: CitizenID, from month: YearMonth) throws -> [RegistrationWarning] {
        try ctx.require(.lookup)
        let region = try currentRegion(id)
        return retireeWarnings(id, region, month)
    }

    /// The region charging her now: her open medical period's, else her own.
    private func currentRegion(_ id: CitizenID) throws -> String {
        try ctx.store.read { tx in
            let person = try Self.person(id, tx)
            return try tx.enrolments.open(personID: person.id!, scheme: .medical)?.period.region ?? person.region
        }
    }

    private func baseWarnings(_ base: Money, _ region: String, _ month: YearMonth) -> [RegistrationWarning] {
        // No period for the month is the save's refusal to give, not a warning.
        guard let rules = try? ctx.policies.period(region, month).contribution else { return [] }
        return RegistrationWarnings.base(base, rules: rules, region: name(region)).map { [$0] } ?? []
    }

    private func retireeWarnings(_ id: CitizenID, _ region: String, _ month: YearMonth) -> [RegistrationWarning] {
        guard let rules = ctx.policies.retirement(region, month) else { return [] }
        return RegistrationWarnings.retiree(id, from: month, rules: rules).map { [$0] } ?? []
    }

    private func name(_ region: String) -> LocalizedName {
        ctx.policies.regions[region]?.name ?? LocalizedName(zh: region, en: region)
    }
}
