import Testing
@testable import OneWindowCore
import OneWindowResources

private func eligibilityRules(months: Int = 12, tolerance: Int = 3, deferred: Bool = true) -> EligibilityRules {
    EligibilityRules(continuousMonths: Sourced(months, source: "sample", confirmed: false),
                     gapToleranceMonths: Sourced(tolerance, source: "sample", confirmed: false),
                     deferredPaymentAllowed: Sourced(deferred, source: "sample", confirmed: false))
}

/// The months from `a` through `b`, both included.
private func months(_ a: YearMonth, _ b: YearMonth) -> Set<YearMonth> {
    Set(stride(from: a, through: b, by: 1))
}

private let event = ym(2026, 6)

private func check(_ paid: Set<YearMonth>, category: PersonCategory = .employee, spouse: Bool = false, enrolled: Bool = true,
                   rules: EligibilityRules = eligibilityRules()) -> EligibilityResult {
    EligibilityChecker.check(category: category, isSpouse: spouse, enrolledAtEvent: enrolled, eventMonth: event, paid: paid, rules: rules)
}

@Suite("生育津贴 eligibility: EligibilityChecker")
struct EligibilityTests {
    @Test("Guangdong 连续缴费12个月: exactly 12 paid months ending at the event month → eligible")
    func exactlyTwelve() {
        let r = check(months(ym(2025, 7), event))
        #expect(r.verdict == .eligible)
        #expect(r.continuousMonths == 12)
        #expect(r.requiredMonths == 12)
        #expect(r.lines == [ExplanationLine(Message("eligibility.months", texts: "12", "12", "3"), 12, source: "sample", confirmed: false)])
    }

    @Test("Guangdong 连续缴费12个月: more than 12 months is eligible too, counting them all")
    func moreThanTwelve() {
        let r = check(months(ym(2020, 1), event))
        #expect(r.verdict == .eligible)
        #expect(r.continuousMonths == 78)
    }

    @Test("Guangdong 连续缴费12个月: 11 months → deferred where the region allows (not yet payable)")
    func elevenDeferred() {
        let r = check(months(ym(2025, 8), event))
        #expect(r.verdict == .deferred(payableFrom: nil))
        #expect(r.continuousMonths == 11)
        #expect(r.lines.map(\.rule) == [Message("eligibility.months", texts: "11", "12", "3")])
    }

    @Test("Guangdong 连续缴费12个月: 11 months → refused where deferral is not allowed, even with later months paid")
    func elevenRefused() {
        let rules = eligibilityRules(deferred: false)
        #expect(check(months(ym(2025, 8), event), rules: rules).verdict == .refused(Message("eligibility.short", texts: "11", "12")))
        #expect(check(months(ym(2025, 8), ym(2027, 6)), rules: rules).verdict == .refused(Message("eligibility.short", texts: "11", "12")))
    }

    @Test("Guangdong 中断缴费不超过3个月(含)视为连续: a gap of exactly 3 months inside the run is bridged (6 + gap 3 + 6 = 12)")
    func gapAtTolerance() {
        // paid 2025-04…2025-09, unpaid 2025-10, 11, 12, paid 2026-01…2026-06
        let paid = months(ym(2025, 4), ym(2025, 9)).union(months(ym(2026, 1), event))
        let r = check(paid)
        #expect(r.verdict == .eligible)
        #expect(r.continuousMonths == 12)
        #expect(EligibilityChecker.continuousRun(endingAt: event, paid: paid, tolerance: 3) == (12, ym(2025, 4)))
    }

    @Test("Guangdong 中断缴费不超过3个月(含): a gap of 4 months breaks the run (only the 6 months after it count)")
    func gapPastTolerance() {
        // paid 2025-03…2025-08, unpaid 2025-09…12, paid 2026-01…2026-06
        let paid = months(ym(2025, 3), ym(2025, 8)).union(months(ym(2026, 1), event))
        let r = check(paid)
        #expect(r.continuousMonths == 6)
        #expect(r.verdict == .deferred(payableFrom: nil))
        #expect(check(paid, rules: eligibilityRules(deferred: false)).verdict == .refused(Message("eligibility.short", texts: "6", "12")))
        #expect(EligibilityChecker.continuousRun(endingAt: event, paid: paid, tolerance: 3) == (6, ym(2026, 1)))
        // With a tolerance of 4 the same history is continuous.
        #expect(check(paid, rules: eligibilityRules(tolerance: 4)).verdict == .eligible)
    }

