/// One line of a monthly contribution: who pays what, at which rate, on which base.
public enum ContributionItem: String, Sendable, Codable, CaseIterable {
    /// Unified employer item: employer medical + maternity rate, charged as one (统一征缴).
    case employerUnified
    /// Old channels for employers not yet unified: two separate items at the old rates.
    case employerMedical
    case employerMaternity
    /// The person's own medical share; never a maternity share (国办发〔2019〕10号).
    case individualMedical
    case flexible
    case retiree
    /// Paid by the unemployment fund for benefit recipients.
    case unemploymentFund

    public var messageKey: String { "item.\(rawValue)" }
}

/// Who owes a contribution line: arrears are counted per payer account and month.
public enum PayerAccount: Hashable, Sendable, CustomStringConvertible {
    case employer(CreditCode)
    case person(CitizenID)
    case unemploymentFund(region: String)

    public var description: String {
        switch self {
        case .employer(let c): "employer:\(c.value)"
        case .person(let id): "person:\(id.value)"
        case .unemploymentFund(let r): "unemployment:\(r)"
        }
    }

    public init?(stored: String) {
        let parts = stored.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return nil }
        switch parts[0] {
        case "employer": self = .employer(CreditCode(trusted: parts[1]))
        case "person": self = .person(CitizenID(trusted: parts[1]))
        case "unemployment": self = .unemploymentFund(region: parts[1])
        default: return nil
        }
    }
}

public struct ContributionLine: Sendable, Equatable {
    public let item: ContributionItem
    public let payer: PayerAccount
    public let base: Money
    public let rate: Rate
    public let amount: Money
    /// How much of the amount is the former maternity contribution (for the ledger's maternity line).
    public let maternityShare: Money
}

/// What the calculator needs about one person in one month.
public struct ContributionSubject: Sendable {
    public let person: CitizenID
    public let category: PersonCategory
    public let employer: CreditCode?
    /// The employer's first unified month, or nil while it still pays through the old channels.
    public let employerUnifiedFrom: YearMonth?
    public let declaredBase: Money
    public let hasMaternity: Bool
    public let region: String

    public init(person: CitizenID, category: PersonCategory, employer: CreditCode?, employerUnifiedFrom: YearMonth?,
                declaredBase: Money, hasMaternity: Bool, region: String) {
        self.person = person
        self.category = category
        self.employer = employer
        self.employerUnifiedFrom = employerUnifiedFrom
        self.declaredBase = declaredBase
        self.hasMaternity = hasMaternity
        self.region = region
    }
}

/// 统一征缴: amount = round-half-up(base_fen × rate_bp / 10 000) per line, base clamped to the
/// region's floor and cap in force that month. Lines at a zero rate are not written.
public enum ContributionCalculator {
    public static func lines(for s: ContributionSubject, month: YearMonth, rules: ContributionRules) -> [ContributionLine] {
        let base = s.declaredBase.clamped(to: rules.baseFloor.value, rules.baseCap.value)
        func line(_ item: ContributionItem, _ payer: PayerAccount, _ rate: Rate, maternity: Rate = .zero) -> ContributionLine {
            let amount = base.applying(rate)
            // The maternity share of a unified item is computed on its own so the ledger can split it.
            let share = maternity == .zero ? Money.zero : (maternity == rate ? amount : base.applying(maternity))
            return ContributionLine(item: item, payer: payer, base: base, rate: rate, amount: amount, maternityShare: share)
        }
        var result: [ContributionLine] = []
        switch s.category {
        case .employee:
            guard let employer = s.employer else { return [] }
            let payer = PayerAccount.employer(employer)
            let maternity = s.hasMaternity ? rules.maternityRate.value : .zero
            if let unified = s.employerUnifiedFrom, unified <= month {
                result.append(line(.employerUnified, payer, rules.employerMedicalRate.value + maternity, maternity: maternity))
            } else {
                result.append(line(.employerMedical, payer, rules.employerMedicalRate.value))
                if s.hasMaternity { result.append(line(.employerMaternity, payer, maternity, maternity: maternity)) }
            }
            // The employer withholds the individual share and pays it with its own.
            result.append(line(.individualMedical, payer, rules.individualMedicalRate.value))
        case .flexible:
            result.append(line(.flexible, .person(s.person), rules.flexibleRate.value))
        case .retiree:
            result.append(line(.retiree, .person(s.person), rules.retireeRate.value))
        case .unemployed:
            result.append(line(.unemploymentFund, .unemploymentFund(region: s.region), rules.unemployedRate.value))
        }
        return result.filter { $0.rate > .zero }
    }
}
