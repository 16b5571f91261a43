import OneWindowCore
import OneWindowStore

/// One thing the checker looked at, right or wrong, said in the trainee's language.
public struct Finding: Sendable, Equatable {
    public let ok: Bool
    public let message: Message
    public init(ok: Bool, _ message: Message) { self.ok = ok; self.message = message }
}

/// Marks an exercise against the sandbox as it is now: each check kind looks at the records the task
/// should have produced and says, point by point, what is right and what is not.
struct ExerciseChecker {
    let ctx: ServiceContext

    func findings(_ check: ExerciseCheck, _ cast: CastMember, answer: String?) throws -> [Finding] {
        switch check {
        case .enrolled(let c): return try ctx.store.read { tx in try enrolled(c, cast, tx) }
        case .inStep: return try ctx.store.read { tx in try inStep(cast, tx) }
        case .claimFiled(let c): return try claimFiled(c, cast)
        case .claimDecided(let status, let reason): return try claimDecided(status, reason, cast)
        case .answer(let answers): return try answered(answer ?? "", answers, cast)
        }
    }

    private var sync: MaternitySync { MaternitySync(flexibleInMaternity: ctx.policies.flexibleInMaternity) }

    private func employerName(_ code: String?, _ tx: StoreTx) throws -> String {
        guard let code else { return "-" }
        return try tx.employers.find(CreditCode(trusted: code))?.name ?? code
    }

    private func enrolled(_ c: ExerciseCheck.EnrolledCheck, _ cast: CastMember, _ tx: StoreTx) throws -> [Finding] {
        guard let person = try tx.persons.find(cast.person) else {
            return [Finding(ok: false, Message("tui.exercise.f.notRegistered", texts: cast.name, cast.person.masked))]
        }
        var out: [Finding] = []
        out.append(person.name == cast.name
            ? Finding(ok: true, Message("tui.exercise.f.registered", texts: person.name, cast.person.masked))
            : Finding(ok: false, Message("tui.exercise.f.nameWrong", texts: person.name, cast.name)))
        let periods = try tx.enrolments.all(personID: person.id!).map(\.period)
        let month = cast.month
        let wantEmployer = c.employer == .current ? cast.employer : cast.target
        guard let open = periods.first(where: { $0.scheme == .medical && $0.isOpen }) else {
            out.append(Finding(ok: false, Message("tui.exercise.f.noMedical")))
            return out
        }
        out.append(open.category == c.category
            ? Finding(ok: true, Message("tui.exercise.f.categoryOk", [.message(Message(open.category.messageKey))]))
            : Finding(ok: false, Message("tui.exercise.f.category", [.message(Message(open.category.messageKey)),
                                                                      .message(Message(c.category.messageKey))])))
        out.append(open.employer?.value == wantEmployer
            ? Finding(ok: true, Message("tui.exercise.f.employerOk", texts: try employerName(wantEmployer, tx)))
            : Finding(ok: false, Message("tui.exercise.f.employer", texts: try employerName(open.employer?.value, tx),
                                         try employerName(wantEmployer, tx))))
        out.append(open.from == month
            ? Finding(ok: true, Message("tui.exercise.f.fromOk", texts: month.description))
            : Finding(ok: false, Message("tui.exercise.f.from", texts: open.from.description, month.description)))
        if c.transferred {
            let before = month.previous
            let closed = periods.first { $0.scheme == .medical && $0.employer?.value == cast.employer && $0.to != nil }
            let name = try employerName(cast.employer, tx)
            out.append(closed?.to == before && closed?.endReason == .transferred
                ? Finding(ok: true, Message("tui.exercise.f.previousOk", texts: name, before.description))
                : Finding(ok: false, Message("tui.exercise.f.previous", texts: name, before.description)))
        }
        out.append(stepFinding(periods))
        if c.base, let want = cast.baseFen {
            let base = try tx.bases.history(personID: person.id!).last { $0.fromMonth <= month.description }
            out.append(base?.baseFen == want
                ? Finding(ok: true, Message("tui.exercise.f.baseOk", texts: Money(fen: want).grouped))
                : Finding(ok: false, Message("tui.exercise.f.base", texts: base.map { Money(fen: $0.baseFen).grouped } ?? "-",
                                             Money(fen: want).grouped)))
        }
        return out
    }