    @Test("视为连续: bridged months are not counted (5 + gap 3 + 6 = 11 counted over 14 calendar months)")
    func bridgedNotCounted() {
        let paid = months(ym(2025, 5), ym(2025, 9)).union(months(ym(2026, 1), event))
        let r = check(paid)
        #expect(r.continuousMonths == 11)
        #expect(r.verdict == .deferred(payableFrom: nil))
    }

    @Test("several gaps, each within the tolerance, are each bridged")
    func severalGaps() {
        // 2024-11…2025-01 (3), gap 3, 2025-05…2025-08 (4), gap 2, 2025-11…2026-03 (5), event months 4–6 unpaid (gap 3)
        let paid = months(ym(2024, 11), ym(2025, 1)).union(months(ym(2025, 5), ym(2025, 8))).union(months(ym(2025, 11), ym(2026, 3)))
        let r = check(paid)
        #expect(r.continuousMonths == 12)
        #expect(r.verdict == .eligible)
    }

    @Test("the event month itself not yet charged is bridged within the tolerance",
          arguments: [(1, 12, true), (2, 12, true), (3, 12, true), (4, 0, false)])
    func eventMonthNotCharged(_ unpaidAtEnd: Int, _ counted: Int, _ eligible: Bool) {
        // Twelve paid months that end `unpaidAtEnd` months before the event month.
        let last = event.advanced(by: -unpaidAtEnd)
        let paid = months(last.advanced(by: -11), last)
        let r = check(paid)
        #expect(r.continuousMonths == counted)
        #expect((r.verdict == .eligible) == eligible)
    }

    struct DeferredCase: Sendable, CustomStringConvertible {
        let name: String
        let paid: [ClosedRange<YearMonth>]
        let payableFrom: YearMonth?
        var description: String { name }
    }

    static let deferredCases: [DeferredCase] = [
        DeferredCase(name: "11 before, one more month paid → payable from 2026-07",
                     paid: [ym(2025, 8)...ym(2026, 7)], payableFrom: ym(2026, 7)),
        DeferredCase(name: "11 before, many later months → payable from the first month reaching 12 (2026-07)",
                     paid: [ym(2025, 8)...ym(2027, 12)], payableFrom: ym(2026, 7)),
        DeferredCase(name: "10 before → payable from the second later month (2026-08)",
                     paid: [ym(2025, 9)...ym(2026, 8)], payableFrom: ym(2026, 8)),
        DeferredCase(name: "1 (the event month) → payable from 2027-05",
                     paid: [ym(2026, 6)...ym(2027, 12)], payableFrom: ym(2027, 5)),
        DeferredCase(name: "11 before, gap of 3 after the event bridged → payable from 2026-10",
                     paid: [ym(2025, 8)...ym(2026, 6), ym(2026, 10)...ym(2026, 12)], payableFrom: ym(2026, 10)),
        DeferredCase(name: "11 before, break of 4 after the event → never payable (nil) though later runs exceed 12",
                     paid: [ym(2025, 8)...ym(2026, 6), ym(2026, 11)...ym(2028, 1)], payableFrom: nil),
        DeferredCase(name: "11 before, no later months known → not yet payable (nil)",
                     paid: [ym(2025, 8)...ym(2026, 6)], payableFrom: nil),
        DeferredCase(name: "event month not charged, 11 before it, charged from 2026-07 → payable from 2026-07",
                     paid: [ym(2025, 7)...ym(2026, 5), ym(2026, 7)...ym(2026, 9)], payableFrom: ym(2026, 7)),
    ]

    @Test("Guangdong 待遇追补: a deferred claim becomes payable in the first month whose run reaching back over the event has 12",
          arguments: deferredCases)
    func deferredBecomesPayable(_ c: DeferredCase) {
        let paid = c.paid.reduce(into: Set<YearMonth>()) { $0.formUnion(months($1.lowerBound, $1.upperBound)) }
        let r = check(paid)
        #expect(r.verdict == .deferred(payableFrom: c.payableFrom))
        if let m = c.payableFrom {
            // It is the first such month: the month before it does not reach 12 yet.
            let run = EligibilityChecker.continuousRun(endingAt: m, paid: paid, tolerance: 3)
            #expect(run.months >= 12 && run.start! <= event)
            let before = EligibilityChecker.continuousRun(endingAt: m.previous, paid: paid, tolerance: 3)
            #expect(before.months < 12)
        }
    }

