import Foundation
import OneWindowCore
import OneWindowResources
import OneWindowService
import OneWindowStore
@testable import OneWindowTUI
import Testing

/// The demo: start screen (OW03), the exercises (OW80) and one exercise (OW81), on a seeded sandbox at
/// the fixed test date, driven through the application as a trainee would.
@Suite("Training mode screens")
struct TrainingScreensTests {
    static let clock = Clock.fixed(TUIFixture.today)

    /// One seeded sandbox per test run; each test gets a copy.
    static let template: String = {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("owtui-sandbox-\(UUID().uuidString)")
            .appendingPathComponent("sandbox.sqlite").path
        try! Sandbox.create(path: path, seed: 1, clock: clock).close()
        return path
    }()

    static func demo(language: Language = .zh) throws -> (Application, SandboxHandle) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("owtui-demo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("sandbox.sqlite").path
        try FileManager.default.copyItem(atPath: template, toPath: path)
        let sandbox = SandboxHandle(store: try Sandbox.open(path: path, clock: clock), clock: clock)
        let app = try CounterTerminal.demoApplication(terminal: VirtualTerminal(), sandbox: sandbox,
                                                      strings: StringTable(language: language), storeLabel: "sandbox.sqlite")
        return (app, sandbox)
    }

    static func cast(_ sandbox: SandboxHandle, _ role: CastRole) throws -> CastMember {
        try ExerciseService(Sandbox.signOn(sandbox.store, Sandbox.trainee, clock: clock)).cast()[role]!
    }

    /// Signed on as the trainee with one key, then the exercises from the home menu (Tab, 3).
    static func exercises(_ app: Application, account: Character = "1") {
        app.press(.char(account))
        app.press(.tab, .char("3"))
    }

    @Test("Demo start screen: the banner, what the sandbox is, one key per account (zh, en)", arguments: [Language.zh, .en])
    func startGolden(language: Language) throws {
        let (app, _) = try Self.demo(language: language)
        #expect(app.top is DemoStartScreen)
        try Golden.check("OW03-demo-\(language.rawValue)", app.frame())
    }

    @Test("Exercise list after signing on as the trainee (zh, en)", arguments: [Language.zh, .en])
    func listGolden(language: Language) throws {
        let (app, _) = try Self.demo(language: language)
        Self.exercises(app)
        #expect(app.top is ExerciseListScreen)
        try Golden.check("OW80-exercises-\(language.rawValue)", app.frame())
    }

    @Test("An exercise: its goal with this sandbox's people (zh, en)", arguments: [Language.zh, .en])
    func exerciseGolden(language: Language) throws {
        let (app, _) = try Self.demo(language: language)
        Self.exercises(app)
        app.press(.enter)
        #expect(app.top is ExerciseScreen)
        try Golden.check("OW81-goal-\(language.rawValue)", app.frame())
    }

    @Test("One key signs on; the home menu has the exercises and the reset; F4 signs out to the start screen")
    func signOnWithOneKey() throws {
        let (app, _) = try Self.demo()
        app.press(.char("2"))
        #expect(app.top is HomeScreen)
        #expect(app.ui.session?.operatorName == "instructor" && app.ui.session?.role == .supervisor)
        let home = app.screenText
        // A supervisor's six entries take two rows, each entry whole.
        #expect(home.contains("1 人员参保登记   2 单位登记   3 审核队列   4 待遇支付   5 练习\n 6 重置练习数据"))
        #expect(home.contains("【培训 TRAINING】 OW01") && home.contains("培训模式：练习数据"))
        app.press(.function(4), .char("y"))
        #expect(app.top is DemoStartScreen)
        app.press(.down, .up, .enter)
        #expect(app.ui.session?.operatorName == "trainee" && app.ui.session?.role == .trainee)
    }

