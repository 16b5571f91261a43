import ArgumentParser
import OneWindowCore
import OneWindowService
import OneWindowTUI

/// `onewindow` with no subcommand: the counter terminal on the configured store.
struct TerminalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "terminal", abstract: "Open the counter terminal (the default).")

    @OptionGroup var common: CommonOptions

    func run() throws {
        try common.report {
            try CounterTerminal.requireTerminal()
            let store = try StoreSetup.open(path: common.storePath)
            guard try CounterTerminal.run(store: store, strings: common.strings,
                                          operatorName: common.operatorName ?? common.env["ONEWINDOW_OPERATOR"] ?? "") else {
                throw DomainError("error.tui.locale")
            }
        }
    }
}
