import OneWindowCore
import OneWindowService
import OneWindowStore

/// OW03 the demo start screen: what the sandbox is, and one key per sandbox account (1 the trainee
/// clerk, 2 the instructor). Nobody types a password here; the accounts exist only in the sandbox.
public final class DemoStartScreen: Screen, SignOnMarker {
    public let screenID = "OW03"
    public let title = Message("tui.title.demo")
    let sandbox: SandboxHandle
    var selected = 0
    let info: Sandbox.Info?

    public init(ui: UIContext, sandbox: SandboxHandle) {
        self.sandbox = sandbox
        info = try? Sandbox.info(sandbox.store)
    }

    public func keyHints(_ ui: UIContext) -> [KeyHint] {
        [KeyHint("1/2", ui.text("tui.demo.key.signOn")), KeyHint("↑↓ Enter", ui.text("tui.demo.key.choose"))]
    }

    static func label(_ account: Sandbox.Account) -> (name: String, detail: String) {
        ("tui.demo.account.\(account.name)", "tui.demo.account.\(account.name).detail")
    }

    public func draw(_ canvas: inout Canvas, area: Rect, ui: UIContext) -> Point? {
        var row = area.row + 1
        let col = area.col + 2
        let width = area.cols - 4
        canvas.put(ui.text("tui.demo.welcome"), row: row, col: col, width: width, style: .heading)
        row += 1
        if let info {
            canvas.put(ui.text("tui.demo.data", "\(info.persons)", "\(info.seed)", info.anchor?.description ?? "-"),
                       row: row, col: col, width: width)
            row += 1
        }
        for line in ScrollText.paragraphs(ui.text("tui.demo.notReal"), width: width) {
            canvas.put(line, row: row, col: col, width: width, style: .dim)
            row += 1
        }
        row += 1
        canvas.put(ui.text("tui.demo.choose"), row: row, col: col, width: width)
        row += 2
        let nameWidth = Sandbox.accounts.map { DisplayWidth.of(ui.text(Self.label($0).name)) }.max() ?? 0
        for (i, account) in Sandbox.accounts.enumerated() {
            let style: Style = i == selected ? .selected : .normal
            if i == selected { canvas.fill(row: row, col: col, width: width, style: .selected) }
            let name = DisplayWidth.padded(ui.text(Self.label(account).name), to: nameWidth)
            let used = canvas.put(" \(i + 1)  " + name + "  ", row: row, col: col, width: width, style: i == selected ? .selected : .label)
            canvas.put(ui.text(Self.label(account).detail), row: row, col: col + used, width: width - used, style: style)
            row += 1
        }
        row += 1
        for key in ["tui.demo.howto", "tui.demo.resetHow"] {
            for line in ScrollText.paragraphs(ui.text(key), width: width) {
                canvas.put(line, row: row, col: col, width: width)
                row += 1
            }
        }
        canvas.put(DisplayWidth.truncated(ui.text("tui.demo.file", ui.storePath), to: width), row: area.row + area.rows - 1,
                   col: col, width: width, style: .dim)
        return nil
    }

    public func handle(_ key: Key, ui: UIContext) -> Navigation {
        switch key {
        case .up: selected = max(0, selected - 1)
        case .down: selected = min(Sandbox.accounts.count - 1, selected + 1)
        case .enter: return signOn(Sandbox.accounts[selected], ui)
        case .char(let c) where c.wholeNumberValue.map { (1...Sandbox.accounts.count).contains($0) } == true:
            selected = c.wholeNumberValue! - 1
            return signOn(Sandbox.accounts[selected], ui)
        default: return .unhandled
        }
        return .stay
    }

    func signOn(_ account: Sandbox.Account, _ ui: UIContext) -> Navigation {
        guard let ctx = ui.run({ try Sandbox.signOn(sandbox.store, account, clock: sandbox.clock) }) else { return .stay }
        ui.services = ctx
        ui.say("tui.demo.signedOn", ui.text(Self.label(account).name))
        return .home
    }
}
