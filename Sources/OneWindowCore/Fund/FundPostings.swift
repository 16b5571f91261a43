/// Which accounts a source record moves: the one place that maps the counter's records to the ledger.
public enum FundPostings {
    /// Contribution lines charged in one month, summed per item: Dr receivable, Cr the income lines.
    /// With `maternityLine` (a region that reports 生育保险费收入 apart, as Tianjin does) each line's
    /// maternity share goes to that line; else it stays in the payer's income line (one fund, 国办发〔2019〕10号).
    public static func charge(_ sums: [(item: ContributionItem, amount: Money, maternity: Money)], maternityLine: Bool) throws -> JournalLines {
        var postings: [Posting] = []
        for s in sums {
            let account: LedgerAccount = switch s.item {
            case .employerUnified, .employerMedical, .employerMaternity: .employerIncome
            case .individualMedical, .flexible, .retiree: .individualIncome
            case .unemploymentFund: .unemploymentFundIncome
            }
            postings.append(.debit(.receivable, s.amount))
            if maternityLine, s.maternity > .zero {
                postings.append(.credit(.maternityIncome, s.maternity))
                postings.append(.credit(account, s.amount - s.maternity))
            } else {
                postings.append(.credit(account, s.amount))
            }
        }
        return try JournalLines(postings)
    }

    /// Contributions received: Dr bank, Cr receivable.
    public static func payment(_ amount: Money) throws -> JournalLines {
        try JournalLines([.debit(.bank, amount), .credit(.receivable, amount)])
    }

    /// A payment order the bank paid: Dr the maternity expenditure line, Cr bank.
    public static func orderPaid(allowance: Bool, _ amount: Money) throws -> JournalLines {
        try JournalLines([.debit(allowance ? .maternityAllowanceExpense : .maternityMedicalExpense, amount), .credit(.bank, amount)])
    }

    /// The old maternity fund's balance as cleared (清算): it stands in the old fund's books.
    public static func oldFundCleared(_ amount: Money) throws -> JournalLines {
        try JournalLines([.debit(.oldFundBank, amount), .credit(.oldFundBalance, amount)])
    }

    /// The transfer (划转): the merged fund receives it, the old fund gives it up and stands at zero.
    public static func oldFundTransfer(_ amount: Money) throws -> JournalLines {
        try JournalLines([.debit(.bank, amount), .credit(.transferIncome, amount),
                          .debit(.oldFundBalance, amount), .credit(.oldFundBank, amount)])
    }

    /// The merged fund's balance when its ledger started here: Dr bank, Cr opening balance.
    public static func opening(_ amount: Money) throws -> JournalLines {
        try JournalLines([.debit(.bank, amount), .credit(.opening, amount)])
    }
}
