import OneWindowCore

/// What the registration screens (OW11, OW21) share: Core parsers as form validators, the two-step
/// save (Enter validates and previews, F5 saves only what was validated), and service field errors
/// put back on the field they name.
enum RegistrationForm {
    /// A validator's answer from a Core parser: nil when it accepts the text, the reason otherwise.
    static func reason(_ parse: () throws -> Void) -> Message? {
        do {
            try parse()
            return nil
        } catch let e as FieldError {
            return e.reason
        } catch let e as UserFacingError {
            return e.message
        } catch {
            return Message("tui.unexpected", texts: "\(error)")
        }
    }

    /// A required field's validator: "cannot be empty" before the parser is asked (the Core parsers
    /// would call an empty text a wrong format); `parse` gets the trimmed text.
    static func required(_ raw: String, _ parse: (String) throws -> Void) -> Message? {
        let text = raw.trimmingSpaces
        if text.isEmpty { return Message("reason.required") }
        return reason { try parse(text) }
    }

    /// The keys of a two-step form: Enter validates; F5 saves once Enter has validated; F4 lists values
    /// where the focused field has a value help.
    /// A registration warning as a preview line: its text, marked when the policy figure behind it is a sample.
    static func note(_ w: RegistrationWarning, _ ui: UIContext) -> Form.Note {
        .warning(ui.text(w.message) + (w.confirmed ? "" : ui.text("out.claim.sample")))
    }

    /// F1: help for the focused field where there is one, else for the screen.
    static func help(_ form: Form, screenID: String, _ ui: UIContext) -> Message {
        let key = "tui.registration.help.\(form.focused.id)"
        return Message(ui.strings.has(key) ? key : "help.\(screenID)")
    }

    /// The form, then either the preview of what saving does (after Enter) or the guide line.
    static func draw(_ form: inout Form, _ canvas: inout Canvas, area: Rect, ui: UIContext) -> Point? {
        let caret = form.draw(&canvas, area: Rect(row: area.row, col: area.col, rows: form.fields.count, cols: area.cols),
                              strings: ui.text)
        form.drawPreview(&canvas, row: area.row + form.fields.count + 1, area: area, heading: ui.text("tui.registration.preview"),
                         guide: ui.text("tui.registration.guide"), ui: ui)
        return caret
    }
}

/// A screen that is one two-step registration form (OW11 person, OW21 employer): keys, help, drawing
/// and key handling are the same; the screen says how Enter validates, what F5 saves, and what follows
/// an edit.
protocol RegistrationFormScreen: Screen {
    var form: Form { get set }
    var factory: ScreenFactory { get }
    func validate(_ ui: UIContext)
    func save(_ ui: UIContext) -> Navigation
    /// After a key changed the form (hints, which fields are enabled); nothing by default.
    func edited(_ ui: UIContext)
}

extension RegistrationFormScreen {
    func edited(_ ui: UIContext) {}
    var hasUnsavedInput: Bool { form.isDirty }
    func keyHints(_ ui: UIContext) -> [KeyHint] { form.keyHints(ui) }
    func help(_ ui: UIContext) -> Message { RegistrationForm.help(form, screenID: screenID, ui) }
    func helpFields(_ ui: UIContext) -> [HelpField] { form.helpFields(ui) { "tui.registration.help.\($0)" } }

    func draw(_ canvas: inout Canvas, area: Rect, ui: UIContext) -> Point? {
        RegistrationForm.draw(&form, &canvas, area: area, ui: ui)
    }

    func handle(_ key: Key, ui: UIContext) -> Navigation {
        switch key {
        case .enter: validate(ui); return .stay
        case .function(5): return form.save(ui: ui) { self.save(ui) }
        case .function(4) where form.focused.valueHelp == .employer:
            let id = form.focused.id
            return .push(factory.valueHelp(ui, .employer) { [weak self] code in
                self?.form.set(id, code)
                self?.edited(ui)
            })
        default:
            guard form.handle(key, ui: ui) else { return .unhandled }
            edited(ui)
            return .stay
        }
    }
}
