import OneWindowCore
import OneWindowResources
import OneWindowService
import OneWindowStore
import Testing

@Suite("Claims: submission and receipt, four eyes, decisions, payments, lookups")
struct ClaimServiceTests {
    static let account = try! BankAccount("6222 0200 1234 5678")
    static let otherAccount = try! BankAccount("6217000010001234567")

    /// Lina paid up in Tianjin since 2025-01 with a declared 2025 wage of 6 000 yuan.
    func ready() throws -> Fixture {
        let f = try Fixture().withEmployers()
        try f.paidUp()
        try BenefitService(f.clerk).declareWage(employer: Fixture.tianjinCo, year: 2025, wage: yuan(6000))
        return f
    }

    func allowance(_ event: MaternityEvent, for id: CitizenID = Fixture.lina, account: BankAccount = account,
                   bills: [MedicalBill] = []) -> ClaimRequest {
        ClaimRequest(claimant: id, event: event, allowance: true, bills: bills, account: account)
    }

    @Test("An allowance claim gets the day's receipt number, its computation and the computed amount")
    func submitAllowance() throws {
        let f = try ready()
        let event = try Fixture.birth("2026-10-08")
        let estimate = try BenefitService(f.clerk).estimate(Fixture.lina, event: event)
        let r = try ClaimService(f.clerk).submit(allowance(event))
        #expect(r.receipt.receiptNo.value == "SY20261122-0001")
        #expect(r.claims.count == 1)
        let c = r.claims[0].claim
        #expect(c.kind == .allowance && c.status == .submitted && c.submittedBy == "clerk")
        #expect(c.amount == estimate.allowance && c.allowanceDays == estimate.leave.allowanceDays)
        #expect(c.amount == AllowanceCalculator.amount(monthlyWage: yuan(6000), days: estimate.leave.allowanceDays))
        #expect(c.computation == estimate.allowanceComputation)
        #expect(c.flags.isEmpty)
        let second = try ClaimService(f.clerk).submit(ClaimRequest(claimant: Fixture.lina, event: try MaternityEvent(
            date: try CalendarDate.parse("2026-11-02"), operations: [.iudInsertion]), allowance: true, account: Self.account))
        #expect(second.receipt.receiptNo.value == "SY20261122-0002")
    }

    @Test("Birth bundle (出生一件事): allowance, medical costs and the newborns' referral on one receipt")
    func birthBundle() throws {
        let f = try ready()
        let bill = try MedicalBill(item: .delivery(.caesarean), hospital: "天津市妇产科医院", billNo: "B100", actual: yuan(4200))
        var request = allowance(try Fixture.birth("2026-10-08", babies: 2, delivery: .caesarean), bills: [bill])
        request.referNewborns = true
        let r = try ClaimService(f.clerk).submit(request)
        #expect(r.claims.map(\.claim.kind) == [.allowance, .medical])
        #expect(r.receipt.newborns == 2)
        let medical = r.claims[1]
        #expect(medical.bills.map(\.billNo) == ["B100"])
        let rules = try f.policies.period("tianjin", month("2026-10")).medical
        #expect(medical.claim.amount == (rules.payMode.value == .upToStandard ? min(yuan(4200), rules.caesarean.value) : rules.caesarean.value))
        let text = ClaimText.receipt(r, try StringTable(language: .zh))
        #expect(text.contains("SY20261122-0001") && text.contains("2 名新生儿") && text.contains("110105********0025"))
        #expect(!text.contains("110105199003070025") && !text.contains("培训专用"))
        #expect(text.contains("****5678") && !text.contains("6222020012345678"))
    }

