import Foundation
import OneWindowCore
import OneWindowService
import OneWindowResources
import OneWindowStore

/// A seeded training sandbox at the fixed test date. Seeding takes seconds, so one template is made
/// per test run and each test works on its own copy of the file.
struct SandboxFixture {
    static let clock = Clock.fixed(Fixture.today)

    static let template: String = {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ow-sandbox-template-\(UUID().uuidString)")
        let path = dir.appendingPathComponent("sandbox.sqlite").path
        let store = try! Sandbox.create(path: path, seed: 1, clock: clock)
        try! store.close()
        return path
    }()

    let dir: URL
    let path: String
    let store: Store

    init() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("ow-sandbox-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        path = dir.appendingPathComponent("sandbox.sqlite").path
        try FileManager.default.copyItem(atPath: Self.template, toPath: path)
        store = try Sandbox.open(path: path, clock: Self.clock)
    }

    func signOn(_ account: Sandbox.Account) throws -> ServiceContext {
        try Sandbox.signOn(store, account, clock: Self.clock)
    }

    var trainee: ServiceContext { get throws { try signOn(Sandbox.trainee) } }
    var instructor: ServiceContext { get throws { try signOn(Sandbox.instructor) } }

    func cast(_ role: CastRole) throws -> CastMember { try ExerciseService(trainee).cast()[role]! }

    static let exercises: [Exercise] = try! BundledFiles.exercises()
    static func exercise(_ id: String) -> Exercise { exercises.first { $0.id == id }! }
}
