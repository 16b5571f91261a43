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

    /// "field: reason", the field named by its form id (the ids are `Field` raw values).
    static func message(_ fieldID: String, _ reason: Message) -> Message {
        Message("error.field", [.message(Message("field.\(fieldID)")), .message(reason)])
    }

    /// Enter: every field checked; the first bad one gets the focus and its reason goes on the message line.
    static func validate(_ form: inout Form, ui: UIContext) -> Bool {
        guard let bad = form.validateAll() else { return true }
        // Named by its label as on the form: not every field id is a `Field` (OW33's year is not).
        ui.fail(Message("error.field", [.text(bad.field.label), .message(bad.error)]))
        return false
    }

    static func keyHints(_ ui: UIContext) -> [KeyHint] {
        [KeyHint("Enter", ui.text("tui.key.validate")), KeyHint("F5", ui.text("tui.key.save")), KeyHint("F3", ui.text("tui.key.back"))]
    }

    /// F1: help for the focused field where there is one, else for the screen.
    static func help(_ form: Form, screenID: String, _ ui: UIContext) -> Message {
        let key = "tui.registration.help.\(form.focused.id)"
        return Message(ui.strings.has(key) ? key : "help.\(screenID)")
    }

    /// The form, then either the preview of what saving does (after Enter) or the guide line.
    static func draw(_ form: inout Form, preview: [(text: String, style: Style)]?, _ canvas: inout Canvas,
                     area: Rect, ui: UIContext) -> Point? {
        let caret = form.draw(&canvas, area: Rect(row: area.row, col: area.col, rows: form.fields.count, cols: area.cols),
                              strings: ui.text)
        var row = area.row + form.fields.count + 1
        if let preview {
            canvas.put(ui.text("tui.registration.preview"), row: row, col: area.col, width: area.cols, style: .heading)
            for line in preview {
                row += 1
                canvas.put(line.text, row: row, col: area.col + 2, width: area.cols - 2, style: line.style)
            }
        } else {
            canvas.put(ui.text("tui.registration.guide"), row: row, col: area.col, width: area.cols, style: .dim)
        }
        return caret
    }

    /// What was validated: F5 saves only while the form still holds exactly this.
    static func snapshot(_ form: Form) -> [String] {
        form.fields.map { "\($0.isEnabled ? 1 : 0)\($0.value)" }
    }
}
