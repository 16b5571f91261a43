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

    /// Keys refused since the window became too small, said on the notice.
    private(set) var heldBack = 0

    public func handle(_ key: Key) {
        if key == .resize {
            // ncurses delivers KEY_RESIZE ahead of keys typed just before the window shrank: those were
            // typed on a screen the clerk could see, so they still apply; keys typed after it are held back.
            if !terminal.size.isUsable { for k in terminal.pendingKeys() { dispatch(k) } }
            heldBack = 0
            return
        }
        guard terminal.size.isUsable else { return holdBack(key) }
        dispatch(key)
    }

    /// While the "enlarge the window" notice shows nothing changes blind: only quitting works (asking
    /// first, the question drawn on the notice); every other key is refused with a beep and counted.
    private func holdBack(_ key: Key) {
        if let d = dialog, d.question.key == Self.quitQuestion.key || d.question.key == Self.quitUnsavedQuestion.key {
            return answer(d, key)
        }
        if dialog == nil, Self.isQuit(key) { return apply(quitConfirm) }
        heldBack += 1
        terminal.beep()
    }

    private func dispatch(_ key: Key) {
        if let d = dialog { return answer(d, key) }
        if key != .function(1) { ui.clearMessage() }
        let nav = top.handle(key, ui: ui)
        if case .unhandled = nav { apply(defaults(key)) } else { apply(nav) }
    }

    private func answer(_ d: ConfirmDialog, _ key: Key) {
        switch d.answer(key) {
        case .yes: dialog = nil; ui.clearMessage(); apply(d.onYes())
        case .no: dialog = nil; ui.clearMessage()
        case .none:
            terminal.beep()
            ui.fail(Message("tui.confirm.waiting", texts: d.prompt(ui)))
        }
    }

    static let quitQuestion = Message("tui.confirm.quit")
    static let quitUnsavedQuestion = Message("tui.confirm.quitUnsaved")
    static func isQuit(_ key: Key) -> Bool { key == .function(10) || key == .ctrl("q") || key == .interrupt }
    var quitConfirm: Navigation { .confirm(anyUnsaved ? Self.quitUnsavedQuestion : Self.quitQuestion, then: { .quit }) }

    var anyUnsaved: Bool { stack.contains { $0.hasUnsavedInput } }

    /// F1 help, F3/F12 back (asking when input would be lost), F10/Ctrl-Q quit, Ctrl-C asks before anything.
    func defaults(_ key: Key) -> Navigation {
        switch key {
        case .function(1):
            return top is HelpScreen ? .pop : .push(HelpScreen(for: top, ui: ui))
        case .function(3), .function(12), .escape:
            guard stack.count > 1, !(top is SignOnMarker) else { return .stay }
            if top.hasUnsavedInput { return .confirm(Message("tui.confirm.discard"), then: { .pop }) }
            return .pop
        case _ where Self.isQuit(key):
            return quitConfirm
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
        case .confirm(let q, let then): dialog = ConfirmDialog(question: q, f5Confirms: false, onYes: then)
        case .confirmSave(let q, let then): dialog = ConfirmDialog(question: q, f5Confirms: true, onYes: then)
        }
    }

    /// The whole screen for the current state and terminal size.
    public func frame() -> Canvas {
        let size = terminal.size
        var canvas = Canvas(size: size)
        guard size.isUsable else { return tooSmall(canvas) }
        Frame.header(&canvas, screen: top, ui: ui)
        let area = Rect(row: 2, col: 1, rows: size.rows - 4, cols: size.cols - 2)
        let caret = top.draw(&canvas, area: area, ui: ui)
        if let m = ui.message {
            canvas.put(DisplayWidth.truncated(m.text, to: size.cols - 2), row: size.rows - 2, col: 1, width: size.cols - 2, style: m.style)
        }
        canvas.cursor = caret
        if let d = dialog {
            // While a question is up only its answers work, so the bar shows only those.
            Frame.keyBar(&canvas, hints: d.keyHints(ui), ui: ui, global: false)
            d.draw(&canvas, ui: ui)
            canvas.cursor = nil
        } else {
            // The help screen's own bar closes it with F1: no second "F1 help" beside that.
            Frame.keyBar(&canvas, hints: top.keyHints(ui), ui: ui, global: !(top is HelpScreen))
        }
        return canvas
    }

    /// The notice while the window is too small: what size is needed, that keys are held back, and
    /// the quit question when F10 was pressed. Every line wrapped to the width, never cut.
    private func tooSmall(_ canvas: Canvas) -> Canvas {
        var canvas = canvas
        let size = canvas.size
        var texts: [(String, Style)] = [(ui.text("tui.tooSmall", "\(Size.minimum.cols)", "\(Size.minimum.rows)"), .warning),
                                        (ui.text("tui.tooSmallNow", "\(size.cols)", "\(size.rows)"), .warning),
                                        (ui.text("tui.tooSmallHeld"), .normal)]
        if heldBack > 0 { texts.append((ui.text("tui.tooSmallRefused", "\(heldBack)"), .error)) }
        if let d = dialog { texts += [(ui.text(d.question), .selected), (d.prompt(ui), .selected)] }
        let lines = texts.flatMap { t in ScrollText.wrap(t.0, width: max(1, size.cols)).map { ($0, t.1) } }
        let first = max(0, (size.rows - lines.count) / 2)
        for (i, l) in lines.enumerated() where first + i < size.rows {
            canvas.put(l.0, row: first + i, col: 0, width: size.cols, style: l.1)
        }
        return canvas
    }
}

/// Screens that are the root before sign-on: F3 does nothing there.
public protocol SignOnMarker {}