    private func inStep(_ cast: CastMember, _ tx: StoreTx) throws -> [Finding] {
        guard let person = try tx.persons.find(cast.person) else {
            return [Finding(ok: false, Message("tui.exercise.f.notRegistered", texts: cast.name, cast.person.masked))]
        }
        let periods = try tx.enrolments.all(personID: person.id!).map(\.period)
        let open = periods.first { $0.scheme == .medical && $0.isOpen }
        // Medical is the master record: "fixing" her by ending or moving it would hide the error, not fix it.
        let kept = open?.employer?.value == cast.employer && open?.from == cast.month
        return [stepFinding(periods),
                Finding(ok: kept, Message(kept ? "tui.exercise.f.medicalKept" : "tui.exercise.f.medicalChanged"))]
    }

    private func claimFiled(_ c: ExerciseCheck.ClaimFiledCheck, _ cast: CastMember) throws -> [Finding] {
        guard let date = cast.date else { throw DomainError("error.exercise.noCast") }
        let claims = try ClaimLookup(ctx).claims(of: cast.person).filter { $0.claim.kind == c.claim && $0.claim.status.isLive }
        // The claim for this birth: the one nearest its date (a trainee may have typed the date wrong).
        guard let found = claims.min(by: { abs($0.claim.event.date.daysSince(date)) < abs($1.claim.event.date.daysSince(date)) })
        else {
            return [Finding(ok: false, Message("tui.exercise.f.noClaim", [.text(cast.name), .message(Message(c.claim.messageKey))]))]
        }
        let claim = found.claim
        var out = [Finding(ok: true, Message("tui.exercise.f.claimFiled", [.message(Message(c.claim.messageKey)), .text(claim.receiptNo.value)]))]
        out.append(claim.event.date == date
            ? Finding(ok: true, Message("tui.exercise.f.dateOk", texts: date.description))
            : Finding(ok: false, Message("tui.exercise.f.date", texts: claim.event.date.description, date.description)))
        let birth = claim.event.birth
        out.append(birth?.babies == c.babies
            ? Finding(ok: true, Message("tui.exercise.f.babiesOk", texts: "\(c.babies)"))
            : Finding(ok: false, Message("tui.exercise.f.babies", texts: "\(birth?.babies ?? 0)", "\(c.babies)")))
        out.append(birth?.delivery == c.delivery
            ? Finding(ok: true, Message("tui.exercise.f.deliveryOk", [.message(Message(c.delivery.messageKey))]))
            : Finding(ok: false, Message("tui.exercise.f.delivery", [.message(Message(birth?.delivery.messageKey ?? "tui.person.sync.none")),
                                                                      .message(Message(c.delivery.messageKey))])))
        out.append(birth?.dystocia == c.dystocia
            ? Finding(ok: true, Message(c.dystocia ? "tui.exercise.f.dystociaYes" : "tui.exercise.f.dystociaNo"))
            : Finding(ok: false, Message(c.dystocia ? "tui.exercise.f.dystociaMissing" : "tui.exercise.f.dystociaWrong")))
        // What the rules give for the right facts: the days and the amount the claim should carry.
        let gestation = try Gestation(start: cast.pregnancyStart ?? date.adding(days: -260), end: date)
        let right = try MaternityEvent(date: date, birth: Birth(babies: c.babies, delivery: c.delivery, dystocia: c.dystocia,
                                                                 gestation: gestation))
        let expected = try BenefitService(ctx).estimate(cast.person, event: right)
        if c.claim == .allowance {
            let days = expected.leave.allowanceDays
            out.append(claim.allowanceDays == days
                ? Finding(ok: true, Message("tui.exercise.f.daysOk", texts: "\(days)"))
                : Finding(ok: false, Message("tui.exercise.f.days", texts: "\(claim.allowanceDays ?? 0)", "\(days)")))
            if let amount = expected.allowance {
                out.append(claim.amount == amount
                    ? Finding(ok: true, Message("tui.exercise.f.amountOk", texts: amount.grouped))
                    : Finding(ok: false, Message("tui.exercise.f.amount", texts: claim.amount.grouped, amount.grouped)))
            }
        }
        if let account = cast.account {
            let ok = claim.payee == .person && claim.account.value == account
            out.append(ok ? Finding(ok: true, Message("tui.exercise.f.accountOk", texts: claim.account.masked))
                          : Finding(ok: false, Message("tui.exercise.f.account", texts: claim.account.masked,
                                                       (try? BankAccount(account).masked) ?? account)))
        }
        return out
    }

