import OneWindowCore
import OneWindowResources
import OneWindowService
import OneWindowStore
import OneWindowTUI
import Testing

/// OW10 person view, OW12 change registration and OW13 contribution lookup, driven through the
/// virtual terminal as a clerk would: search, open, keys.
@Suite("Person view, change registration and contribution lookup")
struct PersonScreenTests {
    static let lina = try! CitizenID(TUIFixture.lina, today: TUIFixture.today)
    static let shantou = try! CreditCode(TUIFixture.shantouInst)

    /// Home → search her ID → the person view (one hit opens it).
    func openLina(_ f: TUIFixture, as role: Role = .clerk, name: String = "wang", language: Language = .zh,
                  size: Size = .minimum) throws -> (Application, VirtualTerminal) {
        let (app, terminal) = try f.app(as: role, name: name, language: language, size: size)
        app.type(TUIFixture.lina)
        app.press(.enter)
        #expect(app.top.screenID == "OW10")
        return (app, terminal)
    }

    /// Legacy data as the reconciliation finds it: Lina's maternity started three months late.
    func plantMismatch(_ f: TUIFixture) throws {
        try f.store.write(operator: "test") { tx, audit in
            let lina = try #require(try tx.persons.find(Self.lina))
            var maternity = try #require(try tx.enrolments.open(personID: lina.id!, scheme: .maternity))
            maternity.period.from = YearMonth(year: 2026, month: 4)!
            try tx.enrolments.update(maternity)
            audit.append(AuditEntry(action: "test.plant", entity: "enrolment"))
        }
    }

    func auditCount(_ f: TUIFixture, action: String) throws -> Int {
        try f.store.read { tx in try tx.auditRecords.with(action: action).count }
    }

    func periods(_ f: TUIFixture, _ scheme: Scheme) throws -> [EnrolmentPeriod] {
        try LookupService(f.context(.clerk)).person(Self.lina).periods(scheme)
    }

    /// Row of the screen whose text contains `text`.
    func row(of text: String, in canvas: Canvas) -> Int? { canvas.lines.firstIndex { $0.contains(text) } }

    // MARK: goldens

    @Test("OW10 with both schemes in step (zh, en)", arguments: [Language.zh, .en])
    func personGolden(language: Language) throws {
        let f = try TUIFixture()
        let (app, _) = try openLina(f, language: language)
        try Golden.check("OW10-person-\(language.rawValue)", app.frame())
    }

    @Test("OW10 with a planted mismatch, as a clerk (zh, en)", arguments: [Language.zh, .en])
    func mismatchGolden(language: Language) throws {
        let f = try TUIFixture()
        try plantMismatch(f)
        let (app, _) = try openLina(f, language: language)
        try Golden.check("OW10-person-mismatch-\(language.rawValue)", app.frame())
    }

    @Test("OW10 payments panel after Tab (zh, en)", arguments: [Language.zh, .en])
    func paymentsGolden(language: Language) throws {
        let f = try TUIFixture()
        let service = ContributionService(try f.context(.clerk))
        let employer = PayerAccount.employer(try CreditCode(TUIFixture.tianjinCo))
        // September paid in part, October in full, November not at all.
        try service.recordPayment(payer: employer, month: YearMonth(year: 2026, month: 9)!, amount: Money(yuan: 500),
                                  paidOn: TUIFixture.today)
        try service.recordPayment(payer: employer, month: YearMonth(year: 2026, month: 10)!, amount: Money(yuan: 680),
                                  paidOn: TUIFixture.today)
        let (app, _) = try openLina(f, language: language)
        try Golden.check("OW10-person-payments-\(language.rawValue)", app.press(.tab))
    }

    @Test("OW12 transfer after Enter shows what happens to both schemes (zh, en)", arguments: [Language.zh, .en])
    func changeGolden(language: Language) throws {
        let f = try TUIFixture()
        let (app, _) = try openLina(f, language: language)
        app.type("1")
        #expect(app.top.screenID == "OW12")
        app.type(TUIFixture.shantouInst)
        try Golden.check("OW12-change-preview-\(language.rawValue)", app.press(.enter))
    }

