import Foundation
import OneWindowCore

/// What `Store.copy(to:)` moved: per table, the rows in the SQLite file and in the PostgreSQL database.
public struct StoreCopyReport: Sendable {
    public struct Table: Sendable {
        public let name: String
        public let source: Int
        public let target: Int
    }
    public let tables: [Table]
    /// The target's audit chain, walked after the copy (the source's rows and the copy's own).
    public let audit: AuditVerification
    public var isComplete: Bool { tables.allSatisfy { $0.source == $0.target } && audit.isIntact }
}

extension Store {
    /// The tables a copy moves, parents before children (foreign keys). A table the schema gains must be
    /// added here: `copy` refuses a file that has a table this list does not know.
    static let copiedTables = ["meta", "operator", "employer", "person", "enrolment", "contributionBase", "contribution",
                               "contributionPayment", "policyPeriod", "wageDeclaration", "directSettlement", "receipt",
                               "claim", "claimBill", "paymentOrder", "trainingCast", "trainingAttempt", "ledgerEntry",
                               "ledgerLine", "ledgerClose", "ledgerBalance", "dailySignoff", "budget", "audit"]
    /// Made by the schema itself on the target (seeded, or kept by triggers as rows arrive): counted, not copied.
    static let derivedTables = ["personNameGram", "employerNameGram"]
    /// The engines' own bookkeeping, and a fixed table each migration seeds.
    static let engineTables: Set<String> = ["sqlite_sequence", "grdb_migrations", "nameGramPosition"]

    /// Copies this SQLite store, whole, into the empty PostgreSQL store `target`, in one transaction
    /// (all or nothing), with COPY; then counts both sides and walks the target's audit chain. The
    /// target's audit log continues the file's chain with one row saying who copied what, from where.
    public func copy(to target: Store, operator op: String, progress: (String, Int) -> Void = { _, _ in }) throws -> StoreCopyReport {
        guard case .sqlite = engine, case .postgres = target.engine else { throw SQLStoreError("copy goes from a SQLite file to PostgreSQL") }
        let counts = try read { src -> [String: Int] in
            let tables = try src.sql.rows("SELECT name FROM sqlite_master WHERE type = 'table'").map { try $0.decode("name", as: String.self) }
            if let unknown = tables.first(where: { !Self.copiedTables.contains($0) && !Self.derivedTables.contains($0) && !Self.engineTables.contains($0) }) {
                throw SQLStoreError("the file has a table the copy does not know: \(unknown)")
            }
            var counts: [String: Int] = [:]
            for t in Self.copiedTables + Self.derivedTables { counts[t] = try src.sql.scalar(Int.self, "SELECT COUNT(*) FROM \(t)") ?? 0 }
            return counts
        }
        try read { src in
            try target.write(operator: op) { dst, audit in
                guard let pg = dst.sql as? PostgresExecutor else { throw SQLStoreError("the target is not PostgreSQL") }
                for t in Self.copiedTables + Self.derivedTables where try dst.sql.scalar(Int.self, "SELECT COUNT(*) FROM (SELECT 1 FROM \(t) LIMIT 1) AS x") != 0 {
                    throw DomainError("error.store.copyTargetNotEmpty", texts: target.path, t)
                }
                for t in Self.copiedTables {
                    try Self.copyTable(t, from: src, to: pg.connection)
                    progress(t, counts[t] ?? 0)
                }
                try Self.continueSequences(dst)
                try Self.continueAuditChain(from: src, to: dst)
                audit.append(AuditEntry(action: "store.copy", entity: "store",
                                        after: AuditEntry.json(["from": path, "rows": String(counts.values.reduce(0, +))])))
            }
        }
        return try target.read { dst in
            var tables: [StoreCopyReport.Table] = []
            for t in Self.copiedTables + Self.derivedTables {
                // The target's audit has the copy's own row on top of the file's.
                let n = (try dst.sql.scalar(Int.self, "SELECT COUNT(*) FROM \(t)") ?? 0) - (t == "audit" ? 1 : 0)
                tables.append(.init(name: t, source: counts[t] ?? 0, target: n))
            }
            return StoreCopyReport(tables: tables, audit: try AuditLog.verify(dst, keys: target.auditKeys.key))
        }
    }

    private static func copyTable(_ table: String, from src: StoreTx, to pg: PostgresConnection) throws {
        let columns = try src.sql.rows("SELECT name FROM pragma_table_info(?) ORDER BY cid", [.text(table)])
            .map { try $0.decode("name", as: String.self) }
        let order = columns.contains("id") ? "id" : columns.contains("seq") ? "seq" : "rowid"
        try pg.copyIn("COPY \(table) (\(columns.joined(separator: ", "))) FROM STDIN") { send in
            try src.sql.forEachRow("SELECT \(columns.joined(separator: ", ")) FROM \(table) ORDER BY \(order)", [], cached: false) { row in
                try send(row.values)
            }
        }
    }

    /// Identity columns go on after the highest id copied, as SQLite's rowids would have.
    private static func continueSequences(_ dst: StoreTx) throws {
        for t in copiedTables where t != "audit" {
            let hasID = try dst.sql.scalar(Int.self, """
                SELECT COUNT(*) FROM information_schema.columns WHERE table_name = lower(?) AND column_name = 'id' AND is_identity = 'YES'
                """, [.text(t)]) ?? 0
            guard hasID > 0 else { continue }
            try dst.sql.execute("SELECT setval(pg_get_serial_sequence(?, 'id'), COALESCE((SELECT MAX(id) FROM \(t)), 0) + 1, false)", [.text(t)])
        }
    }

    /// The target's audit head becomes the file's: the last row's hash, and the highest seq SQLite ever
    /// issued (so a tail the file had lost still shows as missing on the target).
    private static func continueAuditChain(from src: StoreTx, to dst: StoreTx) throws {
        let last = try src.sql.rows("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").first
        let seq = max(try last?.decode("seq", as: Int64.self) ?? 0,
                      try src.sql.scalar(Int64.self, "SELECT seq FROM sqlite_sequence WHERE name = 'audit'") ?? 0)
        try dst.sql.execute("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1",
                            [.int64(seq), .text(try last?.decode("hash", as: String.self) ?? AuditLog.genesis)])
    }
}
