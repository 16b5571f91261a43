import Foundation
import OneWindowCore
import OneWindowResources
import OneWindowService
import OneWindowStore
@testable import OneWindowTUI
import Testing

/// Issue 12, item 5: random key storms into every screen reachable from the home menu, for the clerk, the
/// supervisor, the admin and the trainee: printable and CJK keys, control and function keys, resizes to small
/// and large, pastes with line breaks and control characters. After every key: no crash, a well-formed canvas,
/// no unexpected error, no form left inconsistent, nothing written while the window is too small, and a write
/// only on a key that saves (F5) or answers yes to a question on screen. After each storm the counter goes back
/// home by keys and still works.
@Suite("Key storms into every screen")
struct KeyStormTests {
    /// A screen and the keys from home that open it.
    struct Entry {
        let name: String
        let screenID: String
        let open: (Application) -> Void
        /// A filled-in form stormed with Enter, F5 and Y often: saves happen, and must only happen as they should.
        var saving = false
    }

    /// A citizen ID not yet registered, with its check character (a different one for each storm).
    static func newID(_ n: Int) -> String {
        let body = "11010519950101" + String(format: "%03d", n % 1000)
        return body + String(CitizenID.checkCharacter(for: body)!)
    }
    nonisolated(unsafe) static var fresh = 0
    static let freshLock = NSLock()
    static func nextFresh() -> Int { freshLock.lock(); defer { freshLock.unlock() }; fresh += 1; return fresh }

    /// OW11 with a new employee of the Tianjin employer typed in (not yet validated).
    static func enrolFilled(_ app: Application) {
        menu("tui.menu.enrol")(app)
        app.type(newID(nextFresh())); app.press(.tab)
        app.type("陈静"); app.press(.tab, .tab)
        app.type(TUIFixture.tianjinCo); app.press(.tab)
        app.type("7000"); app.press(.tab, .ctrl("u"))
        app.type("2026-11")
    }

    /// OW21 with a new employer's code and name typed in.
    static func employerFilled(_ app: Application) {
        menu("tui.menu.employer")(app)
        app.type("91210102MA0Y2K3L4J"); app.press(.tab)
        app.type("沈阳某某贸易有限公司")
    }

    /// OW31 with her allowance claim for a birth on 2026-11-20 typed in, her account last.
    static func claimFilled(_ app: Application) {
        claimForm(app)
        app.type("2026-11-20")
        app.press(.tab, .tab, .tab, .tab, .tab, .tab, .tab, .tab, .tab)
        app.type("6222021234567890123")
    }

    static func menu(_ key: String) -> (Application) -> Void {
        { app in
            guard let home = app.top as? HomeScreen, let i = home.menu(app.ui).firstIndex(where: { $0.key == key }) else { return }
            app.press(.tab, .char(Character("\(i + 1)")))
        }
    }

    static func then(_ first: @escaping (Application) -> Void, _ keys: Key...) -> (Application) -> Void {
        { app in first(app); app.press(keys) }
    }

    static func lina(_ app: Application) { app.type(TUIFixture.lina); app.press(.enter) }
    static func employer(_ app: Application) { app.type(TUIFixture.tianjinCo); app.press(.enter) }
    /// OW30 with the allowance type picked and every material ticked, then Enter: the event form.
    static func claimForm(_ app: Application) {
        lina(app)
        app.type("41")
        let count = app.screenText.components(separatedBy: "[ ]").count - 1
        for _ in 0..<count { app.press(.char(" "), .down) }
        app.press(.enter)
    }

