import Foundation
import OneWindowCore
import OneWindowResources
import OneWindowService
import OneWindowStore
import Testing

/// Each exercise's checker, on a seeded sandbox: it passes on a correct solution and fails, saying
/// what is wrong, on a wrong one. Every check is an attempt on the trainee's score.
@Suite("Training exercises")
struct ExerciseCheckerTests {
    typealias S = SandboxFixture

    func check(_ ctx: ServiceContext, _ id: String, answer: String? = nil) throws -> ExerciseService.Outcome {
        try ExerciseService(ctx).check(S.exercise(id), answer: answer)
    }

    func failures(_ o: ExerciseService.Outcome) -> [String] { o.findings.filter { !$0.ok }.map(\.message.key) }

    @Test("Every exercise file decodes; its goal and hint use only what its cast fills in, in both languages")
    func files() throws {
        #expect(S.exercises.map(\.id) == ["register-new-employee", "transfer-employee", "fix-mismatch", "twin-birth-claim",
                                          "reject-duplicate-claim", "find-failed-payment"])
        let placeholder = try Regex(#"\{([A-Za-z]+)\}"#)
        for e in S.exercises {
            let allowed = CastMember.placeholderNames(e.setup)
            for text in [e.goal.zh, e.goal.en, e.hint.zh, e.hint.en, e.title.zh, e.title.en] {
                #expect(!text.isEmpty)
                for m in text.matches(of: placeholder) {
                    let name = String(text[m.range].dropFirst().dropLast())
                    #expect(allowed.contains(name), "\(e.id): {\(name)} is not filled in for \(e.setup)")
                }
            }
        }
        // And the cast of a real sandbox fills every one of them.
        let f = try S()
        let cast = try ExerciseService(f.trainee).cast()
        for e in S.exercises {
            let values = try #require(cast[e.setup]).placeholders
            #expect(CastMember.placeholderNames(e.setup).isSubset(of: Set(values.keys)), "\(e.id)")
            #expect(!Exercise.fill(e.goal.zh, values).contains("{"))
        }
    }

    @Test("Register a new employee: passes when registered right; a wrong base or category fails, saying which")
    func registerNewEmployee() throws {
        let f = try S()
        let hire = try f.cast(.newHire)
        let reg = RegistrationService(try f.trainee)
        let before = try check(f.trainee, "register-new-employee")
        #expect(!before.passed && failures(before) == ["tui.exercise.f.notRegistered"])

        try reg.enrol(id: hire.person, name: hire.name, category: .employee, employer: CreditCode(trusted: hire.employer!),
                      base: Money(fen: hire.baseFen! + 100_00), from: hire.month)
        let wrongBase = try check(f.trainee, "register-new-employee")
        #expect(!wrongBase.passed && failures(wrongBase) == ["tui.exercise.f.base"])

        try reg.changeBase(id: hire.person, base: Money(fen: hire.baseFen!), from: hire.month)
        let right = try check(f.trainee, "register-new-employee")
        #expect(right.passed && right.board.attempts == 3 && right.board.passed)

        let g = try S()
        try RegistrationService(try g.trainee).enrol(id: hire.person, name: hire.name, category: .flexible, employer: nil,
                                                     base: Money(fen: hire.baseFen!), from: hire.month)
        let flexible = try check(g.trainee, "register-new-employee")
        #expect(Set(failures(flexible)) == ["tui.exercise.f.category", "tui.exercise.f.employer"])
    }

    @Test("Transfer: passes when both schemes move in the cast's month; the wrong month or employer fails")
    func transfer() throws {
        let f = try S()
        let t = try f.cast(.transferee)
        let wrongMonth = try S()
        try RegistrationService(try wrongMonth.trainee).transfer(id: t.person, to: CreditCode(trusted: t.target!), from: t.month.next)
        let late = try check(wrongMonth.trainee, "transfer-employee")
        #expect(Set(failures(late)) == ["tui.exercise.f.from", "tui.exercise.f.previous"])

        let wrongPlace = try S()
        let other = try #require(try wrongPlace.store.read { tx in
            try tx.employers.search(codePrefix: "", limit: 10_000)
                .first { $0.region == "tianjin" && ![t.employer!, t.target!].contains($0.code) }?.code
        })
        try RegistrationService(try wrongPlace.trainee).transfer(id: t.person, to: CreditCode(trusted: other), from: t.month)
        #expect(failures(try check(wrongPlace.trainee, "transfer-employee")) == ["tui.exercise.f.employer"])

        #expect(try !check(f.trainee, "transfer-employee").passed)
        try RegistrationService(try f.trainee).transfer(id: t.person, to: CreditCode(trusted: t.target!), from: t.month)
        #expect(try check(f.trainee, "transfer-employee").passed)
    }

    @Test("Fix a mismatch (supervisor): the reconciliation fix passes; ending her medical cover instead fails")
    func fixMismatch() throws {
        let f = try S()
        let m = try f.cast(.mismatch)
        // The trainee clerk may not do a supervisor's exercise (nor the fix itself).
        #expect(throws: DomainError.self) { try check(f.trainee, "fix-mismatch") }
        #expect(throws: DomainError.self) { try ReconciliationService(f.trainee).fix(m.person) }

        let undone = try check(f.instructor, "fix-mismatch")
        #expect(failures(undone) == ["tui.exercise.f.outOfStep"])

        let wrong = try S()
        try RegistrationService(try wrong.instructor).terminate(id: m.person, from: Fixture.today.yearMonth)
        #expect(failures(try check(wrong.instructor, "fix-mismatch")).contains("tui.exercise.f.medicalChanged"))

        try ReconciliationService(f.instructor).fix(m.person)
        #expect(try check(f.instructor, "fix-mismatch").passed)
    }

    @Test("Twin birth with dystocia: the right facts pass with the days and amount the rules give; one baby, no dystocia fails")
    func twinBirthClaim() throws {
        let f = try S()
        let t = try f.cast(.twinBirth)
        func request(babies: Int, dystocia: Bool) throws -> ClaimRequest {
            let gestation = try Gestation(start: t.pregnancyStart!, end: t.date!)
            return ClaimRequest(claimant: t.person, event: try MaternityEvent(date: t.date!, birth: Birth(
                babies: babies, delivery: .natural, dystocia: dystocia, gestation: gestation)),
                allowance: true, account: try BankAccount(t.account!))
        }
        #expect(failures(try check(f.trainee, "twin-birth-claim")) == ["tui.exercise.f.noClaim"])

        let wrong = try S()
        _ = try ClaimService(try wrong.trainee).submit(try request(babies: 1, dystocia: false))
        let once = try check(wrong.trainee, "twin-birth-claim")
        #expect(Set(failures(once)) == ["tui.exercise.f.babies", "tui.exercise.f.dystociaMissing", "tui.exercise.f.days",
                                        "tui.exercise.f.amount"])

        let receipt = try ClaimService(try f.trainee).submit(try request(babies: 2, dystocia: true))
        let right = try check(f.trainee, "twin-birth-claim")
        #expect(right.passed, "\(failures(right))")
        // Tianjin since 2021-11: 98 days, dystocia 15, one more baby 15, the region's 60.
        #expect(receipt.claims.first?.claim.allowanceDays == 188)
    }

    @Test("A flagged duplicate claim: rejecting it as a duplicate passes; approving it, or another reason, fails")
    func rejectDuplicate() throws {
        let f = try S()
        let d = try f.cast(.flaggedClaim)
        let claim = try ClaimLookup(f.instructor).claim(d.claimID!).claim
        #expect(claim.status == .submitted && claim.flags.map(\.flag).contains(.duplicateEvent))

        let approved = try S()
        try ClaimService(try approved.instructor).approve(d.claimID!)
        let a = try check(approved.instructor, "reject-duplicate-claim")
        #expect(failures(a) == ["tui.exercise.f.status"])
        #expect(a.findings.contains { $0.message.key == "tui.exercise.f.flag" }, "the flag is shown to explain")

        let otherReason = try S()
        try ClaimService(try otherReason.instructor).reject(d.claimID!, reason: .notEligible, note: "")
        #expect(failures(try check(otherReason.instructor, "reject-duplicate-claim")) == ["tui.exercise.f.reason"])

        try ClaimService(try f.instructor).reject(d.claimID!, reason: .duplicateClaim, note: "")
        #expect(try check(f.instructor, "reject-duplicate-claim").passed)
    }

    @Test("Why a payment failed: the bank's reason in the trainee's words passes; another reason or nothing fails")
    func failedPayment() throws {
        let f = try S()
        let p = try f.cast(.failedPayment)
        let orders = try PaymentService(f.trainee).list(status: .failed, person: p.person)
        #expect(orders.count == 1)
        let words: [String: (right: String, wrong: String)] = [
            "accountClosed": ("账户已经销户了", "账号不存在"),
            "nameMismatch": ("户名和账号对不上", "账户销户"),
            "noSuchAccount": ("The account does not exist", "account closed"),
        ]
        let pair = try #require(words[p.answer!])
        #expect(failures(try check(f.trainee, "find-failed-payment", answer: "  ")) == ["tui.exercise.f.noAnswer"])
        #expect(failures(try check(f.trainee, "find-failed-payment", answer: pair.wrong)) == ["tui.exercise.f.answer"])
        let right = try check(f.trainee, "find-failed-payment", answer: pair.right)
        #expect(right.passed && right.board.attempts == 3)
        let kept = try f.store.read { tx in try tx.trainingAttempts.all().map(\.answer) }
        #expect(kept.last == pair.right)
    }

    @Test("Scores are per account: the board counts passed exercises once, attempts until the pass")
    func scores() throws {
        let f = try S()
        let hire = try f.cast(.newHire)
        _ = try check(f.trainee, "register-new-employee")
        try RegistrationService(try f.trainee).enrol(id: hire.person, name: hire.name, category: .employee,
                                                     employer: CreditCode(trusted: hire.employer!), base: Money(fen: hire.baseFen!),
                                                     from: hire.month)
        let pass = try check(f.trainee, "register-new-employee")
        #expect(pass.passed && pass.counted && pass.board.attempts == 2)
        let board = try ExerciseService(f.trainee).board(S.exercises)
        #expect(board.earned == 10)
        #expect(board.rows[0].attempts == 2 && board.rows[0].passed)
        #expect(try ExerciseService(f.instructor).board(S.exercises).earned == 0)
        #expect(try AuditService(f.instructor).verify().isIntact)
    }

    @Test("Checking an exercise already passed shows the findings but is not another attempt: attempts, score and audit stay")
    func recheckNotCounted() throws {
        let f = try S()
        let hire = try f.cast(.newHire)
        try RegistrationService(try f.trainee).enrol(id: hire.person, name: hire.name, category: .employee,
                                                     employer: CreditCode(trusted: hire.employer!), base: Money(fen: hire.baseFen!),
                                                     from: hire.month)
        #expect(try check(f.trainee, "register-new-employee").counted)
        func recorded() throws -> (attempts: Int, audit: Int) {
            try f.store.read { tx in
                (try tx.trainingAttempts.all().count, try tx.auditRecords.with(action: "training.check").count)
            }
        }
        let before = try recorded()
        let again = try check(f.trainee, "register-new-employee")
        #expect(again.passed && !again.counted && again.board.attempts == 1 && again.board.passed)
        #expect(!again.findings.isEmpty)
        #expect(try recorded() == before)
        #expect(try ExerciseService(f.trainee).board(S.exercises).earned == 10)
    }

    @Test("A score is out of what the account can earn: the trainee's exercises for the trainee, the supervisor's for the instructor")
    func possibleByRole() throws {
        let f = try S()
        let trainee = try ExerciseService(f.trainee).board(S.exercises)
        let instructor = try ExerciseService(f.instructor).board(S.exercises)
        #expect(trainee.possible == S.exercises.filter { $0.role == .trainee }.reduce(0) { $0 + $1.points })
        #expect(trainee.possible == 45 && instructor.possible == 25)
        #expect(trainee.rows.count == S.exercises.count)
    }

    @Test("Exercises refuse a live store")
    func liveStore() throws {
        let live = try Fixture()
        #expect(throws: DomainError.self) { try ExerciseService(live.clerk).cast() }
    }
}
