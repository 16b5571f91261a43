/// The fund's risk-warning settings (基金风险预警). No document found confirms the bands: the shipped
/// figures are samples (fund-research.md: "6–9 normal, > 15 excessive, < 3 insufficient", 人社部发〔2009〕67号
/// from memory; domain.md: 9–15 optimal) that a region replaces with its own.
public struct FundRules: Sendable, Codable, Equatable {
    /// Fewer months of payment capacity than this: 严重不足.
    public var capacityCriticalBelowMonths: Sourced<Int>
    /// Fewer than this (and not critical): 不足.
    public var capacityLowBelowMonths: Sourced<Int>
    /// More than this: 结余过多.
    public var capacityHighAboveMonths: Sourced<Int>
    /// Maternity spending may grow year on year by at most income growth plus this many basis points.
    public var maternityGrowthMarginBp: Sourced<Int>
    /// Warn when, at the last 12 months' trend, the fund would run dry within this many months.
    public var runDryWarningMonths: Sourced<Int>

    public init(capacityCriticalBelowMonths: Sourced<Int>, capacityLowBelowMonths: Sourced<Int>,
                capacityHighAboveMonths: Sourced<Int>, maternityGrowthMarginBp: Sourced<Int>, runDryWarningMonths: Sourced<Int>) {
        self.capacityCriticalBelowMonths = capacityCriticalBelowMonths
        self.capacityLowBelowMonths = capacityLowBelowMonths
        self.capacityHighAboveMonths = capacityHighAboveMonths
        self.maternityGrowthMarginBp = maternityGrowthMarginBp
        self.runDryWarningMonths = runDryWarningMonths
    }

    public func validate(region: String) throws {
        let c = capacityCriticalBelowMonths.value, l = capacityLowBelowMonths.value, h = capacityHighAboveMonths.value
        guard 0 <= c, c <= l, l <= h, h <= 600, runDryWarningMonths.value >= 0,
              (-100_000...100_000).contains(maternityGrowthMarginBp.value) else {
            throw DomainError("error.policy.fundBands", texts: region)
        }
    }

    /// Whether every figure here is a sample (no source confirms it).
    public var isSample: Bool {
        ![capacityCriticalBelowMonths.confirmed, capacityLowBelowMonths.confirmed, capacityHighAboveMonths.confirmed].contains(true)
    }
}
