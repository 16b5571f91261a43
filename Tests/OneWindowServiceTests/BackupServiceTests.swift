import Foundation
import GRDB
import OneWindowCore
import OneWindowService
import OneWindowStore
import Testing

/// Backup, restore and check (issue 12, item 1), on whichever engine the fixture runs; a backup is always
/// one SQLite file.
@Suite("Backup, restore and check")
struct BackupServiceTests {
    /// A live store with two employers, two employees enrolled in both schemes and a month charged (so the
    /// ledger has lines).
    static func working() throws -> Fixture {
        let f = try Fixture().withEmployers()
        let reg = RegistrationService(f.clerk)
        try reg.enrol(id: Fixture.lina, name: "李娜", category: .employee, employer: Fixture.tianjinCo, base: yuan(8000), from: month("2026-01"))
        try reg.enrol(id: Fixture.wei, name: "魏芳", category: .employee, employer: Fixture.tianjinCo, base: yuan(9000), from: month("2026-01"))
        _ = try ContributionService(f.clerk).run(month: month("2026-09"))
        return f
    }

    /// Another counter: its own connection to the same store.
    static func counter(_ f: Fixture) throws -> ServiceContext {
        ServiceContext(store: try Store(path: f.location), policies: f.policies, clock: f.clock,
                       session: Session(operatorName: "wang", role: .clerk, storeMode: .live, agencyRegion: "tianjin"))
    }

    /// Signs on as `role` to whatever store the restore opens (the password check is `StoreSetup`'s, tested elsewhere).
    static func signOn(_ f: Fixture, _ role: Role = .admin) -> (Store) throws -> ServiceContext {
        { store in ServiceContext(store: store, policies: f.policies, clock: f.clock,
                                  session: Session(operatorName: role == .admin ? "root" : "zhou", role: role, storeMode: .live, agencyRegion: "tianjin")) }
    }

    static func rows(_ path: String, _ sql: String) throws -> Int {
        let q = try DatabaseQueue(path: path)
        defer { try? q.close() }
        return try q.read { db in try Int.fetchOne(db, sql: sql) ?? -1 }
    }

