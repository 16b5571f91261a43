/// Whether a claim can be paid at the event: the category, an active enrolment, and the region's
/// continuous contribution months with its gap tolerance ("中断缴费不超过3个月(含)视为连续缴费").
public struct EligibilityResult: Sendable, Equatable {
    public enum Verdict: Sendable, Equatable {
        case eligible
        /// Months short, and the region pays once they are reached: payable from `payableFrom` if known.
        case deferred(payableFrom: YearMonth?)
        case refused(Message)
    }
    public let verdict: Verdict
    public let continuousMonths: Int
    public let requiredMonths: Int
    public let lines: [ExplanationLine]
}

public enum EligibilityChecker {
    /// The continuous run of contribution months ending at `month` (inclusive): months in `paid` count;
    /// a gap of up to `tolerance` months between them is bridged without counting; a longer gap ends the run.
    public static func continuousRun(endingAt month: YearMonth, paid: Set<YearMonth>, tolerance: Int) -> (months: Int, start: YearMonth?) {
        var count = 0
        var start: YearMonth?
        var gap = 0
        var m = month
        guard let earliest = paid.min() else { return (0, nil) }
        while m >= earliest {
            if paid.contains(m) {
                count += 1
                start = m
                gap = 0
            } else {
                // Unpaid months (also a not-yet-charged event month) are bridged up to the tolerance,
                // without counting; a longer gap ends the run. Bridged months are not counted: the
                // conservative reading of "视为连续缴费".
                gap += 1
                if gap > tolerance { break }
            }
            m = m.previous
        }
        return (count, start)
    }

    /// `paid` holds the months with contributions covering maternity (charged for the person),
    /// including months after the event when known, which is how a deferred claim becomes payable.
    public static func check(category: PersonCategory, isSpouse: Bool, enrolledAtEvent: Bool, eventMonth: YearMonth,
                             paid: Set<YearMonth>, rules r: EligibilityRules) -> EligibilityResult {
        let need = r.continuousMonths.value
        func result(_ v: EligibilityResult.Verdict, _ months: Int, _ lines: [ExplanationLine] = []) -> EligibilityResult {
            EligibilityResult(verdict: v, continuousMonths: months, requiredMonths: need, lines: lines)
        }
        // 社会保险法 art. 54: an unemployed spouse gets medical costs, never the allowance; retirees and
        // unemployment-benefit recipients get no allowance (Guangdong-city text).
        if isSpouse { return result(.refused(Message("eligibility.spouse")), 0) }
        switch category {
        case .retiree, .unemployed:
            return result(.refused(Message("eligibility.category", [.message(Message(category.messageKey))])), 0)
        case .employee, .flexible: break
        }
        guard enrolledAtEvent else { return result(.refused(Message("eligibility.notEnrolled", texts: eventMonth.description)), 0) }
        let run = continuousRun(endingAt: eventMonth, paid: paid, tolerance: r.gapToleranceMonths.value)
        let line = ExplanationLine(Message("eligibility.months", texts: String(run.months), String(need), String(r.gapToleranceMonths.value)),
                                   Int64(run.months), from: r.continuousMonths)
        if run.months >= need { return result(.eligible, run.months, [line]) }
        guard r.deferredPaymentAllowed.value else {
            return result(.refused(Message("eligibility.short", texts: String(run.months), String(need))), run.months, [line])
        }
        // Deferred: the first later month whose run, still reaching back over the event, has enough months.
        let later = paid.filter { $0 > eventMonth }.sorted()
        let payable = later.first { reachesBack(endingAt: $0, over: eventMonth, paid: paid, rules: r) }
        return result(.deferred(payableFrom: payable), run.months, [line])
    }

    /// Whether the continuous run ending at `month` has the required months and still reaches back over
    /// the event: when a deferred claim becomes payable.
    public static func reachesBack(endingAt month: YearMonth, over eventMonth: YearMonth, paid: Set<YearMonth>,
                                   rules r: EligibilityRules) -> Bool {
        let run = continuousRun(endingAt: month, paid: paid, tolerance: r.gapToleranceMonths.value)
        return run.months >= r.continuousMonths.value && (run.start.map { $0 <= eventMonth } ?? false)
    }
}
