import OneWindowCore
import OneWindowService
import OneWindowStore
import Testing

/// The merged fund's ledger on the service layer (both engines: `.ci/test` runs this suite on PostgreSQL too).
@Suite("Fund ledger: fed by the counter, balanced to the fen, once per source, closed months kept")
struct FundLedgerTests {
    static let account = try! BankAccount("6222 0200 1234 5678")

    /// Lina paid up 2025-01…2026-10 in Tianjin, her allowance and delivery costs approved and paid, the
    /// allowance returned once by the bank and re-issued; a second woman charged but not paying.
    func activity() throws -> Fixture {
        let f = try Fixture().withEmployers()
        try f.paidUp()
        try RegistrationService(f.clerk).enrol(id: Fixture.zhang, name: "张敏", category: .flexible, employer: nil,
                                               base: yuan(5000), from: month("2026-06"))
        for m in month("2026-06")...month("2026-10") { _ = try ContributionService(f.clerk).run(month: m) }
        try BenefitService(f.clerk).declareWage(employer: Fixture.tianjinCo, year: 2025, wage: yuan(6000))
        let bill = try MedicalBill(item: .delivery(.natural), hospital: "天津市妇产科医院", billNo: "B1", actual: yuan(2600))
        let r = try ClaimService(f.clerk).submit(ClaimRequest(claimant: Fixture.lina, event: try Fixture.birth("2026-10-08"),
                                                              allowance: true, bills: [bill], account: Self.account))
        for c in r.claims { try ClaimService(f.supervisor).approve(c.claim.id!) }
        let pay = PaymentService(f.supervisor)
        let orders = try r.claims.map { try ClaimLookup(f.clerk).claim($0.claim.id!).payments[0].id! }
        _ = try pay.run()
        try pay.markReturned(orders[0], reason: "账户已销户")
        try pay.reissue(orders[0])
        _ = try pay.run()
        return f
    }

    func sum(_ f: Fixture, _ query: String) throws -> Int64 { Int64(try f.store.testingScalar(query)) }

    @Test("Postings equal the contribution lines, payments and paid orders they came from, to the fen; every check holds")
    func balancesAgainstSources() throws {
        let f = try activity()
        let fund = FundService(f.supervisor)
        let o = try fund.overview(month: month("2026-11"))
        let charged = try sum(f, "SELECT SUM(amountFen) FROM contribution")
        let paid = try sum(f, "SELECT SUM(amountFen) FROM contributionPayment")
        let paidOrders = try sum(f, "SELECT SUM(amountFen) FROM paymentOrder WHERE status = 'paid'")
        #expect(charged > paid && paidOrders > 0)
        // Year to date of 2026 + 2025 income = everything charged (accrual: income when charged).
        let o2025 = try fund.overview(month: month("2025-12"))
        #expect(o.incomeTotal.yearToDate.fen + o2025.incomeTotal.yearToDate.fen == charged)
        #expect(o.maternity.yearToDate.fen == paidOrders && o.expenditureTotal.yearToDate.fen == paidOrders)
        #expect(o.receivable.fen == charged - paid)
        #expect(o.bank.fen == paid - paidOrders)
        #expect(o.balance.fen == charged - paidOrders)
        // Tianjin reports the maternity share as its own income line (region flag).
        let maternityShare = try sum(f, "SELECT SUM(maternityFen) FROM contribution")
        let mat = (o.income.first { $0.account == .maternityIncome }?.yearToDate.fen ?? 0)
            + (o2025.income.first { $0.account == .maternityIncome }?.yearToDate.fen ?? 0)
        #expect(maternityShare > 0 && mat == maternityShare)
        let allowance = try sum(f, "SELECT SUM(o.amountFen) FROM paymentOrder o JOIN claim c ON c.id = o.claimID WHERE o.status = 'paid' AND c.kind = 'allowance'")
        #expect(o.expenditure.first { $0.account == .maternityAllowanceExpense }?.month.fen == allowance)
        let check = try fund.check()
        #expect(check.allSatisfy { $0.ok }, "\(check.filter { !$0.ok }.map(\.message))")
        // The bank return is a reversal linked to the payment it undoes.
        let entries = try fund.entries(month: month("2026-11"))
        let returned = try #require(entries.first { $0.source == .orderReturned })
        let original = try #require(entries.first { $0.id == returned.reversalOf })
        #expect(original.source == .orderPaid && original.lines.reversed == returned.lines)
    }

