import Foundation
import OneWindowCore
import OneWindowService
import OneWindowStore

/// A real store, with the shipped policies and a fixed date (2026-11-22): a file in a fresh temporary
/// folder, or, when `ONEWINDOW_TEST_PG` names a PostgreSQL server (`.ci/test` sets it), a fresh database there.
struct Fixture {
    /// The server the service tests run on instead of SQLite files, if any.
    static let postgres = ProcessInfo.processInfo.environment["ONEWINDOW_TEST_PG"].flatMap { $0.isEmpty ? nil : $0 }
    /// For tests of what only a SQLite file has (its file, its bytes, GRDB's coding): off on PostgreSQL.
    static var onSQLite: Bool { postgres == nil }

    static let today = CalendarDate(year: 2026, month: 11, day: 22)!
    static let adminPassword = "admin-password"

    let dir: URL
    let store: Store
    /// The store's file, or its database's URL (with whatever `store.path` leaves out for the screen).
    let location: String
    let clock = Clock.fixed(Fixture.today)
    let policies: PolicyBook

    // Valid test identifiers (GB 11643 / GB 32100 check characters computed for these bodies).
    static let lina = try! CitizenID("110105199003070025", today: today)       // female
    static let wei = try! CitizenID("210102199204150042", today: today)        // female
    static let zhang = try! CitizenID("120101198811220062", today: today)      // female
    static let tianjinCo = try! CreditCode("91120116MA05XXXX0J")
    static let shenyangCo = try! CreditCode("91210102MA0Y2K3L4J")
    static let shantouInst = try! CreditCode("12440500MB2C1234P1")

    init(mode: StoreMode = .live, region: String = "tianjin") throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("ow-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        location = try Fixture.postgres.map { try Store.testingFreshPostgresDatabase(serverURL: $0) }
            ?? dir.appendingPathComponent("store.sqlite").path
        store = try StoreSetup.initialize(path: location, admin: "root",
                                          password: Fixture.adminPassword, region: region, mode: mode, clock: clock)
        policies = try PolicyBook.load(store: store, shipped: StoreSetup.shippedPolicies())
    }

    /// A context for an operator of any role, without the (deliberately slow) password check.
    func context(_ role: Role, name: String? = nil, clock: Clock? = nil) -> ServiceContext {
        let mode = StoreMode(rawValue: (try? store.meta("mode")) ?? "live") ?? .live
        return ServiceContext(store: store, policies: (try? PolicyBook.load(store: store, shipped: StoreSetup.shippedPolicies())) ?? policies,
                              clock: clock ?? self.clock, session: Session(operatorName: name ?? role.rawValue, role: role,
                                                             storeMode: mode, agencyRegion: "tianjin"))
    }

    var clerk: ServiceContext { context(.clerk) }
    var supervisor: ServiceContext { context(.supervisor) }
    var admin: ServiceContext { context(.admin, name: "root") }

    /// Two employers: a Tianjin enterprise unified since 2020-01 and a Shantou institution not yet unified.
    func withEmployers() throws -> Fixture {
        let reg = RegistrationService(clerk)
        _ = try reg.registerEmployer(code: Fixture.tianjinCo, name: "天津某某科技有限公司", region: "tianjin",
                                     kind: .enterprise, unifiedFrom: YearMonth(year: 2020, month: 1))
        _ = try reg.registerEmployer(code: Fixture.shantouInst, name: "汕头某事业单位", region: "shantou",
                                     kind: .government, unifiedFrom: nil)
        return self
    }

    /// Li Na enrolled as an employee of the Tianjin enterprise from 2026-01 (needs `withEmployers`).
    func withLina() throws -> Fixture {
        try RegistrationService(clerk).enrol(id: Fixture.lina, name: "李娜", category: .employee,
                                             employer: Fixture.tianjinCo, base: yuan(8000), from: month("2026-01"))
        return self
    }

    func auditCount() throws -> Int { try store.read { tx in try tx.auditRecords.all().count } }
}

func month(_ s: String) -> YearMonth { try! YearMonth.parse(s) }
func yuan(_ y: Int64) -> Money { Money(yuan: y) }
