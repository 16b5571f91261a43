import ArgumentParser
import Foundation
import OneWindowCore
import OneWindowResources
import OneWindowService
import OneWindowStore

struct PersonCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "person", abstract: "Insured persons: enrolment and every registration change.",
        subcommands: [Enrol.self, Transfer.self, Retire.self, Suspend.self, Resume.self, Terminate.self, Base.self, Show.self])

    struct Enrol: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Register (if new) and enrol; employees get maternity in the same step.")
        @OptionGroup var common: CommonOptions
        @Option(help: "居民身份证号码 (18 digits, or 15 to upgrade).") var id: String
        @Option var name: String
        @Option(help: "employee | flexible | retiree | unemployed") var category: String
        @Option(help: "Employer credit code (employees only).") var employer: String?
        @Option(parsing: .unconditional, help: "Monthly contribution base in yuan, e.g. 8000 or 8000.50.") var base: String
        @Option(help: "First month, YYYY-MM.") var from: String
        @Option(help: "Region code for people without an employer (default: the agency's).") var region: String?

        func run() throws {
            try common.report {
                let ctx = try common.signOn()
                let id = try Parse.id(id, today: ctx.clock.today)
                let category: PersonCategory = try Parse.choice(category, .category)
                let employer = try employer.map(Parse.employerCode)
                let base = try Parse.money(base, .base)
                let from = try Parse.month(from)
                if let old = id.upgradedFrom { common.say("out.id.upgraded", old, id.value) }
                let service = RegistrationService(ctx)
                warn(try service.enrolWarnings(id: id, category: category, employer: employer, base: base, from: from, region: region), common)
                let outcome = try service.enrol(id: id, name: name, category: category, employer: employer,
                                                                 base: base, from: from, region: region)
                report(outcome, common)
            }
        }
    }

    struct Transfer: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Move an employee to another employer from a month (no gap, no overlap).")
        @OptionGroup var common: CommonOptions
        @Option var id: String
        @Option(help: "The new employer's credit code.") var employer: String
        @Option(help: "First month with the new employer, YYYY-MM.") var from: String
        @Option(parsing: .unconditional, help: "New base in yuan (default: unchanged).") var base: String?
        func run() throws {
            try common.report {
                let ctx = try common.signOn()
                let (id, employer) = (try Parse.id(id, today: ctx.clock.today), try Parse.employerCode(employer))
                let (from, base) = (try Parse.month(from), try base.map { try Parse.money($0, .base) })
                let service = RegistrationService(ctx)
                warn(try service.transferWarnings(id: id, to: employer, from: from, base: base), common)
                report(try service.transfer(id: id, to: employer, from: from, base: base), common)
            }
        }
    }

    struct Retire: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Retirement from a month: medical continues as retiree, maternity ends.")
        @OptionGroup var common: CommonOptions
        @Option var id: String
        @Option(help: "First month as a retiree, YYYY-MM.") var from: String
        func run() throws {
            try change(common, id, from) { service, id, from in
                warn(try service.retireWarnings(id: id, from: from), common)
                return try service.retire(id: id, from: from)
            }
        }
    }

    struct Suspend: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Suspend both schemes from a month (停保).")
        @OptionGroup var common: CommonOptions
        @Option var id: String
        @Option(help: "First month without cover, YYYY-MM.") var from: String
        func run() throws { try change(common, id, from) { try $0.suspend(id: $1, from: $2) } }
    }

    struct Resume: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Resume both schemes after a suspension.")
        @OptionGroup var common: CommonOptions
        @Option var id: String
        @Option(help: "First month covered again, YYYY-MM.") var from: String
        func run() throws { try change(common, id, from) { try $0.resume(id: $1, from: $2) } }
    }

    struct Terminate: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "End both schemes from a month (终止).")
        @OptionGroup var common: CommonOptions
        @Option var id: String
        @Option(help: "First month without cover, YYYY-MM.") var from: String
        func run() throws { try change(common, id, from) { try $0.terminate(id: $1, from: $2) } }
    }

    struct Base: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change the contribution base from a month.")
        @OptionGroup var common: CommonOptions
        @Option var id: String
        @Option(parsing: .unconditional, help: "Monthly base in yuan.") var base: String
        @Option(help: "First month of the new base, YYYY-MM.") var from: String
        func run() throws {
            try common.report {
                let ctx = try common.signOn()
                let money = try Parse.money(base, .base)
                let month = try Parse.month(from)
                let id = try Parse.id(id, today: ctx.clock.today)
                let service = RegistrationService(ctx)
                warn(try service.baseChangeWarnings(id: id, base: money, from: month), common)
                try service.changeBase(id: id, base: money, from: month)
                common.say("out.base.changed", money.grouped, month.description)
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "One person across both schemes.")
        @OptionGroup var common: CommonOptions
        @Option var id: String
        @Flag var json = false
        @Flag(help: "Show the full citizen ID (audited).") var reveal = false
        func run() throws {
            try common.report {
                let ctx = try common.signOn()
                let id = try Parse.id(id, today: ctx.clock.today)
                let view = try LookupService(ctx).open(id)
                let shownID = reveal ? try LookupService(ctx).reveal(id) : view.person.citizen.masked
                if json { Output.json(PersonJSON(view, shownID: shownID, today: ctx.clock.today)); return }
                printPerson(view, shownID: shownID, today: ctx.clock.today, common.strings)
            }
        }
    }
}

