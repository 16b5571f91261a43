import ArgumentParser
import Foundation
import OneWindowService
import OneWindowStore

struct StoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "store", abstract: "The store itself: moving a file store up to PostgreSQL.",
                                                    subcommands: [Copy.self])

    struct Copy: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy a whole store file into an empty PostgreSQL database and check it (admin).",
            discussion: "Counts every table on both sides and walks the copy's audit chain; exit 1 if anything differs.")
        @Option(help: "The store file to copy (default: --store, $ONEWINDOW_STORE).") var from: String?
        @Option(help: "The empty PostgreSQL database: postgresql://…") var to: String
        @OptionGroup var common: CommonOptions

        func run() throws {
            var source = common
            if let from { source.store = from }
            try common.report {
                let report = try StoreCopyService(try source.signOn()).copy(to: to)
                for t in report.tables {
                    common.say("out.store.copyTable", t.name, String(t.source), String(t.target),
                               t.source == t.target ? "" : common.strings("out.store.copyMismatch"))
                }
                guard report.isComplete else {
                    common.say("out.store.copyFailed", report.audit.problems.map(\.description).joined(separator: " "))
                    throw ExitCode(1)
                }
                common.say("out.store.copied", StoreLocation.shown(to), String(report.audit.rows))
            }
        }
    }
}