    @Test("The instructor's home: the training entries after the supervisor's, on a second row when needed (zh, en)",
          arguments: [Language.zh, .en])
    func instructorHomeGolden(language: Language) throws {
        let (app, _) = try Self.demo(language: language)
        app.press(.char("2"))
        try Golden.check("OW01-home-instructor-\(language.rawValue)", app.frame())
    }

    @Test("Do an exercise as a trainee would: F6, register the new hire on the real screens, F3 back, F5: passed and scored")
    func doAnExercise() throws {
        let (app, sandbox) = try Self.demo()
        let hire = try Self.cast(sandbox, .newHire)
        Self.exercises(app)
        app.press(.enter)
        let early = app.press(.function(5))
        #expect(app.screenText.contains("未通过"), "\(early.lines.joined(separator: "\n"))")
        app.press(.function(6))
        #expect(app.top is ExerciseHome)
        app.type(hire.citizenID)
        app.press(.enter)               // not registered: register now?
        app.press(.char("y"))           // yes: the registration form, ID filled in
        app.type(hire.name)
        app.press(.tab, .tab)
        app.type(hire.employer!)
        app.press(.tab)                 // the region follows the employer: straight to the base
        app.type(hire.placeholders["base"]!)
        app.press(.enter, .function(5))
        #expect(app.top is PersonScreen, "\(app.screenText)")
        app.press(.function(3), .function(3))
        #expect(app.top is ExerciseScreen)
        let done = app.press(.function(5))
        #expect(app.screenText.contains("通过，得 10 分（第 2 次尝试）"), "\(done.lines.joined(separator: "\n"))")
        try Golden.check("OW81-passed-zh-Hans", done)
        app.press(.function(3))
        #expect(app.screenText.contains("得分 10 / 45"))
    }

    @Test("F2 on an exercise shows its hint under the goal, whole; F2 again hides it; F1 opens the help screen, as everywhere")
    func hint() throws {
        let (app, _) = try Self.demo(language: .en)
        Self.exercises(app)
        app.press(.down, .down, .down, .down, .down, .enter)
        #expect(Self.keyBar(app).contains("F2 Hint"))
        app.press(.function(2))
        #expect(app.screenText.contains("Hint: Find her; on the person view Tab to the benefits panel: under the\n"))
        #expect(app.screenText.contains("   failed payment is the bank's reason"))
        app.press(.function(2))
        #expect(!app.screenText.contains("Hint:"))
        app.press(.function(1))
        #expect(app.top is HelpScreen)
        #expect(app.screenText.contains("F2 shows or hides the hint") && !app.screenText.contains("help.OW81"), "\(app.screenText)")
        app.press(.function(1))
        #expect(app.top is ExerciseScreen)
    }

    @Test("A supervisor's exercise opened by the trainee says whose it is, and F5 is refused")
    func otherAccount() throws {
        let (app, _) = try Self.demo(language: .en)
        Self.exercises(app)
        app.press(.down, .down, .enter)
        #expect(app.screenText.contains("This exercise is for the supervisor"))
        app.press(.function(5))
        #expect(app.screenText.contains("this exercise is for the supervisor: sign out and sign on with that account"))
    }

    @Test("An exercise answered in words: type the bank's reason, F5")
    func answerInWords() throws {
        let (app, sandbox) = try Self.demo()
        let failed = try Self.cast(sandbox, .failedPayment)
        let words = ["accountClosed": "已销户", "nameMismatch": "户名不符", "noSuchAccount": "账号不存在"]
        Self.exercises(app)
        app.press(.down, .down, .down, .down, .down, .enter)
        #expect(app.screenText.contains("答案"))
        app.type(words[failed.answer!]!)
        app.press(.function(5))
        #expect(app.screenText.contains("通过，得 10 分"), "\(app.screenText)")
    }

