import Crypto
import Foundation
import OneWindowCore

/// One change to append to the audit log. `before`/`after` are JSON texts (nil for creation/removal).
public struct AuditEntry: Sendable, Equatable {
    public var action: String
    public var entity: String
    public var before: String?
    public var after: String?

    public init(action: String, entity: String, before: String? = nil, after: String? = nil) {
        self.action = action
        self.entity = entity
        self.before = before
        self.after = after
    }

    /// Builds an entry from any encodable snapshots, with stable key order so hashes are reproducible.
    public init<B: Encodable, A: Encodable>(action: String, entity: String, before: B?, after: A?) {
        self.init(action: action, entity: entity, before: before.map(AuditEntry.json), after: after.map(AuditEntry.json))
    }

    public static func json<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(value)) ?? Data("null".utf8), as: UTF8.self)
    }
}

/// The audit chain: each row's hash covers its own fields and the previous row's hash,
/// so changing or deleting any row breaks every hash after it.
public enum AuditLog {
    public static let genesis = String(repeating: "0", count: 64)

    static func hash(prev: String, seq: Int64, at: String, operator op: String, action: String, entity: String,
                     before: String?, after: String?) -> String {
        // Unit separator between fields and a marker for NULL, so ("a","bc") and ("ab","c") differ.
        let fields = [prev, String(seq), at, op, action, entity, before ?? "\u{0}", after ?? "\u{0}"]
        let digest = SHA256.hash(data: Data(fields.joined(separator: "\u{1F}").utf8))
        return digest.map { String(format: "%02x", $0) }.joined()
    }

    static func append(_ entries: [AuditEntry], operator op: String, at: String, tx: StoreTx) throws {
        var (seq, prev) = try head(tx)
        for e in entries {
            seq += 1
            let h = hash(prev: prev, seq: seq, at: at, operator: op, action: e.action, entity: e.entity,
                         before: e.before, after: e.after)
            try tx.sql.execute("""
                INSERT INTO audit (seq, at, operator, action, entity, beforeJSON, afterJSON, prevHash, hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, [.int64(seq), .text(at), .text(op), .text(e.action), .text(e.entity), SQLValue(e.before), SQLValue(e.after),
                      .text(prev), .text(h)], cached: true)
            prev = h
        }
        if tx.engine == .postgres {
            try tx.sql.execute("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1", [.int64(seq), .text(prev)], cached: true)
        }
    }

    /// The last row's seq and hash, where the next row links on. On SQLite, `sqlite_sequence` (kept by
    /// AUTOINCREMENT) also remembers seqs whose rows were deleted from the tail, so they are not issued
    /// again; on PostgreSQL the `audit_head` row holds both, and every write transaction has locked it
    /// first (`Store.write`), so two counters never take the same seq.
    private static func head(_ tx: StoreTx) throws -> (seq: Int64, hash: String) {
        if tx.engine == .postgres {
            guard let row = try tx.sql.rows("SELECT seq, hash FROM audit_head WHERE id = 1", [], cached: true).first else {
                throw SQLStoreError("audit_head has no row")
            }
            return (try row.decode("seq"), try row.decode("hash"))
        }
        let last = try tx.sql.rows("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1", [], cached: true).first
        let seq: Int64 = try last?.decode("seq") ?? 0
        let issued = try issuedSeq(tx) ?? 0
        return (max(seq, issued), try last?.decode("hash") ?? genesis)
    }

    /// The highest seq ever issued, as the engine records it apart from the rows themselves.
    private static func issuedSeq(_ tx: StoreTx) throws -> Int64? {
        switch tx.engine {
        case .sqlite: try tx.sql.scalar(Int64.self, "SELECT seq FROM sqlite_sequence WHERE name = 'audit'", cached: true)
        case .postgres: try tx.sql.scalar(Int64.self, "SELECT seq FROM audit_head WHERE id = 1", cached: true)
        }
    }

    /// Walks the whole chain. Finds changed rows (hash mismatch), deleted rows (gaps, broken links)
    /// and deleted newest rows (the engine's record of issued seqs ahead of the last row).
    static func verify(_ tx: StoreTx) throws -> AuditVerification {
        let sql = tx.sql
        var problems: [AuditProblem] = []
        var prev = genesis
        var expectedSeq: Int64 = 1
        var count = 0
        try sql.forEach(AuditRecord.self, "SELECT * FROM audit ORDER BY seq") { row in
            count += 1
            if row.seq != expectedSeq { problems.append(.missing(from: expectedSeq, to: row.seq - 1)) }
            if row.prevHash != prev { problems.append(.brokenLink(seq: row.seq)) }
            let h = hash(prev: row.prevHash, seq: row.seq, at: row.at, operator: row.operator, action: row.action,
                         entity: row.entity, before: row.beforeJSON, after: row.afterJSON)
            if h != row.hash { problems.append(.altered(seq: row.seq)) }
            prev = row.hash
            expectedSeq = row.seq + 1
        }
        if let issued = try issuedSeq(tx), issued >= expectedSeq {
            problems.append(.missing(from: expectedSeq, to: issued))
        }
        return AuditVerification(rows: count, problems: problems)
    }
}

public enum AuditProblem: Sendable, Equatable, CustomStringConvertible {
    case altered(seq: Int64)
    case brokenLink(seq: Int64)
    case missing(from: Int64, to: Int64)

    public var description: String {
        switch self {
        case .altered(let s): "altered:\(s)"
        case .brokenLink(let s): "brokenLink:\(s)"
        case .missing(let a, let b): a == b ? "missing:\(a)" : "missing:\(a)-\(b)"
        }
    }
}

public struct AuditVerification: Sendable, Equatable {
    public let rows: Int
    public let problems: [AuditProblem]
    public var isIntact: Bool { problems.isEmpty }
}
