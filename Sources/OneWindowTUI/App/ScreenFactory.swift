import OneWindowCore
import OneWindowStore

/// How screens open one another without knowing each other's initialisers: one place wires them up,
/// and tests can substitute any screen.
public final class ScreenFactory {
    public var person: (UIContext, CitizenID) -> Screen
    public var employer: (UIContext, CreditCode) -> Screen
    /// Person registration and enrolment; an ID prefilled when the search found it unregistered,
    /// an employer prefilled when started from the employer view.
    public var enrol: (UIContext, CitizenID?, CreditCode?) -> Screen
    public var registerEmployer: (UIContext) -> Screen
    public var operators: (UIContext) -> Screen
    /// Home-menu entries of the training mode (exercises; reset in the demo), shown on training stores only.
    public var trainingMenu: (UIContext) -> [MenuEntry] = { _ in [] }

    public init(person: @escaping (UIContext, CitizenID) -> Screen, employer: @escaping (UIContext, CreditCode) -> Screen,
                enrol: @escaping (UIContext, CitizenID?, CreditCode?) -> Screen, registerEmployer: @escaping (UIContext) -> Screen,
                operators: @escaping (UIContext) -> Screen) {
        self.person = person
        self.employer = employer
        self.enrol = enrol
        self.registerEmployer = registerEmployer
        self.operators = operators
    }
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
