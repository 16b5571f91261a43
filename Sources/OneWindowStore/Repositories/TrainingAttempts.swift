import OneWindowCore

/// Every "done, check it" of a trainee at an exercise, with its verdict: the scores.
public struct TrainingAttempts {
    let sql: any SQLExecutor

    /// Every attempt of every operator, oldest first.
    public func all() throws -> [TrainingAttempt] {
        try sql.fetchAll(TrainingAttempt.self, "SELECT * FROM trainingAttempt ORDER BY id")
    }

    /// One operator's attempts, oldest first.
    public func of(operator name: String) throws -> [TrainingAttempt] {
        try sql.fetchAll(TrainingAttempt.self, "SELECT * FROM trainingAttempt WHERE operator = ? ORDER BY id", [.text(name)], cached: true)
    }

    /// Stores a new attempt and sets its id.
    public func insert(_ attempt: inout TrainingAttempt) throws { attempt.id = try sql.insertReturningID(attempt, into: "trainingAttempt") }
}

extension StoreTx { public var trainingAttempts: TrainingAttempts { TrainingAttempts(sql: sql) } }
