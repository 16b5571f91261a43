import GRDB

/// One transaction (or one read) on the store, as the services see it: the repositories of the
/// aggregates they work on (`Repositories/`). Which engine is behind it stays inside this target.
public struct StoreTx {
    let db: Database

    init(_ db: Database) { self.db = db }
}
