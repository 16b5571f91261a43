import Foundation
import OneWindowCore
import OneWindowStore

/// The exercises of a training sandbox: what each asks (its goal filled in from the cast), where the
/// signed-on trainee stands, and "done, check it" — marked against the sandbox and recorded as an
/// attempt, so the score is kept per trainee in the sandbox itself.
public struct ExerciseService: Sendable {
    let ctx: ServiceContext
    public init(_ ctx: ServiceContext) { self.ctx = ctx }

    /// Exercises live only where the people are synthetic.
    private func requireTraining() throws {
        guard ctx.session.storeMode == .training else { throw DomainError("error.exercise.live") }
        try ctx.require(.lookup)
    }

    /// The planted subjects, by role; empty on a training store the generator did not cast (a bench store).
    public func cast() throws -> [CastRole: CastMember] {
        try requireTraining()
        let rows = try ctx.store.read { tx in try tx.trainingCasts.all() }
        var result: [CastRole: CastMember] = [:]
        for row in rows { if let m = row.member { result[m.role] = m } }
        return result
    }

    /// Where the signed-on operator stands on each exercise.
    public func board(_ exercises: [Exercise]) throws -> Board {
        try requireTraining()
        let mine = try ctx.store.read { tx in try tx.trainingAttempts.of(operator: ctx.session.operatorName) }
        let rows = exercises.map { e in
            let tries = mine.filter { $0.exercise == e.id }
            return Board.Row(exercise: e, attempts: tries.count, passed: tries.contains(where: \.passed),
                             lastPassed: tries.last?.passed)
        }
        return Board(operatorName: ctx.session.operatorName, role: ctx.session.role, rows: rows)
    }

    /// Marks the exercise against the sandbox now and records the attempt (even a failed one: the
    /// instructor sees how many tries it took). Once passed, a check only shows the findings: it is not
    /// another attempt and leaves the score as it was.
    public func check(_ exercise: Exercise, answer: String? = nil) throws -> Outcome {
        try requireTraining()
        guard ctx.session.role == exercise.role else {
            throw DomainError(Message("error.exercise.otherRole", [.message(Message(exercise.role.messageKey))]))
        }
        guard let member = try cast()[exercise.setup] else { throw DomainError("error.exercise.noCast") }
        let findings = try ExerciseChecker(ctx: ctx).findings(exercise.check, member, answer: answer)
        let passed = findings.allSatisfy(\.ok)
        let before = try board([exercise]).rows[0]
        guard !before.passed else { return Outcome(passed: passed, findings: findings, board: before, counted: false) }
        let at = ISO8601DateFormatter().string(from: ctx.clock.now())
        try ctx.write { tx, audit in
            var row = TrainingAttempt(operator: ctx.session.operatorName, exercise: exercise.id, at: at, passed: passed,
                                      points: passed ? exercise.points : 0, answer: exercise.check.needsAnswer ? answer : nil)
            try tx.trainingAttempts.insert(&row)
            audit.append(AuditEntry(action: "training.check", entity: "exercise:\(exercise.id)",
                                    after: AuditEntry.json(["passed": "\(passed)", "points": "\(row.points)"])))
        }
        return Outcome(passed: passed, findings: findings, board: try board([exercise]).rows[0], counted: true)
    }

    public struct Board: Sendable, Equatable {
        public struct Row: Sendable, Equatable {
            public let exercise: Exercise
            public let attempts: Int
            /// Passed at least once: the points count.
            public let passed: Bool
            public let lastPassed: Bool?
        }
        public let operatorName: String
        /// The signed-on account's role: only its own exercises can be checked, so only they count.
        public let role: Role
        public let rows: [Row]
        public var earned: Int { rows.filter { $0.passed && $0.exercise.role == role }.reduce(0) { $0 + $1.exercise.points } }
        /// What this account can earn: the points of the exercises done by its role.
        public var possible: Int { rows.filter { $0.exercise.role == role }.reduce(0) { $0 + $1.exercise.points } }
    }

    public struct Outcome: Sendable, Equatable {
        public let passed: Bool
        public let findings: [Finding]
        public let board: Board.Row
        /// False when the exercise had already passed: this check was not recorded.
        public let counted: Bool
    }
}

extension Exercise {
    /// The goal (or any text of the exercise) in a language, its placeholders filled from the cast.
    /// A placeholder the cast lacks stays visible as typed, so an instructor sees the mistake.
    public static func fill(_ template: String, _ values: [String: String]) -> String {
        Template.fill(template) { values[String($0)] }
    }
}
