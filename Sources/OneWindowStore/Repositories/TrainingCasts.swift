import OneWindowCore

/// A training sandbox's cast: the subjects its exercises are about, planted by the generator.
public struct TrainingCasts {
    let sql: any SQLExecutor

    /// Every planted subject, by role.
    public func all() throws -> [TrainingCastEntry] {
        try sql.fetchAll(TrainingCastEntry.self, "SELECT * FROM trainingCast ORDER BY role")
    }

    public func insert(_ entry: TrainingCastEntry) throws { try sql.insert(entry, into: "trainingCast") }
}

extension StoreTx { public var trainingCasts: TrainingCasts { TrainingCasts(sql: sql) } }