    @Test("Reset from the menu: asks, restores the seeded data, keeps the score, back to the start screen")
    func resetFromMenu() throws {
        let (app, sandbox) = try Self.demo()
        let hire = try Self.cast(sandbox, .newHire)
        let trainee = try Sandbox.signOn(sandbox.store, Sandbox.trainee, clock: Self.clock)
        try RegistrationService(trainee).enrol(id: hire.person, name: hire.name, category: .employee,
                                               employer: CreditCode(trusted: hire.employer!), base: Money(fen: hire.baseFen!),
                                               from: hire.month)
        Self.exercises(app)
        app.press(.enter, .function(5), .function(3), .function(3))
        #expect(app.top is HomeScreen)
        app.press(.tab, .char("4"))
        #expect(app.screenText.contains("把练习数据恢复到初始状态？得分保留"))
        app.press(.char("y"))
        #expect(app.top is DemoStartScreen)
        #expect(app.ui.services == nil)
        #expect(app.screenText.contains("练习数据已恢复到初始状态（种子 1），得分已保留"))
        let again = try Sandbox.signOn(sandbox.store, Sandbox.trainee, clock: Self.clock)
        #expect(throws: FieldError.self) { try LookupService(again).person(hire.person) }
        let exercises = try BundledFiles.exercises()
        #expect(try ExerciseService(again).board(exercises).earned == 10)
    }

    /// The key bar's text (the last row).
    static func keyBar(_ app: Application) -> String { app.frame().lines.last ?? "" }

    /// The twin birth filed through the service as the trainee would at the counter: right, or as one
    /// baby without dystocia (four points wrong, each saying why).
    static func fileTwinBirth(_ sandbox: SandboxHandle, right: Bool = true) throws {
        let t = try cast(sandbox, .twinBirth)
        let trainee = try Sandbox.signOn(sandbox.store, Sandbox.trainee, clock: clock)
        let birth = Birth(babies: right ? 2 : 1, delivery: .natural, dystocia: right,
                          gestation: try Gestation(start: t.pregnancyStart!, end: t.date!))
        _ = try ClaimService(trainee).submit(ClaimRequest(claimant: t.person, event: try MaternityEvent(date: t.date!, birth: birth),
                                                          allowance: true, account: try BankAccount(t.account!)))
    }

    @Test("Exercise 4 in English at 80×24 with the hint shown: a long result scrolls with F7/F8, named in the key bar, down to the days, amount and account")
    func resultScrolls() throws {
        let (app, sandbox) = try Self.demo(language: .en)
        try Self.fileTwinBirth(sandbox, right: false)
        Self.exercises(app)
        app.press(.down, .down, .down, .enter, .function(2))   // with the hint under the goal, as a new trainee works
        #expect(app.screenText.contains("Hint:"))
        #expect(!Self.keyBar(app).contains("F7/F8"), "nothing to page before the check")
        let first = app.press(.function(5))
        #expect(app.screenText.contains("Not passed: put right the points marked ✗ (attempt 1)"), "\(app.screenText)")
        #expect(Self.keyBar(app).contains("F7/F8 Page"))
        #expect(app.screenText.contains("page 1/2"))
        try Golden.check("OW81-result-page1-en", first)
        let second = app.press(.function(8))
        for seen in ["allowance days are", "allowance is", "paid to her own account"] {
            #expect(app.screenText.contains(seen), "\(seen) not on the second page:\n\(app.screenText)")
        }
        #expect(app.screenText.contains("page 2/2"))
        try Golden.check("OW81-result-page2-en", second)
        app.press(.function(7))
        #expect(app.screenText.contains("page 1/2"))
    }

    @Test("The right twin claim in English: all eight points and the verdict on one screen with the goal")
    func resultFits() throws {
        let (app, sandbox) = try Self.demo(language: .en)
        try Self.fileTwinBirth(sandbox)
        Self.exercises(app)
        app.press(.down, .down, .down, .enter, .function(5))
        for seen in ["Passed: 15 points (attempt 1)", "allowance days: 188", "paid to her own account"] {
            #expect(app.screenText.contains(seen), "\(seen)\n\(app.screenText)")
        }
        #expect(!Self.keyBar(app).contains("F7/F8"))
    }

