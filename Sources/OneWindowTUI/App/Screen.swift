import OneWindowCore

/// A key-bar entry: the key's label and what it does here.
public struct KeyHint: Equatable, Sendable {
    public let key: String
    public let action: String
    public init(_ key: String, _ action: String) { self.key = key; self.action = action }
}

/// What a screen asks the application to do after a key.
public enum Navigation {
    case stay
    /// The screen did not use the key: the application applies its defaults (F3 back, F10 quit…).
    case unhandled
    case push(Screen)
    case pop
    case replace(Screen)
    /// Back to the first screen after sign-on (home).
    case home
    case signOut
    case quit
    /// Ask before doing: a yes (Y) runs `then`; Enter and Esc keep what is there.
    case confirm(Message, then: () -> Navigation)
    /// The same for a save started with F5: F5 answers yes too.
    case confirmSave(Message, then: () -> Navigation)
}

/// One screen of the counter. Screens turn keys into service calls and draw what comes back;
/// they never touch the store or the terminal directly.
public protocol Screen: AnyObject {
    /// Shown top left, as on 3270 maps: clerks name screens by it on the phone.
    var screenID: String { get }
    var title: Message { get }
    /// The keys that work here, in bar order; the application adds F1 and F10.
    func keyHints(_ ui: UIContext) -> [KeyHint]
    /// Draws the work area; returns where the real cursor goes (a field's caret) or nil.
    func draw(_ canvas: inout Canvas, area: Rect, ui: UIContext) -> Point?
    func handle(_ key: Key, ui: UIContext) -> Navigation
    /// Typed input not yet saved: leaving or quitting asks first.
    var hasUnsavedInput: Bool { get }
    /// What the screen is for, the first paragraph of its F1 help screen.
    var about: Message { get }
    /// Help for the focused field, or for the screen: the "here" line of the F1 help screen.
    func help(_ ui: UIContext) -> Message
    /// The fields of the screen's form with their rules, for the F1 help screen (none by default).
    func helpFields(_ ui: UIContext) -> [HelpField]
    /// Called when the screen comes back to the top of the stack (refresh what may have changed).
    func didAppear(_ ui: UIContext)
}

extension Screen {
    public var hasUnsavedInput: Bool { false }
    public func didAppear(_ ui: UIContext) {}
    public func help(_ ui: UIContext) -> Message { Message("help.\(screenID)") }
    public var about: Message { Message("about.\(screenID)") }
    public func helpFields(_ ui: UIContext) -> [HelpField] { [] }
}
