import OneWindowCore
import OneWindowStore

/// How screens open one another without knowing each other's initialisers: one place wires them up
/// (`ScreenFactory.standard`), and tests can substitute any screen. Every entry is wired there; the
/// defaults only make a missing wire fail loudly in development.
public final class ScreenFactory {
    public var person: (UIContext, CitizenID) -> Screen = { _, _ in fatalError("person screen not wired") }
    public var employer: (UIContext, CreditCode) -> Screen = { _, _ in fatalError("employer screen not wired") }
    /// Person registration and enrolment; an ID prefilled when the search found it unregistered,
    /// an employer prefilled when started from the employer view.
    public var enrol: (UIContext, CitizenID?, CreditCode?) -> Screen = { _, _, _ in fatalError("enrol screen not wired") }
    public var registerEmployer: (UIContext) -> Screen = { _ in fatalError("employer registration not wired") }
    public var operators: (UIContext) -> Screen = { _ in fatalError("operators screen not wired") }
    /// Home-menu entries of the training mode (exercises; reset in the demo), shown on training stores only.
    public var trainingMenu: (UIContext) -> [MenuEntry] = { _ in [] }

    public init() {}
}

/// A home-menu entry: its label (a string key) and what choosing it does.
public struct MenuEntry {
    public let key: String
    public let choose: () -> Navigation
    public init(key: String, choose: @escaping () -> Navigation) {
        self.key = key
        self.choose = choose
    }
}
