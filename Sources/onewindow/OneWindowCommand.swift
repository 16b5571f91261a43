import ArgumentParser
import Foundation
import OneWindowCore
import OneWindowResources

@main
struct OneWindowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "onewindow",
        abstract: "OneWindow — 生育保险和职工基本医疗保险合并实施 counter system.",
        discussion: """
        Store: --store PATH (a SQLite file) or postgresql://… (a database server), else $ONEWINDOW_STORE, else ~/.local/share/onewindow/onewindow.sqlite.
        Operator: --operator NAME; password from $ONEWINDOW_PASSWORD or a prompt.
        Language: Chinese by default; --lang en or ONEWINDOW_LANG=en for English.
        Help: in English only; messages and errors follow --lang.
        帮助信息为英文；提示和错误信息默认中文（--lang en 为英文）。
        --store, --operator and --lang may come before or after the subcommand.
        """,
        subcommands: [
            TerminalCommand.self, InitCommand.self, OperatorCommand.self, EmployerCommand.self, PersonCommand.self,
            ContributionsCommand.self, PolicyCommand.self, ClaimCommand.self, PaymentsCommand.self, SettlementsCommand.self, ReconcileCommand.self, AuditCommand.self, StoreCommand.self, BackupCommand.self, RestoreCommand.self, CheckCommand.self,
            FundCommand.self, StatsCommand.self, DailyCommand.self,
            BenchCommand.self, DemoCommand.self,
        ],
        defaultSubcommand: TerminalCommand.self
    )

    static func main() {
        let args = LeadingOptions.moved(Array(CommandLine.arguments.dropFirst()))
        if args.contains("--help") || args.contains("-h") || args.first == "help" { englishNote("out.help.english", args) }
        var command: ParsableCommand
        do { command = try parseAsRoot(args) } catch {
            // A usage error the parser wrote (English); a `validate()` refusal is ours, already in the chosen language.
            if exitCode(for: error) != .success, !message(for: error).unicodeScalars.contains(where: { DisplayWidth.of(Character($0)) == 2 }) {
                englishNote("out.usage.english", args)
            }
            exit(withError: error)
        }
        do { try command.run() } catch { exit(withError: error) }
    }

    /// The argument parser speaks English (its usage errors and help): a Chinese counter gets one Chinese line
    /// on stderr saying so first.
    static func englishNote(_ key: String, _ args: [String]) {
        let flag = args.firstIndex(of: "--lang").flatMap { args.indices.contains($0 + 1) ? args[$0 + 1] : nil }
            ?? args.last { $0.hasPrefix("--lang=") }.map { String($0.dropFirst("--lang=".count)) }
        guard Language.resolve(flag) == .zh, let strings = try? StringTable(language: .zh) else { return }
        FileHandle.standardError.write(Data((strings(key) + "\n").utf8))
    }
}
