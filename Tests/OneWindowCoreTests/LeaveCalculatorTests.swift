import Testing
@testable import OneWindowCore
import OneWindowResources

/// A figure with source "test"; `confirmed` false marks an unconfirmed sample.
private func fig<T>(_ value: T, confirmed: Bool = true) -> Sourced<T> {
    Sourced(value, source: confirmed ? "test" : "sample", confirmed: confirmed)
}

/// National leave rules (女职工劳动保护特别规定 art. 7) with the Zhuhai family-planning days
/// (IUD removal 1, insertion 2, tubal ligation 21, vasectomy 7, recanalisation 14).
private func nationalLeave(caesareanCountsAsDystocia: Bool = false, dystociaExtraDays: Int = 15,
                           regionalExtraDays: Int = 0, allowanceForRegionalExtraDays: Bool = true) -> LeaveRules {
    LeaveRules(
        baseDays: fig(98),
        dystociaExtraDays: fig(dystociaExtraDays),
        caesareanCountsAsDystocia: fig(caesareanCountsAsDystocia, confirmed: false),
        perExtraBabyDays: fig(15),
        miscarriageBefore4MonthsDays: fig(15),
        miscarriageFrom4MonthsDays: fig(42),
        regionalExtraDays: fig(regionalExtraDays, confirmed: false),
        allowanceForRegionalExtraDays: fig(allowanceForRegionalExtraDays, confirmed: false),
        familyPlanning: FamilyPlanningDays(
            iudRemoval: fig(1, confirmed: false),
            iudInsertion: fig(2, confirmed: false),
            tubalLigation: fig(21, confirmed: false),
            vasectomy: fig(7, confirmed: false),
            recanalisation: fig(14, confirmed: false)))
}

private let birthDate = day(2026, 6, 1)

private func birthEvent(babies: Int = 1, _ delivery: DeliveryType = .natural, dystocia: Bool = false,
                        on date: CalendarDate = birthDate,
                        operations: [FamilyPlanningOperation] = []) throws -> MaternityEvent {
    let gestation = try Gestation(start: date.adding(months: -9), end: date)
    return try MaternityEvent(date: date, birth: Birth(babies: babies, delivery: delivery, dystocia: dystocia, gestation: gestation),
                              operations: operations)
}

private func miscarriageEvent(_ start: CalendarDate, _ end: CalendarDate,
                              operations: [FamilyPlanningOperation] = []) throws -> MaternityEvent {
    try MaternityEvent(date: end, miscarriage: Gestation(start: start, end: end), operations: operations)
}

/// (rule key, text arguments, days) of each breakdown line, for compact comparisons.
private func summary(_ b: LeaveBreakdown) -> [String] {
    b.lines.map { line in
        let args = line.rule.args.map { arg -> String in
            if case .text(let t) = arg { return t }
            return "?"
        }
        return args.isEmpty ? "\(line.rule.key)=\(line.amount)" : "\(line.rule.key)(\(args.joined(separator: ",")))=\(line.amount)"
    }
}

@Suite("女职工劳动保护特别规定 art. 7: LeaveCalculator")
struct LeaveCalculatorTests {
    struct BirthCase: Sendable, CustomStringConvertible {
        let babies: Int
        let delivery: DeliveryType
        let dystocia: Bool
        let caesareanCountsAsDystocia: Bool
        let days: Int
        let lines: [String]
        var description: String {
            "\(babies) × \(delivery.rawValue)\(dystocia ? " + dystocia" : "")\(caesareanCountsAsDystocia ? " (caesarean counts)" : "") → \(days)"
        }
    }

