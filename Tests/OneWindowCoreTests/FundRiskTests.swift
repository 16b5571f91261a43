import OneWindowCore
import Testing

@Suite("Fund risk warning: months of capacity against the bands, growth, the month the fund runs dry")
struct FundRiskTests {
    static func rules(critical: Int = 3, low: Int = 6, high: Int = 15, margin: Int = 0, dry: Int = 24) -> FundRules {
        func s(_ v: Int) -> Sourced<Int> { Sourced(v, source: nil, confirmed: false) }
        return FundRules(capacityCriticalBelowMonths: s(critical), capacityLowBelowMonths: s(low), capacityHighAboveMonths: s(high),
                         maternityGrowthMarginBp: s(margin), runDryWarningMonths: s(dry))
    }

    /// Twelve months to 2026-10, each with `income` and `spent` fen (a third of it maternity).
    static func year(income: Int64 = 100, spent: Int64 = 100) -> [FundMonth] {
        (0..<12).map { i in
            FundMonth(month: YearMonth(year: 2026, month: 10)!.advanced(by: -i), income: Money(fen: income),
                      expenditure: Money(fen: spent), maternityExpenditure: Money(fen: spent / 3))
        }
    }

    static let october = YearMonth(year: 2026, month: 10)!

    @Test("Each band at its edges: the edge value belongs to the band that starts there", arguments: [
        (Int64(299), CapacityBand.critical, Int64(30)), (300, .low, 30), (599, .low, 60), (600, .normal, 60),
        (1500, .normal, 150), (1501, .high, 150), (0, .critical, 0),
    ])
    func bands(balance: Int64, band: CapacityBand, tenths: Int64) {
        let risk = FundRisk(month: Self.october, balance: Money(fen: balance), months: Self.year(), ytdSurplus: .zero, rules: Self.rules())
        #expect(risk.band == band)
        #expect(risk.capacityTenths == tenths)
        #expect(risk.averagedMonths == 12 && risk.averagedExpenditure == Money(fen: 1200))
        #expect(risk.warnings.contains { $0.message.key.hasPrefix("fund.warn.capacity") } == (band != .normal))
    }

    @Test("Months of capacity round half up to tenths; a young ledger averages the months it has")
    func roundingAndYoungLedger() {
        let three = Array(Self.year(spent: 300).prefix(3))
        let risk = FundRisk(month: Self.october, balance: Money(fen: 1_000), months: three, ytdSurplus: .zero, rules: Self.rules())
        #expect(risk.averagedMonths == 3 && risk.capacityTenths == 33)  // 1000 ÷ 300 = 3.33…
        let half = FundRisk(month: Self.october, balance: Money(fen: 1_005), months: three, ytdSurplus: .zero, rules: Self.rules())
        #expect(half.capacityTenths == 34)  // 3.35 → 3.4
        let none = FundRisk(month: Self.october, balance: Money(fen: 5), months: [], ytdSurplus: .zero, rules: Self.rules())
        #expect(none.capacityTenths == nil && none.band == nil && none.warnings.isEmpty)
    }

    @Test("At a deficit of 50 a month, 120 lasts two full months: dry in the third; warned within the horizon only")
    func runDry() {
        let risk = FundRisk(month: Self.october, balance: Money(fen: 120), months: Self.year(income: 50, spent: 100),
                            ytdSurplus: Money(fen: -500), rules: Self.rules(critical: 0, low: 0, high: 100))
        #expect(risk.runDryMonth == YearMonth(year: 2027, month: 1))
        #expect(risk.warnings.map(\.message.key) == ["fund.warn.deficit", "fund.warn.runDry"])
        let far = FundRisk(month: Self.october, balance: Money(fen: 120), months: Self.year(income: 50, spent: 100),
                           ytdSurplus: .zero, rules: Self.rules(critical: 0, low: 0, high: 100, dry: 2))
        #expect(far.runDryMonth == YearMonth(year: 2027, month: 1) && far.warnings.isEmpty)
        let growing = FundRisk(month: Self.october, balance: Money(fen: 120), months: Self.year(), ytdSurplus: .zero, rules: Self.rules())
        #expect(growing.runDryMonth == nil)
        let empty = FundRisk(month: Self.october, balance: .zero, months: Self.year(), ytdSurplus: .zero, rules: Self.rules())
        #expect(empty.runDryMonth == Self.october)
    }

    @Test("Maternity spending growing faster than income (beyond the margin) is warned, with both rates")
    func maternityGrowth() {
        var months: [FundMonth] = []
        for m in 1...10 {
            months.append(FundMonth(month: YearMonth(year: 2025, month: m)!, income: Money(fen: 1000), expenditure: Money(fen: 500), maternityExpenditure: Money(fen: 100)))
            months.append(FundMonth(month: YearMonth(year: 2026, month: m)!, income: Money(fen: 1100), expenditure: Money(fen: 550), maternityExpenditure: Money(fen: 150)))
        }
        let risk = FundRisk(month: Self.october, balance: Money(fen: 5_000), months: months, ytdSurplus: .zero, rules: Self.rules())
        #expect(risk.maternityGrowthBp == 5_000 && risk.incomeGrowthBp == 1_000)
        #expect(risk.warnings.map(\.message) == [Message("fund.warn.maternityGrowth", texts: "50.00%", "10.00%")])
        let tolerant = FundRisk(month: Self.october, balance: Money(fen: 5_000), months: months, ytdSurplus: .zero, rules: Self.rules(margin: 4_000))
        #expect(tolerant.warnings.isEmpty)
        let edge = FundRisk(month: Self.october, balance: Money(fen: 5_000), months: months, ytdSurplus: .zero, rules: Self.rules(margin: 3_999))
        #expect(edge.warnings.count == 1)
    }

    @Test("Bands out of order are refused when the policy loads")
    func bandsValidated() {
        #expect(throws: DomainError("error.policy.fundBands", texts: "x")) { try Self.rules(critical: 7, low: 6).validate(region: "x") }
        #expect(throws: Never.self) { try Self.rules().validate(region: "x") }
    }
}
