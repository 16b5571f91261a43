import OneWindowCore
import OneWindowStore

/// Claims at the counter: submission with its receipt, the supervisor's decision (four eyes), and the
/// clerk's follow-ups (documents brought back, withdrawal before a decision).
public struct ClaimService: Sendable {
    let ctx: ServiceContext
    public init(_ ctx: ServiceContext) { self.ctx = ctx }

    // MARK: submit

    /// Files the request's claims in one transaction and returns the receipt. The computation and the risk
    /// flags are computed here, from the store as it is at submission, and stored with each claim.
    /// A repeat of a live or paid claim for the same event (`earlierClaims`) is refused with
    /// `DuplicateClaimError` unless `allowDuplicate`; then the audit records that it was allowed knowingly.
    /// Checked inside the write, so a clerk retrying after a hung terminal cannot file twice.
    public func submit(_ r: ClaimRequest, allowDuplicate: Bool = false) throws -> ReceiptView {
        try ctx.require(.submitClaim)
        guard r.allowance || !r.bills.isEmpty else { throw DomainError("error.claim.nothingClaimed") }
        if r.referNewborns, r.event.birth == nil { throw DomainError("error.claim.referralWithoutBirth") }
        let today = ctx.clock.today
        guard r.event.date <= today else { throw FieldError(.eventDate, "reason.date.future", texts: r.event.date.description) }
        let number = try ctx.write { tx, audit -> ReceiptNumber in
            let claimant = try claimantRow(r, tx, &audit)
            let e = try BenefitService(ctx).estimate(r.claimant, event: r.event, items: r.bills.map { ($0.item, $0.actual) },
                                                     grade3Hospital: r.grade3Hospital, spouseOf: r.spouseOf, tx)
            try checkBills(r.bills, tx)
            let risk = try riskFacts(r, e, claimant: claimant, tx)
            let earlier = try Self.earlier(r, live: risk.live)
            if !earlier.isEmpty, !allowDuplicate { throw DuplicateClaimError(earlier: earlier) }
            let receiptNo = ReceiptNumber(date: today, sequence: try tx.receipts.nextSequence(on: today))
            let receipt = Receipt(receiptNo: receiptNo, personID: claimant.id!, submittedOn: today, submittedBy: ctx.session.operatorName,
                                     newborns: r.referNewborns ? r.event.birth?.babies ?? 0 : 0)
            try tx.receipts.insert(receipt)
            audit.append(AuditEntry(action: "receipt.create", entity: "receipt:\(receiptNo.value)", before: nil as String?,
                                    after: ["person": claimant.citizen.masked, "newborns": String(receipt.newborns)]))
            if !earlier.isEmpty {
                audit.append(AuditEntry(action: "claim.duplicateAllowed", entity: "receipt:\(receiptNo.value)", before: nil as String?,
                                        after: ["earlier": earlier.map(\.receiptNo.value).joined(separator: ","),
                                                "eventDate": r.event.date.description]))
            }
            var claims: [Claim] = []
            if r.allowance { claims.append(try allowanceClaim(r, e, receiptNo, claimant, risk, tx)) }
            if !r.bills.isEmpty { claims.append(try medicalClaim(r, e, receiptNo, claimant, risk, tx)) }
            for var claim in claims {
                try tx.claims.insert(&claim)
                if claim.kind == .medical {
                    for (bill, line) in zip(r.bills, e.medical) {
                        var row = ClaimBill(claimID: claim.id!, bill: bill, paid: line.paid)
                        try tx.claimBills.insert(&row)
                    }
                }
                audit.append(AuditEntry(action: "claim.submit", entity: "claim:\(claim.id!)", before: nil as [String: String]?,
                                        after: claim.audited))
            }
            return receiptNo
        }
        return try ClaimLookup(ctx).receiptView(number)
    }

    private func claimantRow(_ r: ClaimRequest, _ tx: StoreTx, _ audit: inout [AuditEntry]) throws -> Person {
        if let p = try tx.persons.find(r.claimant) { return p }
        // An unemployed spouse is often not on file: she is recorded with her claim.
        guard let spouse = r.spouseOf else { throw FieldError(.citizenID, "reason.person.unknown", texts: r.claimant.masked) }
        let insured = try RegistrationService.person(spouse, tx)
        guard let name = r.claimantName?.trimmingSpaces, !name.isEmpty else { throw FieldError(.name, "reason.required") }
        var row = Person(id: r.claimant, name: name, region: insured.region)
        try tx.persons.insert(&row)
        audit.append(AuditEntry(action: "person.record", entity: "person:\(row.id!)", before: nil as [String: String]?, after: row.audited))
        return row
    }

