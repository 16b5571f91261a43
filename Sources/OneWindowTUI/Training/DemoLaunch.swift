import Foundation
import OneWindowCore
import OneWindowResources
import OneWindowService
import OneWindowStore

/// The open training sandbox. A reset replaces the store file, so screens reach the store through this
/// handle, never by keeping the `Store` itself.
public final class SandboxHandle {
    public private(set) var store: Store
    public let clock: Clock

    /// `store` must come from `Sandbox` (create, open or prepare): a training store, checked there.
    public init(store: Store, clock: Clock = Clock()) {
        self.store = store
        self.clock = clock
    }

    /// Back to the seeded state; the scores are kept. Everyone signed on must be signed out first.
    public func reset() throws {
        let path = store.path
        let seed = try Sandbox.info(store).seed
        do {
            store = try Sandbox.reset(store, clock: clock)
        } catch {
            // The old store is closed by now: leave a usable sandbox behind (the old file if it is still
            // there, else a fresh one) and report what went wrong.
            if let reopened = try? Sandbox.open(path: path, clock: clock) {
                store = reopened
            } else if let fresh = try? Sandbox.create(path: path, seed: seed, clock: clock) {
                store = fresh
            }
            throw error
        }
    }
}

extension CounterTerminal {
    /// The counter on a training sandbox: the demo start screen (one key per sandbox account) instead of
    /// the password sign-on, then the ordinary home and screens, with the exercises and a reset in the menu.
    public static func demoApplication(terminal: Terminal, sandbox: SandboxHandle, strings: StringTable,
                                       storeLabel: String? = nil, factory: ScreenFactory = .standard) throws -> Application {
        let training = (try sandbox.store.meta("mode")) == StoreMode.training.rawValue
        guard training else { throw DomainError("error.sandbox.notTraining", texts: sandbox.store.path) }
        let ui = UIContext(strings: strings, storePath: storeLabel ?? sandbox.store.path, trainingStore: true)
        ui.clock = sandbox.clock
        let standard = factory.trainingMenu
        factory.trainingMenu = { ui in standard(ui) + [TrainingMenu.reset(ui, sandbox: sandbox)] }
        return Application(terminal: terminal, ui: ui,
                           signOn: { ui in DemoStartScreen(ui: ui, sandbox: sandbox) },
                           home: { ui in HomeScreen(ui: ui, factory: factory) })
    }

    /// `onewindow demo`: runs until the trainee quits, in the training colours. False when no UTF-8 locale exists.
    public static func runDemo(sandbox: SandboxHandle, strings: StringTable) throws -> Bool {
        let noColor = !(ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
        guard let terminal = NcursesTerminal(training: true, noColor: noColor) else { return false }
        defer { terminal.stop() }
        try demoApplication(terminal: terminal, sandbox: sandbox, strings: strings).run()
        return true
    }
}

/// The training mode's home-menu entries.
enum TrainingMenu {
    /// On every training store: the exercises.
    static func entries(_ ui: UIContext, factory: ScreenFactory) -> [MenuEntry] {
        [MenuEntry(key: "tui.exercise.menu") { .push(ExerciseListScreen(ui: ui, factory: factory)) }]
    }

    /// In the demo: back to the seeded data, after a yes. Everyone is signed out (the store is replaced).
    static func reset(_ ui: UIContext, sandbox: SandboxHandle) -> MenuEntry {
        MenuEntry(key: "tui.demo.menu.reset") {
            .confirm(Message("tui.demo.confirmReset")) {
                ui.services = nil
                guard ui.run({ try sandbox.reset() }) != nil else { return .signOut }
                ui.say("tui.demo.resetDone", "\((try? Sandbox.info(sandbox.store).seed) ?? Sandbox.defaultSeed)")
                return .signOut
            }
        }
    }
}
