import OneWindowCore

/// One labelled input of a form. Text fields validate with a Core parser: the same rule, and the same
/// message, as the command line. A choice field cycles with ←/→ or picks by its number.
public struct FormField: Sendable {
    public enum Kind: Sendable {
        case text
        /// Options as (value, shown label).
        case choice([(value: String, label: String)])
    }

    public let id: String
    public var label: String
    public var hint: String
    public var input: TextField
    public var kind: Kind
    public var width: Int
    public var choiceIndex = 0
    /// nil when the value is acceptable; the reason otherwise. Runs on leaving the field and on Enter.
    public var validate: @Sendable (String) -> Message?
    public var error: Message?
    public var isEnabled = true
    /// F4 on this field opens a list to pick the value from.
    public var valueHelp: ValueHelp?

    public init(id: String, label: String, hint: String = "", width: Int = 30, limit: Int = 60, masked: Bool = false,
                value: String = "", validate: @escaping @Sendable (String) -> Message? = { _ in nil }, valueHelp: ValueHelp? = nil) {
        self.id = id
        self.valueHelp = valueHelp
        self.label = label
        self.hint = hint
        self.input = TextField(value, limit: limit, masked: masked)
        self.kind = .text
        self.width = width
        self.validate = validate
    }

    public static func choice(id: String, label: String, options: [(value: String, label: String)], selected: Int = 0) -> FormField {
        var f = FormField(id: id, label: label, width: options.map { DisplayWidth.of($0.label) }.max().map { $0 + 4 } ?? 10)
        f.kind = .choice(options)
        f.choiceIndex = selected
        return f
    }

    /// The field's value: the typed text, or the chosen option's value.
    public var value: String {
        if case .choice(let options) = kind { return options[choiceIndex].value }
        return input.text
    }

    var choiceLabel: String? {
        if case .choice(let options) = kind { return options[choiceIndex].label }
        return nil
    }

    mutating func check() { error = isEnabled ? validate(value) : nil }
}

/// A vertical form: labels in one column, inputs beside them, the error of a field on its line.
/// Tab/↓ and Shift-Tab/↑ move; leaving a field validates it; `validateAll` (Enter) focuses the first bad one.
public struct Form: Sendable {
    public var fields: [FormField]
    /// The focused field; a prefilled text gets selected as it gains the focus.
    public var focus = 0 {
        didSet {
            if fields.indices.contains(oldValue) { fields[oldValue].input.unfocused() }
            if fields.indices.contains(focus) { fields[focus].input.focused() }
        }
    }
    /// Set by editing; cleared when the form is saved. Quitting with unsaved input asks first.
    public private(set) var isDirty = false
    /// What Enter last validated (each field's value) and the preview it showed: F5 saves only while
    /// the form still holds exactly this; any edit drops it.
    private var validatedValues: [String]?
    public private(set) var preview: [Note] = []

    /// A line of a preview: what saving will do, or a warning the clerk should weigh before F5.
    public struct Note: Sendable, Equatable {
        public var text: String
        public var style: Style
        public var isWarning: Bool { style == .warning }
        public init(_ text: String, _ style: Style = .ok) { self.text = text; self.style = style }
        public static func warning(_ text: String) -> Note { Note(text, .warning) }
    }

    public init(_ fields: [FormField]) {
        self.fields = fields
        if !fields.isEmpty { self.fields[0].input.focused() }
    }

    public subscript(id: String) -> String { fields.first { $0.id == id }?.value ?? "" }

    public mutating func set(_ id: String, _ text: String) {
        guard let i = fields.firstIndex(where: { $0.id == id }) else { return }
        fields[i].input.set(text)
        if i == focus { fields[i].input.focused() }
    }

    public mutating func setEnabled(_ id: String, _ enabled: Bool) {
        guard let i = fields.firstIndex(where: { $0.id == id }) else { return }
        fields[i].isEnabled = enabled
        if !enabled { fields[i].error = nil }
    }

    public mutating func markSaved() {
        isDirty = false
        validatedValues = nil
        preview = []
    }

    // MARK: the two-step save: Enter validates and previews, F5 saves only what was validated

    var values: [String] { fields.map { "\($0.isEnabled ? 1 : 0)\($0.value)" } }

    /// Enter validated the form as it is now and the preview still stands.
    public var isValidated: Bool { validatedValues == values }

