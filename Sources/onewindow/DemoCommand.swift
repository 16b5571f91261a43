import ArgumentParser
import Foundation
import OneWindowCore
import OneWindowResources
import OneWindowService
import OneWindowStore
import OneWindowTUI

/// `onewindow demo`: the full counter on a training sandbox of synthetic people, for trainees. Takes no
/// `--store` and never reads `$ONEWINDOW_STORE`: the sandbox path is its own option, and `Sandbox`
/// refuses any file that is not a training store before opening, resetting or deleting it.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Practise at the counter on a training sandbox of synthetic people (never a real store).",
        discussion: """
        The first run creates the sandbox (about 2 seconds) in the per-user training folder:
        $XDG_DATA_HOME/onewindow/training/sandbox.sqlite, else ~/.local/share/onewindow/training/sandbox.sqlite.
        The start screen signs on the trainee clerk (1) or the instructor (2) with one key; the exercises are
        in the home menu. --reset rebuilds the seeded data (scores are kept); so does the menu's reset.
        """)

    @Option(help: "Sandbox file (default: the per-user training folder). Never a real store: any file that is not a training store is refused.")
    var sandbox: String?
    @Option(help: "Seed of the synthetic people (default 1). On an existing sandbox another seed needs --reset.")
    var seed: UInt64?
    @Option(help: "Persons in a new or reset sandbox (default 2000).")
    var persons: Int?
    @Flag(help: "Rebuild the sandbox from its seed before starting (scores are kept).")
    var reset = false
    @Option(help: "Language: zh (default) or en.")
    var lang: String?

    func validate() throws {
        let strings = try StringTable(language: Language.resolve(lang))
        if let persons, persons < 1 { throw ValidationError(strings("out.bench.atLeastOne", "--persons")) }
    }

    func run() throws {
        let strings = try StringTable(language: Language.resolve(lang))
        do {
            try CounterTerminal.requireTerminal()
            let path = sandbox.flatMap { $0.isEmpty ? nil : $0 } ?? Sandbox.defaultPath()
            if !(try Store.exists(at: path)) || reset {
                FileHandle.standardError.write(Data((strings("out.demo.preparing", path) + "\n").utf8))
            }
            let store = try Sandbox.prepare(path: path, seed: seed, persons: persons, reset: reset)
            guard try CounterTerminal.runDemo(sandbox: SandboxHandle(store: store), strings: strings) else {
                throw DomainError("error.tui.locale")
            }
        } catch let e as UserFacingError {
            throw CommonOptions.fail(e, strings)
        }
    }
}
