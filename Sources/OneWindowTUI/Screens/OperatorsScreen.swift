import OneWindowCore
import OneWindowService
import OneWindowStore

/// OW90 operator administration (admin only: the home menu offers it only to admins, and
/// OperatorService refuses, and audits, anyone else). A table of operators, and a numbered action
/// line: 1 add, 2 change role, 3 reset password, 4 disable or enable the selected operator. Adding,
/// the role and the password open a small form under the table: Enter validates, F5 saves what was
/// validated, F3 (or F12) closes the form; disabling asks first.
public final class OperatorsScreen: Screen {
    public let screenID = "OW90"
    public let title = Message("tui.title.operators")
    let factory: ScreenFactory
    var operators: [OperatorAccount] = []
    var table: Table
    var editor: Editor?

    /// The open form: what it does, to whom, and what Enter last accepted (F5 saves only that).
    struct Editor {
        enum Kind: Equatable { case add, role(String), password(String) }
        let kind: Kind
        var form: Form
    }

    static let roles: [Role] = [.clerk, .supervisor, .admin, .trainee]

    public init(ui: UIContext, factory: ScreenFactory) {
        self.factory = factory
        table = Table(columns: [Table.Column(ui.text("col.operator")), Table.Column(ui.text("col.role")),
                                Table.Column(ui.text("col.disabled")), Table.Column(ui.text("col.lockedUntil"))])
    }

    public func didAppear(_ ui: UIContext) { reload(ui) }

    /// Reloads the list, keeping the selection on `name` when given.
    func reload(_ ui: UIContext, select name: String? = nil) {
        guard let services = ui.services,
              let rows = ui.run({ try OperatorService(services).list() }) else { return }
        ui.clearMessage()  // no busy note left behind: callers say what was done
        operators = rows
        let now = ui.clock.now()
        table.setRows(rows.map { [$0.name, ui.text($0.role.messageKey), ui.text($0.disabled ? "out.yes" : "out.no"),
                                  $0.lockedUntilText(now: now) ?? ui.text("out.no")] })
        if let name, let i = rows.firstIndex(where: { $0.name == name }) { table.select(i) }
    }

    /// The highlighted operator, only while she is on screen: what the actions act on.
    var selected: OperatorAccount? { table.selectedIfVisible.flatMap { operators.indices.contains($0) ? operators[$0] : nil } }

    public var hasUnsavedInput: Bool { editor?.form.isDirty == true }

    public func keyHints(_ ui: UIContext) -> [KeyHint] {
        if let e = editor { return e.form.keyHints(ui, back: "tui.key.cancel") }
        return [KeyHint("1-5", ui.text("tui.operators.key.action")), KeyHint("F7/F8", ui.text("tui.key.page")),
                KeyHint("F3", ui.text("tui.key.back"))]
    }

    public func helpFields(_ ui: UIContext) -> [HelpField] { editor?.form.helpFields(ui) { "tui.operators.help.\($0)" } ?? [] }

    public func help(_ ui: UIContext) -> Message {
        guard let e = editor else { return Message("help.OW90") }
        return Message("tui.operators.help.\(e.form.focused.id)")
    }

    // MARK: drawing

