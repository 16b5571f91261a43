/// One month of the fund's movement, as the ledger gives it.
public struct FundMonth: Sendable, Equatable {
    public let month: YearMonth
    public let income: Money
    public let expenditure: Money
    public let maternityExpenditure: Money

    public init(month: YearMonth, income: Money, expenditure: Money, maternityExpenditure: Money) {
        self.month = month
        self.income = income
        self.expenditure = expenditure
        self.maternityExpenditure = maternityExpenditure
    }
}

/// Where months of payment capacity fall among the region's bands.
public enum CapacityBand: String, Sendable, Equatable, CaseIterable {
    case critical, low, normal, high
    public var messageKey: String { "fund.band.\(rawValue)" }
}

/// A risk the supervisor is warned of, with the figures that triggered it.
public struct FundWarning: Sendable, Equatable {
    public let message: Message
    public init(_ message: Message) { self.message = message }
}

/// 基金风险预警, computed from the ledger's monthly figures only (pure; the service reads them).
///
/// Rounding (explicit): months of capacity are shown in tenths, rounded half up; growth and surplus rates in
/// basis points, rounded half up. Bands are compared on the exact fractions, so a value on an edge
/// (exactly 6 months) belongs to the band that starts there.
public struct FundRisk: Sendable, Equatable {
    /// 累计结存 at the end of the month.
    public let balance: Money
    /// Months averaged (the last 12 with a ledger, fewer in its first year) and their expenditure.
    public let averagedMonths: Int
    public let averagedExpenditure: Money
    /// Balance ÷ average monthly expenditure in tenths of a month; nil when nothing was spent.
    public let capacityTenths: Int64?
    public let band: CapacityBand?
    /// Year to date against the same months of last year, in basis points; nil without last year's figure.
    public let maternityGrowthBp: Int64?
    public let incomeGrowthBp: Int64?
    /// At the averaged months' trend, the month in which the balance would go below zero; nil if it grows.
    public let runDryMonth: YearMonth?
    public let warnings: [FundWarning]

    /// `months` holds every month the ledger has up to and including `month` (missing months count as zero).
    public init(month: YearMonth, balance: Money, months: [FundMonth], ytdSurplus: Money, rules: FundRules) {
        let byMonth = Dictionary(months.map { ($0.month, $0) }, uniquingKeysWith: { a, _ in a })
        let first = months.map(\.month).min() ?? month
        let window = (0..<12).map { month.advanced(by: -$0) }.filter { $0 >= first }
        let n = Int64(max(window.count, 1))
        let spent = window.reduce(Int64(0)) { $0 + (byMonth[$1]?.expenditure.fen ?? 0) }
        let net = window.reduce(Int64(0)) { $0 + (byMonth[$1].map { $0.income.fen - $0.expenditure.fen } ?? 0) }
        self.balance = balance
        averagedMonths = Int(n)
        averagedExpenditure = Money(fen: spent)
        if spent > 0 {
            capacityTenths = Rounding.halfUp(balance.fen * 10 * n, spent)
            // Exact comparisons: balance ÷ (spent ÷ n) < k  ⇔  balance × n < k × spent.
            let scaled = balance.fen * n
            band = scaled < Int64(rules.capacityCriticalBelowMonths.value) * spent ? .critical
                : scaled < Int64(rules.capacityLowBelowMonths.value) * spent ? .low
                : scaled > Int64(rules.capacityHighAboveMonths.value) * spent ? .high : .normal
        } else {
            capacityTenths = nil
            band = nil
        }
        func ytd(_ year: Int, _ value: (FundMonth) -> Money) -> Int64 {
            (1...month.month).reduce(Int64(0)) { sum, m in sum + (byMonth[YearMonth(year: year, month: m)!].map(value)?.fen ?? 0) }
        }
        func growth(_ value: (FundMonth) -> Money) -> Int64? {
            guard month.year - 1 >= first.year else { return nil }
            let before = ytd(month.year - 1, value)
            guard before > 0 else { return nil }
            return Rounding.halfUp((ytd(month.year, value) - before) * 10_000, before)
        }
        maternityGrowthBp = growth(\.maternityExpenditure)
        incomeGrowthBp = growth(\.income)
        if balance.fen <= 0 {
            runDryMonth = month
        } else if net < 0 {
            // Full months the balance still covers at the average deficit; it goes below zero in the next.
            runDryMonth = month.advanced(by: Int(balance.fen * n / -net) + 1)
        } else {
            runDryMonth = nil
        }

        var warnings: [FundWarning] = []
        if let band, band != .normal, let capacityTenths {
            let limit = switch band {
            case .critical: rules.capacityCriticalBelowMonths.value
            case .low: rules.capacityLowBelowMonths.value
            default: rules.capacityHighAboveMonths.value
            }
            warnings.append(FundWarning(Message("fund.warn.capacity.\(band.rawValue)",
                                                texts: FundRisk.tenths(capacityTenths), String(limit))))
        }
        if ytdSurplus < .zero {
            warnings.append(FundWarning(Message("fund.warn.deficit", texts: month.description, Money(fen: -ytdSurplus.fen).grouped)))
        }
        if let m = maternityGrowthBp, let i = incomeGrowthBp, m > i + Int64(rules.maternityGrowthMarginBp.value) {
            warnings.append(FundWarning(Message("fund.warn.maternityGrowth", texts: FundRisk.percent(m), FundRisk.percent(i))))
        }
        if let dry = runDryMonth, month.distance(to: dry) <= rules.runDryWarningMonths.value {
            warnings.append(FundWarning(Message("fund.warn.runDry", texts: dry.description)))
        }
        self.warnings = warnings
    }

    /// `12.3`
    public static func tenths(_ t: Int64) -> String { "\(t < 0 ? "-" : "")\(t.magnitude / 10).\(t.magnitude % 10)" }
    /// `-3.25%`
    public static func percent(_ bp: Int64) -> String { "\(bp < 0 ? "-" : "")\(bp.magnitude / 100).\(pad(Int(bp.magnitude % 100), 2))%" }
}