    /// A bill settled directly by a designated hospital, or already on a live counter claim, is never paid twice.
    private func checkBills(_ bills: [MedicalBill], _ tx: StoreTx) throws {
        var seen = Set<[String]>()
        for b in bills {
            guard seen.insert([b.hospital, b.billNo]).inserted else { throw FieldError(.billNo, "reason.bill.repeated", texts: b.billNo) }
            if let settled = try tx.settlements.find(hospital: b.hospital, billNo: b.billNo) {
                throw FieldError(.billNo, "reason.bill.settledDirectly", texts: b.billNo, b.hospital, settled.settledOn)
            }
            if let claim = try tx.claimBills.liveClaim(hospital: b.hospital, billNo: b.billNo) {
                throw FieldError(.billNo, "reason.bill.claimed", texts: b.billNo, claim.receiptNo.value)
            }
        }
    }

    private func allowanceClaim(_ r: ClaimRequest, _ e: BenefitService.Estimate, _ receiptNo: ReceiptNumber,
                                _ claimant: Person, _ risk: (facts: RiskScreen.Facts, live: [Claim]),
                                _ tx: StoreTx) throws -> Claim {
        var deferred = false
        var payableFrom: YearMonth?
        switch e.eligibility.verdict {
        case .refused(let why): throw DomainError(Message("error.claim.refused", [.message(why)]))
        case .deferred(let m): (deferred, payableFrom) = (true, m)
        case .eligible: break
        }
        guard let amount = e.allowance else { throw DomainError("error.claim.noBasis") }
        guard amount > .zero else { throw DomainError("error.claim.noAllowanceDays") }
        var payeeName = claimant.name
        var account = r.account
        if r.payee == .employer {
            guard let code = e.period.employer, let employer = try tx.employers.find(code) else {
                throw FieldError(.payee, "reason.payee.noEmployer")
            }
            // Paying the employer that advanced the wages is a regional practice (Guangdong), not national.
            guard try ctx.policies.period(e.region, r.event.date.yearMonth).allowance.employerMayBePayee.value else {
                throw FieldError(.payee, "reason.payee.notInRegion")
            }
            guard let employerAccount = r.employerAccount else { throw FieldError(.account, "reason.account.employer") }
            payeeName = employer.name
            account = employerAccount
        }
        return Claim(receiptNo: receiptNo, kind: .allowance, personID: claimant.id!, insuredID: e.insured.id!,
                        employerCode: e.period.employer?.value, region: e.region, event: r.event,
                        allowanceDays: e.leave.allowanceDays, amount: amount, computation: e.allowanceComputation,
                        flags: try flags(.allowance, r, e, account: account, claimant: claimant, risk: risk, tx), deferred: deferred,
                        payableFrom: payableFrom, payee: r.payee, payeeName: payeeName, account: account,
                        submittedBy: ctx.session.operatorName, submittedOn: ctx.clock.today)
    }

    private func medicalClaim(_ r: ClaimRequest, _ e: BenefitService.Estimate, _ receiptNo: ReceiptNumber,
                              _ claimant: Person, _ risk: (facts: RiskScreen.Facts, live: [Claim]),
                              _ tx: StoreTx) throws -> Claim {
        guard e.medicalTotal > .zero else { throw DomainError("error.claim.nothingPayable") }
        return Claim(receiptNo: receiptNo, kind: .medical, personID: claimant.id!, insuredID: e.insured.id!,
                        employerCode: e.period.employer?.value, region: e.region, event: r.event, allowanceDays: nil,
                        amount: e.medicalTotal, computation: e.medicalComputation,
                        flags: try flags(.medical, r, e, account: r.account, claimant: claimant, risk: risk, tx), deferred: false,
                        payableFrom: nil, payee: .person, payeeName: claimant.name, account: r.account,
                        submittedBy: ctx.session.operatorName, submittedOn: ctx.clock.today)
    }

    /// The risk facts the store holds about the person, read once per submission (a bundle files two
    /// claims); `otherEvents` and `accountSharedWith` are filled per claim by `flags`.
    private func riskFacts(_ r: ClaimRequest, _ e: BenefitService.Estimate, claimant: Person,
                           _ tx: StoreTx) throws -> (facts: RiskScreen.Facts, live: [Claim]) {
        let periods = try tx.enrolments.all(personID: e.insured.id!).map(\.period)
        let month = r.event.date.yearMonth
        let today = ctx.clock.today.yearMonth
        let covered = periods.contains { $0.scheme == .medical && $0.covers(today) }
        let lastMonth = periods.filter { $0.scheme == .medical }.compactMap(\.to).max()
        let facts = RiskScreen.Facts(
            event: r.event, kind: .allowance, submittedOn: ctx.clock.today,
            maternityFrom: periods.first { $0.scheme == .maternity && $0.covers(month) }?.from,
            coverEndedAt: covered ? nil : lastMonth,
            bases: try tx.bases.history(personID: e.insured.id!).map { (try YearMonth.parse($0.fromMonth), $0.baseFen) },
            otherEvents: [], accountSharedWith: [])
        return (facts, try Self.liveClaims(of: claimant.id!, tx))
    }

