import Testing
@testable import OneWindowCore
import OneWindowResources

private func yuan(_ y: Int64, confirmed: Bool = false) -> Sourced<Money> {
    Sourced(Money(yuan: y), source: confirmed ? "test" : "sample", confirmed: confirmed)
}

/// The sample standards shipped in national.json; natural delivery and the prenatal 16–28 figure are
/// marked confirmed here so the lines' flags can be told apart.
private func medicalRules(_ mode: MedicalRules.PayMode = .upToStandard, grade3CoPayBP: Int = 2000,
                          spouseShareBP: Int = 5000) -> MedicalRules {
    MedicalRules(
        payMode: Sourced(mode, source: "sample", confirmed: false),
        prenatalUnder12Weeks: yuan(400),
        prenatal12To16Weeks: yuan(600),
        prenatal16To28Weeks: yuan(800, confirmed: true),
        prenatalFrom28Weeks: yuan(1100),
        naturalDelivery: yuan(3000, confirmed: true),
        assistedDelivery: yuan(3100),
        caesarean: yuan(3600),
        caesareanWithOperation: yuan(3800),
        miscarriageBefore4Months: yuan(600),
        miscarriageFrom4Months: yuan(1200),
        iudInsertion: yuan(200),
        iudRemoval: yuan(150),
        tubalLigation: yuan(1500),
        vasectomy: yuan(800),
        recanalisation: yuan(2000),
        grade3CoPay: Sourced(Rate(basisPoints: grade3CoPayBP), source: "sample", confirmed: false),
        spouseShare: Sourced(Rate(basisPoints: spouseShareBP), source: "test", confirmed: true))
}

private func line(_ item: MedicalItem, actual: Money, gestation: Gestation? = nil, grade3: Bool = false, spouse: Bool = false,
                  rules: MedicalRules = medicalRules()) -> MedicalClaimLine {
    MedicalCostCalculator.line(item, actual: actual, gestation: gestation, grade3Hospital: grade3, spouse: spouse, rules: rules)
}

@Suite("生育医疗费用: MedicalCostCalculator")
struct MedicalCostCalculatorTests {
    static let standards: [(MedicalItem, Int64, String)] = [
        (.delivery(.natural), 3000, "medical.delivery.natural"),
        (.delivery(.assisted), 3100, "medical.delivery.assisted"),
        (.delivery(.caesarean), 3600, "medical.delivery.caesarean"),
        (.delivery(.caesareanWithOperation), 3800, "medical.delivery.caesareanWithOperation"),
        (.operation(.iudInsertion), 200, "medical.operation.iudInsertion"),
        (.operation(.iudRemoval), 150, "medical.operation.iudRemoval"),
        (.operation(.tubalLigation), 1500, "medical.operation.tubalLigation"),
        (.operation(.vasectomy), 800, "medical.operation.vasectomy"),
        (.operation(.recanalisation), 2000, "medical.operation.recanalisation"),
    ]

    @Test("按病种 standards: each delivery type and operation has its own standard and rule", arguments: standards)
    func itemStandard(_ item: MedicalItem, _ standardYuan: Int64, _ key: String) {
        let l = line(item, actual: Money(yuan: 100_000))
        #expect(l.standard == Money(yuan: standardYuan))
        #expect(l.paid == Money(yuan: standardYuan))
        #expect(l.item == item)
        #expect(l.lines.map(\.rule.key) == [key])
    }

