import GRDB

/// One transaction (or one read) on the store, as the services see it: the repositories of the
/// aggregates they work on (`Repositories/`). Which engine is behind it stays inside this target.
public struct StoreTx {
    /// Where the few statements that differ between engines look (the audit head, name search).
    enum Engine { case sqlite, postgres }

    /// The engine-neutral executor every repository runs its SQL through.
    let sql: any SQLExecutor
    let engine: Engine
    /// SQLite only: the connection the bulk loaders of a training sandbox bind values on directly.
    let db: Database?

    init(_ db: Database) {
        self.db = db
        self.sql = SQLiteExecutor(db)
        self.engine = .sqlite
    }

    init(postgres executor: PostgresExecutor) {
        self.db = nil
        self.sql = executor
        self.engine = .postgres
    }
}