    @Test("社会保险法 art.54: no allowance for retirees and unemployment-benefit recipients, however long they paid",
          arguments: [PersonCategory.retiree, .unemployed])
    func categoryRefused(_ category: PersonCategory) {
        let r = check(months(ym(2020, 1), event), category: category)
        #expect(r.verdict == .refused(Message("eligibility.category", [.message(Message("category.\(category.rawValue)"))])))
        #expect(r.lines.isEmpty)
    }

    @Test("社会保险法 art.54: a male employee's unemployed spouse gets medical costs only, never the allowance",
          arguments: PersonCategory.allCases)
    func spouseRefused(_ category: PersonCategory) {
        let r = check(months(ym(2020, 1), event), category: category, spouse: true)
        #expect(r.verdict == .refused(Message("eligibility.spouse")))
    }

    @Test("domain: enrolment must be active at the event — not enrolled is refused, with the month")
    func notEnrolled() {
        let r = check(months(ym(2020, 1), event), enrolled: false)
        #expect(r.verdict == .refused(Message("eligibility.notEnrolled", texts: "2026-06")))
        #expect(check([], enrolled: false, rules: eligibilityRules(months: 0)).verdict
                == .refused(Message("eligibility.notEnrolled", texts: "2026-06")))
    }

    @Test("no continuous-months rule (0): always eligible for employees and flexible workers, even with nothing paid",
          arguments: [PersonCategory.employee, .flexible])
    func zeroMonths(_ category: PersonCategory) {
        let rules = eligibilityRules(months: 0, tolerance: 0, deferred: false)
        #expect(check([], category: category, rules: rules).verdict == .eligible)
        #expect(check(months(ym(2026, 1), ym(2026, 2)), category: category, rules: rules).verdict == .eligible)
        // …but never for a retiree.
        #expect(check([], category: .retiree, rules: rules).verdict != .eligible)
    }

    @Test("flexible workers are checked on their own months like employees")
    func flexibleMonths() {
        #expect(check(months(ym(2025, 7), event), category: .flexible).verdict == .eligible)
        #expect(check(months(ym(2025, 8), event), category: .flexible).verdict == .deferred(payableFrom: nil))
    }

    @Test("continuousRun: months paid after the end month are not counted; no paid months → (0, nil)")
    func runBasics() {
        #expect(EligibilityChecker.continuousRun(endingAt: event, paid: months(ym(2026, 7), ym(2027, 7)), tolerance: 3) == (0, nil))
        #expect(EligibilityChecker.continuousRun(endingAt: event, paid: [], tolerance: 3) == (0, nil))
        #expect(EligibilityChecker.continuousRun(endingAt: event, paid: months(ym(2025, 1), ym(2027, 1)), tolerance: 0) == (18, ym(2025, 1)))
    }

    @Test("shipped Shantou rule: 12 months with 3 bridged, deferral allowed")
    func shantouShipped() throws {
        let policy = try #require(try BundledFiles.policies().first { $0.code == "shantou" })
        let rules = try #require(policy.period(for: event)).eligibility
        #expect(rules.continuousMonths.value == 12 && rules.gapToleranceMonths.value == 3 && rules.deferredPaymentAllowed.value)
        let paid = months(ym(2025, 4), ym(2025, 9)).union(months(ym(2026, 1), event))
        #expect(check(paid, rules: rules).verdict == .eligible)
    }

    @Test("every message key eligibility emits has text in zh-Hans and en")
    func keysHaveText() throws {
        let keys = ["eligibility.months", "eligibility.short", "eligibility.spouse", "eligibility.category", "eligibility.notEnrolled",
                    "category.retiree", "category.unemployed"]
        for language in [Language.zh, .en] {
            let table = try StringTable(language: language)
            for key in keys { #expect(table.has(key), "\(language): \(key)") }
        }
    }
}