    static let birthCases: [BirthCase] = [
        BirthCase(babies: 1, delivery: .natural, dystocia: false, caesareanCountsAsDystocia: false, days: 98,
                  lines: ["leave.birth=98"]),
        BirthCase(babies: 1, delivery: .natural, dystocia: true, caesareanCountsAsDystocia: false, days: 113,
                  lines: ["leave.birth=98", "leave.dystocia=15"]),
        BirthCase(babies: 2, delivery: .natural, dystocia: false, caesareanCountsAsDystocia: false, days: 113,
                  lines: ["leave.birth=98", "leave.extraBabies(1)=15"]),
        BirthCase(babies: 3, delivery: .natural, dystocia: false, caesareanCountsAsDystocia: false, days: 128,
                  lines: ["leave.birth=98", "leave.extraBabies(2)=30"]),
        BirthCase(babies: 2, delivery: .natural, dystocia: true, caesareanCountsAsDystocia: false, days: 128,
                  lines: ["leave.birth=98", "leave.dystocia=15", "leave.extraBabies(1)=15"]),
        BirthCase(babies: 3, delivery: .assisted, dystocia: true, caesareanCountsAsDystocia: false, days: 143,
                  lines: ["leave.birth=98", "leave.dystocia=15", "leave.extraBabies(2)=30"]),
        BirthCase(babies: 1, delivery: .caesarean, dystocia: false, caesareanCountsAsDystocia: false, days: 98,
                  lines: ["leave.birth=98"]),
        BirthCase(babies: 1, delivery: .caesareanWithOperation, dystocia: false, caesareanCountsAsDystocia: false, days: 98,
                  lines: ["leave.birth=98"]),
        BirthCase(babies: 1, delivery: .caesarean, dystocia: false, caesareanCountsAsDystocia: true, days: 113,
                  lines: ["leave.birth=98", "leave.caesarean=15"]),
        BirthCase(babies: 1, delivery: .caesareanWithOperation, dystocia: false, caesareanCountsAsDystocia: true, days: 113,
                  lines: ["leave.birth=98", "leave.caesarean=15"]),
        // A certified dystocia that ended in a caesarean adds the dystocia days once, not twice.
        BirthCase(babies: 1, delivery: .caesarean, dystocia: true, caesareanCountsAsDystocia: true, days: 113,
                  lines: ["leave.birth=98", "leave.dystocia=15"]),
        BirthCase(babies: 2, delivery: .caesarean, dystocia: false, caesareanCountsAsDystocia: true, days: 128,
                  lines: ["leave.birth=98", "leave.caesarean=15", "leave.extraBabies(1)=15"]),
        // An assisted (non-caesarean) delivery is not dystocia by itself, whatever the caesarean flag.
        BirthCase(babies: 1, delivery: .assisted, dystocia: false, caesareanCountsAsDystocia: true, days: 98,
                  lines: ["leave.birth=98"]),
        BirthCase(babies: 1, delivery: .natural, dystocia: false, caesareanCountsAsDystocia: true, days: 98,
                  lines: ["leave.birth=98"]),
    ]

    @Test("女职工劳动保护特别规定 art.7: 98 days, dystocia +15, each extra baby +15 (national rules, every combination)",
          arguments: birthCases)
    func nationalBirth(_ c: BirthCase) throws {
        let rules = nationalLeave(caesareanCountsAsDystocia: c.caesareanCountsAsDystocia)
        let b = LeaveCalculator.compute(try birthEvent(babies: c.babies, c.delivery, dystocia: c.dystocia), rules: rules)
        #expect(b.leaveDays == c.days)
        #expect(b.allowanceDays == c.days, "no regional days: the allowance covers every leave day")
        #expect(summary(b) == c.lines)
        #expect(b.lines.reduce(0) { $0 + $1.amount } == Int64(c.days), "the lines add up to the total")
    }

