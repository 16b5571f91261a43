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
    /// A claim at the counter for a person (OW30 claim type and materials → OW31 form); `true` opens the
    /// same flow as an estimate ("what would I get?") that files nothing.
    public var claim: (UIContext, CitizenID, Bool) -> Screen = { _, _, _ in fatalError("claim screen not wired") }
    /// A receipt (受理回执, OW32) by its number: after a submission, or looked up later.
    public var receipt: (UIContext, ReceiptNumber) -> Screen = { _, _ in fatalError("receipt screen not wired") }
    /// The supervisor's approval queue (OW35), one claim's decision (OW36, by claim id), payment orders (OW37).
    public var approvals: (UIContext) -> Screen = { _ in fatalError("approval queue not wired") }
    public var claimDecision: (UIContext, Int64) -> Screen = { _, _ in fatalError("claim decision not wired") }
    public var payments: (UIContext) -> Screen = { _ in fatalError("payments screen not wired") }
    /// The fund overview (OW50): the merged fund's month, its risk figures and warnings (sessions allowed `.viewFund`).
    public var fund: (UIContext) -> Screen = { _ in fatalError("fund overview not wired") }
    /// The statistics of a year (OW51), from the fund overview (F6): beneficiaries and payments, contributions,
    /// claims and cover, checked against the ledger (sessions allowed `.viewFund`).
    public var stats: (UIContext) -> Screen = { _ in fatalError("statistics not wired") }
    /// The budget of a year (OW52), from the fund overview (F9): next year's by default, every assumption as
    /// this year, with the 以支定收 rate (sessions allowed `.viewFund`).
    public var budget: (UIContext) -> Screen = { _ in fatalError("budget not wired") }
    /// The benefit claims of one employer's employees (OW38), from the employer view.
    public var employerClaims: (UIContext, CreditCode) -> Screen = { _, _ in fatalError("employer claims not wired") }
    /// F4 value help on a field of the given kind: the pick is handed to the closure (a credit code).
    public var valueHelp: (UIContext, ValueHelp, @escaping (String) -> Void) -> Screen = { _, _, _ in fatalError("value help not wired") }
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
