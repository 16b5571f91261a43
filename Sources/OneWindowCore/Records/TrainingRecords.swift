/// A planted subject of the training sandbox: its role (an exercise's `setup`) and what the generator
/// chose for it, as JSON (the service layer owns the shape).
public struct TrainingCastEntry: Codable, Sendable, Equatable {
    public var role: String
    public var json: String

    public init(role: String, json: String) {
        self.role = role
        self.json = json
    }
}

/// One "done, check it" of a trainee at an exercise, with the verdict: the score is derived from these.
public struct TrainingAttempt: Codable, Sendable, Equatable {
    public var id: Int64?
    public var `operator`: String
    public var exercise: String
    public var at: String
    public var passed: Bool
    public var points: Int
    /// What the trainee typed, for exercises answered in words.
    public var answer: String?

    public init(operator op: String, exercise: String, at: String, passed: Bool, points: Int, answer: String?) {
        self.operator = op
        self.exercise = exercise
        self.at = at
        self.passed = passed
        self.points = points
        self.answer = answer
    }
}
