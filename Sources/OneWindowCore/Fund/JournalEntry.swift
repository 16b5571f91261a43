/// One side of a journal entry: an amount debited or credited to one account.
public struct Posting: Sendable, Equatable, Codable {
    public let account: LedgerAccount
    public let debit: Money
    public let credit: Money

    public static func debit(_ account: LedgerAccount, _ amount: Money) -> Posting { Posting(account: account, debit: amount, credit: .zero) }
    public static func credit(_ account: LedgerAccount, _ amount: Money) -> Posting { Posting(account: account, debit: .zero, credit: amount) }

    public init(account: LedgerAccount, debit: Money, credit: Money) {
        self.account = account
        self.debit = debit
        self.credit = credit
    }

    /// The same amounts on the other sides: a reversal's line.
    public var reversed: Posting { Posting(account: account, debit: credit, credit: debit) }
}

/// Lines of one journal entry, checked to balance: debits = credits, every amount positive, one line
/// per account (lines on the same account are merged; a net zero line is left out). Fineract refuses
/// an unbalanced entry the same way (`JournalEntryInvalidException`).
public struct JournalLines: Sendable, Equatable {
    public let postings: [Posting]

    public init(_ raw: [Posting]) throws {
        var net: [LedgerAccount: Int64] = [:]
        for p in raw {
            guard p.debit.fen >= 0, p.credit.fen >= 0 else { throw DomainError("error.ledger.negative") }
            net[p.account, default: 0] += p.debit.fen - p.credit.fen
        }
        let lines = net.filter { $0.value != 0 }.sorted { $0.key < $1.key }.map { account, fen in
            fen > 0 ? Posting.debit(account, Money(fen: fen)) : Posting.credit(account, Money(fen: -fen))
        }
        guard !lines.isEmpty else { throw DomainError("error.ledger.empty") }
        let debits = lines.reduce(Int64(0)) { $0 + $1.debit.fen }
        let credits = lines.reduce(Int64(0)) { $0 + $1.credit.fen }
        guard debits == credits else { throw DomainError("error.ledger.unbalanced", texts: String(debits), String(credits)) }
        postings = lines
    }

    public var total: Money { Money(fen: postings.reduce(Int64(0)) { $0 + $1.debit.fen }) }
    public var reversed: JournalLines { try! JournalLines(postings.map(\.reversed)) }
}

/// What a posting is fed from; with its reference it is unique, so a retry or a re-run cannot post twice
/// (TigerBeetle's idempotent transfer ids).
public enum LedgerSource: String, Sendable, Codable, CaseIterable {
    /// Contribution lines charged, a range of line ids within one month.
    case contributionCharge
    /// Contribution payments received, a range of payment ids within one month.
    case contributionPayment
    /// A payment order paid by the bank.
    case orderPaid
    /// A paid order the bank returned: the reversal of its payment.
    case orderReturned
    /// A monthly total from another system, entered by a supervisor with its document.
    case enteredTotal
    /// The merged fund's balance when the ledger started here (once).
    case opening
    /// The old maternity fund's cleared balance and its transfer (once).
    case oldFundTransfer
    /// A supervisor's reversal of an entered total.
    case reversal

    public var messageKey: String { "ledger.source.\(rawValue)" }
}

/// The monthly totals a supervisor enters from other systems, each with its document.
public enum EnteredItem: String, Sendable, Codable, CaseIterable {
    /// 医疗待遇支出 settled by other systems: Dr medical expense, Cr bank.
    case medicalExpense = "medical"
    /// 利息收入: Dr bank, Cr interest income.
    case interest

    public func lines(_ amount: Money) throws -> JournalLines {
        switch self {
        case .medicalExpense: try JournalLines([.debit(.medicalExpense, amount), .credit(.bank, amount)])
        case .interest: try JournalLines([.debit(.bank, amount), .credit(.interestIncome, amount)])
        }
    }

    public var messageKey: String { "ledger.item.\(rawValue)" }
}

/// A posted entry, as read back from the ledger.
public struct LedgerEntry: Sendable, Equatable {
    public let id: Int64
    public let period: YearMonth
    public let postedOn: CalendarDate
    public let source: LedgerSource
    /// What in the source it came from: line ids `first-last/month`, an order id, a document.
    public let ref: String
    public let document: String?
    public let memo: String
    public let reversalOf: Int64?
    public let postedBy: String
    public let lines: JournalLines

    public init(id: Int64, period: YearMonth, postedOn: CalendarDate, source: LedgerSource, ref: String, document: String?,
                memo: String, reversalOf: Int64?, postedBy: String, lines: JournalLines) {
        self.id = id
        self.period = period
        self.postedOn = postedOn
        self.source = source
        self.ref = ref
        self.document = document
        self.memo = memo
        self.reversalOf = reversalOf
        self.postedBy = postedBy
        self.lines = lines
    }
}

/// One account in one month: opening + debits − credits = closing (signed: debit positive).
public struct AccountMonth: Sendable, Equatable {
    public let account: LedgerAccount
    public let opening: Money
    public let debit: Money
    public let credit: Money
    public var closing: Money { Money(fen: opening.fen + debit.fen - credit.fen) }

    public init(account: LedgerAccount, opening: Money, debit: Money, credit: Money) {
        self.account = account
        self.opening = opening
        self.debit = debit
        self.credit = credit
    }

    /// The balance on the account's normal side (income and fund balances as positive figures).
    public func normal(_ signed: Money) -> Money { account.debitNormal ? signed : Money(fen: -signed.fen) }
    /// Movement in the month on the normal side.
    public var movement: Money { normal(Money(fen: debit.fen - credit.fen)) }
}