    @Test("OW13 contribution lookup, last 12 months (zh, en)", arguments: [Language.zh, .en])
    func lookupGolden(language: Language) throws {
        let f = try TUIFixture()
        let (app, _) = try openLina(f, language: language)
        try Golden.check("OW13-lookup-\(language.rawValue)", app.type("2"))
    }

    // MARK: behaviour

    @Test("A transfer started from the person view closes and opens BOTH schemes, then the view shows it")
    func transferWritesBothSchemes() throws {
        let f = try TUIFixture()
        let (app, _) = try openLina(f)
        app.type("1")
        app.type(TUIFixture.shantouInst)
        app.press(.enter)
        // Tianjin to a Shantou employer: another region, so F5 asks first (issue 9, warnings before harm).
        #expect(app.press(.function(5)).lines.joined().contains("？"))
        let back = app.press(.char("y"))
        #expect(app.top.screenID == "OW10")
        #expect(back.line(22).contains("已保存：转移单位"))
        for scheme in Scheme.allCases {
            let ps = try periods(f, scheme)
            #expect(ps.count == 2)
            #expect(ps[0].to == YearMonth(year: 2026, month: 11) && ps[0].endReason == .transferred)
            #expect(ps[1].from == YearMonth(year: 2026, month: 12) && ps[1].employer == Self.shantou && ps[1].isOpen)
        }
        // Refreshed on return: the new employer by name, both schemes still in step.
        #expect(back.lines.joined().contains("汕头某事业单位"))
        #expect(back.lines.joined().contains("【两险同步】"))
    }

    @Test("F5 saves nothing before Enter validated, nor after the input changed")
    func twoStepSave() throws {
        let f = try TUIFixture()
        let (app, _) = try openLina(f)
        app.type("1")
        app.type(TUIFixture.shantouInst)
        #expect(app.press(.function(5)).line(22).contains("Enter"))
        app.press(.enter)
        app.press(.down, .down, .char("9"))  // the new base, typed after validation
        app.press(.function(5))
        #expect(app.top.screenID == "OW12")
        #expect(try periods(f, .medical).count == 1)
    }

