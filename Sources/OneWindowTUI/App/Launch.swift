import Foundation
import OneWindowCore
import OneWindowResources
import OneWindowService
import OneWindowStore

extension ScreenFactory {
    /// The real screens, wired to one another. Each screen gets this same factory, so a test that swaps
    /// one entry sees the swap however deep the navigation goes.
    public static var standard: ScreenFactory {
        let f = ScreenFactory()
        f.person = { ui, id in PersonScreen(ui: ui, id: id, factory: f) }
        f.employer = { ui, code in EmployerScreen(ui: ui, code: code, factory: f) }
        f.enrol = { ui, id, employer in EnrolScreen(ui: ui, prefill: id, employer: employer, factory: f) }
        f.registerEmployer = { ui in EmployerRegistrationScreen(ui: ui, factory: f) }
        f.operators = { ui in OperatorsScreen(ui: ui, factory: f) }
        f.claim = { ui, id, estimate in ClaimTypeScreen(ui: ui, id: id, estimate: estimate, factory: f) }
        f.receipt = { ui, number in ReceiptScreen(ui: ui, number: number, folder: ReceiptScreen.defaultFolder(ui)) }
        f.approvals = { ui in ApprovalQueueScreen(ui: ui, factory: f) }
        f.claimDecision = { ui, id in ClaimDecisionScreen(ui: ui, id: id) }
        f.payments = { ui in PaymentsScreen(ui: ui) }
        f.employerClaims = { ui, code in EmployerClaimsScreen(ui: ui, code: code, factory: f) }
        f.fund = { ui in FundOverviewScreen(ui: ui, factory: f) }
        f.stats = { ui in StatisticsScreen(ui: ui) }
        f.budget = { ui in BudgetScreen(ui: ui) }
        f.trainingMenu = { ui in TrainingMenu.entries(ui, factory: f) }
        f.valueHelp = { ui, kind, pick in
            switch kind {
            case .employer: ValueHelpScreen(ui: ui, onPick: pick)
            }
        }
        return f
    }
}

public enum CounterTerminal {
    /// Builds the application on any terminal: sign-on first, home after.
    /// `storeLabel` is how the store is named on screen (its path by default).
    public static func application(terminal: Terminal, store: Store, strings: StringTable, operatorName: String = "",
                                   storeLabel: String? = nil, factory: ScreenFactory = .standard) throws -> Application {
        let training = (try store.meta("mode")) == StoreMode.training.rawValue
        let ui = UIContext(strings: strings, storePath: storeLabel ?? store.path, trainingStore: training)
        return Application(terminal: terminal, ui: ui,
                           signOn: { ui in SignOnScreen(ui: ui, store: store, operatorName: operatorName) },
                           home: { ui in HomeScreen(ui: ui, factory: factory) })
    }

    /// Refuses at once, before anything is opened or seeded, when standard input or output is not a
    /// terminal (a script, a pipe, `</dev/null`): the counter would otherwise wait on input that never comes.
    public static func requireTerminal() throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw DomainError("error.tui.noTerminal") }
    }

    /// Runs the counter on the real terminal until the user quits. Returns false when no UTF-8 locale exists.
    public static func run(store: Store, strings: StringTable, operatorName: String = "") throws -> Bool {
        let training = (try store.meta("mode")) == StoreMode.training.rawValue
        let noColor = !(ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
        guard let terminal = NcursesTerminal(training: training, noColor: noColor) else { return false }
        defer { terminal.stop() }
        try application(terminal: terminal, store: store, strings: strings, operatorName: operatorName).run()
        return true
    }
}
