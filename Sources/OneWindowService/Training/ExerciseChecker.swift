import GRDB
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

    func findings(_ check: ExerciseCheck, _ cast: CastMember) throws -> [Finding] {
        try ctx.store.read { db in
            switch check {
            case .enrolled(let c): try enrolled(c, cast, db)
            case .inStep: try inStep(cast, db)
            }
        }
    }

    private var sync: MaternitySync { MaternitySync(flexibleInMaternity: ctx.policies.flexibleInMaternity) }

    private func employerName(_ code: String?, _ db: Database) throws -> String {
        guard let code else { return "-" }
        return try EmployerRow.fetchOne(db, key: code)?.name ?? code
    }

    private func enrolled(_ c: ExerciseCheck.EnrolledCheck, _ cast: CastMember, _ db: Database) throws -> [Finding] {
        guard let person = try PersonRow.find(cast.person, db) else {
            return [Finding(ok: false, Message("tui.exercise.f.notRegistered", texts: cast.name, cast.person.masked))]
        }
        var out: [Finding] = []
        out.append(person.name == cast.name
            ? Finding(ok: true, Message("tui.exercise.f.registered", texts: person.name, cast.person.masked))
            : Finding(ok: false, Message("tui.exercise.f.nameWrong", texts: person.name, cast.name)))
        let periods = try EnrolmentRow.all(personID: person.id!, db).map(\.period)
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
            ? Finding(ok: true, Message("tui.exercise.f.employerOk", texts: try employerName(wantEmployer, db)))
            : Finding(ok: false, Message("tui.exercise.f.employer", texts: try employerName(open.employer?.value, db),
                                         try employerName(wantEmployer, db))))
        out.append(open.from == month
            ? Finding(ok: true, Message("tui.exercise.f.fromOk", texts: month.description))
            : Finding(ok: false, Message("tui.exercise.f.from", texts: open.from.description, month.description)))
        if c.transferred {
            let before = month.previous
            let closed = periods.first { $0.scheme == .medical && $0.employer?.value == cast.employer && $0.to != nil }
            let name = try employerName(cast.employer, db)
            out.append(closed?.to == before && closed?.endReason == .transferred
                ? Finding(ok: true, Message("tui.exercise.f.previousOk", texts: name, before.description))
                : Finding(ok: false, Message("tui.exercise.f.previous", texts: name, before.description)))
        }
        out.append(stepFinding(periods))
        if c.base, let want = cast.baseFen {
            let base = try BaseRow.history(personID: person.id!, db).last { $0.fromMonth <= month.description }
            out.append(base?.baseFen == want
                ? Finding(ok: true, Message("tui.exercise.f.baseOk", texts: Money(fen: want).grouped))
                : Finding(ok: false, Message("tui.exercise.f.base", texts: base.map { Money(fen: $0.baseFen).grouped } ?? "-",
                                             Money(fen: want).grouped)))
        }
        return out
    }

    private func inStep(_ cast: CastMember, _ db: Database) throws -> [Finding] {
        guard let person = try PersonRow.find(cast.person, db) else {
            return [Finding(ok: false, Message("tui.exercise.f.notRegistered", texts: cast.name, cast.person.masked))]
        }
        let periods = try EnrolmentRow.all(personID: person.id!, db).map(\.period)
        let open = periods.first { $0.scheme == .medical && $0.isOpen }
        // Medical is the master record: "fixing" her by ending or moving it would hide the error, not fix it.
        let kept = open?.employer?.value == cast.employer && open?.from == cast.month
        return [stepFinding(periods),
                Finding(ok: kept, Message(kept ? "tui.exercise.f.medicalKept" : "tui.exercise.f.medicalChanged"))]
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
