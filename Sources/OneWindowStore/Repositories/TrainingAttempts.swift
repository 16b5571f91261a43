import GRDB
import OneWindowCore

/// Every "done, check it" of a trainee at an exercise, with its verdict: the scores.
public struct TrainingAttempts {
    let db: Database

    /// Every attempt of every operator, oldest first.
    public func all() throws -> [TrainingAttempt] {
        try TrainingAttempt.fetchAll(db, sql: "SELECT * FROM trainingAttempt ORDER BY id")
    }

    /// One operator's attempts, oldest first.
    public func of(operator name: String) throws -> [TrainingAttempt] {
        try TrainingAttempt.fetchAll(db, sql: "SELECT * FROM trainingAttempt WHERE operator = ? ORDER BY id", arguments: [name])
    }

    /// Stores a new attempt and sets its id.
    public func insert(_ attempt: inout TrainingAttempt) throws { try attempt.insert(db) }
}

extension StoreTx { public var trainingAttempts: TrainingAttempts { TrainingAttempts(db: db) } }