    @Test("A result that fits has no F7/F8 in the key bar, and F8 does nothing there")
    func shortResultNoPaging() throws {
        let (app, _) = try Self.demo(language: .en)
        Self.exercises(app)
        app.press(.enter, .function(5))
        #expect(app.screenText.contains("Not passed"))
        #expect(!Self.keyBar(app).contains("F7/F8") && !app.screenText.contains("page 1/"))
    }

    @Test("Checking an exercise already passed again is not an attempt: the screen says so, the list's attempts and score stay")
    func recheck() throws {
        let (app, sandbox) = try Self.demo()
        let hire = try Self.cast(sandbox, .newHire)
        let trainee = try Sandbox.signOn(sandbox.store, Sandbox.trainee, clock: Self.clock)
        try RegistrationService(trainee).enrol(id: hire.person, name: hire.name, category: .employee,
                                               employer: CreditCode(trusted: hire.employer!), base: Money(fen: hire.baseFen!),
                                               from: hire.month)
        Self.exercises(app)
        app.press(.enter, .function(5))
        #expect(app.screenText.contains("通过，得 10 分（第 1 次尝试）"))
        app.press(.function(5))
        #expect(app.screenText.contains("此练习已通过（10 分，共尝试 1 次）：再次检查不算一次尝试，得分不变"), "\(app.screenText)")
        app.press(.function(3))
        #expect(app.screenText.contains("得分 10 / 45"))
        #expect(try ExerciseService(trainee).board(BundledFiles.exercises()).rows[0].attempts == 1)
    }

    @Test("A trainee's score is out of the trainee's exercises (45), the instructor's out of the supervisor's (25)")
    func scoreTotals() throws {
        let (app, _) = try Self.demo(language: .en)
        Self.exercises(app)
        #expect(app.screenText.contains("score 0 / 45"), "\(app.screenText)")
        let (instructor, _) = try Self.demo(language: .en)
        instructor.press(.char("2"), .tab, .char("5"))
        #expect(instructor.top is ExerciseListScreen)
        #expect(instructor.screenText.contains("score 0 / 25"), "\(instructor.screenText)")
    }

    @Test("Key bars of the training screens: the home F6 opens says F3 goes back to the exercise; the list names ↑↓",
          arguments: [Language.zh, .en])
    func keyBars(language: Language) throws {
        let (app, _) = try Self.demo(language: language)
        Self.exercises(app)
        #expect(Self.keyBar(app).contains("↑↓"))
        app.press(.enter)
        #expect(Self.keyBar(app).contains("F6") && Self.keyBar(app).contains("F5") && Self.keyBar(app).contains("F3"))
        app.press(.function(6))
        let bar = Self.keyBar(app)
        #expect(bar.contains(language == .zh ? "F3 回到练习" : "F3 To exercise"), "\(bar)")
        #expect(bar.contains("F10"), "\(bar)")
        app.press(.function(3))
        #expect(app.top is ExerciseScreen)
    }

    @Test("Every exercise's goal (with this sandbox's people) fits its six rows and its hint its three, at 80 columns in both languages")
    func goalAndHintFit() throws {
        let (_, sandbox) = try Self.demo()
        let cast = try ExerciseService(Sandbox.signOn(sandbox.store, Sandbox.trainee, clock: Self.clock)).cast()
        for language in [Language.zh, .en] {
            let strings = try StringTable(language: language)
            for e in try BundledFiles.exercises() {
                let goal = Exercise.fill(language == .zh ? e.goal.zh : e.goal.en, try #require(cast[e.setup]).placeholders)
                let hint = strings("tui.exercise.hint", language == .zh ? e.hint.zh : e.hint.en)
                #expect(ScrollText.paragraphs(goal, width: 76).count <= 6, "\(e.id) \(language): goal")
                #expect(ScrollText.paragraphs(hint, width: 76).count <= 3, "\(e.id) \(language): hint")
            }
        }
    }
}
