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
/// so changing or deleting any row breaks every hash after it. On a live store the rows from the
/// `audit.key` row on are HMACs under a key kept outside the store (`AuditKey`): rewriting them and
/// recomputing the chain needs that key. (A training store's chain is plain SHA-256: no real data.)
public enum AuditLog {
    public static let genesis = String(repeating: "0", count: 64)

    static func hash(prev: String, seq: Int64, at: String, operator op: String, action: String, entity: String,
                     before: String?, after: String?, key: AuditKey?) -> String {
        // Unit separator between fields and a marker for NULL, so ("a","bc") and ("ab","c") differ.
        let fields = [prev, String(seq), at, op, action, entity, before ?? "\u{0}", after ?? "\u{0}"]
        let data = Data(fields.joined(separator: "\u{1F}").utf8)
        if let key { return key.mac(data) }
        return SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    /// The action of the row from which a store's chain is keyed.
    static let keyAction = "audit.key"

    static func append(_ entries: [AuditEntry], operator op: String, at: String, tx: StoreTx,
                       keys: (String) -> AuditKey?) throws {
        var (seq, prev) = try head(tx)
        let keying = try AuditKeying.read(tx)
        var key: AuditKey?
        if let keying {
            // Without the key a row would break the chain: refuse the write, say where the key belongs.
            guard let k = keys(keying.keyID) else { throw DomainError("error.audit.keyMissing", texts: AuditKey.file(id: keying.keyID)) }
            key = k
        }
        // Whatever field a full citizen ID arrives in, the log keeps it masked.
        let op = CitizenID.maskingIDs(in: op)
        for var e in entries {
            e.entity = CitizenID.maskingIDs(in: e.entity)
            e.before = e.before.map(CitizenID.maskingIDs)
            e.after = e.after.map(CitizenID.maskingIDs)
            seq += 1
            let h = hash(prev: prev, seq: seq, at: at, operator: op, action: e.action, entity: e.entity,
                         before: e.before, after: e.after, key: seq >= (keying?.from ?? .max) ? key : nil)
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

    /// Walks the whole chain. Finds changed rows (hash mismatch), deleted rows (gaps, broken links),
    /// deleted newest rows (the engine's record of issued seqs ahead of the last row), a live store whose
    /// chain is not keyed or whose key is not here, and a head that does not match a kept `anchor`.
    static func verify(_ tx: StoreTx, keys: (String) -> AuditKey?, anchor: AuditAnchor? = nil) throws -> AuditVerification {
        let sql = tx.sql
        var problems: [AuditProblem] = []
        let keying = try AuditKeying.read(tx)
        let key = keying.flatMap { keys($0.keyID) }
        if let keying, key == nil { problems.append(.keyMissing(AuditKey.file(id: keying.keyID))) }
        var prev = genesis
        var expectedSeq: Int64 = 1
        var count = 0
        var anchorSeen = false
        try sql.forEach(AuditRecord.self, "SELECT * FROM audit ORDER BY seq") { row in
            count += 1
            if row.seq != expectedSeq { problems.append(.missing(from: expectedSeq, to: row.seq - 1)) }
            if row.prevHash != prev { problems.append(.brokenLink(seq: row.seq)) }
            let keyed = row.seq >= (keying?.from ?? .max)
            // The keyed part starts at the `audit.key` row: a mark moved elsewhere cannot make rows plain.
            if row.seq == keying?.from, row.action != keyAction { problems.append(.altered(seq: row.seq)) }
            if !keyed || key != nil {
                let h = hash(prev: row.prevHash, seq: row.seq, at: row.at, operator: row.operator, action: row.action,
                             entity: row.entity, before: row.beforeJSON, after: row.afterJSON, key: keyed ? key : nil)
                if h != row.hash { problems.append(.altered(seq: row.seq)) }
            }
            if let anchor, row.seq == anchor.seq {
                anchorSeen = true
                if row.hash != anchor.hash { problems.append(.anchor(seq: anchor.seq)) }
            }
            prev = row.hash
            expectedSeq = row.seq + 1
        }
        if let issued = try issuedSeq(tx), issued >= expectedSeq {
            problems.append(.missing(from: expectedSeq, to: issued))
        }
        if let keying, keying.from >= expectedSeq { problems.append(.altered(seq: keying.from)) }
        if keying == nil, count > 0, try tx.meta.get("mode") != StoreMode.training.rawValue { problems.append(.notKeyed) }
        if let anchor, !anchorSeen { problems.append(.anchor(seq: anchor.seq)) }
        return AuditVerification(rows: count, problems: problems)
    }

    /// The newest row: what `audit anchor` prints to keep away from the store.
    static func anchor(_ tx: StoreTx) throws -> AuditAnchor? {
        guard let row = try tx.sql.rows("SELECT seq, hash, at FROM audit ORDER BY seq DESC LIMIT 1", []).first else { return nil }
        return AuditAnchor(seq: try row.decode("seq"), hash: try row.decode("hash"), at: try row.decode("at"))
    }
}

public enum AuditProblem: Sendable, Equatable, CustomStringConvertible {
    case altered(seq: Int64)
    case brokenLink(seq: Int64)
    case missing(from: Int64, to: Int64)
    /// The chain is keyed, but its key file (this path) is not on this machine: keyed rows cannot be checked.
    case keyMissing(String)
    /// A live store whose chain is not keyed: anyone who can write the store could rewrite it.
    case notKeyed
    /// The row at the kept anchor's seq is gone or differs from it.
    case anchor(seq: Int64)

    public var description: String {
        switch self {
        case .keyMissing(let path): "keyMissing:\(path)"
        case .notKeyed: "notKeyed"
        case .anchor(let s): "anchor:\(s)"
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

/// The chain's head as an office keeps it away from the store (on paper, in a mail): `audit verify --anchor`
/// then proves that nothing up to that row was rewritten, key or no key.
public struct AuditAnchor: Sendable, Equatable, CustomStringConvertible {
    public let seq: Int64
    public let hash: String
    public let at: String?

    public init(seq: Int64, hash: String, at: String? = nil) {
        self.seq = seq
        self.hash = hash
        self.at = at
    }

    /// `<seq>:<hash>` (what `audit anchor` prints first on its line).
    public var description: String { "\(seq):\(hash)" }

    /// Reads `<seq>:<hash>`; nil for anything else.
    public static func parse(_ text: String) -> AuditAnchor? {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let seq = Int64(parts[0]), seq > 0, parts[1].count == 64,
              parts[1].allSatisfy({ $0.isHexDigit && !$0.isUppercase }) else { return nil }
        return AuditAnchor(seq: seq, hash: String(parts[1]))
    }
}
