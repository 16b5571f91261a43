import OneWindowCore
import OneWindowService
import Testing

/// Random sequences of postings, reversals, closes and refused attempts against an independent auditor:
/// a model that knows only what each operation means for each account (TigerBeetle's auditor does the
/// same), never how the ledger stores it.
@Suite("Fund ledger property: random postings and reversals keep every invariant")
struct FundLedgerPropertyTests {
    /// What the auditor expects: signed (debit-positive) movements per month and account, and the rules' state.
    struct Auditor {
        var moves: [YearMonth: [LedgerAccount: Int64]] = [:]
        var lastClosed: YearMonth?
        var entered: [Int64: (month: YearMonth, item: EnteredItem, amount: Int64, reversed: Bool)] = [:]
        var liveDocuments: Set<String> = []
        var transferred = false
        var opened = false

        mutating func move(_ m: YearMonth, _ a: LedgerAccount, _ fen: Int64) { moves[m, default: [:]][a, default: 0] += fen }
        func isClosed(_ m: YearMonth) -> Bool { lastClosed.map { m <= $0 } ?? false }
        func month(_ m: YearMonth, _ a: LedgerAccount) -> Int64 { moves[m]?[a] ?? 0 }
        func closing(_ m: YearMonth, _ a: LedgerAccount) -> Int64 {
            moves.filter { $0.key <= m }.reduce(0) { $0 + ($1.value[a] ?? 0) }
        }
    }

    @Test("seeded sequences of 60 operations", arguments: [UInt64(1), 7, 2026])
    func randomSequences(seed: UInt64) throws {
        let f = try Fixture()
        let fund = FundService(f.supervisor)
        var rng = SplitMix64(seed: seed)
        var model = Auditor()
        let months = Array(month("2026-01")...month("2026-11"))
        for step in 0..<60 {
            let m = rng.pick(months)
            let amount = Int64(rng.within(1...5_000_000))
            switch rng.below(10) {
            case 0...3:
                let item = rng.pick(EnteredItem.allCases)
                let doc = "D\(rng.below(6))"
                let key = "\(item)/\(m)/\(doc)"
                if model.isClosed(m) {
                    #expect(throws: FieldError(.month, "reason.ledger.closed", texts: m.description)) {
                        _ = try fund.enter(item, month: m, amount: Money(fen: amount), document: doc)
                    }
                } else if model.liveDocuments.contains(key) {
                    #expect(throws: FieldError.self) { _ = try fund.enter(item, month: m, amount: Money(fen: amount), document: doc) }
                } else {
                    let e = try fund.enter(item, month: m, amount: Money(fen: amount), document: doc)
                    model.entered[e.id] = (m, item, amount, false)
                    model.liveDocuments.insert(key)
                    model.apply(item, m, amount)
                }
            case 4...5:
                guard let (id, e) = model.entered.randomElement(using: &rng) else { continue }
                if e.reversed {
                    #expect(throws: DomainError.self) { _ = try fund.reverse(entry: id, reason: "step \(step)") }
                } else {
                    let r = try fund.reverse(entry: id, reason: "step \(step)")
                    // Into the original's month while open, else the first open month.
                    let into = model.isClosed(e.month) ? model.lastClosed!.next : e.month
                    #expect(r.period == into && r.reversalOf == id)
                    model.entered[id]!.reversed = true
                    model.liveDocuments.remove("\(e.item)/\(e.month)/\(r.document!)")
                    model.apply(e.item, into, -e.amount)
                }
            case 6:
                let next = model.lastClosed?.next ?? month("2026-01")
                if next < month("2026-11") {
                    try fund.close(month: next)
                    model.lastClosed = next
                } else {
                    #expect(throws: FieldError.self) { try fund.close(month: next) }
                }
            case 7:
                let date = CalendarDate(year: m.year, month: m.month, day: 1)!
                if model.transferred {
                    #expect(throws: DomainError.self) { _ = try fund.transferOldFund(amount: Money(fen: amount), on: date, document: "T") }
                } else if model.isClosed(m) {
                    #expect(throws: FieldError.self) { _ = try fund.transferOldFund(amount: Money(fen: amount), on: date, document: "T") }
                } else {
                    _ = try fund.transferOldFund(amount: Money(fen: amount), on: date, document: "T")
                    model.transferred = true
                    model.move(m, .bank, amount)
                    model.move(m, .transferIncome, -amount)
                }
            case 8:
                if model.opened {
                    #expect(throws: DomainError.self) { _ = try fund.setOpening(month: m, amount: Money(fen: amount), document: "O") }
                } else if model.isClosed(m) {
                    #expect(throws: FieldError.self) { _ = try fund.setOpening(month: m, amount: Money(fen: amount), document: "O") }
                } else {
                    _ = try fund.setOpening(month: m, amount: Money(fen: amount), document: "O")
                    model.opened = true
                    model.move(m, .bank, amount)
                    model.move(m, .opening, -amount)
                }
            default:
                // The overview of a random month agrees with the auditor, line by line and in its balances.
                let o = try fund.overview(month: m)
                for line in o.income + o.expenditure {
                    let expected = line.account.debitNormal ? model.month(m, line.account) : -model.month(m, line.account)
                    #expect(line.month.fen == expected, "seed \(seed) step \(step) \(m) \(line.account)")
                }
                #expect(o.bank.fen == model.closing(m, .bank), "seed \(seed) step \(step) bank \(m)")
                #expect(o.closed == model.isClosed(m))
            }
        }
        let check = try fund.check()
        #expect(check.allSatisfy { $0.ok }, "\(check.filter { !$0.ok }.map(\.message))")
        // Every account's balance, closed or not, is the auditor's.
        let last = months.last!
        let o = try fund.overview(month: last)
        #expect(o.bank.fen == model.closing(last, .bank) && o.balance.fen == model.closing(last, .bank))
        if model.transferred { #expect(model.closing(last, .oldFundBank) == 0) }
    }
}

extension FundLedgerPropertyTests.Auditor {
    /// What an entered total of `fen` (negative: its reversal) does to the accounts.
    mutating func apply(_ item: EnteredItem, _ m: YearMonth, _ fen: Int64) {
        switch item {
        case .medicalExpense:
            move(m, .medicalExpense, fen)
            move(m, .bank, -fen)
        case .interest:
            move(m, .bank, fen)
            move(m, .interestIncome, -fen)
        }
    }
}
