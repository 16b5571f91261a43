import ArgumentParser
import Foundation
import OneWindowCore
import OneWindowService
import OneWindowStore

struct ContributionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "contributions", abstract: "统一征缴: monthly run, lookups, payments, arrears.",
        subcommands: [Run.self, List.self, Pay.self, Arrears.self])

    /// Exactly one of --id / --employer names whose contributions to look at.
    struct Account: ParsableArguments {
        @Option(help: "Citizen ID of a person.") var id: String?
        @Option(help: "Credit code of an employer.") var employer: String?

        enum Target { case person(CitizenID), employer(CreditCode) }

        func target(today: CalendarDate) throws -> Target {
            switch (id, employer) {
            case let (id?, nil): .person(try Parse.id(id, today: today))
            case let (nil, code?): .employer(try Parse.employerCode(code))
            default: throw DomainError("error.cli.idOrEmployer")
            }
        }
    }

    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Charge a month for everyone covered (re-running changes nothing).")
        @OptionGroup var common: CommonOptions
        @Option(help: "YYYY-MM") var month: String
        @Option(help: "Persons per transaction (default \(ContributionService.defaultChunkSize)); counters wait at most one.")
        var chunkSize = ContributionService.defaultChunkSize
        func validate() throws {
            guard chunkSize >= 1 else { throw ValidationError(common.strings("out.bench.atLeastOne", "--chunk-size")) }
        }
        func run() throws {
            try common.report {
                let m = try Parse.month(month, .month)
                // On a terminal, how far the run is, rewritten in place on stderr; nothing when redirected.
                let onTerminal = isatty(STDERR_FILENO) == 1
                let strings = common.strings
                var shown = false
                defer { if shown { FileHandle.standardError.write(Data("\n".utf8)) } }
                let summary = try ContributionService(try common.signOn()).run(month: m, chunkSize: chunkSize) { done, total in
                    guard onTerminal else { return }
                    FileHandle.standardError.write(Data(("\r" + strings("out.run.progress", String(done), String(total))).utf8))
                    shown = true
                }
                common.say("out.run.done", m.description, String(summary.persons), String(summary.inserted),
                           String(summary.unchanged), summary.total.grouped)
                for skip in summary.skipped {
                    switch skip {
                    case .noBase(let pid): common.say("out.run.skipNoBase", String(pid))
                    case .noPolicy(let r): common.say("out.run.skipNoPolicy", r)
                    case .noEmployer(let pid, let code): common.say("out.run.skipNoEmployer", String(pid), code)
                    case .noPerson(let pid): common.say("out.run.skipNoPerson", String(pid))
                    }
                }
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Contribution lines of a person or an employer.")
        @OptionGroup var common: CommonOptions
        @OptionGroup var account: Account
        @Flag var json = false
        func run() throws {
            try common.report {
                let ctx = try common.signOn()
                let service = ContributionService(ctx)
                let views = switch try account.target(today: ctx.clock.today) {
                case .person(let id): try service.lines(for: id)
                case .employer(let code): try service.lines(for: code)
                }
                if json { Output.json(views.map(LineJSON.init)); return }
                let s = common.strings
                Output.table(
                    [s("col.month"), s("col.name"), s("col.item"), s("col.base"), s("col.rate"), s("col.amount"), s("col.settled")],
                    views.map { v in
                        [v.month.description, v.person.name, s(v.row.item.messageKey), Money(fen: v.row.baseFen).grouped,
                         Rate(basisPoints: v.row.rateBp).description, Money(fen: v.row.amountFen).grouped,
                         v.settled ? s("out.yes") : s("out.arrears")]
                    })
            }
        }
    }

    struct Pay: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record a contribution payment for a month.")
        @OptionGroup var common: CommonOptions
        @OptionGroup var account: Account
        @Option(help: "Month paid for, YYYY-MM.") var month: String
        @Option(parsing: .unconditional, help: "Amount in yuan.") var amount: String
        @Option(help: "Date received, YYYY-MM-DD (default today).") var date: String?
        func run() throws {
            try common.report {
                let ctx = try common.signOn()
                let payer = try account.target(today: ctx.clock.today).payer
                let line = try ContributionService(ctx).recordPayment(
                    payer: payer, month: try Parse.month(month, .month), amount: try Parse.money(amount, .amount),
                    paidOn: try date.map(Parse.date) ?? ctx.clock.today)
                common.say("out.pay.done", line.month.description, line.paid.grouped, line.due.grouped, line.outstanding.grouped)
            }
        }
    }

    struct Arrears: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Due, paid and outstanding per month for a payer.")
        @OptionGroup var common: CommonOptions
        @OptionGroup var account: Account
        @Flag(help: "Show every month, not only those in arrears.") var all = false
        @Flag var json = false
        func run() throws {
            try common.report {
                let ctx = try common.signOn()
                let lines = try ContributionService(ctx).statement(try account.target(today: ctx.clock.today).payer)
                    .filter { all || $0.outstanding > .zero }
                if json {
                    Output.json(lines.map { ArrearsJSON(month: $0.month.description, dueFen: $0.due.fen, paidFen: $0.paid.fen,
                                                        outstandingFen: $0.outstanding.fen) })
                    return
                }
                let s = common.strings
                Output.table([s("col.month"), s("col.due"), s("col.paid"), s("col.outstanding")],
                             lines.map { [$0.month.description, $0.due.grouped, $0.paid.grouped, $0.outstanding.grouped] })
            }
        }
    }
}

extension ContributionsCommand.Account.Target {
    /// A person's own account is for flexible workers and retirees; an employee's dues are the employer's.
    var payer: PayerAccount {
        switch self {
        case .person(let id): .person(id)
        case .employer(let code): .employer(code)
        }
    }
}

struct LineJSON: Encodable {
    let month, item, payer, citizenID, name, region, rate: String
    let employer: String?
    let baseFen, amountFen, maternityFen: Int64
    let rateBp: Int
    let settled: Bool

    init(_ v: ContributionView) {
        month = v.month.description
        item = v.row.item.rawValue
        payer = v.row.payer.hasPrefix("person:") ? "person" : v.row.payer
        citizenID = v.person.citizen.masked
        name = v.person.name
        region = v.row.region
        rate = Rate(basisPoints: v.row.rateBp).description
        employer = v.row.employerCode
        baseFen = v.row.baseFen
        amountFen = v.row.amountFen
        maternityFen = v.row.maternityFen
        rateBp = v.row.rateBp
        settled = v.settled
    }
}

struct ArrearsJSON: Encodable {
    let month: String
    let dueFen, paidFen, outstandingFen: Int64
}
