import Foundation
import OneWindowCore
import OneWindowResources
import OneWindowService
import OneWindowStore
@testable import OneWindowTUI
import Testing

/// OW90 operator administration, driven through the application on a virtual terminal.
@Suite("OW90 operator administration")
struct OperatorsScreenTests {
    /// Home as `role`, then the operators screen: through the menu for an admin (Tab to the menu, digit 3).
    static func open(_ f: TUIFixture, as role: Role = .admin, name: String = "root", language: Language = .zh) throws -> (Application, VirtualTerminal) {
        let (app, terminal) = try f.app(as: role, name: name, language: language)
        app.press(.tab, .char("3"))
        return (app, terminal)
    }

    static func operators(_ f: TUIFixture) throws -> [OperatorAccount] {
        try OperatorService(try f.context(.admin, name: "root")).list()
    }

    static func auditActions(_ f: TUIFixture) throws -> [String] {
        try f.store.read { tx in try tx.auditRecords.all().map(\.action) }
    }

    @Test("Operator list (zh, en)", arguments: [Language.zh, .en])
    func listGolden(language: Language) throws {
        let f = try TUIFixture()
        let (app, _) = try Self.open(f, language: language)
        #expect(app.top is OperatorsScreen)
        try Golden.check("OW90-operators-\(language.rawValue)", app.frame())
    }

    @Test("Add-operator form after Enter validated it (zh, en)", arguments: [Language.zh, .en])
    func addFormGolden(language: Language) throws {
        let f = try TUIFixture()
        let (app, _) = try Self.open(f, language: language)
        app.press(.char("1"))
        app.type("liu")
        app.press(.tab, .right)          // role: clerk → supervisor
        app.press(.tab)
        app.type("liu-password")
        app.press(.tab)
        app.type("liu-password")
        app.press(.enter)
        try Golden.check("OW90-add-\(language.rawValue)", app.frame())
    }

    @Test("Adding an operator: Enter validates, F5 saves, the list shows her and she can sign on")
    func addOperator() throws {
        let f = try TUIFixture()
        let (app, _) = try Self.open(f)
        app.press(.char("1"))
        app.type("liu")
        app.press(.tab, .char("2"))      // role by its number: 2 = supervisor
        app.press(.tab)
        app.type("liu-password")
        app.press(.tab)
        app.type("liu-password")
        // F5 before Enter saves nothing.
        var screen = app.press(.function(5))
        #expect(screen.line(22).contains("请先按 Enter 校验"))
        #expect(try !Self.operators(f).contains { $0.name == "liu" })
        screen = app.press(.enter)
        #expect(screen.line(22).contains("校验通过"))
        screen = app.press(.function(5))
        let liu = try #require(try Self.operators(f).first { $0.name == "liu" })
        #expect(liu.role == .supervisor && !liu.disabled)
        #expect(screen.line(22).contains("已添加操作员 liu（主管）"))
        #expect(screen.lines.contains { $0.contains("liu") && $0.contains("主管") })
        #expect(!app.top.hasUnsavedInput)
        #expect(try Self.auditActions(f).last == "operator.add")
        _ = try StoreSetup.signOn(store: f.store, name: "liu", password: "liu-password", clock: f.clock)
    }

    @Test("Enter finds the first bad field: short password, mismatched confirmation, taken name")
    func addValidation() throws {
        let f = try TUIFixture()
        let (app, _) = try Self.open(f)
        app.press(.char("1"))
        app.type("wang")                 // already exists
        app.press(.tab, .tab)
        app.type("short")
        app.press(.tab)
        app.type("different")
        var screen = app.press(.enter)
        #expect(screen.line(22) == " 密码：至少8个字符")
        let form = try #require((app.top as? OperatorsScreen)?.editor?.form)
        #expect(form.focused.id == "password")
        // The focused bad field is drawn as an error.
        #expect(screen.styleLine(screen.cursor!.row).contains("E"))
        app.press(.ctrl("u"))
        app.type("long-enough")
        screen = app.press(.enter)
        #expect(screen.line(22) == " 确认密码：与密码不一致")
        #expect((app.top as? OperatorsScreen)?.editor?.form.focused.id == "passwordAgain")
        app.press(.ctrl("u"))
        app.type("long-enough")
        screen = app.press(.enter)
        #expect(screen.line(22) == " 操作员：操作员wang已存在")
        #expect((app.top as? OperatorsScreen)?.editor?.form.focused.id == "operatorName")
        app.press(.ctrl("u"))
        app.type("bad name")
        screen = app.press(.enter)
        #expect(screen.line(22).contains("以字母或汉字开头"))
        #expect(try Self.operators(f).count == 3)
    }

