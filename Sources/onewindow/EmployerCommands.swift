import ArgumentParser
import OneWindowCore
import OneWindowService
import OneWindowStore

struct EmployerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "employer", abstract: "Employers (用人单位).", subcommands: [Register.self, Unify.self, Wage.self, Show.self])

    struct Register: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Register an employer.")
        @OptionGroup var common: CommonOptions
        @Option(help: "统一社会信用代码 (18 characters).") var code: String
        @Option var name: String
        @Option(help: "Region code (a file in Resources/policies).") var region: String
        @Option(help: "enterprise | government | provincial") var kind: String
        @Option(help: "First month of unified registration (YYYY-MM); omit while not yet unified.") var unifiedFrom: String?

        func run() throws {
            try common.report {
                let code = try Parse.code(code)
                let kind: EmployerKind = try Parse.choice(kind, .employerKind)
                let unified = try unifiedFrom.map { try Parse.month($0, .unifiedFrom) }
                let row = try RegistrationService(try common.signOn())
                    .registerEmployer(code: code, name: name, region: region, kind: kind, unifiedFrom: unified)
                common.say("out.employer.registered", row.code, row.name)
            }
        }
    }

    struct Unify: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Move an employer to unified registration from a month ('none' to undo).")
        @OptionGroup var common: CommonOptions
        @Option var code: String
        @Option(help: "YYYY-MM or none") var from: String
        func run() throws {
            try common.report {
                let code = try Parse.employerCode(code)
                let month = from.lowercased() == "none" ? nil : try Parse.month(from, .unifiedFrom)
                let row = try RegistrationService(try common.signOn()).setUnified(code: code, from: month)
                common.say("out.employer.unified", row.code, row.unifiedFrom ?? "-")
            }
        }
    }

    struct Wage: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record an employer's average monthly wage for a year (the allowance basis).")
        @OptionGroup var common: CommonOptions
        @Option var code: String
        @Option(help: "The year the wage is for (the allowance uses the year before the event).") var year: Int
        @Option(parsing: .unconditional, help: "Average monthly wage in yuan.") var wage: String
        func run() throws {
            try common.report {
                let money = try Parse.money(wage, .wage)
                try BenefitService(try common.signOn()).declareWage(employer: try Parse.employerCode(code), year: year, wage: money)
                common.say("out.employer.wage", code, String(year), money.grouped)
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "An employer, its unification state and current roster.")
        @OptionGroup var common: CommonOptions
        @Option var code: String
        @Flag var json = false
        func run() throws {
            try common.report {
                let view = try LookupService(try common.signOn()).employer(try Parse.employerCode(code))
                let e = view.employer
                if json {
                    Output.json(EmployerJSON(code: e.code, name: e.name, region: e.region, kind: e.kind.rawValue,
                                             unifiedFrom: e.unifiedFrom,
                                             roster: view.roster.map { RosterJSON(citizenID: $0.0.citizen.masked, name: $0.0.name, from: $0.1.from.description) }))
                    return
                }
                let s = common.strings
                print("\(e.name)  \(e.code)  \(s(e.kind.messageKey))  \(e.region)")
                print(e.unifiedFrom.map { s("out.employer.unifiedSince", $0) } ?? s("out.employer.oldChannels"))
                Output.table([s("col.name"), s("col.citizenID"), s("col.from")],
                             view.roster.map { [$0.0.name, $0.0.citizen.masked, $0.1.from.description] })
            }
        }
    }
}

struct EmployerJSON: Encodable {
    let code, name, region, kind: String
    let unifiedFrom: String?
    let roster: [RosterJSON]
}

struct RosterJSON: Encodable {
    let citizenID, name, from: String
}