    /// Enter, first step: every enabled field checked; the first bad one is focused and "field: reason"
    /// goes on the message line. Drops an earlier validation either way.
    public mutating func validate(ui: UIContext) -> Bool {
        validatedValues = nil
        preview = []
        guard let bad = validateAll() else { return true }
        ui.fail(Message("error.field", [.text(bad.field.label), .message(bad.error)]))
        return false
    }

    /// Enter, second step: the service accepted the values; `preview` says what F5 will do.
    /// Says "validated, F5 saves" (or that there are warnings) unless the screen says its own `message`.
    public mutating func markValidated(_ preview: [Note], ui: UIContext, message: Message? = nil) {
        validatedValues = values
        self.preview = preview
        ui.say(message ?? Message(preview.contains(where: \.isWarning) ? "tui.validatedWithWarnings" : "tui.validated"))
    }

    /// The validation no longer holds (the save failed): Enter must be pressed again.
    public mutating func dropValidation() {
        validatedValues = nil
        preview = []
    }

    /// F5: `commit` runs only on what Enter validated, and asks first when the preview carried warnings
    /// (Y or F5 saves, Enter or Esc goes back to the form with nothing lost).
    public func save(ui: UIContext, _ commit: @escaping () -> Navigation) -> Navigation {
        guard isValidated else {
            ui.fail(Message("tui.validateFirst"))
            return .stay
        }
        let warnings = preview.filter(\.isWarning)
        guard !warnings.isEmpty else { return commit() }
        return .confirmSave(Message("tui.confirm.warnings", texts: warnings.map(\.text).joined(separator: "；")), then: commit)
    }

    /// A service's field error put on the field it names (`fieldID` maps the error's field to a form
    /// field): returns "field: reason" for the message line, or nil when no field of the form takes it.
    public mutating func mark(_ e: FieldError, fieldID: (Field) -> String? = { $0.rawValue }) -> Message? {
        fieldID(e.field).flatMap { mark($0, e.reason) }
    }

    public var focused: FormField { fields[focus] }

    public enum Outcome: Equatable { case handled, notHandled, clipped, firstLineOnly, movedWithError }

    public mutating func handle(_ key: Key) -> Outcome {
        switch key {
        case .tab, .down: return move(by: 1)
        case .backTab, .up: return move(by: -1)
        default: break
        }
        if case .choice(let options) = fields[focus].kind {
            switch key {
            case .left: fields[focus].choiceIndex = (fields[focus].choiceIndex + options.count - 1) % options.count
            case .right, .char(" "): fields[focus].choiceIndex = (fields[focus].choiceIndex + 1) % options.count
            case .char(let c) where c.isASCII && c.isNumber:
                guard let n = c.wholeNumberValue, (1...options.count).contains(n) else { return .handled }
                fields[focus].choiceIndex = n - 1
            default: return .notHandled
            }
            isDirty = true
            fields[focus].error = nil
            if validatedValues != nil, !isValidated { dropValidation() }
            return .handled
        }
        let edit = fields[focus].input.handle(key)
        switch edit {
        case .notHandled: return .notHandled
        case .handled, .clipped, .firstLineOnly:
            if key != .left && key != .right && key != .home && key != .end { isDirty = true; fields[focus].error = nil }
            if validatedValues != nil, !isValidated { dropValidation() }
            return edit == .clipped ? .clipped : edit == .firstLineOnly ? .firstLineOnly : .handled
        }
    }

    private mutating func move(by step: Int) -> Outcome {
        fields[focus].check()
        let hadError = fields[focus].error != nil
        var next = focus
        repeat { next = (next + step + fields.count) % fields.count } while !fields[next].isEnabled && next != focus
        focus = next
        return hadError ? .movedWithError : .handled
    }

    /// Puts `reason` on the enabled field `id` and focuses it; returns "field: reason" for the message
    /// line, the field named as on the form (nil when there is no such field).
    @discardableResult
    public mutating func mark(_ id: String, _ reason: Message) -> Message? {
        guard let i = fields.firstIndex(where: { $0.id == id && $0.isEnabled }) else { return nil }
        fields[i].error = reason
        focus = i
        return Message("error.field", [.text(fields[i].label), .message(reason)])
    }

    /// Validates every enabled field; focuses the first bad one and returns its error.
    public mutating func validateAll() -> (field: FormField, error: Message)? {
        for i in fields.indices { fields[i].check() }
        guard let bad = fields.firstIndex(where: { $0.error != nil }) else { return nil }
        focus = bad
        return (fields[bad], fields[bad].error!)
    }

