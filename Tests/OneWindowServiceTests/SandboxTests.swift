import Foundation
import OneWindowCore
import OneWindowService
import OneWindowStore
import Testing

/// The training mode never opens, resets or deletes anything but a training store, and its reset brings
/// the seeded data back while the trainees' scores stay.
@Suite("Training sandbox")
struct SandboxTests {
    /// Bytes and modification time of a store file and of SQLite's WAL and shared-memory files beside
    /// it (nil when absent: a check must not create them either).
    struct Snapshot: Equatable {
        struct File: Equatable {
            let bytes: Data
            let modified: Date
        }
        let files: [File?]
        init(_ path: String) throws {
            files = try [path, path + "-wal", path + "-shm"].map { file in
                guard FileManager.default.fileExists(atPath: file) else { return nil }
                return File(bytes: try Data(contentsOf: URL(fileURLWithPath: file)),
                            modified: try FileManager.default.attributesOfItem(atPath: file)[.modificationDate] as! Date)
            }
        }
    }

    /// A real (live) store with a person in it, closed, as it sits on the agency's disk between sessions.
    static func liveStore() throws -> Fixture {
        let f = try Fixture().withEmployers()
        try RegistrationService(f.clerk).enrol(id: Fixture.lina, name: "李娜", category: .employee, employer: Fixture.tianjinCo,
                                               base: yuan(8000), from: month("2026-01"))
        try f.store.close()
        return f
    }

    @Test("A live store is refused by every training path, and its bytes and modification time stay the same",
          .enabled(if: Fixture.onSQLite, "a store file's bytes; training sandboxes are files"))
    func liveStoreUntouched() throws {
        let live = try Self.liveStore()
        let path = live.store.path
        let before = try Snapshot(path)
        // Closed, the store is one file: its last connection moved the WAL into it (any WAL or shared-memory
        // file a guard created would show in the snapshot).
        #expect(before.files[0] != nil, "the store file")
        Thread.sleep(forTimeInterval: 0.05)  // a write now would show in the modification time
        for attempt in [{ _ = try Sandbox.open(path: path) },
                        { _ = try Sandbox.prepare(path: path, seed: nil, persons: nil, reset: false) },
                        { _ = try Sandbox.prepare(path: path, seed: nil, persons: nil, reset: true) },
                        { _ = try Sandbox.prepare(path: path, seed: 5, persons: nil, reset: true) }] {
            #expect(throws: DomainError("error.sandbox.notTraining", texts: path)) { try attempt() }
        }
        #expect(try Snapshot(path) == before)
    }

    @Test("A whole demo session on the sandbox leaves a live store next to it untouched")
    func demoSessionBesideLiveStore() throws {
        let live = try Self.liveStore()
        let before = try Snapshot(live.store.path)
        let f = try SandboxFixture()
        let hire = try f.cast(.newHire)
        try RegistrationService(try f.trainee).enrol(id: hire.person, name: hire.name, category: .employee,
                                                     employer: CreditCode(trusted: hire.employer!), base: Money(fen: hire.baseFen!),
                                                     from: hire.month)
        #expect(try ExerciseService(try f.trainee).check(SandboxFixture.exercise("register-new-employee")).passed)
        _ = try Sandbox.reset(f.store, clock: SandboxFixture.clock)
        #expect(try Snapshot(live.store.path) == before)
    }

    @Test("Files that are not stores are refused too, and left alone")
    func notAStore() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ow-notstore-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("notes.txt").path
        try Data("not a database".utf8).write(to: URL(fileURLWithPath: path))
        let before = try Snapshot(path)
        #expect(throws: DomainError.self) { _ = try Sandbox.prepare(path: path, seed: nil, persons: nil, reset: true) }
        #expect(try Snapshot(path) == before)
    }

    @Test("--reset replaces a training sandbox this version cannot open (another version's schema)")
    func resetUnopenable() throws {
        let f = try SandboxFixture()
        try f.store.close()
        // A migration this version does not know: Store refuses to open the file ("made by a newer OneWindow").
        try Store.testingMarkWrittenByNewerVersion(at: f.path)
        #expect(throws: DomainError.self) { _ = try Sandbox.open(path: f.path, clock: SandboxFixture.clock) }
        let fresh = try Sandbox.prepare(path: f.path, seed: nil, persons: 200, reset: true, clock: SandboxFixture.clock)
        #expect(try Sandbox.info(fresh).persons == 200)
    }

    @Test("The default sandbox is in the per-user training folder, whatever $ONEWINDOW_STORE says")
    func defaultPath() {
        let env = ["ONEWINDOW_STORE": "/srv/agency/onewindow.sqlite", "XDG_DATA_HOME": "/home/li/.data"]
        #expect(Sandbox.defaultPath(environment: env) == "/home/li/.data/onewindow/training/sandbox.sqlite")
        #expect(Sandbox.defaultPath(environment: [:]).hasSuffix("/.local/share/onewindow/training/sandbox.sqlite"))
    }

    @Test("Reset brings the seeded data back and keeps the scores; another seed needs --reset")
    func reset() throws {
        let f = try SandboxFixture()
        let hire = try f.cast(.newHire)
        try RegistrationService(try f.trainee).enrol(id: hire.person, name: hire.name, category: .employee,
                                                     employer: CreditCode(trusted: hire.employer!), base: Money(fen: hire.baseFen!),
                                                     from: hire.month)
        #expect(try ExerciseService(try f.trainee).check(SandboxFixture.exercise("register-new-employee")).passed)

        let fresh = try Sandbox.reset(f.store, clock: SandboxFixture.clock)
        #expect(try fresh.read { tx in try tx.persons.find(hire.person) } == nil, "the registration is gone")
        let trainee = try Sandbox.signOn(fresh, Sandbox.trainee, clock: SandboxFixture.clock)
        let board = try ExerciseService(trainee).board(SandboxFixture.exercises)
        #expect(board.earned == 10 && board.rows[0].attempts == 1, "the score stayed")
        #expect(try ExerciseService(trainee).cast()[.newHire] == hire, "the same seed, the same people")
        #expect(try AuditService(Sandbox.signOn(fresh, Sandbox.instructor, clock: SandboxFixture.clock)).verify().isIntact)
        try fresh.close()

        #expect(throws: DomainError("error.sandbox.otherSeed", texts: f.path, "1", "2")) {
            _ = try Sandbox.prepare(path: f.path, seed: 2, persons: 300, reset: false, clock: SandboxFixture.clock)
        }
        #expect(throws: DomainError("error.sandbox.otherPersons", texts: f.path, "2000", "300")) {
            _ = try Sandbox.prepare(path: f.path, seed: nil, persons: 300, reset: false, clock: SandboxFixture.clock)
        }
        let reseeded = try Sandbox.prepare(path: f.path, seed: 2, persons: 300, reset: true, clock: SandboxFixture.clock)
        #expect(try Sandbox.info(reseeded).seed == 2)
        #expect(try reseeded.read { tx in try tx.persons.find(hire.person) } == nil)
        #expect(try SyntheticPopulation.count(Sandbox.signOn(reseeded, Sandbox.trainee, clock: SandboxFixture.clock)).persons == 300)
    }
}
