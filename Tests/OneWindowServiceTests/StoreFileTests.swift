import Foundation
import OneWindowCore
import OneWindowService
import OneWindowStore
import Testing

/// The store file itself: who may read it, that opening and reading leave it untouched, and that a
/// read-only copy still answers lookups and `audit verify`.
@Suite struct StoreFileTests {
    static func mode(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    static func freshPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("ow-\(UUID().uuidString)/agency/store.sqlite").path
    }

    @Test("init creates the folders 0700 and the store with its WAL files 0600")
    func ownerOnly() throws {
        let path = Self.freshPath()
        let store = try StoreSetup.initialize(path: path, admin: "root", password: Fixture.adminPassword, region: "tianjin")
        let dir = (path as NSString).deletingLastPathComponent
        #expect(try Self.mode(dir) == 0o700)
        #expect(try Self.mode((dir as NSString).deletingLastPathComponent) == 0o700)
        for file in Store.files(at: path) where FileManager.default.fileExists(atPath: file) {
            #expect(try Self.mode(file) == 0o600, "\(file)")
        }
        #expect(FileManager.default.fileExists(atPath: path + "-wal"), "the WAL exists while the store is open")
        try store.close()
    }

    @Test("opening an up-to-date store and reading it writes nothing")
    func readsWriteNothing() throws {
        let path = Self.freshPath()
        try StoreSetup.initialize(path: path, admin: "root", password: Fixture.adminPassword, region: "tianjin").close()
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        for _ in 0..<2 {
            let store = try StoreSetup.open(path: path)
            #expect(try store.verifyAudit().rows == 3)  // audit.key, store.init, operator.add
            _ = try store.meta("region")
            // Nothing was written: no WAL frames while the store is open (a write would add some).
            let wal = (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? NSNumber)?.intValue ?? 0
            #expect(wal == 0, "WAL holds \(wal) bytes after reads only")
            try store.close()  // the last close checkpoints whatever was written into the main file
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before, "the file's bytes are unchanged")
    }

    @Test("a read-only open answers reads and audit verify, and refuses a write in the operator's words")
    func readOnlyCopy() throws {
        let path = Self.freshPath()
        try StoreSetup.initialize(path: path, admin: "root", password: Fixture.adminPassword, region: "tianjin").close()
        let store = try Store(path: path, readOnly: true)
        #expect(store.readOnly)
        #expect(try store.verifyAudit().rows == 3)  // audit.key, store.init, operator.add
        #expect(try store.meta("region") == "tianjin")
        let refused = #expect(throws: DomainError.self) {
            try store.write(operator: "root") { _, audit in audit.append(AuditEntry(action: "x", entity: "y")) }
        }
        #expect(refused?.message.key == "error.store.readOnly")
        // Signing on works for lookups; a wrong password is refused as on the live store.
        let wrong = #expect(throws: DomainError.self) { try StoreSetup.signOn(store: store, name: "root", password: "nope-nope-1") }
        #expect(wrong?.message.key == "error.signon.failed")
        let ctx = try StoreSetup.signOn(store: store, name: "root", password: Fixture.adminPassword)
        #expect(try AuditService(ctx).verify().isIntact)
        try store.close()
    }
}

@Suite("PostgreSQL connection")
struct PostgresConnectionTests {
    @Test("A counter whose connection the server dropped (a restart) connects again at its next save",
          .enabled(if: !Fixture.onSQLite, "PostgreSQL only (ONEWINDOW_TEST_PG)"))
    func reconnects() throws {
        let f = try Fixture().withEmployers()
        let clerk = f.clerk  // (made now: making a context reads the store, which would find the loss first)
        #expect(try f.count("employer") == 2)
        let other = try Store(path: f.location)
        #expect(try other.testingScalar("""
            SELECT COUNT(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid()) AS x
            """) >= 1)
        Thread.sleep(forTimeInterval: 0.2)  // pg_terminate_backend signals; the backend ends a moment later
        try RegistrationService(clerk).enrol(id: Fixture.lina, name: "李娜", category: .employee, employer: Fixture.tianjinCo,
                                             base: yuan(8000), from: month("2026-01"))
        #expect(try f.count("enrolment") == 2)
        #expect(try AuditService(f.admin).verify().isIntact)
    }
}

@Suite("PostgreSQL transactions")
struct PostgresRetryTests {
    @Test("A transaction the server gives up (serialization failure, deadlock) runs again, up to a bound, and is stored once",
          .enabled(if: !Fixture.onSQLite, "PostgreSQL only (ONEWINDOW_TEST_PG)"))
    func retries() throws {
        let f = try Fixture()
        let before = try f.auditCount()
        // The server itself raises the failure, on the first two tries; the third goes through.
        final class Tries: @unchecked Sendable { var count = 0 }
        let tries = Tries()
        try f.store.write(operator: "root") { tx, audit in
            tries.count += 1
            try tx.meta.set("retry-test", "try \(tries.count)")
            if tries.count < 3 { try tx.testingRaise(sqlState: tries.count == 1 ? "40001" : "40P01") }
            audit.append(AuditEntry(action: "test.retry", entity: "meta"))
        }
        #expect(tries.count == 3)
        #expect(try f.store.meta("retry-test") == "try 3")
        #expect(try f.auditCount() == before + 1)
        #expect(try AuditService(f.admin).verify().isIntact)
        // A failure that goes on past the bound reaches the caller, in words, and stores nothing.
        #expect(throws: DomainError.self) {
            try f.store.write(operator: "root") { tx, audit in
                try tx.testingRaise(sqlState: "40001")
                audit.append(AuditEntry(action: "test.retry", entity: "meta"))
            }
        }
        #expect(try f.auditCount() == before + 1)
    }
}
