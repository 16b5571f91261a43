import OneWindowStore

/// The store reached past the program, as someone with a SQL shell would: planting legacy data,
/// tampering, and counting rows of any table.
extension Fixture {
    /// Runs `sql` outside any transaction of the program's.
    func raw(_ sql: String) throws { try store.testingRaw(sql) }

    /// Rows of `table`, only those matching `condition` (an SQL expression) when given.
    func count(_ table: String, where condition: String? = nil) throws -> Int {
        try store.testingScalar("SELECT COUNT(*) FROM \(table)" + (condition.map { " WHERE \($0)" } ?? ""))
    }

    /// Takes away one of the audit log's append-only triggers, as the owner of the database could.
    func dropAuditTrigger(_ name: String) throws {
        try raw(Fixture.onSQLite ? "DROP TRIGGER \(name)" : "ALTER TABLE audit DISABLE TRIGGER \(name)")
    }

    /// Takes away the ledger's append-only triggers on entries and lines (to plant a store without postings).
    func dropLedgerTriggers() throws {
        for t in ["ledgerEntry", "ledgerLine"] {
            try raw(Fixture.onSQLite ? "DROP TRIGGER \(t)_no_delete" : "ALTER TABLE \(t) DISABLE TRIGGER \(t)_no_change")
        }
    }
}
