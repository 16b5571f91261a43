import ArgumentParser
import OneWindowCore
import OneWindowService

struct OperatorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "operator", abstract: "Operator administration (admin only).",
        subcommands: [Add.self, SetRole.self, ResetPassword.self, Disable.self, Enable.self, Unlock.self, List.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add an operator; password from $ONEWINDOW_NEW_PASSWORD or a prompt.")
        @OptionGroup var common: CommonOptions
        @Option var name: String
        @Option(help: "admin | supervisor | clerk | trainee") var role: String
        func run() throws {
            try common.report {
                let role: Role = try Parse.choice(role, .role)
                let ctx = try common.signOn()
                let pw = try Password.read(prompt: common.strings("prompt.newPassword", name), env: "ONEWINDOW_NEW_PASSWORD")
                try OperatorService(ctx).add(name: name, role: role, password: pw)
                common.say("out.operator.added", name, common.strings(role.messageKey))
            }
        }
    }

    struct SetRole: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "role", abstract: "Change an operator's role.")
        @OptionGroup var common: CommonOptions
        @Option var name: String
        @Option var role: String
        func run() throws {
            try common.report {
                let role: Role = try Parse.choice(role, .role)
                try OperatorService(try common.signOn()).setRole(name: name, role: role)
                common.say("out.operator.changed", name)
            }
        }
    }

    struct ResetPassword: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "password", abstract: "Reset a password ($ONEWINDOW_NEW_PASSWORD or a prompt).")
        @OptionGroup var common: CommonOptions
        @Option var name: String
        func run() throws {
            try common.report {
                let ctx = try common.signOn()
                let pw = try Password.read(prompt: common.strings("prompt.newPassword", name), env: "ONEWINDOW_NEW_PASSWORD")
                try OperatorService(ctx).resetPassword(name: name, password: pw)
                common.say("out.operator.changed", name)
            }
        }
    }

    struct Disable: ParsableCommand {
        @OptionGroup var common: CommonOptions
        @Option var name: String
        func run() throws {
            try common.report {
                try OperatorService(try common.signOn()).setDisabled(name: name, true)
                common.say("out.operator.changed", name)
            }
        }
    }

    struct Enable: ParsableCommand {
        @OptionGroup var common: CommonOptions
        @Option var name: String
        func run() throws {
            try common.report {
                try OperatorService(try common.signOn()).setDisabled(name: name, false)
                common.say("out.operator.changed", name)
            }
        }
    }

    struct Unlock: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Lift a sign-on lock after repeated wrong passwords.")
        @OptionGroup var common: CommonOptions
        @Option var name: String
        func run() throws {
            try common.report {
                try OperatorService(try common.signOn()).unlock(name: name)
                common.say("out.operator.unlocked", name)
            }
        }
    }

    struct List: ParsableCommand {
        @OptionGroup var common: CommonOptions
        func run() throws {
            try common.report {
                let s = common.strings
                let ctx = try common.signOn()
                let rows = try OperatorService(ctx).list().map {
                    [$0.name, s($0.role.messageKey), $0.disabled ? s("out.yes") : s("out.no"), $0.lockedUntilText(now: ctx.clock.now()) ?? s("out.no")]
                }
                Output.table([s("col.operator"), s("col.role"), s("col.disabled"), s("col.lockedUntil")], rows)
            }
        }
    }
}
