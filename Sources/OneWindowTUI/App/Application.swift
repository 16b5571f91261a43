import OneWindowCore

/// The key loop: draw the top screen inside the frame (header, message line, key bar), read a key,
/// let the screen handle it, then apply the application's defaults. Single-threaded by design.
public final class Application {
    let terminal: Terminal
    public let ui: UIContext
    public private(set) var stack: [Screen]
    var dialog: ConfirmDialog?
    public private(set) var finished = false
    /// Builds the first screen after sign-on.
    let makeHome: (UIContext) -> Screen
    let makeSignOn: (UIContext) -> Screen

    public init(terminal: Terminal, ui: UIContext, signOn: @escaping (UIContext) -> Screen, home: @escaping (UIContext) -> Screen) {
        self.terminal = terminal
        self.ui = ui
        self.makeSignOn = signOn
        self.makeHome = home
        self.stack = [signOn(ui)]
        ui.showBusy = { [unowned self] in
            ui.say("tui.busy")
            terminal.present(frame())
        }
    }

    public var top: Screen { stack[stack.count - 1] }

    /// After a sign-on made elsewhere (tests, a future single-sign-on): straight to home.
    public func goHome() { apply(.home) }

    /// Runs until the user quits or the input ends.
    public func run() {
        terminal.present(frame())
        while !finished, let key = terminal.nextKey() {
            handle(key)
            terminal.present(frame())
        }
    }

    public func handle(_ key: Key) {
        if key == .resize { return }  // the next frame is drawn at the new size; nothing typed is lost
        if let d = dialog {
            switch ConfirmDialog.answer(key) {
            case .yes: dialog = nil; apply(d.onYes())
            case .no: dialog = nil; ui.clearMessage()
            case .none: break
            }
            return
        }
        // Keys are handled even while the window is too small to draw: ncurses queues KEY_RESIZE ahead
        // of keys typed just before a resize, and no keystroke may be lost.
        if key != .function(1) { ui.clearMessage() }
        let nav = top.handle(key, ui: ui)
        if case .unhandled = nav { apply(defaults(key)) } else { apply(nav) }
    }

    var anyUnsaved: Bool { stack.contains { $0.hasUnsavedInput } }

    /// F1 help, F3/F12 back (asking when input would be lost), F10/Ctrl-Q quit, Ctrl-C asks before anything.
    func defaults(_ key: Key) -> Navigation {
        switch key {
        case .function(1):
            ui.say(top.help(ui))
            return .stay
        case .function(3), .function(12), .escape:
            guard stack.count > 1, !(top is SignOnMarker) else { return .stay }
            if top.hasUnsavedInput { return .confirm(Message("tui.confirm.discard"), then: { .pop }) }
            return .pop
        case .function(10), .ctrl("q"), .interrupt:
            return .confirm(Message(anyUnsaved ? "tui.confirm.quitUnsaved" : "tui.confirm.quit"), then: { .quit })
        default:
            return .stay
        }
    }

    func apply(_ nav: Navigation) {
        switch nav {
        case .stay, .unhandled: break
        case .push(let s): stack.append(s); s.didAppear(ui)
        case .pop:
            if stack.count > 1 { stack.removeLast(); top.didAppear(ui) }
        case .replace(let s): stack[stack.count - 1] = s; s.didAppear(ui)
        case .home: stack = [makeHome(ui)]; top.didAppear(ui)
        case .signOut: ui.services = nil; stack = [makeSignOn(ui)]
        case .quit: finished = true
        case .confirm(let q, let then): dialog = ConfirmDialog(question: q, onYes: then)
        }
    }

    /// The whole screen for the current state and terminal size.
    public func frame() -> Canvas {
        let size = terminal.size
        var canvas = Canvas(size: size)
        guard size.isUsable else {
            let lines = [ui.text("tui.tooSmall", "\(Size.minimum.cols)", "\(Size.minimum.rows)"),
                         ui.text("tui.tooSmallNow", "\(size.cols)", "\(size.rows)")]
            for (i, l) in lines.enumerated() {
                canvas.put(l, row: max(0, size.rows / 2 - 1 + i), col: 0, width: size.cols, style: .warning)
            }
            return canvas
        }
        Frame.header(&canvas, screen: top, ui: ui)
        let area = Rect(row: 2, col: 1, rows: size.rows - 4, cols: size.cols - 2)
        let caret = top.draw(&canvas, area: area, ui: ui)
        if let m = ui.message {
            canvas.put(DisplayWidth.truncated(m.text, to: size.cols - 2), row: size.rows - 2, col: 1, width: size.cols - 2, style: m.style)
        }
        Frame.keyBar(&canvas, hints: top.keyHints(ui), ui: ui)
        canvas.cursor = caret
        if let d = dialog {
            d.draw(&canvas, ui: ui)
            canvas.cursor = nil
        }
        return canvas
    }
}

/// Screens that are the root before sign-on: F3 does nothing there.
public protocol SignOnMarker {}