    static func counterEntries(receipt: String) -> [Entry] {
        [Entry(name: "home", screenID: "OW01", open: { _ in }),
         Entry(name: "enrol", screenID: "OW11", open: menu("tui.menu.enrol")),
         Entry(name: "employer picker", screenID: "OW05", open: then(menu("tui.menu.enrol"), .tab, .tab, .tab, .function(4))),
         Entry(name: "employer registration", screenID: "OW21", open: menu("tui.menu.employer")),
         Entry(name: "person", screenID: "OW10", open: lina),
         Entry(name: "change registration", screenID: "OW12", open: then(lina, .char("1"))),
         Entry(name: "contributions", screenID: "OW13", open: then(lina, .char("2"))),
         Entry(name: "claim type", screenID: "OW30", open: then(lina, .char("4"))),
         Entry(name: "claim form", screenID: "OW31", open: claimForm),
         Entry(name: "claim form help", screenID: "OW31", open: then(claimForm, .function(1))),
         Entry(name: "estimate", screenID: "OW31", open: then(lina, .char("5"), .char("1"), .enter)),
         Entry(name: "receipt", screenID: "OW32", open: { app in app.type(receipt); app.press(.enter) }),
         Entry(name: "employer", screenID: "OW20", open: employer),
         Entry(name: "wage", screenID: "OW33", open: then(employer, .function(9))),
         Entry(name: "employer claims", screenID: "OW38", open: then(employer, .function(4))),
         Entry(name: "enrol at employer", screenID: "OW11", open: then(employer, .function(6))),
         Entry(name: "worklists", screenID: "OW39", open: menu("tui.menu.worklists")),
         Entry(name: "enrol filled in", screenID: "OW11", open: enrolFilled, saving: true),
         Entry(name: "employer registration filled in", screenID: "OW21", open: employerFilled, saving: true),
         Entry(name: "claim form filled in", screenID: "OW31", open: claimFilled, saving: true),
         Entry(name: "wage filled in", screenID: "OW33", open: then(employer, .function(9), .char("6"), .char("5"), .char("0"), .char("0")), saving: true),
         Entry(name: "change registration saving", screenID: "OW12", open: then(lina, .char("1")), saving: true)]
    }

    static var supervisorEntries: [Entry] { [
        Entry(name: "approval queue", screenID: "OW35", open: menu("tui.approval.menu")),
        Entry(name: "claim decision", screenID: "OW36", open: then(menu("tui.approval.menu"), .enter)),
        Entry(name: "claim decision saving", screenID: "OW36", open: then(menu("tui.approval.menu"), .enter), saving: true),
        Entry(name: "payments", screenID: "OW37", open: menu("tui.payments.menu")),
        Entry(name: "payments saving", screenID: "OW37", open: menu("tui.payments.menu"), saving: true),
        Entry(name: "fund overview", screenID: "OW50", open: menu("tui.fund.menu")),
        Entry(name: "statistics", screenID: "OW51", open: then(menu("tui.fund.menu"), .function(6))),
        Entry(name: "budget", screenID: "OW52", open: then(menu("tui.fund.menu"), .function(9))),
    ] }

    static var adminEntries: [Entry] { [
        Entry(name: "operators", screenID: "OW90", open: menu("tui.menu.operators")),
        Entry(name: "operators saving", screenID: "OW90", open: menu("tui.menu.operators"), saving: true),
        Entry(name: "home", screenID: "OW01", open: { _ in }),
        Entry(name: "person", screenID: "OW10", open: lina),
    ] }

    /// The audit rows so far, by the store's own count (cheap enough to read after every key).
    static func auditCount(_ store: Store) throws -> Int { try store.testingScalar("SELECT COUNT(*) FROM audit") }

    /// What the storms did, for the printed tally.
    final class Tally {
        var keys = 0, storms = 0, writes = 0, saves = 0, onEntry = 0
        var screens: Set<String> = []
        var findings: [String] = []
        func record(_ s: String) { if findings.count < 12 { findings.append(s) } else if findings.count == 12 { findings.append("… more") } }
    }