    private func claimDecided(_ status: ClaimStatus, _ reason: RejectReason?, _ cast: CastMember) throws -> [Finding] {
        guard let id = cast.claimID else { throw DomainError("error.exercise.noCast") }
        let claim = try ClaimLookup(ctx).claim(id).claim
        var out: [Finding] = []
        let statusOk = claim.status == status
        out.append(statusOk
            ? Finding(ok: true, Message("tui.exercise.f.statusOk", [.text(claim.receiptNo.value), .message(Message(status.messageKey))]))
            : Finding(ok: false, Message("tui.exercise.f.status", [.text(claim.receiptNo.value), .message(Message(claim.status.messageKey)),
                                                                    .message(Message(status.messageKey))])))
        if let reason, statusOk {
            out.append(claim.rejectReason == reason
                ? Finding(ok: true, Message("tui.exercise.f.reasonOk", [.message(Message(reason.messageKey))]))
                : Finding(ok: false, Message("tui.exercise.f.reason", [.message(Message(claim.rejectReason?.messageKey ?? "tui.person.sync.none")),
                                                                        .message(Message(reason.messageKey))])))
        }
        if out.contains(where: { !$0.ok }) {
            // What should have decided it: the flags the claim carried into the queue.
            for hit in claim.flags {
                out.append(Finding(ok: true, Message("tui.exercise.f.flag", [.message(Message(hit.flag.messageKey)), .message(hit.detail)])))
            }
        }
        return out
    }

    private func answered(_ typed: String, _ answers: [String: [String]], _ cast: CastMember) throws -> [Finding] {
        guard let key = cast.answer, let words = answers[key] else { throw DomainError("error.exercise.noCast") }
        let text = typed.lowercased().filter { !$0.isWhitespace }
        guard !text.isEmpty else { return [Finding(ok: false, Message("tui.exercise.f.noAnswer"))] }
        // The bank's own words, from the returned order: what the trainee should have found.
        let notice = try cast.claimID.flatMap { id in try ClaimLookup(ctx).claim(id).payments.first { $0.status == .failed }?.failure }
        let right = words.contains { text.contains($0.lowercased().filter { !$0.isWhitespace }) }
        return [right ? Finding(ok: true, Message("tui.exercise.f.answerOk", texts: notice ?? key))
                      : Finding(ok: false, Message("tui.exercise.f.answer", texts: typed.trimmingSpaces))]
    }

    private func stepFinding(_ periods: [EnrolmentPeriod]) -> Finding {
        guard let m = sync.mismatch(in: periods, horizon: ctx.clock.currentMonth) else {
            return Finding(ok: true, Message("tui.exercise.f.inStep"))
        }
        let none = Message("tui.person.sync.none")
        func months(_ r: [MonthRange]) -> Message.Arg {
            r.isEmpty ? .message(none) : .text(r.map(\.description).joined(separator: ", "))
        }
        return Finding(ok: false, Message("tui.exercise.f.outOfStep", [months(m.missingMaternity), months(m.extraMaternity)]))
    }
}