    @Test("Feeding again, paying again or re-running a month posts nothing twice")
    func oncePerSource() throws {
        let f = try activity()
        let fund = FundService(f.supervisor)
        let before = try fund.entries(month: nil).count
        #expect(try fund.catchUp() == 0)
        _ = try ContributionService(f.clerk).run(month: month("2026-10"))
        _ = try PaymentService(f.supervisor).run()
        #expect(try fund.entries(month: nil).count == before)
        #expect(try fund.check().allSatisfy { $0.ok })
    }

    @Test("A store with records and no postings (older store, generated data) is caught up in bounded steps")
    func catchUpFromNothing() throws {
        // The records as they were before the ledger: its postings taken away past the program.
        let g = try activity()
        try g.raw("DELETE FROM meta WHERE key LIKE 'ledgerFeed.%'")
        try g.dropLedgerTriggers()
        try g.raw("DELETE FROM ledgerLine")
        try g.raw("DELETE FROM ledgerEntry")
        #expect(try g.count("ledgerEntry") == 0)
        let posted = try FundService(g.supervisor).catchUp()
        let check = try FundService(g.supervisor).check()
        #expect(posted > 0 && check.allSatisfy { $0.ok })
        #expect(try sum(g, "SELECT SUM(debitFen) FROM ledgerLine") == (try sum(g, "SELECT SUM(creditFen) FROM ledgerLine")))
        #expect(try g.count("ledgerEntry", where: "sourceKind = 'orderReturned' AND reversalOf IS NOT NULL") == 1)
    }

