import ArgumentParser

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
        main(LeadingOptions.moved(Array(CommandLine.arguments.dropFirst())))
    }
}