    @Test("A wrong credit code puts the cursor on the code with the reason; so does an unregistered one")
    func wrongCreditCode() throws {
        let f = try TUIFixture()
        let (app, _) = try openLina(f)
        app.type("1")
        app.type("12440500MB2C1234P2")  // check character should be 1
        app.press(.down)  // leave the field: the cursor moves on, the reason is said at once
        let screen = app.press(.enter)
        let codeRow = try #require(row(of: "新单位信用代码", in: screen))
        #expect(screen.cursor?.row == codeRow)
        #expect(screen.line(22).contains("新单位信用代码：校验位错误"))
        #expect(screen.line(codeRow).contains("校验位错误"))

        app.press(.ctrl("u"))
        let body = "91110000MA01ABCD2"
        app.type(body + String(try #require(CreditCode.checkCharacter(for: body))))  // valid, but nobody registered it
        let unknown = app.press(.enter)
        #expect(unknown.cursor?.row == codeRow)
        #expect(unknown.line(22).contains("尚未登记"))
        #expect(try periods(f, .medical).count == 1)
    }

    @Test("A from month already charged is refused on its field before F5")
    func chargedMonthRefused() throws {
        let f = try TUIFixture()
        let (app, _) = try openLina(f)
        app.type("1")
        app.type(TUIFixture.shantouInst)
        app.press(.down)
        app.press(.ctrl("u"))
        app.type("2026-10")
        let screen = app.press(.enter)
        let fromRow = try #require(row(of: "起始月份", in: screen))
        #expect(screen.cursor?.row == fromRow)
        #expect(screen.line(22).contains("已核定缴费至2026-11"))
    }

    @Test("F3 with typed input asks first; without, it goes straight back")
    func backAsks() throws {
        let f = try TUIFixture()
        let (app, _) = try openLina(f)
        app.type("1")
        app.press(.function(3))
        #expect(app.top.screenID == "OW10")
        app.type("1")
        app.type("9144")
        let asked = app.press(.function(3))
        #expect(app.top.screenID == "OW12")
        #expect(asked.lines.joined().contains("放弃未保存的输入"))
        app.press(.char("y"))
        #expect(app.top.screenID == "OW10")
    }

    @Test("Only the changes her state allows are offered; each kind brings its own fields")
    func kindsFollowState() throws {
        let f = try TUIFixture()
        let (app, _) = try openLina(f)
        app.type("1")
        #expect(app.screenText.contains("< 转移单位 >"))
        #expect(app.screenText.contains("新单位信用代码"))
        app.press(.up)  // to the kind
        let base = app.press(.right)
        #expect(base.lines.joined().contains("< 调整基数 >"))
        #expect(!base.lines.joined().contains("新单位信用代码"))
        #expect(base.lines.joined().contains("缴费基数"))

        // Suspended: resume is the only change left.
        try RegistrationService(f.context(.clerk)).suspend(id: Self.lina, from: YearMonth(year: 2026, month: 12)!)
        app.press(.function(3))
        app.type("1")
        let resume = app.frame().lines.joined()
        #expect(resume.contains("< 恢复参保 >"))
        #expect(!resume.contains("1-1"))
        #expect(!resume.contains("调整基数"))
    }

    @Test("A base change is previewed as leaving both enrolments alone, and saved from its month")
    func baseChange() throws {
        let f = try TUIFixture()
        let (app, _) = try openLina(f)
        app.type("1")
        app.press(.up, .right, .down)
        app.type("9000")
        let preview = app.press(.enter)
        #expect(preview.lines.joined().contains("职工医保：参保不变"))
        #expect(preview.lines.joined().contains("生育保险：参保不变"))
        #expect(preview.lines.joined().contains("缴费基数：自 2026-12 起为 9,000.00 元"))
        app.press(.function(5))
        #expect(app.top.screenID == "OW10")
        let view = try LookupService(f.context(.clerk)).person(Self.lina)
        #expect(view.bases.last.map { ($0.fromMonth, $0.baseFen) } ?? ("", 0) == ("2026-12", 900_000))
    }

    @Test("F2 reveals the full ID, says the view is audited, and writes one audit row")
    func revealIsAudited() throws {
        let f = try TUIFixture()
        let (app, _) = try openLina(f)
        #expect(!app.screenText.contains(TUIFixture.lina))
        let before = try auditCount(f, action: "person.reveal")
        let shown = app.press(.function(2))
        #expect(shown.lines.joined().contains(TUIFixture.lina))
        #expect(shown.line(22).contains("审计"))
        #expect(try auditCount(f, action: "person.reveal") == before + 1)
        let hidden = app.press(.function(2))
        #expect(!hidden.lines.joined().contains(TUIFixture.lina))
        #expect(try auditCount(f, action: "person.reveal") == before + 1)
    }

    @Test("A mismatch: the clerk is told a supervisor must fix it; the supervisor fixes it with 3")
    func fixFromView() throws {
        let f = try TUIFixture()
        try plantMismatch(f)
        let (clerk, _) = try openLina(f)
        #expect(clerk.screenText.contains("缺少生育：2026-01–2026-03"))
        // Listed (no gap in the numbers) but dimmed for a clerk; pressing it says who can.
        let menuRow = try #require(clerk.frame().lines.lastIndex { $0.contains("3 修正两险") })
        let col = try #require(clerk.frame().lines[menuRow].range(of: "3 修正两险")).lowerBound
        let cell = DisplayWidth.of(String(clerk.frame().lines[menuRow][..<col]))
        #expect(clerk.frame().styleLine(menuRow).dropFirst(cell).first == "d")
        #expect(clerk.press(.char("3")).line(22).contains("主管"))
        #expect(try ReconciliationService(f.context(.clerk)).mismatches().count == 1)

        let (supervisor, _) = try openLina(f, as: .supervisor, name: "zhao")
        #expect(supervisor.screenText.contains("3 修正两险"))
        supervisor.press(.char("3"))
        let fixed = supervisor.press(.char("y"))
        #expect(fixed.line(22).contains("已修正"))
        #expect(fixed.lines.joined().contains("【两险同步】"))
        #expect(try ReconciliationService(f.context(.clerk)).mismatches().isEmpty)
        #expect(try periods(f, .maternity).map(\.from) == [YearMonth(year: 2026, month: 1)!])
    }

    @Test("The last 12 months mark arrears; months paid in full show as settled")
    func arrearsMarked() throws {
        let f = try TUIFixture()
        let employer = PayerAccount.employer(try CreditCode(TUIFixture.tianjinCo))
        let due = try ContributionService(f.context(.clerk)).statement(employer).first { $0.month == YearMonth(year: 2026, month: 9) }!.due
        try ContributionService(f.context(.clerk)).recordPayment(payer: employer, month: YearMonth(year: 2026, month: 9)!,
                                                                 amount: due, paidOn: TUIFixture.today)
        let (app, _) = try openLina(f)
        let screen = app.frame()
        let sep = try #require(row(of: "2026-09", in: screen))
        #expect(screen.line(sep).contains("已到账"))
        #expect(screen.lines.joined().contains("欠缴 2 个月"))
        #expect(try #require(row(of: "2026-10", in: screen)) == sep + 1)
    }

    @Test("OW13: the range is validated, lines outside it are left out, F7/F8 page")
    func lookupRangeAndPaging() throws {
        let f = try TUIFixture()
        let (app, _) = try openLina(f)
        app.type("2")
        #expect(app.screenText.contains("合计 6 条"))
        // Narrow to one month.
        app.press(.ctrl("u"))
        app.type("2026-10")
        app.press(.down, .ctrl("u"))
        app.type("2026-10")
        #expect(app.press(.enter).lines.joined().contains("合计 2 条"))
        // To before from: the cursor goes to the "to" month, with the reason.
        app.press(.ctrl("u"))
        app.type("2026-09")
        let bad = app.press(.enter)
        let toRow = try #require(row(of: "截止月份", in: bad))
        #expect(bad.cursor?.row == toRow)
        #expect(bad.line(22).contains("不能早于起始月份 2026-10"))
        // The whole year charged: 22 lines, more than fit at 80×24, so F8 pages on and F7 back.
        let run = ContributionService(try f.context(.clerk))
        for m in 1...8 { _ = try run.run(month: YearMonth(year: 2026, month: m)!) }
        let (year, _) = try openLina(f)
        let first = year.type("2")
        #expect(first.lines.joined().contains("合计 22 条"))
        #expect(first.lines.joined().contains("第 1/2 页"))
        #expect(first.line(23).contains("F7/F8"))
        let next = year.press(.function(8))
        #expect(next.lines.joined().contains("第 2/2 页"))
        #expect(next.lines.joined().contains("2026-11"))
        #expect(!next.lines.joined().contains("2026-01"))
        #expect(year.press(.function(7)).lines.joined().contains("第 1/2 页"))
    }

    @Test("A larger terminal shows contributions and payments together, and each period's employer")
    func largerTerminal() throws {
        let f = try TUIFixture()
        let (app, _) = try openLina(f, size: Size(rows: 40, cols: 140))
        let screen = app.frame()
        #expect(screen.lines.joined().contains("近12个月缴费"))
        #expect(screen.lines.joined().contains("缴费到账"))
        #expect(row(of: "2026-11", in: screen) != nil)
        let periodsRow = try #require(row(of: "起始", in: screen))
        #expect(screen.line(periodsRow).contains("单位"))
        #expect(!app.frame().lines.last!.contains("Tab"))
    }
}