    public func draw(_ canvas: inout Canvas, area: Rect, ui: UIContext) -> Point? {
        // The bottom six rows hold the form (or the count and the action line); the table has the rest.
        let bottom = area.row + area.rows - 6
        if operators.isEmpty {
            canvas.put(ui.text("tui.operators.empty"), row: area.row, col: area.col, width: area.cols, style: .dim)
        } else {
            let showSelection: Bool = { if case .add = editor?.kind { false } else { true } }()
            table.draw(&canvas, area: Rect(row: area.row, col: area.col, rows: bottom - area.row - 1, cols: area.cols),
                       focused: showSelection)
        }
        guard var e = editor else {
            canvas.put(ui.text("tui.operators.count", "\(operators.count)"), row: bottom, col: area.col, width: area.cols, style: .dim)
            var col = area.col
            for (i, key) in ["tui.operators.action.add", "tui.operators.action.role", "tui.operators.action.password",
                             "tui.operators.action.disable", "tui.operators.action.unlock"].enumerated() {
                col += canvas.put("\(i + 1) \(ui.text(key))", row: area.row + area.rows - 1, col: col,
                                  width: max(0, area.col + area.cols - col), style: .label) + 3
            }
            return nil
        }
        let heading: String = switch e.kind {
        case .add: ui.text("tui.operators.heading.add")
        case .role(let name): ui.text("tui.operators.heading.role", name)
        case .password(let name): ui.text("tui.operators.heading.password", name)
        }
        canvas.put(heading, row: bottom, col: area.col, width: area.cols, style: .heading)
        let caret = e.form.draw(&canvas, area: Rect(row: bottom + 1, col: area.col + 2, rows: 5, cols: area.cols - 2),
                                strings: ui.text)
        editor = e
        return caret
    }

    // MARK: keys

    public func handle(_ key: Key, ui: UIContext) -> Navigation {
        if editor != nil { return handleEditor(key, ui) }
        switch key {
        case .char("1"): open(.add, ui)
        case .char("2"), .char("3"), .char("4"), .char("5"):
            guard let op = selected else { ui.fail(Message("tui.operators.noneSelected")); return .stay }
            if key == .char("2") { open(.role(op.name), ui) }
            if key == .char("3") { open(.password(op.name), ui) }
            if key == .char("4") { return confirmDisable(op, ui) }
            if key == .char("5") { return confirmUnlock(op, ui) }
        default:
            return table.handle(key) ? .stay : .unhandled
        }
        return .stay
    }

    func open(_ kind: Editor.Kind, _ ui: UIContext) {
        let passwordFields = [
            FormField(id: "password", label: ui.text("field.password"), width: 20, limit: 64, masked: true,
                      validate: Self.checkPassword),
            FormField(id: "passwordAgain", label: ui.text("tui.operators.field.passwordAgain"), width: 20, limit: 64,
                      masked: true, validate: { $0.isEmpty ? Message("reason.required") : nil }),
        ]
        let roleOptions = Self.roles.map { (value: $0.rawValue, label: ui.text($0.messageKey)) }
        var role = FormField.choice(id: "role", label: ui.text("field.role"), options: roleOptions)
        role.hint = ui.text("tui.operators.hint.choice")
        let fields: [FormField]
        switch kind {
        case .add:
            fields = [FormField(id: "operatorName", label: ui.text("field.operatorName"), hint: ui.text("tui.operators.hint.name"),
                                width: 20, limit: 32, validate: Self.checkName), role] + passwordFields
        case .role(let name):
            if let current = operators.first(where: { $0.name == name }) {
                role.choiceIndex = Self.roles.firstIndex(of: current.role) ?? 0
            }
            fields = [role]
        case .password:
            fields = passwordFields
        }
        editor = Editor(kind: kind, form: Form(fields))
    }

    func handleEditor(_ key: Key, _ ui: UIContext) -> Navigation {
        switch key {
        case .enter:
            validate(ui)
        case .function(5):
            return editor!.form.save(ui: ui) { [weak self] in self?.save(ui); return .stay }
        case .function(12), .function(3), .escape:
            return editor!.form.close(asking: Message("tui.operators.confirm.discard")) { [weak self] in self?.editor = nil }
        default:
            guard editor!.form.handle(key, ui: ui) else { return .unhandled }
        }
        return .stay
    }

    // MARK: validation and saving

    /// The service's own rules for a new operator's name and password, checked on leaving the field
    /// and on Enter (OperatorService checks them again when saving).
    static let checkName: @Sendable (String) -> Message? = { raw in
        do { _ = try OperatorService.validName(raw); return nil } catch let e as FieldError { return e.reason } catch { return nil }
    }