    /// Runs storms from each entry on `app`, checking the invariants after every key.
    static func storm(_ entries: [Entry], role: String, store: Store, stream: UInt64, tally: Tally,
                      make: () throws -> (Application, VirtualTerminal), stillWorks: (Application) -> String?) throws {
        var storm = KeyStorm(stream: stream)
        let unexpected = [StringTable.zh("tui.unexpected", ""), try StringTable(language: .en)("tui.unexpected", "")]
        for (e, entry) in entries.enumerated() {
            for s in 0..<KeyStorm.stormsPerScreen {
                let (app, terminal) = try make()
                entry.open(app)
                let label = "\(role) \(entry.name) storm \(s) (seed \(KeyStorm.seed), stream \(stream), entry \(e))"
                guard app.top.screenID == entry.screenID else {
                    tally.record("\(label): the keys to open it reached \(app.top.screenID), not \(entry.screenID)")
                    continue
                }
                var audit = try auditCount(store)
                var last = app.frame()
                var keys: [Key] = []
                for _ in 0..<KeyStorm.keysPerStorm {
                    // Back on the first screen with nothing asked: open the stormed screen again, so the storm stays on it.
                    if app.stack.count == 1, app.dialog == nil, terminal.size.isUsable, !["OW01", "OW03"].contains(entry.screenID) {
                        entry.open(app)
                        (audit, last) = (try auditCount(store), app.frame())  // opening her record is an audited read
                    }
                    // Held back is judged by the size the key was typed at: a resize changes it as the key is made.
                    let usable = terminal.size.isUsable
                    var key = storm.next(terminal, saving: entry.saving)
                    let question = app.dialogKey
                    let (before, stackBefore) = (app.top, app.stack.count)
                    // (Only F5 needs to know; the mirror walk is not free.)
                    let validated = key == .function(5) && Invariants.forms(of: app.top).forms.contains(where: \.isValidated)
                    if let q = question, KeyStorm.notYes.contains(q), key == .char("y") || key == .char("Y") { key = .char("n") }
                    keys.append(key)
                    app.handle(key)
                    let canvas = app.frame()
                    tally.keys += 1
                    if app.top.screenID == entry.screenID { tally.onEntry += 1 }
                    tally.screens.insert("\(role):\(app.top.screenID)")
                    let where_ = "\(label), key \(keys.count) \(key) on \(app.top.screenID)"
                    if app.finished { tally.record("\(where_): the application quit"); break }
                    for p in Invariants.canvas(canvas).prefix(2) { tally.record("\(where_): \(p)") }
                    for p in Invariants.forms(app.top).prefix(2) { tally.record("\(where_): \(p)") }
                    if let m = app.ui.message?.text, unexpected.contains(where: { m.hasPrefix($0) }) { tally.record("\(where_): \(m)") }
                    let now = try auditCount(store)
                    if now != audit {
                        tally.writes += 1
                        let actions = try store.read { tx in try tx.auditRecords.all() }.suffix(now - audit).map(\.action)
                        let answered = question != nil && (key == .char("y") || key == .char("Y") || key == .function(5))
                        let reads = Self.readActions.isSuperset(of: actions)
                        // A save only by F5 on what Enter validated (or the screen's own F5 action), or by a yes to a question on screen,
                        // and said: a message, or the next screen.
                        let byF5 = key == .function(5) && question == nil && (validated || Self.ownF5.contains(before.screenID))
                        let shown = app.ui.message != nil || app.top !== before || app.stack.count != stackBefore
                            || canvas.lines != last.lines || Self.ownF5.contains(before.screenID)
                        if !usable || key == .resize || !(reads || (answered || byF5) && shown) {
                            tally.record("\(where_): wrote \(actions) (window usable: \(usable), question: \(question ?? "none"), validated: \(validated), said: \(shown))")
                        }
                        if !reads { tally.saves += 1 }
                        audit = now
                    }
                    last = canvas
                }
                tally.storms += 1
                terminal.size = .minimum
                app.handle(.resize)
                if !app.backHome() { tally.record("\(label): F3 does not lead home from \(app.top.screenID) after \(keys.suffix(20))") }
                if let p = stillWorks(app) { tally.record("\(label): after the storm \(p)") }
            }
        }
    }

    /// Screens whose F5 is an action of its own, not a form's save: the exercise's check (records the attempt and
    /// shows its findings in place; pressed again, the same findings).
    static let ownF5: Set<String> = ["OW81"]