private func change(_ common: CommonOptions, _ id: String, _ from: String,
                    _ body: (RegistrationService, CitizenID, YearMonth) throws -> RegistrationOutcome) throws {
    try common.report {
        let ctx = try common.signOn()
        let outcome = try body(RegistrationService(ctx), try Parse.id(id, today: ctx.clock.today), try Parse.month(from))
        report(outcome, common)
    }
}

/// Warnings are not errors: one line each on stderr, and the command goes on (the operator decides).
private func warn(_ warnings: [RegistrationWarning], _ common: CommonOptions) {
    let s = common.strings
    for w in warnings {
        let line = s("warn.cli.prefix") + s.render(w.message) + (w.confirmed ? "" : s("out.claim.sample"))
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}

/// One line per scheme touched, so the clerk sees both schemes move together.
private func report(_ outcome: RegistrationOutcome, _ common: CommonOptions) {
    let s = common.strings
    common.say("out.person.header", outcome.person.name, outcome.person.citizen.masked)
    for change in outcome.changes {
        switch change {
        case let .close(scheme, last, reason):
            common.say("out.change.close", s(scheme.messageKey), last.description, s(reason.messageKey))
        case let .open(p):
            common.say("out.change.open", s(p.scheme.messageKey), p.from.description, s(p.category.messageKey),
                       p.employer?.value ?? "-")
        }
    }
}

func status(of p: EnrolmentPeriod) -> String { p.endReason?.rawValue ?? (p.isOpen ? "active" : "ended") }

private func printPerson(_ v: PersonView, shownID: String, today: CalendarDate, _ s: StringTable) {
    let p = v.person
    let age = p.citizen.birthDate.age(on: today)
    print("\(p.name)  \(shownID)  \(s("sex.\(p.sex.rawValue)"))  \(s("out.age", String(age)))  \(p.region)")
    print(v.mismatch == nil ? s("out.sync.ok") : s("out.sync.mismatch",
        v.mismatch!.missingMaternity.map(\.description).joined(separator: ","),
        v.mismatch!.extraMaternity.map(\.description).joined(separator: ",")))
    Output.table([s("col.scheme"), s("col.category"), s("col.employer"), s("col.from"), s("col.to"), s("col.status")],
                 v.periods.map { [s($0.scheme.messageKey), s($0.category.messageKey), $0.employer?.value ?? "-",
                                  $0.from.description, $0.to?.description ?? "-", s("status.\(status(of: $0))")] })
    if !v.bases.isEmpty {
        print(s("out.bases", v.bases.map { "\($0.fromMonth) \(Money(fen: $0.baseFen).grouped)" }.joined(separator: "; ")))
    }
}

struct PersonJSON: Encodable {
    struct Period: Encodable {
        let scheme, category, region, from, status: String
        let employer, to, endReason: String?
    }
    struct Base: Encodable { let from: String; let baseFen: Int64 }
    let citizenID, name, sex, region: String
    let age: Int
    let synchronized: Bool
    let missingMaternity, extraMaternity: [String]
    let enrolments: [Period]
    let bases: [Base]

    init(_ v: PersonView, shownID: String, today: CalendarDate) {
        citizenID = shownID
        name = v.person.name
        sex = v.person.sex.rawValue
        region = v.person.region
        age = v.person.citizen.birthDate.age(on: today)
        synchronized = v.mismatch == nil
        missingMaternity = v.mismatch?.missingMaternity.map(\.description) ?? []
        extraMaternity = v.mismatch?.extraMaternity.map(\.description) ?? []
        enrolments = v.periods.map {
            Period(scheme: $0.scheme.rawValue, category: $0.category.rawValue, region: $0.region,
                   from: $0.from.description, status: status(of: $0), employer: $0.employer?.value,
                   to: $0.to?.description, endReason: $0.endReason?.rawValue)
        }
        bases = v.bases.map { Base(from: $0.fromMonth, baseFen: $0.baseFen) }
    }
}