    @Test("upToStandard: pays min(actual, standard) — below, equal, above the 3000 natural-delivery standard",
          arguments: [(Int64(250_000), Int64(250_000)), (300_000, 300_000), (300_001, 300_000), (1_000_000, 300_000), (0, 0), (1, 1)])
    func upToStandard(_ actualFen: Int64, _ paidFen: Int64) {
        let l = line(.delivery(.natural), actual: Money(fen: actualFen))
        #expect(l.paid == Money(fen: paidFen))
        #expect(l.actual == Money(fen: actualFen))
        #expect(l.standard == Money(yuan: 3000))
        #expect(l.lines == [ExplanationLine(Message("medical.delivery.natural", texts: Money(fen: actualFen).yuanText, "3000.00"),
                                            paidFen, source: "test", confirmed: true)])
    }

    @Test("fixedStandard (按病种/按单元): pays the standard whatever the bill",
          arguments: [Int64(250_000), 300_000, 1_000_000, 0])
    func fixedStandard(_ actualFen: Int64) {
        let l = line(.delivery(.natural), actual: Money(fen: actualFen), rules: medicalRules(.fixedStandard))
        #expect(l.paid == Money(yuan: 3000))
        #expect(l.lines.first?.amount == 300_000)
    }

    struct PrenatalCase: Sendable, CustomStringConvertible {
        let end: CalendarDate
        let weeks: String
        let standardYuan: Int64
        let key: String
        var description: String { "\(weeks) → \(standardYuan) 元" }
    }

    // Pregnancy from 2026-01-01: 83 days = 11 weeks 6 days ends 2026-03-25, 84 days = 12 weeks 0 days ends 2026-03-26.
    static let prenatalCases: [PrenatalCase] = [
        PrenatalCase(end: day(2026, 1, 2), weeks: "0 weeks 1 day", standardYuan: 400, key: "medical.prenatal.under12"),
        PrenatalCase(end: day(2026, 3, 25), weeks: "11 weeks 6 days", standardYuan: 400, key: "medical.prenatal.under12"),
        PrenatalCase(end: day(2026, 3, 26), weeks: "12 weeks 0 days", standardYuan: 600, key: "medical.prenatal.12to16"),
        PrenatalCase(end: day(2026, 4, 22), weeks: "15 weeks 6 days", standardYuan: 600, key: "medical.prenatal.12to16"),
        PrenatalCase(end: day(2026, 4, 23), weeks: "16 weeks 0 days", standardYuan: 800, key: "medical.prenatal.16to28"),
        PrenatalCase(end: day(2026, 7, 15), weeks: "27 weeks 6 days", standardYuan: 800, key: "medical.prenatal.16to28"),
        PrenatalCase(end: day(2026, 7, 16), weeks: "28 weeks 0 days", standardYuan: 1100, key: "medical.prenatal.from28"),
        PrenatalCase(end: day(2026, 10, 8), weeks: "40 weeks 0 days", standardYuan: 1100, key: "medical.prenatal.from28"),
    ]

    @Test("prenatal checks capped by gestation stage at the 12 / 16 / 28-week boundaries", arguments: prenatalCases)
    func prenatal(_ c: PrenatalCase) throws {
        let g = try Gestation(start: day(2026, 1, 1), end: c.end)
        let l = line(.prenatal, actual: Money(yuan: 5000), gestation: g)
        #expect(l.standard == Money(yuan: c.standardYuan))
        #expect(l.paid == Money(yuan: c.standardYuan))
        #expect(l.lines.map(\.rule.key) == [c.key])
        // Below the cap the actual amount is paid.
        #expect(line(.prenatal, actual: Money(yuan: 100), gestation: g).paid == Money(yuan: 100))
    }

    @Test("prenatal checks with no gestation given are taken as a full-term pregnancy (28 weeks or more)")
    func prenatalNoGestation() {
        let l = line(.prenatal, actual: Money(yuan: 5000))
        #expect(l.standard == Money(yuan: 1100))
        #expect(l.lines.map(\.rule.key) == ["medical.prenatal.from28"])
    }

    @Test("女职工劳动保护特别规定 art.7 boundary for costs: miscarriage standard by 4 completed months",
          arguments: [(day(2026, 4, 30), Int64(600), "medical.miscarriageBefore4"),  // 3 months 29 days
                      (day(2026, 5, 1), 1200, "medical.miscarriageFrom4"),            // exactly 4 months
                      (day(2026, 2, 1), 600, "medical.miscarriageBefore4"),
                      (day(2026, 8, 1), 1200, "medical.miscarriageFrom4")])
    func miscarriage(_ end: CalendarDate, _ standardYuan: Int64, _ key: String) throws {
        let g = try Gestation(start: day(2026, 1, 1), end: end)
        let l = line(.miscarriage, actual: Money(yuan: 5000), gestation: g)
        #expect(l.standard == Money(yuan: standardYuan))
        #expect(l.paid == Money(yuan: standardYuan))
        #expect(l.lines.map(\.rule.key) == [key])
    }

    @Test("miscarriage month end: Jan 31 → May 31 is 4 months (1200), Jan 31 → May 30 is not (600)")
    func miscarriageMonthEnd() throws {
        let at = line(.miscarriage, actual: Money(yuan: 5000), gestation: try Gestation(start: day(2026, 1, 31), end: day(2026, 5, 31)))
        let before = line(.miscarriage, actual: Money(yuan: 5000), gestation: try Gestation(start: day(2026, 1, 31), end: day(2026, 5, 30)))
        #expect(at.standard == Money(yuan: 1200))
        #expect(before.standard == Money(yuan: 600))
    }

    @Test("Yangzhou 三级医院 individual 20%: the co-pay (rounded half up) reduces what the fund pays",
          arguments: [
              // 3000.00 standard → co-pay 600.00 → 2400.00
              (Int64(1_000_000), Int64(240_000)),
              // 100.03 → co-pay 20.006 → 20.01 → 80.02
              (10_003, 8_002),
              // 100.02 → co-pay 20.004 → 20.00 → 80.02
              (10_002, 8_002),
              // 0.03 → co-pay 0.006 → 0.01 → 0.02
              (3, 2),
          ])
    func grade3(_ actualFen: Int64, _ paidFen: Int64) throws {
        let l = line(.delivery(.natural), actual: Money(fen: actualFen), grade3: true)
        #expect(l.paid == Money(fen: paidFen))
        try #require(l.lines.count == 2)
        #expect(l.lines[1].rule == Message("medical.grade3", texts: "20.00%"))
        #expect(l.lines[1].amount == paidFen)
        #expect(l.lines[1].confirmed == false, "the co-pay is a sample figure")
        // Not a grade-3 hospital: no co-pay line.
        let other = line(.delivery(.natural), actual: Money(fen: actualFen), grade3: false)
        #expect(other.paid == min(Money(fen: actualFen), Money(yuan: 3000)))
        #expect(other.lines.count == 1)
    }

    @Test("grade-3 with no co-pay set (0 %) pays in full and writes no co-pay line")
    func grade3Zero() {
        let l = line(.delivery(.caesarean), actual: Money(yuan: 5000), grade3: true, rules: medicalRules(grade3CoPayBP: 0))
        #expect(l.paid == Money(yuan: 3600))
        #expect(l.lines.count == 1)
    }

    @Test("社会保险法 art.54: an unemployed spouse is paid the spouse share (50 %) of the standard, half a fen up",
          arguments: [(Int64(1_000_000), Int64(150_000)), (10_001, 5_001), (10_000, 5_000), (1, 1)])
    func spouse(_ actualFen: Int64, _ paidFen: Int64) {
        let l = line(.delivery(.natural), actual: Money(fen: actualFen), spouse: true)
        #expect(l.paid == Money(fen: paidFen))
        #expect(l.lines.last?.rule == Message("medical.spouse", texts: "50.00%"))
        #expect(l.lines.last?.amount == paidFen)
        #expect(l.lines.last?.confirmed == true)
    }

    @Test("grade-3 co-pay then spouse share: 3000 → 2400 → 1200, three lines")
    func grade3ThenSpouse() {
        let l = line(.delivery(.natural), actual: Money(yuan: 5000), grade3: true, spouse: true)
        #expect(l.paid == Money(yuan: 1200))
        #expect(l.lines.map(\.rule.key) == ["medical.delivery.natural", "medical.grade3", "medical.spouse"])
        #expect(l.lines.map(\.amount) == [300_000, 240_000, 120_000])
    }

    @Test("each line carries its figure's confirmed flag and source")
    func confirmedFlags() throws {
        let natural = line(.delivery(.natural), actual: Money(yuan: 1000))
        #expect(natural.lines.first?.confirmed == true && natural.lines.first?.source == "test")
        let caesarean = line(.delivery(.caesarean), actual: Money(yuan: 1000))
        #expect(caesarean.lines.first?.confirmed == false && caesarean.lines.first?.source == "sample")
        let g16 = try Gestation(start: day(2026, 1, 1), end: day(2026, 5, 1))
        #expect(line(.prenatal, actual: Money(yuan: 100), gestation: g16).lines.first?.confirmed == true)
        let g12 = try Gestation(start: day(2026, 1, 1), end: day(2026, 4, 1))
        #expect(line(.prenatal, actual: Money(yuan: 100), gestation: g12).lines.first?.confirmed == false)
    }

    @Test("shipped national file: sample standards are flagged unconfirmed on every line")
    func shippedNational() throws {
        let policy = try #require(try BundledFiles.policies().first { $0.code == "national" })
        let rules = try #require(policy.period(for: ym(2026, 6))).medical
        let l = MedicalCostCalculator.line(.delivery(.natural), actual: Money(yuan: 2000), gestation: nil, grade3Hospital: true,
                                           spouse: true, rules: rules)
        #expect(l.paid == Money(yuan: 1000))  // no co-pay nationally, spouse 50 %
        #expect(l.lines.allSatisfy { !$0.confirmed })
    }

    @Test("every rule key the medical calculator emits has text in zh-Hans and en")
    func keysHaveText() throws {
        let keys = ["medical.prenatal.under12", "medical.prenatal.12to16", "medical.prenatal.16to28", "medical.prenatal.from28",
                    "medical.miscarriageBefore4", "medical.miscarriageFrom4", "medical.grade3", "medical.spouse"]
            + DeliveryType.allCases.map { "medical.\($0.messageKey)" }
            + FamilyPlanningOperation.allCases.map { "medical.\($0.messageKey)" }
        for language in [Language.zh, .en] {
            let table = try StringTable(language: language)
            for key in keys { #expect(table.has(key), "\(language): \(key)") }
        }
    }
}
