import Testing
@testable import OneWindowCore
import OneWindowResources

private func fig<T>(_ value: T, confirmed: Bool = true) -> Sourced<T> {
    Sourced(value, source: confirmed ? "test" : "sample", confirmed: confirmed)
}

/// Allowance rules with no variant set unless asked: Zhuhai cap (≤ N months → city average), Wuhan weighting.
private func allowanceRules(capAtMost: Int? = nil, cityAverage: Money? = nil, weightedWithin: Int? = nil) -> AllowanceRules {
    AllowanceRules(
        capAtCityAverageWhenPaidMonthsAtMost: fig(capAtMost),
        cityAverageMonthlyWage: fig(cityAverage, confirmed: false),
        weightedAverageAfterEmployerChangeWithinMonths: fig(weightedWithin),
        flexibleOnOwnBase: fig(false),
        employerMayBePayee: fig(false))
}

private func employer(_ wageFen: Int64, _ source: AllowanceCalculator.BasisSource = .declared(year: 2025),
                      paidMonthsLastYear: Int = 12, monthsWithPerson: Int = 12) -> AllowanceCalculator.EmployerFigure {
    AllowanceCalculator.EmployerFigure(wage: Money(fen: wageFen), source: source, paidMonthsLastYear: paidMonthsLastYear,
                                       monthsWithPerson: monthsWithPerson)
}

@Suite("社会保险法 art. 56: AllowanceCalculator")
struct AllowanceCalculatorTests {
    @Test("社会保险法 art.56: round-half-up(wage_fen × days / 30)",
          arguments: [
              // 6000 元 × 98 / 30 = 19 600.00
              (Int64(600_000), 98, Int64(1_960_000)),
              // 9000 × 128 / 30 = 38 400.00
              (900_000, 128, 3_840_000),
              // 2695 × 95 / 30 = 8 534.1666… → 8 534.17 (up)
              (269_500, 95, 853_417),
              // 5800 × 98 / 30 = 18 946.666… → 18 946.67
              (580_000, 98, 1_894_667),
              // exactly half a fen goes up: 6000.03 × 95 / 30 = 19 000.095 → 19 000.10
              (600_003, 95, 1_900_010),
              // 6000.01 × 15 / 30 = 3 000.005 → 3 000.01
              (600_001, 15, 300_001),
              // 6000.15 × 113 / 30 = 22 600.565 → 22 600.57
              (600_015, 113, 2_260_057),
              // just under half stays down: 6000.28 × 113 / 30 = 22 601.054… → 22 601.05
              (600_028, 113, 2_260_105),
              // 5000 × 1 / 30 = 166.666… → 166.67
              (500_000, 1, 16_667),
              (600_000, 0, 0),
          ])
    func amount(_ wageFen: Int64, _ days: Int, _ expected: Int64) {
        #expect(AllowanceCalculator.amount(monthlyWage: Money(fen: wageFen), days: days) == Money(fen: expected))
    }

    @Test("社会保险法 art.56: 6000 元 × 98 / 30 = 19 600.00")
    func workedCheck6000() {
        let a = AllowanceCalculator.amount(monthlyWage: Money(yuan: 6000), days: 98)
        #expect(a == Money(fen: 1_960_000))
        #expect(a.yuanText == "19600.00")
    }

    @Test("社会保险法 art.56: 2695 × 95 / 30 = 8 534.17 (half-up)")
    func workedCheck2695() {
        let a = AllowanceCalculator.amount(monthlyWage: Money(yuan: 2695), days: 95)
        #expect(a == Money(fen: 853_417))
        #expect(a.yuanText == "8534.17")
    }

    @Test("社会保险法 art.56: multiply first, round once — 5800 × 98 / 30 = 18 946.67, NOT 19 331.50 nor 193.33 × 98 = 18 946.34")
    func multiplyFirst() {
        let a = AllowanceCalculator.amount(monthlyWage: Money(yuan: 5800), days: 98)
        #expect(a == Money(fen: 1_894_667))
        #expect(a != Money(fen: 1_933_150))
        let perDayRounded = Money(fen: Rounding.halfUp(580_000, 30) * 98)
        #expect(perDayRounded == Money(fen: 1_894_634))
        #expect(a != perDayRounded)
    }

