import Testing
@testable import OneWindowCore

// Shared fixtures for the Core tests: months, employers, contribution rules, an in-test applier
// for registration plans (the seeded PRNG is Core's SplitMix64).

/// A month that is known to exist (test literals only).
func ym(_ year: Int, _ month: Int) -> YearMonth {
    YearMonth(year: year, month: month)!
}

/// A date that is known to exist (test literals only).
func day(_ year: Int, _ month: Int, _ d: Int) -> CalendarDate {
    CalendarDate(year: year, month: month, day: d)!
}

/// The counter's "today" in the identifier tests.
let testToday = day(2026, 1, 15)

enum Employers {
    /// Widely cited valid 统一社会信用代码 (checked against python-stdnum too).
    static let a = try! CreditCode("91350100M000100Y43")
    static let b = try! CreditCode("91110000600037341L")
    static let c = try! CreditCode("91440300708461136T")
    static let all = [a, b, c]
}

enum People {
    /// GB 11643-1999's own example number (female, born 1949-12-31).
    static let standardExample = try! CitizenID("11010519491231002X", today: testToday)
    static let male = try! CitizenID("110105194912310011", today: testToday)
}

/// Contribution rules with every figure confirmed from source "test".
func testRules(employerMedical: Int = 600, maternity: Int = 80, individual: Int = 200,
               flexible: Int = 800, retiree: Int = 0, unemployed: Int = 800,
               floorFen: Int64 = 400_000, capFen: Int64 = 2_000_000,
               flexibleInMaternity: Bool = false, maternityIncomeLine: Bool = false) -> ContributionRules {
    func rate(_ bp: Int) -> Sourced<Rate> { Sourced(Rate(basisPoints: bp), source: "test", confirmed: true) }
    return ContributionRules(
        employerMedicalRate: rate(employerMedical),
        maternityRate: rate(maternity),
        individualMedicalRate: rate(individual),
        flexibleRate: rate(flexible),
        retireeRate: rate(retiree),
        unemployedRate: rate(unemployed),
        baseFloor: Sourced(Money(fen: floorFen), source: "test", confirmed: true),
        baseCap: Sourced(Money(fen: capFen), source: "test", confirmed: true),
        flexibleInMaternity: Sourced(flexibleInMaternity, source: "test", confirmed: true),
        maternityIncomeLine: Sourced(maternityIncomeLine, source: "test", confirmed: true))
}

/// Tianjin's draft enrols flexible workers in maternity; the other test regions do not.
func tianjinOnly(_ region: String, _ month: YearMonth) -> Bool { region == "tianjin" }

struct ApplyError: Error, CustomStringConvertible {
    let description: String
}

/// What the store does with a plan: closes the one open period of a scheme, appends opened ones.
func apply(_ changes: [RegistrationChange], to periods: [EnrolmentPeriod]) throws -> [EnrolmentPeriod] {
    var result = periods
    for change in changes {
        switch change {
        case let .close(scheme, lastMonth, reason):
            let open = result.indices.filter { result[$0].scheme == scheme && result[$0].isOpen }
            guard open.count == 1 else {
                throw ApplyError(description: "close \(scheme) needs exactly one open period, found \(open.count)")
            }
            result[open[0]].to = lastMonth
            result[open[0]].endReason = reason
        case let .open(period):
            guard !result.contains(where: { $0.scheme == period.scheme && $0.isOpen }) else {
                throw ApplyError(description: "open \(period.scheme) while one is already open")
            }
            result.append(period)
        }
    }
    return result
}

/// ISO 7064 MOD 11-2 written from its definition rather than from GB 11643's weight table:
/// position i (counted from the right, check character at i = 1) has weight 2^(i-1) mod 11, and the
/// weighted sum including the check value must be ≡ 1 (mod 11); the value 10 is written X.
func mod11_2Check(_ body17: String) -> Character {
    let digits = body17.map { $0.wholeNumberValue! }
    precondition(digits.count == 17)
    var sum = 0
    for (k, d) in digits.enumerated() {
        let i = 18 - k // position from the right
        var w = 1
        for _ in 0..<(i - 1) { w = (w * 2) % 11 }
        sum += d * w
    }
    let c = ((1 - sum) % 11 + 11) % 11
    return c == 10 ? "X" : Character(String(c))
}

/// GB 32100 MOD 31 written out again for generators: C18 = 31 − (Σ Ci·Wi mod 31), 31 ↦ 0.
let uscc31: [Character] = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
func mod31Check(_ body17: String) -> Character {
    let weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
    let sum = zip(body17, weights).reduce(0) { $0 + uscc31.firstIndex(of: $1.0)! * $1.1 }
    let c = 31 - sum % 31
    return uscc31[c == 31 ? 0 : c]
}
