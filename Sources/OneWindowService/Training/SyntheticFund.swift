import OneWindowCore

/// The sandbox's year of fund books, so a trainee sees a living fund (issue 11): what the counter recorded
/// is posted by the ledger itself; on top, as an agency's supervisor would enter them, the merged fund's
/// opening balance, the old maternity fund's transfer at the merger, each month's medical benefits settled
/// by other systems and the bank's interest (every document marked 样例), and the finished months closed
/// but the last. Figures follow the generated contributions, so the fund sits in the normal band.
struct SyntheticFund {
    let fund: FundService
    let plan: SyntheticPopulation.Plan

    init(_ supervisor: ServiceContext, _ plan: SyntheticPopulation.Plan) {
        fund = FundService(supervisor)
        self.plan = plan
    }

    func write() throws {
        guard plan.historyMonths > 0 else { return }
        try fund.catchUp()
        var rng = SplitMix64(seed: plan.seed, stream: SyntheticStream.fund.rawValue, index: 0)
        let first = plan.anchor.advanced(by: -plan.historyMonths)
        let months = Array(first..<plan.anchor)
        let income = Dictionary(uniqueKeysWithValues: try months.map { m in (m, try fund.overview(month: m, catchingUp: false).incomeTotal.month) })
        let average = Money(fen: income.values.reduce(0) { $0 + $1.fen } / Int64(max(1, months.count)))
        guard average > .zero else { return }
        // About ten months of spending in hand when the books start here, and the old maternity fund's
        // balance (a few months of maternity contributions) transferred in the first month.
        try fund.setOpening(month: first, amount: Money(fen: average.fen * 8), document: "\(first) 期初结存（样例）")
        try fund.transferOldFund(amount: Money(fen: average.fen * 3 / 2), on: CalendarDate(year: first.year, month: first.month, day: 15)!,
                                 document: "原生育保险基金清算划转（样例）")
        for m in months {
            // Other medical benefits take most of each month's income; interest is about 0.1 % a month of the bank.
            let share = Int64(rng.within(72...88))
            let medical = Money(fen: (income[m] ?? average).fen * share / 100)
            if medical > .zero { _ = try fund.enter(.medicalExpense, month: m, amount: medical, document: "医保结算系统 \(m)（样例）") }
            let bank = try fund.overview(month: m, catchingUp: false).bank
            let interest = Money(fen: max(100, bank.fen / 1000))
            _ = try fund.enter(.interest, month: m, amount: interest, document: "银行对账单 \(m)（样例）")
        }
        for m in months.dropLast() { try fund.close(month: m) }
    }
}
