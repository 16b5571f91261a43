/// A registration the counter may save but should not save blind: each names its rule and figure, and
/// the clerk decides. Warnings never refuse (refusals are the planner's and the service's errors).
public struct RegistrationWarning: Sendable, Equatable {
    public enum Rule: String, Sendable, CaseIterable {
        case baseBelowFloor, baseAboveCap, retireeUnderAge, enrolBefore16, enrolAhead, otherRegion
    }
    public let rule: Rule
    public let message: Message
    /// False when the policy figure behind it is a sample (shown marked, as in computations).
    public let confirmed: Bool

    public init(_ rule: Rule, _ message: Message, confirmed: Bool = true) {
        self.rule = rule
        self.message = message
        self.confirmed = confirmed
    }
}

/// The registration warning rules, pure: the service gathers the facts and asks each that applies.
public enum RegistrationWarnings {
    /// A base outside the region's floor or cap is charged clamped to it (ContributionCalculator clamps
    /// with `Money.clamped`): say which figure will be charged. At the floor or cap exactly, nothing to say.
    public static func base(_ base: Money, rules: ContributionRules, region: LocalizedName) -> RegistrationWarning? {
        let floor = rules.baseFloor, cap = rules.baseCap
        let charged = base.clamped(to: floor.value, cap.value)
        if base < floor.value {
            return RegistrationWarning(.baseBelowFloor, Message("warn.reg.baseBelowFloor", [
                .text(base.grouped), .name(region), .text(floor.value.grouped), .text(charged.grouped)]), confirmed: floor.confirmed)
        }
        if base > cap.value {
            return RegistrationWarning(.baseAboveCap, Message("warn.reg.baseAboveCap", [
                .text(base.grouped), .name(region), .text(cap.value.grouped), .text(charged.grouped)]), confirmed: cap.confirmed)
        }
        return nil
    }

    /// A retiree from `from` younger (on its first day) than the youngest ordinary retirement age for her sex.
    public static func retiree(_ person: CitizenID, from: YearMonth, rules: RetirementRules) -> RegistrationWarning? {
        let minimum = rules.minimumAge(person.sex)
        let age = person.birthDate.age(on: from.firstDay)
        guard age < minimum.value else { return nil }
        return RegistrationWarning(.retireeUnderAge, Message("warn.reg.retireeUnderAge", [
            .text(from.description), .text(String(age)), .message(Message("warn.reg.sex.\(person.sex.rawValue)")),
            .text(String(minimum.value))]), confirmed: minimum.confirmed)
    }

    /// 劳动法 art. 15: nobody under 16 is employed, so an enrolment before the month she turns 16 is
    /// likely a typo in the month or the ID; one more than a month ahead of today likely a typo in the year.
    public static func enrolmentMonth(_ person: CitizenID, from: YearMonth, today: CalendarDate) -> [RegistrationWarning] {
        var out: [RegistrationWarning] = []
        let sixteen = person.birthDate.yearMonth.advanced(by: 16 * 12)
        if from < sixteen {
            out.append(RegistrationWarning(.enrolBefore16, Message("warn.reg.enrolBefore16", texts: from.description, sixteen.description)))
        }
        let latest = today.yearMonth.advanced(by: 1)
        if from > latest {
            out.append(RegistrationWarning(.enrolAhead, Message("warn.reg.enrolAhead", texts: from.description, today.yearMonth.description,
                                                                String(today.yearMonth.distance(to: from)))))
        }
        return out
    }

    /// A transfer to an employer of another region moves her insurance across regions (转移接续).
    public static func transfer(from current: LocalizedName, currentCode: String, to target: LocalizedName, targetCode: String,
                                employerName: String) -> RegistrationWarning? {
        guard currentCode != targetCode else { return nil }
        return RegistrationWarning(.otherRegion, Message("warn.reg.otherRegion", [.text(employerName), .name(target), .name(current)]))
    }
}

extension YearMonth {
    public var firstDay: CalendarDate { CalendarDate(year: year, month: month, day: 1)! }
}