    @Test("F12 with typed input asks before closing the form; F10 asks about unsaved input")
    func cancelAsks() throws {
        let f = try TUIFixture()
        let (app, _) = try Self.open(f, language: .en)
        app.press(.char("1"))
        app.type("liu")
        #expect(app.top.hasUnsavedInput)
        var screen = app.press(.function(12))
        #expect(screen.lines.joined().contains("Discard the input and close the form?"))
        screen = app.press(.char("n"))
        #expect((app.top as? OperatorsScreen)?.editor != nil)
        app.press(.function(10))
        #expect(app.frame().lines.joined().contains("There is unsaved input. Quit anyway?"))
        app.press(.char("n"), .function(12), .char("y"))
        #expect((app.top as? OperatorsScreen)?.editor == nil && app.top is OperatorsScreen)
        // Without input, F12 closes at once and F3 then goes back home.
        app.press(.char("1"), .function(12))
        #expect((app.top as? OperatorsScreen)?.editor == nil)
        app.press(.function(3))
        #expect(app.top is HomeScreen)
    }

    @Test("Change role, reset password, disable and enable the selected operator")
    func changes() throws {
        let f = try TUIFixture()
        let (app, _) = try Self.open(f)
        // Sorted by name: root, wang, zhao. Select wang.
        app.press(.down)
        app.press(.char("2"), .char("2"), .enter, .function(5))   // role 2 = supervisor
        #expect(try Self.operators(f).first { $0.name == "wang" }?.role == .supervisor)
        #expect(app.frame().line(22).contains("已将 wang 的角色改为主管"))

        app.press(.char("3"))
        app.type("new-password-1")
        app.press(.tab)
        app.type("new-password-1")
        app.press(.enter, .function(5))
        #expect(app.frame().line(22).contains("已重置 wang 的密码"))
        _ = try StoreSetup.signOn(store: f.store, name: "wang", password: "new-password-1", clock: f.clock)

        var screen = app.press(.char("4"))
        #expect(screen.lines.joined().contains("停用操作员 wang？"))
        screen = app.press(.char("y"))
        #expect(try Self.operators(f).first { $0.name == "wang" }?.disabled == true)
        #expect(screen.line(22).contains("已停用操作员 wang"))
        #expect(throws: DomainError.self) { try StoreSetup.signOn(store: f.store, name: "wang", password: "new-password-1", clock: f.clock) }
        app.press(.char("4"), .char("y"))
        #expect(try Self.operators(f).first { $0.name == "wang" }?.disabled == false)
        let actions = try Self.auditActions(f)
        for a in ["operator.role", "operator.password", "operator.disable", "operator.enable"] { #expect(actions.contains(a)) }
    }

    @Test("The last admin cannot be demoted: the service's refusal is shown, nothing changes")
    func lastAdmin() throws {
        let f = try TUIFixture()
        let (app, _) = try Self.open(f, language: .en)
        app.press(.char("2"), .char("1"), .enter, .function(5))   // root → clerk
        #expect(app.frame().line(22).contains("the last admin cannot be disabled or demoted"))
        #expect(try Self.operators(f).first { $0.name == "root" }?.role == .admin)
    }

    @Test("A clerk never sees the menu item, and reaching the screen anyway is refused and audited")
    func clerkRefused() throws {
        let f = try TUIFixture()
        let (app, _) = try f.app(as: .clerk, name: "wang")
        #expect(!app.frame().lines.joined().contains("操作员管理"))
        app.press(.tab, .char("3"))
        #expect(!(app.top is OperatorsScreen))
        // Straight to the screen (as a stale menu or a future shortcut might): the service says no.
        let before = try Self.auditActions(f).count
        let screen = OperatorsScreen(ui: app.ui, factory: .standard)
        screen.didAppear(app.ui)
        #expect(app.ui.message?.text == "经办员无权执行：管理操作员")
        #expect(screen.operators.isEmpty)
        screen.open(.add, app.ui)
        func send(_ keys: [Key]) { for k in keys { _ = screen.handle(k, ui: app.ui) } }
        func type(_ text: String) { send(text.map { Key.char($0) }) }
        type("liu")
        send([.tab, .tab])
        type("liu-password")
        send([.tab])
        type("liu-password")
        send([.enter, .function(5)])
        #expect(app.ui.message?.text == "经办员无权执行：管理操作员")
        #expect(try !Self.operators(f).contains { $0.name == "liu" })
        let actions = try Self.auditActions(f)
        #expect(actions.count == before + 2 && actions.suffix(2).allSatisfy { $0 == "denied" })
    }
}