    /// Audit rows that record a read (who looked at what), which opening or searching legitimately writes.
    static let readActions: Set<String> = ["person.view", "person.reveal"]

    /// Her ID typed into the search box (first back in it and cleared, as a clerk would) opens her record.
    static func counterWorks(_ app: Application) -> String? {
        for _ in 0..<3 where (app.top as? HomeScreen)?.zone != .search { app.press(.tab) }
        app.press(.ctrl("u"))
        lina(app)
        defer { _ = app.backHome() }
        return app.top.screenID == "OW10" && app.screenText.contains("李娜") ? nil : "her ID opens \(app.top.screenID), not her record"
    }

    static func finish(_ name: String, _ tally: Tally) {
        print("key storm \(name): \(tally.storms) storms, \(tally.keys) keys sent (\(tally.onEntry) on the screen stormed), \(tally.writes) keys that wrote (\(tally.saves) saves), \(tally.screens.count) screens visited: \(tally.screens.sorted().joined(separator: " "))")
        for f in tally.findings { Issue.record(Comment(rawValue: f)) }
    }

    @Test("Clerk: storms into home, enrolment, the employer picker, registration, the person view, changes, contributions, the claim flow, receipts, the employer's screens and the worklists")
    func clerk() throws {
        let f = try ApprovalScreensTests.fixture()
        let receipt = try f.store.read { tx in try tx.claims.all() }.first!.receiptNo.description
        let tally = Tally()
        try Self.storm(Self.counterEntries(receipt: receipt), role: "clerk", store: f.store, stream: 1, tally: tally,
                       make: { try f.app(as: .clerk, name: "wang") }, stillWorks: Self.counterWorks)
        Self.finish("clerk", tally)
    }

    @Test("Supervisor: storms into the approval queue, a decision, payments, the fund overview, statistics and the budget, and the counter screens")
    func supervisor() throws {
        let f = try ApprovalScreensTests.fixture()
        let receipt = try f.store.read { tx in try tx.claims.all() }.first!.receiptNo.description
        let tally = Tally()
        var bills = 0
        try Self.storm(Self.supervisorEntries + Self.counterEntries(receipt: receipt).filter { ["person", "claim form"].contains($0.name) },
                       role: "supervisor", store: f.store, stream: 2, tally: tally,
                       make: {
                           // Storms decide claims: a new one waits in the queue whenever it is empty.
                           let clerk = try f.context(.clerk, name: "wang")
                           if try ClaimLookup(clerk).queue().isEmpty {
                               bills += 1
                               let bill = try MedicalBill(item: .prenatal, hospital: "天津市妇产科医院", billNo: "STORM-\(bills)", actual: Money(yuan: 300))
                               _ = try ClaimService(clerk).submit(ClaimRequest(claimant: CitizenID(ApprovalScreensTests.wei, today: TUIFixture.today),
                                                                               event: try ApprovalScreensTests.birth("2026-11-02"), allowance: false,
                                                                               bills: [bill], account: BankAccount("6217000010001234567")),
                                                                  allowDuplicate: true)
                           }
                           return try f.app(as: .supervisor, name: "qian")
                       }, stillWorks: Self.counterWorks)
        Self.finish("supervisor", tally)
    }

    @Test("Admin: storms into operator administration, home and the person view")
    func admin() throws {
        let f = try ApprovalScreensTests.fixture()
        let tally = Tally()
        try Self.storm(Self.adminEntries, role: "admin", store: f.store, stream: 3, tally: tally,
                       make: { try f.app(as: .admin, name: "root") }, stillWorks: Self.counterWorks)
        Self.finish("admin", tally)
    }