    static let checkPassword: @Sendable (String) -> Message? = { raw in
        if raw.isEmpty { return Message("reason.required") }
        do { try OperatorService.validatePassword(raw); return nil } catch let e as FieldError { return e.reason } catch { return nil }
    }

    /// Puts `reason` on the field with `id`, focuses it and says "field: reason".
    func reject(_ id: String, _ reason: Message, _ ui: UIContext) {
        if let said = editor?.form.mark(id, reason) { ui.fail(said) } else { ui.fail(reason) }
    }

    func validate(_ ui: UIContext) {
        guard editor != nil, editor!.form.validate(ui: ui) else { return }
        let e = editor!
        if e.form.fields.contains(where: { $0.id == "passwordAgain" }), e.form["password"] != e.form["passwordAgain"] {
            reject("passwordAgain", Message("tui.operators.reason.mismatch"), ui)
            return
        }
        if case .add = e.kind, operators.contains(where: { $0.name == e.form["operatorName"].trimmingSpaces }) {
            reject("operatorName", Message("reason.operator.exists", texts: e.form["operatorName"].trimmingSpaces), ui)
            return
        }
        editor!.form.markValidated([], ui: ui)
    }

    func save(_ ui: UIContext) {
        guard let e = editor, let services = ui.services else { return }
        let service = OperatorService(services)
        let role = Role(rawValue: e.form["role"]) ?? .clerk
        let name: String
        let done: Message
        let work: () throws -> Void
        switch e.kind {
        case .add:
            name = e.form["operatorName"].trimmingSpaces
            let password = e.form["password"]
            work = { try service.add(name: name, role: role, password: password) }
            done = Message("out.operator.added", [.text(name), .message(Message(role.messageKey))])
        case .role(let who):
            name = who
            work = { try service.setRole(name: who, role: role) }
            done = Message("tui.operators.done.role", [.text(who), .message(Message(role.messageKey))])
        case .password(let who):
            name = who
            let password = e.form["password"]
            work = { try service.resetPassword(name: who, password: password) }
            done = Message("tui.operators.done.password", texts: who)
        }
        let saved = ui.run(onField: { [weak self] error in
            let id = error.field == .password ? "password" : error.field == .role ? "role" : "operatorName"
            return self?.editor?.form.mark(id, error.reason)
        }, work)
        guard saved != nil else { editor?.form.dropValidation(); return }
        editor = nil
        reload(ui, select: name)
        ui.say(done)
    }

    func confirmDisable(_ op: OperatorAccount, _ ui: UIContext) -> Navigation {
        let question = op.disabled ? "tui.operators.confirm.enable" : "tui.operators.confirm.disable"
        return .confirm(Message(question, texts: op.name), then: { [weak self] in
            guard let self, let services = ui.services else { return .stay }
            let disable = !op.disabled
            guard ui.run({ try OperatorService(services).setDisabled(name: op.name, disable) }) != nil else { return .stay }
            self.reload(ui, select: op.name)
            ui.say(Message(disable ? "tui.operators.done.disabled" : "tui.operators.done.enabled", texts: op.name))
            return .stay
        })
    }

    func confirmUnlock(_ op: OperatorAccount, _ ui: UIContext) -> Navigation {
        guard op.lockedUntilText(now: ui.clock.now()) != nil else { ui.fail(Message("tui.operators.notLocked", texts: op.name)); return .stay }
        return .confirm(Message("tui.operators.confirm.unlock", texts: op.name), then: { [weak self] in
            guard let self, let services = ui.services else { return .stay }
            guard ui.run({ try OperatorService(services).unlock(name: op.name) }) != nil else { return .stay }
            self.reload(ui, select: op.name)
            ui.say(Message("out.operator.unlocked", texts: op.name))
            return .stay
        })
    }
}