    @Test("社会保险法 art.56: the basis source is named on screen (declared / derived from bases / own base)",
          arguments: [(AllowanceCalculator.BasisSource.declared(year: 2025), Message("allowance.basis.declared", texts: "2025")),
                      (.derivedFromBases(year: 2025), Message("allowance.basis.derived", texts: "2025")),
                      (.ownBase, Message("allowance.basis.ownBase"))])
    func sourceLine(_ source: AllowanceCalculator.BasisSource, _ rule: Message) {
        let basis = AllowanceCalculator.basis(current: employer(750_000, source), rules: allowanceRules())
        #expect(basis.monthlyWage == Money(fen: 750_000))
        #expect(basis.lines == [ExplanationLine(rule, 750_000)])
    }

    @Test("Wuhan variant: employer changed (months 4 and 8) → weighted average, rounded half up",
          arguments: [
              // (6000.01 × 8 + 9000 × 4) / 12 = 7000.0066… → 7000.01
              (Int64(600_001), Int64(900_000), Int64(700_001)),
              // (6000 × 8 + 9000.01 × 4) / 12 = 7000.0033… → 7000.00
              (600_000, 900_001, 700_000),
              // (6000 × 8 + 9000 × 4) / 12 = 7000 exactly
              (600_000, 900_000, 700_000),
          ])
    func weighted(_ currentFen: Int64, _ previousFen: Int64, _ expected: Int64) {
        let current = employer(currentFen, monthsWithPerson: 8)
        let previous = employer(previousFen, .derivedFromBases(year: 2025), monthsWithPerson: 4)
        let basis = AllowanceCalculator.basis(current: current, previous: [previous], rules: allowanceRules(weightedWithin: 12))
        #expect(basis.monthlyWage == Money(fen: expected))
        #expect(basis.lines.map(\.rule) == [Message("allowance.basis.declared", texts: "2025"),
                                            Message("allowance.basis.weighted", texts: "2", "12")])
        #expect(basis.lines.map(\.amount) == [currentFen, expected])
    }

    @Test("Wuhan variant: weighting only when the region sets it, and only with an earlier employer")
    func weightedOnlyWhenSet() {
        let current = employer(600_000, monthsWithPerson: 8)
        let previous = employer(900_000, monthsWithPerson: 4)
        let unset = AllowanceCalculator.basis(current: current, previous: [previous], rules: allowanceRules())
        #expect(unset.monthlyWage == Money(fen: 600_000))
        #expect(unset.lines.count == 1)
        let zero = AllowanceCalculator.basis(current: current, previous: [previous], rules: allowanceRules(weightedWithin: 0))
        #expect(zero.monthlyWage == Money(fen: 600_000))
        let alone = AllowanceCalculator.basis(current: current, rules: allowanceRules(weightedWithin: 12))
        #expect(alone.monthlyWage == Money(fen: 600_000))
        #expect(alone.lines.count == 1)
    }

    @Test("Wuhan variant: three employers weighted by their months (3, 4, 5)")
    func weightedThree() {
        let basis = AllowanceCalculator.basis(current: employer(500_000, monthsWithPerson: 5),
                                              previous: [employer(800_000, monthsWithPerson: 4), employer(1_000_000, monthsWithPerson: 3)],
                                              rules: allowanceRules(weightedWithin: 12))
        // (5000 × 5 + 8000 × 4 + 10000 × 3) / 12 = 87 000 / 12 = 7250
        #expect(basis.monthlyWage == Money(fen: 725_000))
        #expect(basis.lines.last?.rule == Message("allowance.basis.weighted", texts: "3", "12"))
    }

    struct CapCase: Sendable, CustomStringConvertible {
        let wageFen: Int64
        let paidMonths: Int
        let capped: Bool
        var description: String { "wage \(Money(fen: wageFen)), paid \(paidMonths) months → \(capped ? "capped" : "not capped")" }
    }

    @Test("Zhuhai variant: capped at the city average (8000) when the employer paid ≤ 6 months last year and the wage is above it",
          arguments: [
              CapCase(wageFen: 1_200_000, paidMonths: 6, capped: true),
              CapCase(wageFen: 1_200_000, paidMonths: 1, capped: true),
              CapCase(wageFen: 1_200_000, paidMonths: 0, capped: true),
              CapCase(wageFen: 800_001, paidMonths: 6, capped: true),
              CapCase(wageFen: 1_200_000, paidMonths: 7, capped: false), // N + 1 months
              CapCase(wageFen: 1_200_000, paidMonths: 12, capped: false),
              CapCase(wageFen: 700_000, paidMonths: 3, capped: false),   // below the city average
              CapCase(wageFen: 800_000, paidMonths: 3, capped: false),   // equal: nothing to cap
          ])
    func cap(_ c: CapCase) throws {
        let rules = allowanceRules(capAtMost: 6, cityAverage: Money(yuan: 8000))
        let basis = AllowanceCalculator.basis(current: employer(c.wageFen, paidMonthsLastYear: c.paidMonths), rules: rules)
        #expect(basis.monthlyWage == Money(fen: c.capped ? 800_000 : c.wageFen))
        if c.capped {
            try #require(basis.lines.count == 2)
            let line = basis.lines[1]
            #expect(line.rule == Message("allowance.basis.capped", texts: String(c.paidMonths), "6"))
            #expect(line.amount == 800_000)
            #expect(line.confirmed == false, "the city average here is an unconfirmed figure")
        } else {
            #expect(basis.lines.count == 1)
        }
    }

    @Test("Zhuhai variant: no cap without a city average, or without the months setting")
    func capNeedsBothSettings() {
        let wage = employer(1_200_000, paidMonthsLastYear: 3)
        #expect(AllowanceCalculator.basis(current: wage, rules: allowanceRules(capAtMost: 6)).monthlyWage == Money(yuan: 12_000))
        #expect(AllowanceCalculator.basis(current: wage, rules: allowanceRules(cityAverage: Money(yuan: 8000))).monthlyWage
                == Money(yuan: 12_000))
    }

    @Test("Wuhan then Zhuhai: the weighted average is what gets capped")
    func weightedThenCapped() {
        let rules = allowanceRules(capAtMost: 6, cityAverage: Money(yuan: 8000), weightedWithin: 12)
        let basis = AllowanceCalculator.basis(current: employer(900_000, paidMonthsLastYear: 4, monthsWithPerson: 8),
                                              previous: [employer(1_200_000, monthsWithPerson: 4)], rules: rules)
        // weighted (9000 × 8 + 12000 × 4) / 12 = 10 000 → capped at 8000
        #expect(basis.monthlyWage == Money(yuan: 8000))
        #expect(basis.lines.map(\.amount) == [900_000, 1_000_000, 800_000])
        #expect(basis.lines.map(\.rule.key) == ["allowance.basis.declared", "allowance.basis.weighted", "allowance.basis.capped"])
    }

    @Test("社会保险法 art.56 end to end: capped basis × shipped days — 8000 × 158 / 30 = 42 133.33")
    func basisTimesDays() {
        let basis = AllowanceCalculator.basis(current: employer(1_200_000, paidMonthsLastYear: 2),
                                              rules: allowanceRules(capAtMost: 6, cityAverage: Money(yuan: 8000)))
        #expect(AllowanceCalculator.amount(monthlyWage: basis.monthlyWage, days: 158) == Money(fen: 4_213_333))
    }

    @Test("every rule key the basis emits has text in zh-Hans and en")
    func keysHaveText() throws {
        let keys = ["allowance.basis.declared", "allowance.basis.derived", "allowance.basis.ownBase", "allowance.basis.weighted",
                    "allowance.basis.capped"]
        for language in [Language.zh, .en] {
            let table = try StringTable(language: language)
            for key in keys { #expect(table.has(key), "\(language): \(key)") }
        }
    }
}
