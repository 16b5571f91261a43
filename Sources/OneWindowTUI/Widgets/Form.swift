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

    public init(id: String, label: String, hint: String = "", width: Int = 30, limit: Int = 60, masked: Bool = false,
                value: String = "", validate: @escaping @Sendable (String) -> Message? = { _ in nil }) {
        self.id = id
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
    public var focus = 0
    /// Set by editing; cleared when the form is saved. Quitting with unsaved input asks first.
    public private(set) var isDirty = false

    public init(_ fields: [FormField]) { self.fields = fields }

    public subscript(id: String) -> String { fields.first { $0.id == id }?.value ?? "" }

    public mutating func set(_ id: String, _ text: String) {
        guard let i = fields.firstIndex(where: { $0.id == id }) else { return }
        fields[i].input.set(text)
    }

    public mutating func setEnabled(_ id: String, _ enabled: Bool) {
        guard let i = fields.firstIndex(where: { $0.id == id }) else { return }
        fields[i].isEnabled = enabled
        if !enabled { fields[i].error = nil }
    }

    public mutating func markSaved() { isDirty = false }

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
            return .handled
        }
        let edit = fields[focus].input.handle(key)
        switch edit {
        case .notHandled: return .notHandled
        case .handled, .clipped, .firstLineOnly:
            if key != .left && key != .right && key != .home && key != .end { isDirty = true; fields[focus].error = nil }
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
