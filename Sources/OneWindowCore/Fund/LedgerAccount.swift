/// The accounts of the merged fund's ledger (职工基本医疗保险基金，含生育保险). One fund per store: the
/// agency's 统筹地区. The closed old maternity fund keeps its own two accounts so that, after the
/// one-time transfer (清算划转), it can be shown standing at zero.
public enum LedgerAccount: String, Sendable, Codable, CaseIterable, Comparable {
    /// 银行存款: what the fund holds; contributions paid come in, paid orders go out.
    case bank = "asset.bank"
    /// 应收保险费: contributions charged and not yet paid.
    case receivable = "asset.receivable"
    /// 期初结存: the merged fund's balance when its ledger started here, entered once with its document.
    case opening = "equity.opening"
    /// 单位缴费收入 (the maternity share included, unless the region reports it apart).
    case employerIncome = "income.employer"
    /// 个人缴费收入: employees' own share, flexible workers, retirees who pay.
    case individualIncome = "income.individual"
    /// 生育保险费收入: the maternity share as its own line where the region says so (Tianjin).
    case maternityIncome = "income.maternity"
    /// 失业保险基金代缴收入: contributions the unemployment fund pays for benefit recipients.
    case unemploymentFundIncome = "income.unemploymentFund"
    /// 利息收入, entered monthly from the bank's statement.
    case interestIncome = "income.interest"
    /// 原生育保险基金划转收入: the old fund's balance, once, at the merger.
    case transferIncome = "income.oldFundTransfer"
    /// 医疗待遇支出 paid through other systems (hospital settlement), entered as monthly totals.
    case medicalExpense = "expense.medical"
    /// 生育待遇支出 — 生育医疗费用, from paid payment orders.
    case maternityMedicalExpense = "expense.maternityMedical"
    /// 生育待遇支出 — 生育津贴, from paid payment orders.
    case maternityAllowanceExpense = "expense.maternityAllowance"
    /// The old maternity fund: its bank balance as cleared, and its fund balance; both zero after the transfer.
    case oldFundBank = "oldFund.bank"
    case oldFundBalance = "oldFund.balance"

    public enum Kind: Sendable { case asset, equity, income, expense, oldFund }

    public var kind: Kind {
        switch self {
        case .bank, .receivable: .asset
        case .opening: .equity
        case .employerIncome, .individualIncome, .maternityIncome, .unemploymentFundIncome, .interestIncome, .transferIncome: .income
        case .medicalExpense, .maternityMedicalExpense, .maternityAllowanceExpense: .expense
        case .oldFundBank, .oldFundBalance: .oldFund
        }
    }

    /// Whether the account's balance grows with debits (assets, expenses) rather than credits.
    public var debitNormal: Bool {
        switch self {
        case .bank, .receivable, .medicalExpense, .maternityMedicalExpense, .maternityAllowanceExpense, .oldFundBank: true
        default: false
        }
    }

    public static var income: [LedgerAccount] { allCases.filter { $0.kind == .income } }
    public static var expense: [LedgerAccount] { allCases.filter { $0.kind == .expense } }
    /// The 生育待遇支出项目 inside the medical fund's expenditure.
    public static let maternityExpense: [LedgerAccount] = [.maternityMedicalExpense, .maternityAllowanceExpense]

    public var messageKey: String { "ledger.account.\(rawValue)" }

    public static func < (a: LedgerAccount, b: LedgerAccount) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
