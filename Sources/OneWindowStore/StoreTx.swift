import GRDB

/// One transaction (or one read) on the store, as the services see it: the repositories of the
/// aggregates they work on (`Repositories/`). Which engine is behind it stays inside this target.
public struct StoreTx {
    /// The engine-neutral executor every converted repository runs its SQL through.
    let sql: any SQLExecutor
    /// Transitional: the GRDB connection, for what is not yet on `sql` (Bulk/, Contributions,
    /// Enrolments, ContributionBases).
    let db: Database

    init(_ db: Database) {
        self.db = db
        self.sql = SQLiteExecutor(db)
    }
}
