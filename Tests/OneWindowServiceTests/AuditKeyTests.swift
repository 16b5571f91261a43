import Crypto
import Foundation
import OneWindowCore
import OneWindowService
@testable import OneWindowStore
import Testing

@Suite("The keyed audit chain and its anchor")
struct AuditKeyTests {
    func populated() throws -> Fixture { try Fixture().withEmployers().withLina() }

    /// What someone who can write the store but has no key would do: change a row, then recompute every
    /// hash from it on with plain SHA-256 (as the chain was before it was keyed).
    func rewriteWithoutKey(_ f: Fixture, seq: Int64) throws {
        try f.dropAuditTrigger("audit_no_update")
        try f.raw("UPDATE audit SET operator = 'mallory' WHERE seq = \(seq)")
        let rows = try f.store.read { tx in try tx.auditRecords.all() }
        var prev = rows.first { $0.seq == seq - 1 }?.hash ?? AuditLog.genesis
        for r in rows where r.seq >= seq {
            let h = AuditLog.hash(prev: prev, seq: r.seq, at: r.at, operator: r.operator, action: r.action, entity: r.entity,
                                  before: r.beforeJSON, after: r.afterJSON, key: nil)
            try f.raw("UPDATE audit SET prevHash = '\(prev)', hash = '\(h)' WHERE seq = \(r.seq)")
            prev = h
        }
        if !Fixture.onSQLite { try f.raw("UPDATE audit_head SET hash = '\(prev)'") }
    }

    @Test("A live store's chain is keyed from its first row; a rewritten and recomputed chain is caught")
    func rewriteCaught() throws {
        let f = try populated()
        let first = try #require(try f.store.read { tx in try tx.auditRecords.all().first })
        #expect(first.seq == 1 && first.action == "audit.key")
        #expect(try AuditService(f.admin).verify().isIntact)
        try rewriteWithoutKey(f, seq: 3)
        let problems = try AuditService(f.admin).verify().problems
        #expect(!problems.isEmpty && problems.allSatisfy { if case .altered = $0 { true } else { false } })
        #expect(problems.contains(.altered(seq: 3)))
    }

    @Test("Dropping the store's key mark, or moving it past the head, does not make the chain plain")
    func markTampering() throws {
        let f = try populated()
        try f.raw("DELETE FROM meta WHERE key IN ('audit.keyID', 'audit.keyedFrom')")
        #expect(try AuditService(f.admin).verify().problems.contains(.notKeyed))
        let g = try populated()
        try g.raw("UPDATE meta SET value = '999' WHERE key = 'audit.keyedFrom'")
        #expect(try AuditService(g.admin).verify().problems.contains(.altered(seq: 999)))
        try g.raw("UPDATE meta SET value = '2' WHERE key = 'audit.keyedFrom'")
        #expect(try AuditService(g.admin).verify().problems.contains(.altered(seq: 2)))
    }

    @Test("Without its key file a store refuses writes (nothing saved) and verify says where the key belongs")
    func keyMissing() throws {
        let f = try populated()
        let id = try #require(try f.store.meta("audit.keyID"))
        let file = AuditKey.file(id: id)
        let aside = file + ".aside"
        try FileManager.default.moveItem(atPath: file, toPath: aside)
        defer { try? FileManager.default.moveItem(atPath: aside, toPath: file) }
        let other = try Store(path: f.location)  // a process that has not read the key yet
        let before = try f.auditCount()
        #expect(throws: DomainError("error.audit.keyMissing", texts: file)) {
            try other.write(operator: "root") { _, audit in audit.append(AuditEntry(action: "x", entity: "y")) }
        }
        #expect(try f.auditCount() == before)
        #expect(try other.verifyAudit().problems == [.keyMissing(file)])
    }

    @Test("An older live store is keyed when it is next opened, once; its earlier rows stay plain and verify")
    func upgradeKeysOnce() throws {
        let f = try populated()
        try f.raw("DELETE FROM meta WHERE key IN ('audit.keyID', 'audit.keyedFrom')")
        let rows = try f.auditCount()
        // Rows 1…n stay as they are (their hashes were keyed, so re-key the test's store plainly first).
        try rewriteWithoutKey(f, seq: 1)
        _ = try StoreSetup.open(path: f.location)
        _ = try StoreSetup.open(path: f.location)
        #expect(try f.auditCount() == rows + 1)
        #expect(try f.store.meta("audit.keyedFrom") == String(rows + 1))
        #expect(try AuditService(f.admin).verify().isIntact)
    }

    @Test("A training store's chain is plain, and verifies")
    func trainingPlain() throws {
        let f = try Fixture(mode: .training)
        #expect(try f.store.meta("audit.keyID") == nil)
        #expect(try AuditService(f.admin).verify().isIntact)
    }

    @Test("An anchor kept away from the store: matches while untouched; a rewrite up to it is caught even with the key")
    func anchor() throws {
        let f = try populated()
        let head = try #require(try AuditService(f.admin).anchor())
        #expect(try f.store.read { tx in try tx.auditRecords.all().last?.action } == "audit.anchor")
        #expect(try AuditService(f.admin).verify(anchor: head).isIntact)
        #expect(AuditAnchor.parse(head.description) == AuditAnchor(seq: head.seq, hash: head.hash))
        for bad in ["", "3", "3:", "x:\(head.hash)", "0:\(head.hash)", "3:\(head.hash.uppercased())", "3:abc"] {
            #expect(AuditAnchor.parse(bad) == nil, "\(bad)")
        }
        // Someone holding the key rewrites row 3 and recomputes everything with it: the chain verifies, the anchor does not.
        try f.dropAuditTrigger("audit_no_update")
        try f.raw("UPDATE audit SET operator = 'mallory' WHERE seq = 3")
        let keyID = try #require(try f.store.meta("audit.keyID"))
        let key = try #require(AuditKey.load(id: keyID))
        let rows = try f.store.read { tx in try tx.auditRecords.all() }
        var prev = rows[1].hash
        for r in rows where r.seq >= 3 {
            let h = AuditLog.hash(prev: prev, seq: r.seq, at: r.at, operator: r.operator, action: r.action, entity: r.entity,
                                  before: r.beforeJSON, after: r.afterJSON, key: key)
            try f.raw("UPDATE audit SET prevHash = '\(prev)', hash = '\(h)' WHERE seq = \(r.seq)")
            prev = h
        }
        if !Fixture.onSQLite { try f.raw("UPDATE audit_head SET hash = '\(prev)'") }
        #expect(try AuditService(f.admin).verify().isIntact)
        #expect(try AuditService(f.admin).verify(anchor: head).problems == [.anchor(seq: head.seq)])
        #expect(try AuditService(f.admin).verify(anchor: AuditAnchor(seq: 9_999, hash: head.hash)).problems == [.anchor(seq: 9_999)])
    }
}
