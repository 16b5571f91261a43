import Foundation
import GRDB
import OneWindowCore

// The engine-level checks of `onewindow check`, backup and restore: are the stored structures sound, and
// does every reference point at a row. Each returns its problems as short texts; none means sound.
extension Store {
    /// Which storage check `storageProblems` runs: `sqlite` or `postgres` (the check's line says what it looked at).
    public var storageCheckName: String {
        switch engine {
        case .sqlite: "sqlite"
        case .postgres: "postgres"
        }
    }

    /// SQLite: `PRAGMA integrity_check` (every page, index and constraint of the file). PostgreSQL, whose
    /// files only the server reads: every table read through (a damaged page fails the scan), no constraint
    /// left NOT VALID, no index left invalid (a failed concurrent build), and no trigger disabled (the
    /// append-only rules of the audit log and the ledger are triggers).
    public func storageProblems() -> [String] {
        do {
            return try read { tx in
                switch engine {
                case .sqlite:
                    let lines = try tx.sql.rows("PRAGMA integrity_check(20)").map { try $0.decode("integrity_check", as: String.self) }
                    return lines == ["ok"] ? [] : lines
                case .postgres:
                    return try Self.postgresStorageProblems(tx)
                }
            }
        } catch {
            return [Self.describe(error)]
        }
    }

    private static func postgresStorageProblems(_ tx: StoreTx) throws -> [String] {
        var problems: [String] = []
        for t in countedTables + ["audit_head", "schema_migrations"] {
            _ = try tx.sql.scalar(Int.self, "SELECT COUNT(*) FROM \(t)")
        }
        let here = "(SELECT oid FROM pg_namespace WHERE nspname = current_schema())"
        problems += try tx.sql.rows("""
            SELECT conrelid::regclass::text || ': ' || conname AS what FROM pg_constraint
            WHERE NOT convalidated AND connamespace = \(here) ORDER BY 1
            """).map { "NOT VALID " + (try $0.decode("what", as: String.self)) }
        problems += try tx.sql.rows("""
            SELECT i.indexrelid::regclass::text AS what FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
            WHERE (NOT i.indisvalid OR NOT i.indisready) AND c.relnamespace = \(here) ORDER BY 1
            """).map { "invalid index " + (try $0.decode("what", as: String.self)) }
        problems += try tx.sql.rows("""
            SELECT t.tgrelid::regclass::text || ': ' || t.tgname AS what FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
            WHERE NOT t.tgisinternal AND t.tgenabled = 'D' AND c.relnamespace = \(here) ORDER BY 1
            """).map { "trigger disabled " + (try $0.decode("what", as: String.self)) }
        return problems
    }

    /// Rows whose reference points at no row: SQLite's `PRAGMA foreign_key_check`; on PostgreSQL the same
    /// search for every foreign key the schema declares (the server enforces them, but not for rows put in
    /// with its triggers switched off, `session_replication_role = replica`). One text per key with orphans:
    /// `child(columns) → parent: n`.
    public func foreignKeyProblems() -> [String] {
        do {
            return try read { tx in
                switch engine {
                case .sqlite:
                    var found: [String: Int] = [:]
                    for row in try tx.sql.rows("PRAGMA foreign_key_check") {
                        let key = "\(try row.decode("table", as: String.self)) → \(try row.decode("parent", as: String.self))"
                        found[key, default: 0] += 1
                    }
                    return found.keys.sorted().map { "\($0): \(found[$0]!)" }
                case .postgres:
                    return try Self.postgresOrphans(tx)
                }
            }
        } catch {
            return [Self.describe(error)]
        }
    }

    private static func postgresOrphans(_ tx: StoreTx) throws -> [String] {
        let keys = try tx.sql.rows("""
            SELECT c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent,
                array_to_string(ARRAY(SELECT a.attname FROM unnest(c.conkey) WITH ORDINALITY AS k(n, i)
                    JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.i), ',') AS cols,
                array_to_string(ARRAY(SELECT a.attname FROM unnest(c.confkey) WITH ORDINALITY AS k(n, i)
                    JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY k.i), ',') AS pcols
            FROM pg_constraint c
            WHERE c.contype = 'f' AND c.connamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema())
            ORDER BY 1, 3
            """)
        var problems: [String] = []
        for key in keys {
            let child = try key.decode("child", as: String.self), parent = try key.decode("parent", as: String.self)
            let cols = try key.decode("cols", as: String.self).split(separator: ","), pcols = try key.decode("pcols", as: String.self).split(separator: ",")
            let present = cols.map { "x.\($0) IS NOT NULL" }.joined(separator: " AND ")
            let match = zip(cols, pcols).map { "p.\($1) = x.\($0)" }.joined(separator: " AND ")
            let n = try tx.sql.scalar(Int.self, """
                SELECT COUNT(*) FROM \(child) x WHERE \(present) AND NOT EXISTS (SELECT 1 FROM \(parent) p WHERE \(match))
                """) ?? 0
            if n > 0 { problems.append("\(child)(\(cols.joined(separator: ","))) → \(parent): \(n)") }
        }
        return problems
    }

    /// An engine error as one line (a damaged file says so on reading).
    public static func describe(_ error: any Error) -> String {
        if let e = error as? DatabaseError { return e.message ?? "\(e.resultCode)" }
        if let e = error as? PostgresError { return e.message }
        return "\(error)"
    }
}
