import OneWindowCore

/// 统计信息 of one year (to the current month): maternity beneficiaries and payments by month and type,
/// the average allowance, claims by state and region, cover and its synchronization, contributions due
/// against paid — each money figure beside what the ledger posted for the same records.
public struct FundStatistics: Sendable {
    /// One month of maternity benefit payments of one kind.
    public struct Payments: Sendable, Equatable {
        /// Payments the bank made (人次) and their amount.
        public var paidCount = 0
        public var paid = Money.zero
        /// Payments the bank returned in the month.
        public var returnedCount = 0
        public var returned = Money.zero
        /// 人次 that reached the beneficiaries, and the amount the fund spent.
        public var netCount: Int { paidCount - returnedCount }
        public var net: Money { paid - returned }
    }

    public struct Month: Sendable, Equatable {
        public let month: YearMonth
        public let payments: [ClaimKind: Payments]
        /// What the ledger posted from these payments (orders paid and returned in the month).
        public let postedPayments: Money
        public let contributionsDue: Money
        public let contributionsPaid: Money
        /// What the ledger posted from the month's contribution lines and payments.
        public let postedCharges: Money
        public let postedReceipts: Money

        public var benefits: Money { payments.values.reduce(.zero) { $0 + $1.net } }
        public func of(_ kind: ClaimKind) -> Payments { payments[kind] ?? Payments() }
        /// Benefits paid less those returned, against what the ledger posted from the same orders.
        public var paymentsReconciled: Bool { benefits == postedPayments }
        /// Contribution lines and payments against their postings (receivable and bank).
        public var contributionsReconciled: Bool { contributionsDue == postedCharges && contributionsPaid == postedReceipts }
        public var reconciled: Bool { paymentsReconciled && contributionsReconciled }
    }

    public let year: Int
    public let months: [Month]
    public let claims: [(status: ClaimStatus, region: String, count: Int)]
    public let cover: [(scheme: Scheme, category: PersonCategory, count: Int)]
    /// In-service employees in medical but not maternity insurance: 0 expected (两险同步).
    public let employeesWithoutMaternity: Int

    public func total(_ kind: ClaimKind) -> Payments {
        months.reduce(into: Payments()) { sum, m in
            let p = m.of(kind)
            sum.paidCount += p.paidCount
            sum.paid = sum.paid + p.paid
            sum.returnedCount += p.returnedCount
            sum.returned = sum.returned + p.returned
        }
    }

    /// Average allowance per beneficiary over the year, half up to the fen; nil without one.
    public var averageAllowance: Money? {
        let t = total(.allowance)
        return t.netCount > 0 ? Money(fen: Rounding.halfUp(t.net.fen, Int64(t.netCount))) : nil
    }

    public var reconciled: Bool { months.allSatisfy(\.reconciled) }
}