    /// Draws from `area.row`; returns where the caret is (the real cursor goes there).
    public mutating func draw(_ canvas: inout Canvas, area: Rect, strings render: (Message) -> String) -> Point? {
        let labelWidth = (fields.map { DisplayWidth.of($0.label) }.max() ?? 0) + 2
        var caret: Point?
        for i in fields.indices {
            let row = area.row + i
            guard row < area.row + area.rows else { break }
            let f = fields[i]
            let isFocused = i == focus
            canvas.put(f.label, row: row, col: area.col, width: labelWidth, style: f.isEnabled ? .label : .dim)
            let col = area.col + labelWidth
            let width = min(f.width, area.col + area.cols - col)
            let style: Style = !f.isEnabled ? .dim : f.error != nil ? .inputError : isFocused ? .inputFocused : .input
            if let label = f.choiceLabel {
                canvas.fill(row: row, col: col, width: width, style: style)
                canvas.put("< " + label + " >", row: row, col: col, width: width, style: style)
                if isFocused { caret = Point(row: row, col: col) }
            } else {
                let c = fields[i].input.draw(&canvas, row: row, col: col, width: width, style: style)
                if isFocused { caret = Point(row: row, col: c) }
            }
            let after = col + width + 1
            if let e = f.error {
                let room = area.col + area.cols - after
                canvas.put(DisplayWidth.truncated(render(e), to: room), row: row, col: after, width: room, style: .error)
            } else if !f.hint.isEmpty {
                canvas.put(f.hint, row: row, col: after, width: area.col + area.cols - after, style: .dim)
            }
        }
        return caret
    }
}

extension Form {
    /// Handles a key and says on the message line what the user must know: an input clipped at the
    /// field's limit, a paste cut to its first line, or the reason a field just left is wrong.
    /// Returns false for keys the form does not use.
    public mutating func handle(_ key: Key, ui: UIContext) -> Bool {
        let left = focus
        switch handle(key) {
        case .notHandled: return false
        case .handled: break
        case .clipped: ui.fail(Message("tui.input.clipped", texts: "\(fields[focus].input.limit)"))
        case .firstLineOnly: ui.fail(Message("tui.input.firstLine"))
        case .movedWithError:
            if let e = fields[left].error {
                ui.fail(Message("error.field", [.text(fields[left].label), .message(e)]))
            }
        }
        return true
    }
}

/// What F4 on a field lists to pick from.
public enum ValueHelp: Sendable {
    /// Registered employers, found by part of the name or the credit code; picking fills in the code.
    case employer
}

extension Form {
    /// The preview under a form: a heading and its lines (warnings in their style), or `guide` before Enter.
    /// Returns the next free row.
    @discardableResult
    public func drawPreview(_ canvas: inout Canvas, row: Int, area: Rect, heading: String, guide: String?, ui: UIContext) -> Int {
        var row = row
        let bottom = area.row + area.rows
        guard !preview.isEmpty else {
            if let guide, row < bottom { canvas.put(guide, row: row, col: area.col, width: area.cols, style: .dim); row += 1 }
            return row
        }
        if row < bottom { canvas.put(heading, row: row, col: area.col, width: area.cols, style: .heading) }
        row += 1
        for note in preview {
            for piece in ScrollText.wrap(note.text, width: area.cols - 2) where row < bottom {
                canvas.put(piece, row: row, col: area.col + 2, width: area.cols - 2, style: note.style)
                row += 1
            }
        }
        return row
    }
}

extension Form {
    /// The keys of a two-step form, in bar order: Enter validates; F5 (`save` its word) once Enter has
    /// validated; F4 where the focused field lists values; `extra` (paging); F3 (`back` its word).
    public func keyHints(_ ui: UIContext, save: String = "tui.key.save", back: String = "tui.key.back",
                         extra: [KeyHint] = []) -> [KeyHint] {
        var hints = [KeyHint("Enter", ui.text("tui.key.validate"))]
        if isValidated { hints.append(KeyHint("F5", ui.text(save))) }
        if focused.valueHelp != nil { hints.append(KeyHint("F4", ui.text("tui.key.valueHelp"))) }
        return hints + extra + [KeyHint("F3", ui.text(back))]
    }

    /// F3, F12 or Esc on a form opened inside a screen: `close` at once when nothing was typed, else
    /// `question` first (Y closes, Enter keeps the form).
    public func close(asking question: Message, _ close: @escaping () -> Void) -> Navigation {
        guard isDirty else { close(); return .stay }
        return .confirm(question, then: { close(); return .stay })
    }
}