    static func sha(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    @Test("A backup holds the store as it was when it began, though another counter writes between its steps")
    func backupIsOneInstant() throws {
        let f = try Self.working()
        let employersBefore = try f.count("employer")
        let other = try Self.counter(f)
        var steps = 0
        let path = f.dir.appendingPathComponent("b.sqlite").path
        let report = try BackupService(f.admin).backup(to: path) {
            steps += 1
            if steps == 1 {
                _ = try RegistrationService(other).registerEmployer(code: Fixture.shenyangCo, name: "沈阳某某有限公司",
                                                                    region: "shenyang", kind: .enterprise, unifiedFrom: month("2020-01"))
            }
        }
        #expect(steps >= 1)
        #expect(report.verified && !report.removed && report.path == path)
        #expect(report.lines.map { $0.kind } == [.storage, .foreignKeys, .audit, .rows])
        // The write between the steps is in the store, not in the backup.
        #expect(try f.count("employer") == employersBefore + 1)
        #expect(report.snapshot.tables["employer"] == employersBefore)
        #expect(try Self.rows(path, "SELECT COUNT(*) FROM employer") == employersBefore)
        #expect(try Self.rows(path, "SELECT MAX(seq) FROM audit") == Int(report.snapshot.auditSeq))
        #expect(try Self.rows(path, "SELECT COUNT(*) FROM contribution") == f.count("contribution"))
        // One file, whole by itself: rollback-journal mode (header byte 18 = 1), nothing beside it, owner-only.
        let header = try Self.sha(path).prefix(20)
        #expect(header[18] == 1 && header[19] == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: f.dir.path).filter { $0.hasPrefix("b.sqlite") || $0.hasPrefix(".b.sqlite") } == ["b.sqlite"])
        #expect((try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) == 0o600)
        // Audited in the store, after the counter's write.
        let last = try f.store.read { tx in try tx.auditRecords.all() }.last
        #expect(last?.action == "store.backup" && last?.operator == "root" && last?.afterJSON?.contains(path) == true)
        #expect(try AuditService(f.admin).verify().isIntact)
    }

    @Test("A backup never overwrites a file, goes to a dated file in a folder, and is an admin's")
    func backupRules() throws {
        let f = try Self.working()
        let taken = f.dir.appendingPathComponent("taken.sqlite").path
        try Data("keep me".utf8).write(to: URL(fileURLWithPath: taken))
        #expect(throws: FieldError(.backupFile, "reason.backup.exists", texts: taken)) { try BackupService(f.admin).backup(to: taken) }
        #expect(try String(contentsOfFile: taken, encoding: .utf8) == "keep me")
        #expect(throws: FieldError(.backupFile, "reason.backup.notFile")) { try BackupService(f.admin).backup(to: "postgresql:///x") }
        let audit = try f.auditCount()
        #expect(throws: DomainError.self) { try BackupService(f.supervisor).backup(to: f.dir.appendingPathComponent("s.sqlite").path) }
        #expect(!FileManager.default.fileExists(atPath: f.dir.appendingPathComponent("s.sqlite").path))
        #expect(try f.auditCount() == audit + 1)  // the refusal
        let folder = f.dir.appendingPathComponent("usb")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let report = try BackupService(f.admin).backup(to: folder.path)
        #expect(report.verified)
        #expect(report.path.hasPrefix(folder.path + "/onewindow-20261122-") && report.path.hasSuffix(".sqlite"))
    }

    @Test("A restore into a new place checks the backup, copies every row, records who restored what, and checks again")
    func restoreIntoNewPlace() throws {
        let f = try Self.working()
        let backup = f.dir.appendingPathComponent("b.sqlite").path
        let snapshot = try BackupService(f.admin).backup(to: backup).snapshot
        let target = try Fixture.postgres.map { try Store.testingFreshPostgresDatabase(serverURL: $0) }
            ?? f.dir.appendingPathComponent("restored/store.sqlite").path
        let report = try RestoreService.restore(from: backup, to: target, replace: false, clock: f.clock, signOn: Self.signOn(f))
        #expect(report.verified && report.written && report.replacedKeptAt == nil)
        #expect(report.before.map { $0.kind } == [.storage, .foreignKeys, .audit])
        #expect(report.after.map { $0.kind } == [.storage, .foreignKeys, .audit, .rows])
        // The rows of the backup, plus the restore's own audit row (and on a server the copy's).
        let own = Fixture.onSQLite ? 1 : 2
        #expect(report.counts == snapshot.addingAudit(own))
        let restored = try Store(path: target)
        let last = try restored.read { tx in try tx.auditRecords.all() }.last
        #expect(last?.action == "store.restore" && last?.operator == "root" && last?.afterJSON?.contains(backup) == true)
        let ctx = ServiceContext(store: restored, policies: f.policies, clock: f.clock, session: f.admin.session)
        #expect(try StoreCheckService(ctx).check().allOK)
        #expect(try LookupService(ctx).person(Fixture.lina).person.name == "李娜")
        try restored.close()
        if Fixture.onSQLite {
            #expect((try FileManager.default.attributesOfItem(atPath: target)[.posixPermissions] as? Int) == 0o600)
            #expect(try FileManager.default.contentsOfDirectory(atPath: f.dir.appendingPathComponent("restored").path) == ["store.sqlite"])
        }
    }

    @Test("A restore refuses a store that has data and changes nothing; a clerk may not restore")
    func restoreRefusesData() throws {
        let f = try Self.working()
        let backup = f.dir.appendingPathComponent("b.sqlite").path
        _ = try BackupService(f.admin).backup(to: backup)
        let audit = try f.auditCount()
        let bytes = Fixture.onSQLite ? try Self.sha(f.location) : Data()
        let refusal = Fixture.onSQLite ? DomainError("error.restore.hasData", texts: f.location)
            : DomainError("error.restore.pgNotEmpty", texts: f.store.path)
        #expect(throws: refusal) { try RestoreService.restore(from: backup, to: f.location, replace: false, clock: f.clock, signOn: Self.signOn(f)) }
        if !Fixture.onSQLite {  // a database is never replaced
            #expect(throws: refusal) { try RestoreService.restore(from: backup, to: f.location, replace: true, clock: f.clock, signOn: Self.signOn(f)) }
        }
        #expect(try f.auditCount() == audit)
        if Fixture.onSQLite { #expect(try Self.sha(f.location) == bytes) }
        let elsewhere = f.dir.appendingPathComponent("clerk.sqlite").path
        #expect(throws: DomainError.self) {
            try RestoreService.restore(from: backup, to: elsewhere, replace: false, clock: f.clock, signOn: Self.signOn(f, .clerk))
        }
        #expect(!FileManager.default.fileExists(atPath: elsewhere))
        #expect(throws: FieldError(.backupFile, "reason.backup.missing", texts: elsewhere)) {
            try RestoreService.restore(from: elsewhere, to: f.dir.appendingPathComponent("x.sqlite").path, replace: false, clock: f.clock, signOn: Self.signOn(f))
        }
    }

