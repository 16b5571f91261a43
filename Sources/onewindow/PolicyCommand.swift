import ArgumentParser
import OneWindowCore
import OneWindowResources
import OneWindowService

struct PolicyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy", abstract: "Region rules: show them; add an effective-dated rate period (supervisor, admin).",
        subcommands: [Show.self, Add.self])

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The contribution rules in force for a region and month.")
        @OptionGroup var common: CommonOptions
        @Option var region: String
        @Option(help: "YYYY-MM (default: this month).") var month: String?
        @Flag var json = false
        func run() throws {
            try common.report {
                let ctx = try common.signOn()
                let m = try month.map { try Parse.month($0, .month) } ?? ctx.clock.currentMonth
                let period = try ctx.policies.period(region, m)
                if json { Output.json(period); return }
                let s = common.strings
                let c = period.contribution
                common.say("out.policy.header", s.name(of: try ctx.policies.policy(region)), period.from.description)
                func row<T>(_ key: String, _ v: Sourced<T>, _ shown: String) -> [String] {
                    [s(key), shown, v.confirmed ? s("out.confirmed") : s("out.unconfirmed")]
                }
                Output.table([s("col.item"), s("col.value"), s("col.source")], [
                    row("policy.employerMedicalRate", c.employerMedicalRate, c.employerMedicalRate.value.description),
                    row("policy.maternityRate", c.maternityRate, c.maternityRate.value.description),
                    [s("policy.unifiedRate"), c.unifiedEmployerRate.description, ""],
                    row("policy.individualMedicalRate", c.individualMedicalRate, c.individualMedicalRate.value.description),
                    row("policy.flexibleRate", c.flexibleRate, c.flexibleRate.value.description),
                    row("policy.retireeRate", c.retireeRate, c.retireeRate.value.description),
                    row("policy.unemployedRate", c.unemployedRate, c.unemployedRate.value.description),
                    row("policy.baseFloor", c.baseFloor, c.baseFloor.value.grouped),
                    row("policy.baseCap", c.baseCap, c.baseCap.value.grouped),
                    row("policy.flexibleInMaternity", c.flexibleInMaternity, c.flexibleInMaternity.value ? s("out.yes") : s("out.no")),
                ])
            }
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a rate period from a month on (only the figures given change).")
        @OptionGroup var common: CommonOptions
        @Option var region: String
        @Option(help: "First month, YYYY-MM (this month or later).") var from: String
        @Option(help: "Percent, e.g. 7.5") var employerMedicalRate: String?
        @Option var maternityRate: String?
        @Option var individualRate: String?
        @Option var flexibleRate: String?
        @Option var retireeRate: String?
        @Option var unemployedRate: String?
        @Option(help: "Yuan per month.") var baseFloor: String?
        @Option(help: "Yuan per month.") var baseCap: String?
        @Option(help: "Document behind the change (文号); without it the figures are marked unconfirmed.") var source: String?

        func run() throws {
            try common.report {
                var c = PolicyService.Changes()
                let rate = { (s: String?) in try s.map { try Rate.parsePercent($0) } }
                c.employerMedicalRate = try rate(employerMedicalRate)
                c.maternityRate = try rate(maternityRate)
                c.individualMedicalRate = try rate(individualRate)
                c.flexibleRate = try rate(flexibleRate)
                c.retireeRate = try rate(retireeRate)
                c.unemployedRate = try rate(unemployedRate)
                c.baseFloor = try baseFloor.map { try Parse.money($0, .base) }
                c.baseCap = try baseCap.map { try Parse.money($0, .base) }
                let month = try Parse.month(from)
                let rules = try PolicyService(try common.signOn()).addPeriod(region: region, from: month, changes: c, source: source)
                common.say("out.policy.added", region, month.description, rules.unifiedEmployerRate.description,
                           rules.individualMedicalRate.value.description)
            }
        }
    }
}
