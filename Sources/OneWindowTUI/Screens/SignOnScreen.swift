import OneWindowCore
import OneWindowService
import OneWindowStore

/// OW00 sign-on: operator focused, Tab to the masked password, Enter signs on. A wrong password
/// keeps the operator's name and puts the cursor back in the password field; every failure is audited.
public final class SignOnScreen: Screen, SignOnMarker {
    public let screenID = "OW00"
    public let title = Message("tui.title.signOn")
    var form: Form
    let store: Store

    public init(ui: UIContext, store: Store, operatorName: String = "") {
        self.store = store
        form = Form([
            FormField(id: "operator", label: ui.text("field.operatorName"), width: 20, limit: 32, value: operatorName,
                      validate: { $0.trimmingSpaces.isEmpty ? Message("reason.required") : nil }),
            FormField(id: "password", label: ui.text("field.password"), width: 20, limit: 64, masked: true,
                      validate: { $0.isEmpty ? Message("reason.required") : nil }),
        ])
        if !operatorName.isEmpty { form.focus = 1 }
    }

    public func keyHints(_ ui: UIContext) -> [KeyHint] { [KeyHint("Enter", ui.text("tui.key.signOn"))] }

    public func helpFields(_ ui: UIContext) -> [HelpField] { form.helpFields(ui) { "tui.signOn.help.\($0)" } }

    public func draw(_ canvas: inout Canvas, area: Rect, ui: UIContext) -> Point? {
        canvas.put(ui.text("tui.signOn.welcome"), row: area.row + 1, col: area.col + 2, style: .heading)
        // A long location (a database URL with its socket folder) ends in a mark rather than silently.
        let store = ui.text(StoreLocation.isPostgres(ui.storePath) ? "tui.signOn.database" : "tui.signOn.store", ui.storePath)
        canvas.put(DisplayWidth.truncated(store, to: area.cols - 4), row: area.row + 2, col: area.col + 2, width: area.cols - 4, style: .dim)
        return form.draw(&canvas, area: Rect(row: area.row + 5, col: area.col + 2, rows: 2, cols: area.cols - 4), strings: ui.text)
    }

    public func handle(_ key: Key, ui: UIContext) -> Navigation {
        guard key == .enter else {
            return form.handle(key, ui: ui) ? .stay : .unhandled
        }
        if let bad = form.validateAll() {
            ui.fail(Message("error.field", [.message(Message("field.\(bad.field.id == "operator" ? "operatorName" : "password")")), .message(bad.error)]))
            return .stay
        }
        do {
            let ctx = try StoreSetup.signOn(store: store, name: form["operator"].trimmingSpaces, password: form["password"])
            ui.services = ctx
            return .home
        } catch {
            ui.fail(error)
            form.set("password", "")
            form.focus = 1
            return .stay
        }
    }
}
