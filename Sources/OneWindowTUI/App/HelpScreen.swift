import OneWindowCore

/// F1 on any screen: what the screen does, every key that works there, and the rule of every field,
/// in the user's language. Read-only; scrolls with ↑↓ and F7/F8; F1, F3 or Esc goes back to the screen
/// exactly as it was (nothing typed there is touched).
final class HelpScreen: Screen {
    let screenID: String
    let title: Message
    var text: ScrollText

    init(for screen: Screen, ui: UIContext) {
        screenID = screen.screenID
        title = Message("tui.help.title", [.message(screen.title)])
        var lines: [ScrollText.Line] = [ScrollText.Line(ui.text("tui.help.about"), style: .heading),
                                        ScrollText.Line(ui.text(screen.about), indent: 2)]
        let here = ui.text(screen.help(ui))
        if here != ui.text(screen.about) {
            lines.append(ScrollText.Line(ui.text("tui.help.here", here), indent: 2))
        }
        let fields = screen.helpFields(ui)
        // F3 "back" is explained with the keys of every screen below; said once.
        var keys = screen.keyHints(ui).filter { !($0.key == "F3" && $0.action == ui.text("tui.key.back")) }
        if !fields.isEmpty {
            keys += ["tab", "move", "delete", "clear", "prefilled"].map { KeyHint(ui.text("tui.help.key.\($0)"), ui.text("tui.help.key.\($0).does")) }
        }
        keys += ["help", "back", "quit", "interrupt"].map { KeyHint(ui.text("tui.help.key.\($0)"), ui.text("tui.help.key.\($0).does")) }
        lines.append(ScrollText.Line(ui.text("tui.help.keys"), style: .heading))
        let keyWidth = keys.map { DisplayWidth.of($0.key) }.max() ?? 0
        for k in keys {
            let pad = String(repeating: " ", count: keyWidth - DisplayWidth.of(k.key) + 2)
            lines.append(ScrollText.Line(k.key + pad + k.action, indent: 2, hanging: keyWidth + 2))
        }
        if !fields.isEmpty {
            lines.append(ScrollText.Line(ui.text("tui.help.fields"), style: .heading))
            for f in fields {
                lines.append(ScrollText.Line(ui.text("tui.help.field", f.label, f.rule), indent: 2, hanging: 2))
            }
        }
        text = ScrollText(lines)
    }

    func keyHints(_ ui: UIContext) -> [KeyHint] {
        var hints = [KeyHint("F1/F3", ui.text("tui.help.close")), KeyHint("F10", ui.text("tui.key.quit"))]
        if text.overflows { hints.insert(KeyHint("F7/F8", ui.text("tui.key.page")), at: 0) }
        return hints
    }

    var about: Message { Message("about.help") }
    func help(_ ui: UIContext) -> Message { about }

    func draw(_ canvas: inout Canvas, area: Rect, ui: UIContext) -> Point? {
        text.draw(&canvas, area: area, indicator: { ui.text("tui.help.page", String($0), String($1)) })
        return nil
    }

    func handle(_ key: Key, ui: UIContext) -> Navigation {
        text.handle(key) ? .stay : .unhandled
    }
}

/// One field as the help screen explains it: its label on the form and its rule.
public struct HelpField: Sendable {
    public let label: String
    public let rule: String
    public init(label: String, rule: String) { self.label = label; self.rule = rule }
}

extension Form {
    /// The enabled fields with their rules: the string `ruleKey(field id)` where the table has one,
    /// else the field's hint, else "as it is".
    public func helpFields(_ ui: UIContext, ruleKey: (String) -> String) -> [HelpField] {
        fields.filter(\.isEnabled).map { f in
            let key = ruleKey(f.id)
            let rule = ui.strings.has(key) ? ui.text(Message(key)) : !f.hint.isEmpty ? f.hint : ui.text("tui.help.noRule")
            return HelpField(label: f.label, rule: f.valueHelp == nil ? rule : rule + ui.text("tui.help.valueHelp"))
        }
    }
}