    @Test("A bill a designated hospital settled directly is refused, and nothing is written")
    func directSettlementRefused() throws {
        let f = try ready()
        _ = try BenefitService(f.clerk).importSettlements(csv: "hospital,billNo,citizenID,settledOn,amountYuan\n天津市妇产科医院,B7,\(Fixture.lina.value),2026-10-09,3000\n")
        let bill = try MedicalBill(item: .delivery(.natural), hospital: "天津市妇产科医院", billNo: "B7", actual: yuan(3000))
        let audit = try f.auditCount()
        #expect(throws: FieldError(.billNo, "reason.bill.settledDirectly", texts: "B7", "天津市妇产科医院", "2026-10-09")) {
            _ = try ClaimService(f.clerk).submit(allowance(try Fixture.birth("2026-10-08"), bills: [bill]))
        }
        #expect(try f.count("claim") == 0 && f.count("receipt") == 0 && f.auditCount() == audit)
    }

    @Test("A bill on a live counter claim cannot be claimed again; after a rejection it can")
    func billClaimedTwice() throws {
        let f = try ready()
        let bill = try MedicalBill(item: .prenatal, hospital: "天津市妇产科医院", billNo: "P1", actual: yuan(300))
        let event = try Fixture.birth("2026-10-08")
        let first = try ClaimService(f.clerk).submit(ClaimRequest(claimant: Fixture.lina, event: event, allowance: false,
                                                                  bills: [bill], account: Self.account))
        #expect(throws: FieldError(.billNo, "reason.bill.claimed", texts: "P1", first.receipt.receiptNo.value)) {
            _ = try ClaimService(f.clerk).submit(ClaimRequest(claimant: Fixture.lina, event: event, allowance: false,
                                                              bills: [bill], account: Self.account))
        }
        try ClaimService(f.supervisor).reject(first.claims[0].claim.id!, reason: .documentsInvalid, note: "票据模糊")
        let again = try ClaimService(f.clerk).submit(ClaimRequest(claimant: Fixture.lina, event: event, allowance: false,
                                                                  bills: [bill], account: Self.account))
        #expect(again.claims[0].claim.status == .submitted)
    }

    @Test("Four eyes: the supervisor who submitted a claim cannot decide it; refused, audited, still pending")
    func fourEyes() throws {
        let f = try ready()
        let mei = f.context(.supervisor, name: "mei")
        let r = try ClaimService(mei).submit(allowance(try Fixture.birth("2026-10-08")))
        let id = r.claims[0].claim.id!
        for attempt in [{ try ClaimService(mei).approve(id) }, { try ClaimService(mei).reject(id, reason: .notEligible, note: "") },
                        { try ClaimService(mei).returnForDocuments(id, note: "补充出生证明") }] {
            #expect(throws: DomainError("error.claim.fourEyes", texts: r.receipt.receiptNo.value)) { try attempt() }
        }
        let denied = try f.store.read { tx in try tx.auditRecords.with(action: "denied", entity: "claim:\(id)") }
        #expect(denied.count == 3 && denied.allSatisfy { $0.operator == "mei" })
        #expect(try ClaimLookup(f.clerk).claim(id).claim.status == .submitted)
        try ClaimService(f.context(.supervisor, name: "zhao")).approve(id)
        let v = try ClaimLookup(f.clerk).claim(id)
        #expect(v.claim.status == .approved && v.claim.decidedBy == "zhao")
        #expect(v.payments.map(\.status) == [.pending] && v.payments[0].amount == v.claim.amount)
        #expect(try AuditService(f.admin).verify().isIntact)
    }

    @Test("Only supervisors decide and pay; a clerk is refused by the service")
    func roles() throws {
        let f = try ready()
        let id = try ClaimService(f.clerk).submit(allowance(try Fixture.birth("2026-10-08"))).claims[0].claim.id!
        #expect(throws: DomainError.self) { try ClaimService(f.clerk).approve(id) }
        #expect(throws: DomainError.self) { _ = try PaymentService(f.clerk).run() }
        #expect(throws: DomainError.self) { _ = try ClaimService(f.context(.trainee)).submit(allowance(try Fixture.birth("2026-10-08"))) }
    }

    @Test("Reject needs a reason from the list (free text for 'other'); return needs a note; resubmit and cancel")
    func decisions() throws {
        let f = try ready()
        let s = ClaimService(f.supervisor)
        let a = try ClaimService(f.clerk).submit(allowance(try Fixture.birth("2026-10-08"))).claims[0].claim.id!
        #expect(throws: FieldError(.note, "reason.required")) { try s.reject(a, reason: .other, note: "  ") }
        #expect(throws: FieldError(.note, "reason.required")) { try s.returnForDocuments(a, note: "") }
        try s.returnForDocuments(a, note: "请补交出生医学证明")
        #expect(try ClaimLookup(f.clerk).queue().isEmpty)
        try ClaimService(f.clerk).resubmit(a)
        #expect(try ClaimLookup(f.clerk).queue().map(\.claim.id) == [a])
        try s.reject(a, reason: .notEligible, note: "")
        let v = try ClaimLookup(f.clerk).claim(a)
        #expect(v.claim.status == .rejected && v.claim.rejectReason == .notEligible && v.payments.isEmpty)
        #expect(throws: DomainError.self) { try s.approve(a) }
        let b = try ClaimService(f.clerk).submit(allowance(try Fixture.birth("2026-10-09"))).claims[0].claim.id!
        try ClaimService(f.clerk).cancel(b)
        #expect(try ClaimLookup(f.clerk).claim(b).claim.status == .cancelled)
    }

    @Test("Payment run pays pending orders; a returned order fails with the bank's reason and is re-issued once")
    func payments() throws {
        let f = try ready()
        let p = PaymentService(f.supervisor)
        let a = try ClaimService(f.clerk).submit(allowance(try Fixture.birth("2026-10-08"))).claims[0]
        try ClaimService(f.supervisor).approve(a.claim.id!)
        let order = try ClaimLookup(f.clerk).claim(a.claim.id!).payments[0].id!
        let run = try p.run(on: Fixture.today, returned: [order: "账户已销户"])
        #expect(run.failed == [order] && run.paid.isEmpty)
        var v = try ClaimLookup(f.clerk).claim(a.claim.id!)
        #expect(v.claim.status == .approved && v.payments[0].status == .failed && v.payments[0].failure == "账户已销户")
        let again = try p.reissue(order, account: Self.otherAccount)
        #expect(throws: FieldError(.payment, "reason.payment.reissued", texts: String(order))) { _ = try p.reissue(order) }
        let second = try p.run()
        #expect(second.paid == [again] && second.paidTotal == a.claim.amount)
        v = try ClaimLookup(f.clerk).claim(a.claim.id!)
        #expect(v.claim.status == .paid && v.latestPayment?.status == .paid && v.latestPayment?.paidOn == "2026-11-22")
        #expect(v.latestPayment?.account == Self.otherAccount)
        try p.markReturned(again, reason: "户名不符")
        #expect(try ClaimLookup(f.clerk).claim(a.claim.id!).claim.status == .approved)
        #expect(try p.list(status: .failed, person: Fixture.lina).count == 2)
        #expect(throws: FieldError(.date, "reason.date.future", texts: "2026-11-23")) {
            _ = try p.run(on: CalendarDate(year: 2026, month: 11, day: 23)!)
        }
    }

    @Test("A deferred claim (Shantou, 12 continuous months) waits in the payment run until the months are paid")
    func deferredBecomesPayable() throws {
        let f = try Fixture().withEmployers()
        try f.paidUp(employer: Fixture.shantouInst, base: yuan(6000), from: "2026-01", through: "2026-10")
        try BenefitService(f.clerk).declareWage(employer: Fixture.shantouInst, year: 2025, wage: yuan(6000))
        let r = try ClaimService(f.clerk).submit(allowance(try Fixture.birth("2026-06-15")))
        let c = r.claims[0]
        #expect(c.claim.deferred && !c.payableNow)
        try ClaimService(f.supervisor).approve(c.claim.id!)
        #expect(try PaymentService(f.supervisor).run().waiting.count == 1)
        #expect(try ClaimLookup(f.clerk).claim(c.claim.id!).claim.status == .approved)
        // Two months later the twelfth month (2026-12) is charged and paid: the claim is paid.
        let later = Clock.fixed(CalendarDate(year: 2027, month: 1, day: 10)!)
        try f.paidUp(employer: Fixture.shantouInst, from: "2026-11", through: "2026-12", clock: later, enrol: false)
        #expect(try ClaimLookup(f.clerk).claim(c.claim.id!).payableNow)
        let run = try PaymentService(f.context(.supervisor, clock: later)).run()
        #expect(run.paid.count == 1 && run.waiting.isEmpty)
    }

    @Test("Risk flags at submission: recent enrolment, duplicate event, shared account, raised base, after termination")
    func riskFlags() throws {
        let f = try Fixture().withEmployers()
        try f.paidUp(from: "2026-03", through: "2026-10")
        try BenefitService(f.clerk).declareWage(employer: Fixture.tianjinCo, year: 2025, wage: yuan(6000))
        let first = try ClaimService(f.clerk).submit(allowance(try Fixture.birth("2026-10-08"))).claims[0].claim
        #expect(first.flags.map(\.flag) == [.recentEnrolment])
        #expect(first.flags[0].detail == Message("risk.recentEnrolment", texts: "2026-03", "7"))
        let twice = try ClaimService(f.clerk).submit(allowance(try Fixture.birth("2026-10-20")), allowDuplicate: true).claims[0].claim
        #expect(twice.flags.map(\.flag).contains(.duplicateEvent))

        try f.paidUp(Fixture.wei, name: "魏芳", from: "2025-01", through: "2026-10", enrol: true)
        let shared = try ClaimService(f.clerk).submit(allowance(try Fixture.birth("2026-10-01"), for: Fixture.wei)).claims[0].claim
        #expect(shared.flags.map(\.flag) == [.sharedAccount])
        #expect(shared.flags[0].detail == Message("risk.sharedAccount", texts: Fixture.lina.masked))
    }

    @Test("Risk flags: a base raised by half within 12 months, and a claim after the insurance ended")
    func riskFlagsBaseAndTermination() throws {
        let f = try Fixture().withEmployers()
        try RegistrationService(f.clerk).enrol(id: Fixture.lina, name: "李娜", category: .employee, employer: Fixture.tianjinCo,
                                               base: yuan(8000), from: month("2025-01"))
        try RegistrationService(f.clerk).changeBase(id: Fixture.lina, base: yuan(12000), from: month("2026-08"))
        try f.paidUp(from: "2025-01", through: "2026-09", enrol: false)
        try RegistrationService(f.clerk).terminate(id: Fixture.lina, from: month("2026-10"))
        let c = try ClaimService(f.clerk).submit(allowance(try Fixture.birth("2026-09-20"))).claims[0].claim
        #expect(c.flags.map(\.flag) == [.baseRaised, .afterTermination])
        #expect(c.flags[0].detail == Message("risk.baseRaised", texts: "8,000.00", "12,000.00", "12"))
    }

    @Test("The employer that advanced the wages is paid only where the region allows it (Shantou yes, Tianjin no)")
    func employerPayee() throws {
        let f = try ready()
        var request = allowance(try Fixture.birth("2026-10-08"))
        request.payee = .employer
        request.employerAccount = Self.otherAccount
        #expect(throws: FieldError(.payee, "reason.payee.notInRegion")) { _ = try ClaimService(f.clerk).submit(request) }

        let s = try Fixture().withEmployers()
        try s.paidUp(employer: Fixture.shantouInst, from: "2025-01", through: "2026-10")
        try BenefitService(s.clerk).declareWage(employer: Fixture.shantouInst, year: 2025, wage: yuan(6000))
        request.employerAccount = nil
        #expect(throws: FieldError(.account, "reason.account.employer")) { _ = try ClaimService(s.clerk).submit(request) }
        request.employerAccount = Self.otherAccount
        let c = try ClaimService(s.clerk).submit(request).claims[0].claim
        #expect(c.payee == .employer && c.payeeName == "汕头某事业单位" && c.account == Self.otherAccount)
    }

    @Test("The computation as text fits 80 columns in both languages, figures right-aligned at the edge",
          arguments: [Language.zh, .en])
    func computationText(language: Language) throws {
        let f = try ready()
        let bill = try MedicalBill(item: .delivery(.caesarean), hospital: "天津市妇产科医院", billNo: "B1", actual: yuan(5000))
        let e = try BenefitService(f.clerk).estimate(Fixture.lina, event: try Fixture.birth("2026-10-08", babies: 2, delivery: .caesarean),
                                                     items: [(bill.item, bill.actual)])
        let s = try StringTable(language: language)
        let lines = ClaimText.computation(e.allowanceComputation + e.medicalComputation, s)
        let figured = (e.allowanceComputation + e.medicalComputation).filter { $0.unit == .days || $0.unit == .fen }
        #expect(figured.count >= 5)
        for l in figured {
            let figure = l.unit == .days ? s("out.claim.days", String(l.amount)) : Money(fen: l.amount).grouped
            #expect(lines.contains { $0.hasSuffix("  " + figure) && DisplayWidth.of($0) == 80 })
        }
    }

    @Test("Lookups by person, receipt and employer; a training store's receipt says TRAINING — NOT VALID")
    func lookups() throws {
        let f = try ready()
        let r = try ClaimService(f.clerk).submit(allowance(try Fixture.birth("2026-10-08")))
        #expect(try ClaimLookup(f.clerk).claims(of: Fixture.lina).map(\.claim.receiptNo) == [r.receipt.receiptNo])
        #expect(try ClaimLookup(f.clerk).claims(ofEmployer: Fixture.tianjinCo).count == 1)
        #expect(try ClaimLookup(f.clerk).receiptView(r.receipt.receiptNo).claims.count == 1)
        #expect(throws: FieldError(.receipt, "reason.receipt.unknown", texts: "SY20261122-0099")) {
            _ = try ClaimLookup(f.clerk).receiptView(try ReceiptNumber("sy20261122-0099"))
        }

        let t = try Fixture(mode: .training).withEmployers()
        try t.paidUp()
        let tr = try ClaimService(t.context(.trainee)).submit(allowance(try Fixture.birth("2026-10-08")))
        #expect(tr.training)
        #expect(ClaimText.receipt(tr, try StringTable(language: .en)).hasPrefix("*** TRAINING — NOT VALID"))
    }
}