    @Test("The old maternity fund is transferred once; afterwards it stands at zero, and a second transfer is refused")
    func oldFundOnce() throws {
        let f = try activity()
        let fund = FundService(f.supervisor)
        let entries = try fund.transferOldFund(amount: yuan(1_234_567), on: try CalendarDate.parse("2026-11-02"), document: "津医保〔2026〕1号")
        #expect(entries.count == 2)
        let o = try fund.overview(month: month("2026-11"))
        #expect(o.oldFund == .transferred(period: month("2026-11"), amount: yuan(1_234_567), remaining: .zero))
        #expect(o.income.first { $0.account == .transferIncome }?.month == yuan(1_234_567))
        let audit = try f.auditCount()
        #expect(throws: DomainError("error.ledger.transferDone", texts: "2026-11", yuan(1_234_567).grouped)) {
            _ = try fund.transferOldFund(amount: yuan(5), on: try CalendarDate.parse("2026-11-03"), document: "again")
        }
        #expect(try f.auditCount() == audit)
        #expect(try fund.check().allSatisfy { $0.ok })
        #expect(try fund.check().contains { $0.message.key == "ledger.check.oldFund" && $0.ok })
    }

    @Test("Closing checks and keeps the month; nothing posts into it afterwards; a late record goes to the next open month")
    func closedMonths() throws {
        let f = try activity()
        let fund = FundService(f.supervisor)
        #expect(throws: FieldError(.month, "reason.ledger.closeOrder", texts: "2025-01")) { try fund.close(month: month("2025-03")) }
        for m in month("2025-01")...month("2026-10") { try fund.close(month: m) }
        #expect(throws: FieldError(.month, "reason.ledger.closeUnfinished", texts: "2026-11")) { try fund.close(month: month("2026-11")) }
        #expect(throws: DomainError("error.ledger.alreadyClosed", texts: "2026-10")) { try fund.close(month: month("2026-10")) }
        #expect(throws: FieldError(.month, "reason.ledger.closed", texts: "2026-09")) {
            _ = try fund.enter(.medicalExpense, month: month("2026-09"), amount: yuan(100), document: "D-9")
        }
        // A contribution payment for a closed month lands in the first open month.
        let due = try ContributionService(f.clerk).statement(.person(Fixture.zhang)).first { $0.month == month("2026-07") }!.outstanding
        _ = try ContributionService(f.clerk).recordPayment(payer: .person(Fixture.zhang), month: month("2026-07"), amount: due, paidOn: Fixture.today)
        let late = try #require(try fund.entries(month: nil).last)
        #expect(late.source == .contributionPayment && late.period == month("2026-11") && late.ref.hasSuffix("/2026-07"))
        #expect(try fund.check().allSatisfy { $0.ok })
        #expect(throws: DomainError.self) { try FundService(f.clerk).close(month: month("2026-10")) }
    }

    @Test("An entered total is refused twice with the same document, reversed once beside it, then entered again")
    func enteredAndReversed() throws {
        let f = try activity()
        let fund = FundService(f.supervisor)
        let e = try fund.enter(.medicalExpense, month: month("2026-10"), amount: yuan(900_000), document: "HIS-2026-10")
        #expect(throws: FieldError(.document, "reason.ledger.entered", texts: String(e.id))) {
            _ = try fund.enter(.medicalExpense, month: month("2026-10"), amount: yuan(900_000), document: "HIS-2026-10")
        }
        let r = try fund.reverse(entry: e.id, reason: "金额录错")
        #expect(r.reversalOf == e.id && r.lines == e.lines.reversed && r.period == month("2026-10"))
        #expect(throws: DomainError("error.ledger.reversed", texts: String(e.id), String(r.id))) {
            _ = try fund.reverse(entry: e.id, reason: "again")
        }
        let again = try fund.enter(.medicalExpense, month: month("2026-10"), amount: yuan(90_000), document: "HIS-2026-10")
        #expect(again.ref.hasSuffix("#2"))
        let paidEntry = try #require(try fund.entries(month: nil).first { $0.source == .orderPaid })
        #expect(throws: DomainError("error.ledger.notReversible", texts: String(paidEntry.id))) {
            _ = try fund.reverse(entry: paidEntry.id, reason: "x")
        }
        #expect(try fund.overview(month: month("2026-10")).expenditure.first { $0.account == .medicalExpense }?.month == yuan(90_000))
        #expect(throws: FieldError(.document, "reason.text.control")) {
            _ = try fund.enter(.interest, month: month("2026-10"), amount: yuan(1), document: "A\u{202E}B")
        }
        #expect(throws: FieldError(.document, "reason.required")) { _ = try fund.enter(.interest, month: month("2026-10"), amount: yuan(1), document: "  ") }
        #expect(throws: FieldError(.month, "reason.month.future", texts: "2026-12")) {
            _ = try fund.enter(.interest, month: month("2026-12"), amount: yuan(1), document: "x")
        }
        #expect(try fund.check().allSatisfy { $0.ok })
    }

    @Test("Roles: clerks neither see nor keep the books; admins see; only supervisors keep them")
    func roles() throws {
        let f = try Fixture()
        #expect(throws: DomainError.self) { _ = try FundService(f.clerk).overview(month: month("2026-10")) }
        #expect(throws: DomainError.self) { _ = try FundService(f.admin).enter(.interest, month: month("2026-10"), amount: yuan(1), document: "x") }
        #expect(try FundService(f.admin).overview(month: month("2026-10")).balance == .zero)
        #expect(throws: DomainError.self) { _ = try FundService(f.context(.trainee)).overview(month: month("2026-10")) }
    }
}

@Suite("Fund ledger in the training sandbox: a year of living books")
struct SandboxFundTests {
    @Test("A trainee sees a year of books: income and spending every month, the old fund transferred, months closed, every check holding")
    func yearOfBooks() throws {
        let s = try SandboxFixture()
        let fund = FundService(try s.trainee)
        let anchor = SandboxFixture.clock.currentMonth
        for m in anchor.advanced(by: -12)..<anchor {
            let o = try fund.overview(month: m)
            #expect(o.incomeTotal.month > .zero && o.expenditure.first { $0.account == .medicalExpense }!.month > .zero, "\(m)")
            #expect(o.closed == (m < anchor.previous), "\(m)")
        }
        let last = try fund.overview(month: anchor.previous)
        #expect(last.maternity.yearToDate > .zero)
        #expect(last.risk.band == .normal && last.risk.warnings.isEmpty)
        guard case .transferred(_, let amount, let remaining) = last.oldFund else { Issue.record("old fund not transferred"); return }
        #expect(amount > .zero && remaining == .zero)
        let check = try fund.check()
        #expect(check.allSatisfy { $0.ok }, "\(check.filter { !$0.ok }.map(\.message))")
        // A trainee looks; the books are a supervisor's to keep, even in the sandbox.
        #expect(throws: DomainError.self) { _ = try fund.enter(.interest, month: anchor, amount: yuan(1), document: "x") }
    }
}
