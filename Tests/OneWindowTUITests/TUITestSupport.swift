import Foundation
import OneWindowCore
import OneWindowResources
import OneWindowService
import OneWindowStore
import OneWindowTUI
import Testing

/// A real store in a temporary folder with operators and a little data, and the counter application
/// running on a `VirtualTerminal` at a fixed date (2026-11-22, Beijing).
final class TUIFixture {
    static let today = CalendarDate(year: 2026, month: 11, day: 22)!
    let dir: URL
    let store: Store
    let clock = Clock.fixed(TUIFixture.today)

    static let lina = "110105199003070025"
    static let tianjinCo = "91120116MA05XXXX0J"
    static let shantouInst = "12440500MB2C1234P1"

    init(training: Bool = false, seed: Bool = true) throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("owtui-\(UUID().uuidString)")
        store = try StoreSetup.initialize(path: dir.appendingPathComponent("store.sqlite").path, admin: "root",
                                          password: "admin-password", region: "tianjin",
                                          mode: training ? .training : .live, clock: clock)
        if seed { try self.seed() }
    }

    func context(_ role: Role, name: String? = nil) throws -> ServiceContext {
        let mode: StoreMode = (try store.meta("mode")) == "training" ? .training : .live
        return ServiceContext(store: store, policies: try PolicyBook.load(store: store, shipped: StoreSetup.shippedPolicies()),
                              clock: clock, session: Session(operatorName: name ?? role.rawValue, role: role,
                                                             storeMode: mode, agencyRegion: "tianjin"))
    }

    /// Two employers (one unified, one on old channels) and one employee with a few charged months.
    func seed() throws {
        let admin = try context(.admin, name: "root")
        try OperatorService(admin).add(name: "wang", role: .clerk, password: "clerk-password")
        try OperatorService(admin).add(name: "zhao", role: .supervisor, password: "super-password")
        let reg = RegistrationService(try context(.clerk, name: "wang"))
        _ = try reg.registerEmployer(code: CreditCode(Self.tianjinCo), name: "天津某某科技有限公司", region: "tianjin",
                                     kind: .enterprise, unifiedFrom: YearMonth(year: 2020, month: 1))
        _ = try reg.registerEmployer(code: CreditCode(Self.shantouInst), name: "汕头某事业单位", region: "shantou",
                                     kind: .government, unifiedFrom: nil)
        try reg.enrol(id: CitizenID(Self.lina, today: Self.today), name: "李娜", category: .employee,
                      employer: CreditCode(Self.tianjinCo), base: Money(yuan: 8000), from: YearMonth(year: 2026, month: 1)!)
        let contributions = ContributionService(try context(.clerk, name: "wang"))
        for m in 9...11 { _ = try contributions.run(month: YearMonth(year: 2026, month: m)!) }
    }

    /// The application signed on as `role` without typing (sign-on itself is tested through its screen).
    func app(as role: Role = .clerk, name: String = "wang", language: Language = .zh, size: Size = .minimum,
             factory: ScreenFactory = .standard) throws -> (Application, VirtualTerminal) {
        let terminal = VirtualTerminal(size: size)
        let app = try CounterTerminal.application(terminal: terminal, store: store, strings: StringTable(language: language),
                                                  storeLabel: "store.sqlite", factory: factory)
        app.ui.clock = clock
        app.ui.services = try context(role, name: name)
        app.goHome()
        return (app, terminal)
    }
}

extension Application {
    /// Feeds keys one by one, as a terminal would, drawing after each as `run` does (what is on screen
    /// decides what Enter may open), and returns the screen after the last one.
    @discardableResult
    func press(_ keys: Key...) -> Canvas { press(keys) }

    @discardableResult
    func press(_ keys: [Key]) -> Canvas {
        for k in keys {
            handle(k)
            _ = frame()
        }
        return frame()
    }

    @discardableResult
    func type(_ text: String) -> Canvas { press(text.map { Key.char($0) }) }

    var screenText: String { frame().lines.joined(separator: "\n") }
}

/// Golden screens: `Tests/OneWindowTUITests/Goldens/<name>.txt` holds the 80×24 text and, below a
/// separator, one style letter per cell (see `Canvas.styleLetters`). Compared cell by cell; run with
/// UPDATE_GOLDENS=1 to rewrite them (then read the diff before committing).
enum Golden {
    static let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Goldens")

    static func render(_ canvas: Canvas) -> String {
        let text = (0..<canvas.size.rows).map { r in canvas.line(r) }
        let styles = (0..<canvas.size.rows).map { r in canvas.styleLine(r) }
        return (text + ["-- styles --"] + styles).joined(separator: "\n") + "\n"
    }

    static func check(_ name: String, _ canvas: Canvas, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = dir.appendingPathComponent("\(name).txt")
        let actual = render(canvas)
        if ProcessInfo.processInfo.environment["UPDATE_GOLDENS"] == "1" {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            try actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("missing golden \(name).txt: run the tests with UPDATE_GOLDENS=1 and review it", sourceLocation: sourceLocation)
            return
        }
        if expected != actual {
            try actual.write(to: url.appendingPathExtension("actual"), atomically: true, encoding: .utf8)
            let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let first = zip(e, a).enumerated().first { $0.element.0 != $0.element.1 }
            Issue.record("""
                golden \(name) differs at line \(first.map { $0.offset + 1 } ?? min(e.count, a.count))
                expected: \(first.map { String($0.element.0) } ?? "")
                actual:   \(first.map { String($0.element.1) } ?? "")
                (full actual screen written to \(name).txt.actual)
                """, sourceLocation: sourceLocation)
        }
    }
}