    @Test("女职工劳动保护特别规定 art.7: single natural birth 98")
    func single() throws {
        let b = LeaveCalculator.compute(try birthEvent(), rules: nationalLeave())
        #expect(b == LeaveBreakdown(lines: [ExplanationLine(Message("leave.birth"), 98, source: "test", confirmed: true)],
                                    leaveDays: 98, allowanceDays: 98))
    }

    @Test("女职工劳动保护特别规定 art.7: twins add 15 days (113), triplets 30 (128)", arguments: [(2, 113), (3, 128), (4, 143), (9, 218)])
    func multiples(_ babies: Int, _ days: Int) throws {
        let b = LeaveCalculator.compute(try birthEvent(babies: babies), rules: nationalLeave())
        #expect(b.leaveDays == days)
        let extra = try #require(b.lines.first { $0.rule.key == "leave.extraBabies" })
        #expect(extra.rule.args == [.text(String(babies - 1))])
        #expect(extra.amount == Int64(15 * (babies - 1)))
    }

    @Test("女职工劳动保护特别规定 art.7: caesarean is dystocia only where the region says so (false → 98, true → 113)",
          arguments: [(false, 98), (true, 113)])
    func caesareanFlag(_ counts: Bool, _ days: Int) throws {
        let b = LeaveCalculator.compute(try birthEvent(.caesarean), rules: nationalLeave(caesareanCountsAsDystocia: counts))
        #expect(b.leaveDays == days)
        #expect(b.allowanceDays == days)
        #expect(b.lines.contains { $0.rule.key == "leave.caesarean" } == counts)
        #expect(!b.lines.contains { $0.rule.key == "leave.dystocia" })
    }

    struct MiscarriageCase: Sendable, CustomStringConvertible {
        let start: CalendarDate
        let end: CalendarDate
        let months: Int
        let extraDays: Int
        let days: Int
        var description: String { "\(start) → \(end): \(months) months \(extraDays) days → \(days)" }
    }

    static let miscarriageCases: [MiscarriageCase] = [
        MiscarriageCase(start: day(2026, 1, 1), end: day(2026, 4, 30), months: 3, extraDays: 29, days: 15),
        MiscarriageCase(start: day(2026, 1, 1), end: day(2026, 5, 1), months: 4, extraDays: 0, days: 42),
        MiscarriageCase(start: day(2026, 1, 1), end: day(2026, 5, 2), months: 4, extraDays: 1, days: 42),
        MiscarriageCase(start: day(2026, 1, 1), end: day(2026, 2, 10), months: 1, extraDays: 9, days: 15),
        // Month end: four months from Jan 31 is May 31; May 30 is 3 months 30 days.
        MiscarriageCase(start: day(2026, 1, 31), end: day(2026, 5, 31), months: 4, extraDays: 0, days: 42),
        MiscarriageCase(start: day(2026, 1, 31), end: day(2026, 5, 30), months: 3, extraDays: 30, days: 15),
        // Into February: four months from Oct 31 is reached on the last day of February.
        MiscarriageCase(start: day(2025, 10, 31), end: day(2026, 2, 28), months: 4, extraDays: 0, days: 42),
        MiscarriageCase(start: day(2025, 10, 31), end: day(2026, 2, 27), months: 3, extraDays: 27, days: 15),
        MiscarriageCase(start: day(2023, 10, 31), end: day(2024, 2, 29), months: 4, extraDays: 0, days: 42),
        MiscarriageCase(start: day(2023, 10, 31), end: day(2024, 2, 28), months: 3, extraDays: 28, days: 15),
        MiscarriageCase(start: day(2025, 11, 15), end: day(2026, 3, 14), months: 3, extraDays: 27, days: 15),
        MiscarriageCase(start: day(2025, 11, 15), end: day(2026, 3, 15), months: 4, extraDays: 0, days: 42),
        MiscarriageCase(start: day(2025, 10, 1), end: day(2026, 4, 1), months: 6, extraDays: 0, days: 42),
    ]

    @Test("女职工劳动保护特别规定 art.7: miscarriage before 4 months 15 days, from 4 months (same day four calendar months on) 42",
          arguments: miscarriageCases)
    func miscarriage(_ c: MiscarriageCase) throws {
        let b = LeaveCalculator.compute(try miscarriageEvent(c.start, c.end), rules: nationalLeave())
        #expect(b.leaveDays == c.days)
        #expect(b.allowanceDays == c.days)
        let key = c.days == 42 ? "leave.miscarriageFrom4" : "leave.miscarriageBefore4"
        #expect(summary(b) == ["\(key)(\(c.months),\(c.extraDays))=\(c.days)"])
    }

    @Test("女职工劳动保护特别规定 art.7: miscarriage at 3 months 29 days → 15; at exactly 4 months → 42")
    func miscarriageBoundary() throws {
        let before = LeaveCalculator.compute(try miscarriageEvent(day(2026, 1, 1), day(2026, 4, 30)), rules: nationalLeave())
        let at = LeaveCalculator.compute(try miscarriageEvent(day(2026, 1, 1), day(2026, 5, 1)), rules: nationalLeave())
        #expect(before.leaveDays == 15)
        #expect(at.leaveDays == 42)
        #expect(before.lines.map(\.rule) == [Message("leave.miscarriageBefore4", texts: "3", "29")])
        #expect(at.lines.map(\.rule) == [Message("leave.miscarriageFrom4", texts: "4", "0")])
    }

    @Test("Zhuhai list: each family-planning operation has its own days",
          arguments: [(FamilyPlanningOperation.iudRemoval, 1), (.iudInsertion, 2), (.tubalLigation, 21), (.vasectomy, 7),
                      (.recanalisation, 14)])
    func operation(_ op: FamilyPlanningOperation, _ days: Int) throws {
        let b = LeaveCalculator.compute(try MaternityEvent(date: birthDate, operations: [op]), rules: nationalLeave())
        #expect(b.leaveDays == days)
        #expect(b.allowanceDays == days)
        #expect(summary(b) == ["leave.\(op.rawValue)=\(days)"])
        #expect(b.lines.allSatisfy { !$0.confirmed }, "the Zhuhai days are an unconfirmed sample")
    }

    @Test("Zhuhai 合并计算: tubal ligation + IUD removal = 21 + 1 = 22 days")
    func operationsCombined() throws {
        let b = LeaveCalculator.compute(try MaternityEvent(date: birthDate, operations: [.tubalLigation, .iudRemoval]),
                                        rules: nationalLeave())
        #expect(b.leaveDays == 22)
        #expect(b.allowanceDays == 22)
        #expect(summary(b) == ["leave.tubalLigation=21", "leave.iudRemoval=1"])
        let all = LeaveCalculator.compute(try MaternityEvent(date: birthDate, operations: FamilyPlanningOperation.allCases),
                                          rules: nationalLeave())
        #expect(all.leaveDays == 1 + 2 + 21 + 7 + 14)
    }

    @Test("Zhuhai 合并计算: a birth plus an operation add up (natural 98 + tubal ligation 21 = 119; twins + dystocia + ligation = 149)")
    func birthPlusOperation() throws {
        let b = LeaveCalculator.compute(try birthEvent(operations: [.tubalLigation]), rules: nationalLeave())
        #expect(b.leaveDays == 119)
        #expect(b.allowanceDays == 119)
        #expect(summary(b) == ["leave.birth=98", "leave.tubalLigation=21"])
        let twins = LeaveCalculator.compute(try birthEvent(babies: 2, dystocia: true, operations: [.tubalLigation]), rules: nationalLeave())
        #expect(twins.leaveDays == 149)
    }

    @Test("Zhuhai 合并计算: a miscarriage plus an operation add up (before 4 months 15 + IUD insertion 2 = 17; from 4 months 42 + 21 = 63)")
    func miscarriagePlusOperation() throws {
        let early = LeaveCalculator.compute(try miscarriageEvent(day(2026, 1, 1), day(2026, 3, 1), operations: [.iudInsertion]),
                                            rules: nationalLeave())
        #expect(early.leaveDays == 17)
        #expect(summary(early) == ["leave.miscarriageBefore4(2,0)=15", "leave.iudInsertion=2"])
        let late = LeaveCalculator.compute(try miscarriageEvent(day(2026, 1, 1), day(2026, 6, 1), operations: [.tubalLigation]),
                                           rules: nationalLeave())
        #expect(late.leaveDays == 63)
    }

    @Test("domain: regional extra days with allowanceForRegionalExtraDays true — leave and allowance days both include them")
    func regionalPaid() throws {
        let rules = nationalLeave(regionalExtraDays: 60, allowanceForRegionalExtraDays: true)
        let b = LeaveCalculator.compute(try birthEvent(), rules: rules)
        #expect(b.leaveDays == 158)
        #expect(b.allowanceDays == 158)
        #expect(summary(b) == ["leave.birth=98", "leave.regional=60"])
        try #require(b.lines.count == 2)
        #expect(b.lines[1].confirmed == false && b.lines[1].source == "sample", "the line carries the figure's source")
    }

    @Test("domain: regional extra days with allowanceForRegionalExtraDays false — leave days include them, allowance days do not")
    func regionalUnpaid() throws {
        let rules = nationalLeave(regionalExtraDays: 60, allowanceForRegionalExtraDays: false)
        let b = LeaveCalculator.compute(try birthEvent(), rules: rules)
        #expect(b.leaveDays == 158)
        #expect(b.allowanceDays == 98)
        #expect(summary(b) == ["leave.birth=98", "leave.regionalUnpaid=60"])
        let twins = LeaveCalculator.compute(try birthEvent(babies: 2, dystocia: true), rules: rules)
        #expect(twins.leaveDays == 188)
        #expect(twins.allowanceDays == 128)
    }

    @Test("domain: the province's extra days are for a birth, not for a miscarriage or an operation")
    func regionalOnlyForBirth() throws {
        let rules = nationalLeave(regionalExtraDays: 60)
        #expect(LeaveCalculator.compute(try miscarriageEvent(day(2026, 1, 1), day(2026, 6, 1)), rules: rules).leaveDays == 42)
        #expect(LeaveCalculator.compute(try MaternityEvent(date: birthDate, operations: [.vasectomy]), rules: rules).leaveDays == 7)
    }

    @Test("supervisor-set figures: every day count comes from the region's rules, none is a constant")
    func figuresFromRules() throws {
        var r = nationalLeave(caesareanCountsAsDystocia: true, dystociaExtraDays: 20)
        r.baseDays = fig(100)
        r.perExtraBabyDays = fig(25)
        r.miscarriageBefore4MonthsDays = fig(16)
        r.miscarriageFrom4MonthsDays = fig(43)
        r.familyPlanning.tubalLigation = fig(30)
        #expect(LeaveCalculator.compute(try birthEvent(babies: 3, .caesarean), rules: r).leaveDays == 100 + 20 + 50)
        #expect(LeaveCalculator.compute(try miscarriageEvent(day(2026, 1, 1), day(2026, 4, 30)), rules: r).leaveDays == 16)
        #expect(LeaveCalculator.compute(try miscarriageEvent(day(2026, 1, 1), day(2026, 5, 1)), rules: r).leaveDays == 43)
        #expect(LeaveCalculator.compute(try MaternityEvent(date: birthDate, operations: [.tubalLigation]), rules: r).leaveDays == 30)
    }

    @Test("every breakdown line names its figure: base and art. 7 extras confirmed, sample figures not")
    func lineSources() throws {
        let b = LeaveCalculator.compute(try birthEvent(babies: 2, .caesarean, operations: [.iudInsertion]),
                                        rules: nationalLeave(caesareanCountsAsDystocia: true, regionalExtraDays: 30))
        #expect(b.lines.map(\.rule.key) == ["leave.birth", "leave.caesarean", "leave.extraBabies", "leave.regional", "leave.iudInsertion"])
        #expect(b.lines.map(\.confirmed) == [true, true, true, false, false])
        #expect(b.leaveDays == 98 + 15 + 15 + 30 + 2)
    }

    // MARK: shipped regions

    struct RegionCase: Sendable, CustomStringConvertible {
        let code: String
        let date: CalendarDate
        let leave: Int
        let allowance: Int
        var description: String { "\(code) \(date): leave \(leave), allowance \(allowance)" }
    }

    static let regionCases: [RegionCase] = [
        RegionCase(code: "national", date: day(2026, 6, 1), leave: 98, allowance: 98),
        RegionCase(code: "shenyang", date: day(2026, 6, 1), leave: 158, allowance: 158),  // Liaoning +60
        RegionCase(code: "changzhou", date: day(2026, 6, 1), leave: 158, allowance: 158), // Jiangsu +60 from 2022-02
        RegionCase(code: "shantou", date: day(2026, 6, 1), leave: 178, allowance: 98),    // Guangdong +80, fund flag false
        RegionCase(code: "tianjin", date: day(2026, 6, 1), leave: 158, allowance: 158),   // Tianjin +60 from 2021-11
        // Earlier periods of the same files (effective-dated).
        RegionCase(code: "changzhou", date: day(2021, 6, 1), leave: 128, allowance: 128), // Jiangsu "不少于三十天"
        RegionCase(code: "shantou", date: day(2022, 1, 1), leave: 98, allowance: 98),
        RegionCase(code: "tianjin", date: day(2021, 10, 1), leave: 98, allowance: 98),
    ]

    private func rules(_ code: String, _ date: CalendarDate) throws -> LeaveRules {
        let policy = try #require(try BundledFiles.policies().first { $0.code == code })
        return try #require(policy.period(for: date.yearMonth)).leave
    }

    @Test("province extra days (Resources/policies): a single natural birth gives the region's total", arguments: regionCases)
    func shippedRegion(_ c: RegionCase) throws {
        let r = try rules(c.code, c.date)
        let b = LeaveCalculator.compute(try birthEvent(on: c.date), rules: r)
        #expect(b.leaveDays == c.leave)
        #expect(b.allowanceDays == c.allowance)
        // The total is what the file implies: the art. 7 base plus the region's days.
        #expect(b.leaveDays == r.baseDays.value + r.regionalExtraDays.value)
        #expect(b.lines.first?.rule.key == "leave.birth" && b.lines.first?.amount == 98)
        let regional = b.lines.first { $0.rule.key.hasPrefix("leave.regional") }
        #expect(regional?.amount ?? 0 == Int64(c.leave - 98))
    }

    @Test("粤人社规〔2023〕17号 (Shantou): dystocia adds 30 days, not 15: 98 + 30 + 80 = 208 leave, allowance 128")
    func shantouDystocia() throws {
        let r = try rules("shantou", day(2026, 6, 1))
        let b = LeaveCalculator.compute(try birthEvent(dystocia: true), rules: r)
        #expect(b.leaveDays == 208)
        #expect(b.allowanceDays == 128)
        #expect(summary(b) == ["leave.birth=98", "leave.dystocia=30", "leave.regionalUnpaid=80"])
        // The Zhuhai table's "难产或剖宫产：98+30天": a caesarean counts the same in this period.
        let caesarean = LeaveCalculator.compute(try birthEvent(.caesarean), rules: r)
        #expect(summary(caesarean) == ["leave.birth=98", "leave.caesarean=30", "leave.regionalUnpaid=80"])
        // Before 2023-07 Shantou shipped the national 15.
        let old = LeaveCalculator.compute(try birthEvent(dystocia: true, on: day(2022, 1, 1)), rules: try rules("shantou", day(2022, 1, 1)))
        #expect(old.leaveDays == 113)
    }

    @Test("every rule key the leave calculator emits has text in zh-Hans and en")
    func keysHaveText() throws {
        let keys = ["leave.birth", "leave.dystocia", "leave.caesarean", "leave.extraBabies", "leave.regional", "leave.regionalUnpaid",
                    "leave.miscarriageBefore4", "leave.miscarriageFrom4"] + FamilyPlanningOperation.allCases.map { "leave.\($0.rawValue)" }
        for language in [Language.zh, .en] {
            let table = try StringTable(language: language)
            for key in keys { #expect(table.has(key), "\(language): \(key)") }
        }
    }
}
