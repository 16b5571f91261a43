/// What the budget assumes for the year it plans (Changzhou: 预测及计算依据). Changes are in basis points of
/// the base year's figure; an absent figure means "as this year". Read from a JSON file a supervisor keeps.
public struct BudgetAssumptions: Sendable, Codable, Equatable {
    /// 参保人数增减.
    public var insuredChangeBp: Int = 0
    /// 缴费基数（工资）增长: contributions and the allowance (which follows the employer's wage).
    public var baseGrowthBp: Int = 0
    /// The unified employer rate to plan with (单位费率), in basis points; nil keeps the rate in force.
    public var employerRateBp: Int?
    /// 生育人次增减 (births and other maternity events).
    public var birthsChangeBp: Int = 0
    /// 次均生育医疗费用增长.
    public var maternityCostGrowthBp: Int = 0
    /// 其他医疗待遇支出增长.
    public var medicalGrowthBp: Int = 0
    /// Yearly interest on the balance at the start of the year; nil carries this year's interest over.
    public var interestRateBp: Int?
    /// 编制说明: why these figures (the document, the meeting).
    public var note: String?

    public init() {}

    /// Every key optional: a file names only what it changes. A key it does not know (a typo) is refused
    /// rather than silently planned "as this year".
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let named = try decoder.container(keyedBy: AnyKey.self).allKeys.map(\.stringValue)
        if let unknown = named.first(where: { CodingKeys(stringValue: $0) == nil }) {
            throw DomainError("error.budget.unknownKey", texts: unknown)
        }
        insuredChangeBp = try c.decodeIfPresent(Int.self, forKey: .insuredChangeBp) ?? 0
        baseGrowthBp = try c.decodeIfPresent(Int.self, forKey: .baseGrowthBp) ?? 0
        employerRateBp = try c.decodeIfPresent(Int.self, forKey: .employerRateBp)
        birthsChangeBp = try c.decodeIfPresent(Int.self, forKey: .birthsChangeBp) ?? 0
        maternityCostGrowthBp = try c.decodeIfPresent(Int.self, forKey: .maternityCostGrowthBp) ?? 0
        medicalGrowthBp = try c.decodeIfPresent(Int.self, forKey: .medicalGrowthBp) ?? 0
        interestRateBp = try c.decodeIfPresent(Int.self, forKey: .interestRateBp)
        note = try c.decodeIfPresent(String.self, forKey: .note)
    }

    public func validate() throws {
        let changes = [insuredChangeBp, baseGrowthBp, birthsChangeBp, maternityCostGrowthBp, medicalGrowthBp]
        guard changes.allSatisfy({ (-5_000...10_000).contains($0) }),
              employerRateBp.map({ (0...3_000).contains($0) }) ?? true,
              interestRateBp.map({ (0...2_000).contains($0) }) ?? true else {
            throw DomainError("error.budget.assumptionRange")
        }
        if let note { _ = try FreeText.validated(note, field: .note, maxLength: 500, required: false) }
    }
}

/// This year's figures the budget starts from: per account, the year's amount (annualized when the year is
/// not over) and, for the maternity items, the cases (人次) behind them.
public struct BudgetBase: Sendable, Equatable {
    public let year: Int
    /// Months of actual figures (12 for a finished year); the rest are annualized at the same monthly rate.
    public let months: Int
    public let annual: [LedgerAccount: Money]
    public let allowanceCases: Int
    public let medicalCases: Int
    /// 累计结存 expected at the end of the base year (now + the rest of the year at this year's rate).
    public let closingBalance: Money
    public let employerRate: Rate

    public init(year: Int, months: Int, annual: [LedgerAccount: Money], allowanceCases: Int, medicalCases: Int,
                closingBalance: Money, employerRate: Rate) {
        self.year = year
        self.months = months
        self.annual = annual
        self.allowanceCases = allowanceCases
        self.medicalCases = medicalCases
        self.closingBalance = closingBalance
        self.employerRate = employerRate
    }
}

/// One budget line with what it rests on: 编制原则, 数据来源, 计算依据, 增减变化原因.
public struct BudgetLine: Sendable, Equatable, Codable {
    public let account: LedgerAccount
    public let base: Money
    public let amount: Money
    public let principle: Message
    public let source: Message
    public let basis: Message
    public let reason: Message

    /// (amount − base) ÷ base in basis points, half up; nil when the base is zero.
    public var changeBp: Int64? { base.fen != 0 ? Rounding.halfUp((amount.fen - base.fen) * 10_000, base.fen) : nil }
}

/// The plan of one year: its lines, totals, the year-end balance and months of capacity it leads to.
public struct Budget: Sendable, Equatable, Codable {
    public let year: Int
    public let assumptions: BudgetAssumptions
    public let lines: [BudgetLine]
    public let openingBalance: Money

    public var income: Money { lines.filter { $0.account.kind == .income }.reduce(.zero) { $0 + $1.amount } }
    public var expenditure: Money { lines.filter { $0.account.kind == .expense }.reduce(.zero) { $0 + $1.amount } }
    public var closingBalance: Money { openingBalance + income - expenditure }
    /// Year-end balance ÷ (expenditure ÷ 12), in tenths of a month, half up; nil without expenditure.
    public var capacityTenths: Int64? { expenditure > .zero ? Rounding.halfUp(closingBalance.fen * 120, expenditure.fen) : nil }
}

/// Any key of a JSON object, to find the ones a type does not know.
private struct AnyKey: CodingKey {
    let stringValue: String
    var intValue: Int? { nil }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
