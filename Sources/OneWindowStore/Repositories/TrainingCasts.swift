import GRDB
import OneWindowCore

/// A training sandbox's cast: the subjects its exercises are about, planted by the generator.
public struct TrainingCasts {
    let db: Database

    /// Every planted subject, by role.
    public func all() throws -> [TrainingCastEntry] {
        try TrainingCastEntry.fetchAll(db, sql: "SELECT * FROM trainingCast ORDER BY role")
    }

    public func insert(_ entry: TrainingCastEntry) throws { try entry.insert(db) }
}

extension StoreTx { public var trainingCasts: TrainingCasts { TrainingCasts(db: db) } }