    @Test("A truncated backup, or one whose audit row was changed, is refused before anything is written")
    func damagedBackupRefused() throws {
        let f = try Self.working()
        let backup = f.dir.appendingPathComponent("b.sqlite").path
        _ = try BackupService(f.admin).backup(to: backup)
        let altered = f.dir.appendingPathComponent("altered.sqlite").path
        try FileManager.default.copyItem(atPath: backup, toPath: altered)
        let q = try DatabaseQueue(path: altered)
        try q.writeWithoutTransaction { db in try db.execute(sql: "DROP TRIGGER audit_no_update; UPDATE audit SET operator = 'mallory' WHERE seq = 3") }
        try q.close()
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: backup))
        try handle.truncate(atOffset: UInt64(try Self.sha(backup).count / 2))
        try handle.close()
        for (file, kind) in [(backup, StoreCheckLine.Kind.storage), (altered, .audit)] {
            let target = f.dir.appendingPathComponent("from-\((file as NSString).lastPathComponent)").path
            do {
                let report = try RestoreService.restore(from: file, to: target, replace: false, clock: f.clock, signOn: Self.signOn(f))
                #expect(!report.written && !report.verified)
                #expect(report.before.line(kind)?.ok == false)
                #expect(report.after.isEmpty)
            } catch let e as DomainError {
                // A file too damaged to sign on to says so: the restore is refused all the same.
                #expect(kind == .storage && e.message.key == "error.backup.unreadable")
            }
            #expect(!FileManager.default.fileExists(atPath: target))
            #expect(try FileManager.default.contentsOfDirectory(atPath: f.dir.path).allSatisfy { !$0.contains("restore-") })
        }
    }

    @Test("Replacing a store file keeps the old one beside it, and is refused while a counter has it open")
    func replaceStoreFile() throws {
        guard Fixture.onSQLite else { return }  // a database is never replaced (restoreRefusesData)
        let f = try Self.working()
        let backup = f.dir.appendingPathComponent("b.sqlite").path
        let snapshot = try BackupService(f.admin).backup(to: backup).snapshot
        try RegistrationService(f.clerk).enrol(id: Fixture.zhang, name: "张丽", category: .employee, employer: Fixture.tianjinCo,
                                               base: yuan(7000), from: month("2026-03"))
        let newer = try f.count("person")
        let bytes = try Self.sha(f.location)
        // The fixture's own store is open: a counter using the file.
        #expect(throws: DomainError("error.restore.inUse", texts: f.location)) {
            try RestoreService.restore(from: backup, to: f.location, replace: true, clock: f.clock, signOn: Self.signOn(f))
        }
        #expect(try Self.sha(f.location) == bytes)
        #expect(try FileManager.default.contentsOfDirectory(atPath: f.dir.path).allSatisfy { !$0.contains("restore-") && !$0.contains("replaced") })
        try f.store.close()
        let report = try RestoreService.restore(from: backup, to: f.location, replace: true, clock: f.clock, signOn: Self.signOn(f))
        #expect(report.verified && report.counts == snapshot.addingAudit(1))
        let kept = try #require(report.replacedKeptAt)
        #expect(kept.hasPrefix(f.location + ".replaced-"))
        #expect(try Self.rows(kept, "SELECT COUNT(*) FROM person") == newer)
        #expect(try Self.rows(f.location, "SELECT COUNT(*) FROM person") == newer - 1)
        #expect(!FileManager.default.fileExists(atPath: f.location + "-wal"))
    }

    // MARK: check

    /// Runs `check` after `plant` and returns the kinds that failed.
    static func failing(after plant: (Fixture) throws -> Void) throws -> [StoreCheckLine.Kind] {
        let f = try working()
        #expect(try StoreCheckService(f.supervisor).check().allOK)
        try plant(f)
        return try StoreCheckService(f.supervisor).check().filter { !$0.ok }.map { $0.kind }
    }

    @Test("check passes a sound store, line by line, and is a supervisor's or an admin's")
    func checkSound() throws {
        let f = try Self.working()
        let lines = try StoreCheckService(f.admin).check()
        #expect(lines.map { $0.kind } == [.storage, .foreignKeys, .audit, .schemes, .ledger])
        #expect(lines.allOK)
        #expect(throws: DomainError.self) { try StoreCheckService(f.clerk).check() }
    }

    @Test("check finds a maternity enrolment deleted behind the program's back")
    func checkSchemes() throws {
        #expect(try Self.failing { f in try f.raw("DELETE FROM enrolment WHERE scheme = 'maternity' AND personID = 2") } == [.schemes])
    }

    @Test("check finds an audit row edited with SQL")
    func checkAudit() throws {
        #expect(try Self.failing { f in
            try f.dropAuditTrigger("audit_no_update")
            try f.raw("UPDATE audit SET operator = 'mallory' WHERE seq = 4")
            if !Fixture.onSQLite { try f.raw("ALTER TABLE audit ENABLE TRIGGER audit_no_update") }
        } == [.audit])
    }

    @Test("check finds a ledger line changed with SQL")
    func checkLedger() throws {
        #expect(try Self.failing { f in
            try f.raw(Fixture.onSQLite ? "DROP TRIGGER ledgerLine_no_update" : "ALTER TABLE ledgerLine DISABLE TRIGGER ledgerLine_no_change")
            try f.raw("UPDATE ledgerLine SET debitFen = debitFen + 1 WHERE debitFen > 0 AND entryID = (SELECT MIN(entryID) FROM ledgerLine)")
            if !Fixture.onSQLite { try f.raw("ALTER TABLE ledgerLine ENABLE TRIGGER ledgerLine_no_change") }
        } == [.ledger])
    }

    @Test("check finds a row pointing at no row, put in with the engine's checks off")
    func checkForeignKeys() throws {
        let orphan = "INSERT INTO contributionBase (personID, fromMonth, baseFen) VALUES (99999, '2026-01', 800000)"
        #expect(try Self.failing { f in
            try f.raw(Fixture.onSQLite ? "PRAGMA foreign_keys = OFF; \(orphan)"
                      : "BEGIN; SET LOCAL session_replication_role = replica; \(orphan); COMMIT")
        } == [.foreignKeys])
    }

    @Test("check finds a disabled append-only trigger on PostgreSQL, damaged pages on SQLite")
    func checkStorage() throws {
        let f = try Self.working()
        var ctx = f.supervisor
        if Fixture.onSQLite {
            // Scribble over a page in the middle of the file, past the header, with the store closed (so no
            // cached page hides it): integrity_check reads every page.
            try f.store.checkpoint()
            try f.store.close()
            let size = try Self.sha(f.location).count
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: f.location))
            try handle.seek(toOffset: UInt64(size / 4096 / 2 * 4096))
            handle.write(Data(repeating: 0xA5, count: 4096))
            try handle.close()
            ctx = ServiceContext(store: try Store(path: f.location), policies: f.policies, clock: f.clock, session: ctx.session)
        } else {
            try f.raw("ALTER TABLE ledgerEntry DISABLE TRIGGER ledgerEntry_no_change")
        }
        let lines = try StoreCheckService(ctx).check()
        #expect(lines.line(.storage)?.ok == false)
        if !Fixture.onSQLite { #expect(lines.filter { !$0.ok }.map { $0.kind } == [.storage]) }
    }
}