    /// The demo: before sign-on (its start screen), the exercises and one exercise as the trainee and the
    /// instructor, and the real screens opened above an exercise (F6).
    static var demoEntries: [Entry] { [
        Entry(name: "demo start", screenID: "OW03", open: { _ in }),
        Entry(name: "exercises", screenID: "OW80", open: { app in app.press(.char("1")); menu("tui.exercise.menu")(app) }),
        Entry(name: "exercise", screenID: "OW81", open: { app in app.press(.char("1")); menu("tui.exercise.menu")(app); app.press(.enter) }),
        Entry(name: "exercise check", screenID: "OW81", open: { app in app.press(.char("1")); menu("tui.exercise.menu")(app); app.press(.enter) },
              saving: true),
        Entry(name: "home above an exercise", screenID: "OW01",
              open: { app in app.press(.char("1")); menu("tui.exercise.menu")(app); app.press(.enter, .function(6)) }),
        Entry(name: "instructor's exercises", screenID: "OW80", open: { app in app.press(.char("2")); menu("tui.exercise.menu")(app) }),
    ] }

    /// The demo still works: signed on (one key, if the storm left it on the start screen), the exercises open.
    static func demoWorks(_ app: Application) -> String? {
        if app.top is DemoStartScreen { app.press(.char("1")) }
        for _ in 0..<3 where (app.top as? HomeScreen)?.zone != .search { app.press(.tab) }
        menu("tui.exercise.menu")(app)
        defer { _ = app.backHome() }
        return app.top.screenID == "OW80" ? nil : "the exercises menu opens \(app.top.screenID)"
    }

    @Test("Trainee and instructor: storms into the demo's start screen, the exercises, an exercise and the screens above it")
    func trainee() throws {
        let (firstApp, sandbox) = try TrainingScreensTests.demo()
        var app = firstApp
        let tally = Tally()
        var first = true
        try Self.storm(Self.demoEntries, role: "demo", store: sandbox.store, stream: 4, tally: tally,
                       make: {
                           // One sandbox for all the storms, as a class would share it; each storm a new counter on it.
                           if !first { app = try CounterTerminal.demoApplication(terminal: VirtualTerminal(), sandbox: sandbox,
                                                                                  strings: StringTable(language: .zh), storeLabel: "sandbox.sqlite") }
                           first = false
                           return (app, app.terminal as! VirtualTerminal)
                       }, stillWorks: Self.demoWorks)
        Self.finish("demo", tally)
    }

    @Test("The form check finds what it looks for: an invisible character or a text over its limit in a field, the focus on a disabled field")
    func checksCanFail() throws {
        final class Broken: Screen {
            let screenID = "TEST"
            let title = Message("tui.title.home")
            var form = Form([FormField(id: "a", label: "a", limit: 3, value: "a\u{1B}b"), FormField(id: "b", label: "b", value: "ok")])
            func keyHints(_ ui: UIContext) -> [KeyHint] { [] }
            func draw(_ canvas: inout Canvas, area: Rect, ui: UIContext) -> Point? { nil }
            func handle(_ key: Key, ui: UIContext) -> Navigation { .unhandled }
        }
        let broken = Broken()
        broken.form.setEnabled("a", false)
        let problems = Invariants.forms(broken)
        #expect(problems.contains { $0.contains("invisible") } && problems.contains { $0.contains("disabled") })
        // And on a real form: the enrolment's fields are all found, and none is inconsistent.
        let f = try TUIFixture()
        let (app, _) = try f.app()
        Self.enrolFilled(app)
        #expect(Invariants.forms(of: app.top).fields.count >= 5)
        #expect(Invariants.forms(app.top).isEmpty)
    }

    @Test("The saving storms start from forms that validate: Enter on each filled-in form is accepted, so F5 there can save")
    func filledFormsValidate() throws {
        let f = try ApprovalScreensTests.fixture()
        for entry in Self.counterEntries(receipt: "").filter(\.saving) where entry.screenID != "OW12" {
            let (app, _) = try f.app(as: .clerk, name: "wang")
            entry.open(app)
            app.press(.enter)
            let validated = Invariants.forms(of: app.top).forms.contains(where: \.isValidated)
            #expect(app.top.screenID == entry.screenID && validated, "\(entry.name): \(app.frame().line(22))")
        }
    }
}