    private func flags(_ kind: ClaimKind, _ r: ClaimRequest, _ e: BenefitService.Estimate, account: BankAccount,
                       claimant: Person, risk: (facts: RiskScreen.Facts, live: [Claim]), _ tx: StoreTx) throws -> [RiskFlagHit] {
        var facts = risk.facts
        facts.kind = kind
        facts.otherEvents = risk.live.filter { $0.kind == kind }.map(\.event)
        // The employer's own account is shared by its employees by nature: only a person's account counts.
        if kind == .medical || r.payee == .person {
            let relatedIDs: Set<Int64> = [claimant.id!, e.insured.id!]
            for other in try tx.claims.sharing(account, notPerson: claimant.id!)
            where other.payee == .person && !relatedIDs.contains(other.insuredID) && !relatedIDs.contains(other.personID) {
                if let p = try tx.persons.find(id: other.personID), !facts.accountSharedWith.contains(p.citizen.masked) {
                    facts.accountSharedWith.append(p.citizen.masked)
                }
            }
        }
        return RiskScreen.flags(facts)
    }

    // MARK: decisions (supervisor, four eyes)

    public func approve(_ id: Int64) throws {
        try decide(id, action: "claim.approve") { claim, tx in
            claim.status = .approved
            var order = PaymentOrder(claim: claim, account: claim.account, createdOn: ctx.clock.today)
            try tx.paymentOrders.insert(&order)
            return [AuditEntry(action: "payment.order", entity: "payment:\(order.id!)", before: nil as [String: String]?, after: order.audited)]
        }
    }

    /// A reason from the list is required; "other" needs the free text too.
    public func reject(_ id: Int64, reason: RejectReason, note: String) throws {
        let note = note.trimmingSpaces
        if reason == .other, note.isEmpty { throw FieldError(.note, "reason.required") }
        try decide(id, action: "claim.reject") { claim, _ in
            claim.status = .rejected
            claim.rejectReason = reason
            claim.note = note.isEmpty ? nil : note
            return []
        }
    }

    /// Back to the counter for documents; the note says which.
    public func returnForDocuments(_ id: Int64, note: String) throws {
        let note = note.trimmingSpaces
        guard !note.isEmpty else { throw FieldError(.note, "reason.required") }
        try decide(id, action: "claim.return") { claim, _ in
            claim.status = .returned
            claim.note = note
            return []
        }
    }

    private func decide(_ id: Int64, action: String,
                        _ change: (inout Claim, StoreTx) throws -> [AuditEntry]) throws {
        try ctx.require(.decideClaim)
        let claim = try ctx.store.read { tx in try Self.claim(id, tx) }
        // Four eyes: whoever submitted a claim never decides it. Refused by the service and audited.
        if claim.submittedBy == ctx.session.operatorName {
            try ctx.write { _, audit in
                audit.append(AuditEntry(action: "denied", entity: "claim:\(id)",
                                        after: AuditEntry.json(["rule": "fourEyes", "attempted": action])))
            }
            throw DomainError("error.claim.fourEyes", texts: claim.receiptNo.value)
        }
        try ctx.write { tx, audit in
            var row = try Self.claim(id, tx)
            guard row.status == .submitted else {
                throw DomainError(Message("error.claim.notPending", [.text(String(id)), .message(Message(row.status.messageKey))]))
            }
            let before = row.audited
            row.decidedBy = ctx.session.operatorName
            row.decidedOn = ctx.clock.today.description
            let more = try change(&row, tx)
            try tx.claims.update(row)
            audit.append(AuditEntry(action: action, entity: "claim:\(id)", before: before, after: row.audited))
            audit += more
        }
    }

    // MARK: clerk follow-ups

    /// The documents came back: the returned claim waits for a decision again.
    public func resubmit(_ id: Int64) throws {
        try ctx.require(.submitClaim)
        try change(id, action: "claim.resubmit", from: [.returned]) { $0.status = .submitted; $0.decidedBy = nil; $0.decidedOn = nil }
    }

    /// Withdrawn by the applicant before a decision.
    public func cancel(_ id: Int64) throws {
        try ctx.require(.submitClaim)
        try change(id, action: "claim.cancel", from: [.submitted, .returned]) { $0.status = .cancelled }
    }

    private func change(_ id: Int64, action: String, from: Set<ClaimStatus>, _ body: (inout Claim) -> Void) throws {
        try ctx.write { tx, audit in
            var row = try Self.claim(id, tx)
            guard from.contains(row.status) else {
                throw DomainError(Message("error.claim.wrongState", [.text(String(id)), .message(Message(row.status.messageKey))]))
            }
            let before = row.audited
            body(&row)
            try tx.claims.update(row)
            audit.append(AuditEntry(action: action, entity: "claim:\(id)", before: before, after: row.audited))
        }
    }

    static func claim(_ id: Int64, _ tx: StoreTx) throws -> Claim {
        guard let c = try tx.claims.find(id: id) else { throw FieldError(.claim, "reason.claim.unknown", texts: String(id)) }
        return c
    }
}
