import ArgumentParser
import Foundation
import OneWindowCore
import OneWindowResources
import OneWindowService

/// `onewindow daily …`: the counter day (日结) and its sign-off.
struct DailyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "daily",
        abstract: "The counter day (日结): each operator's receipts, claims, registrations and contribution payments; the sign-off.",
        discussion: """
        The store is one office (经办机构): the totals are the office's. Receipts and claims are those filed that day; \
        registrations (employers registered, persons enrolled, changes) and contribution payments are those recorded that \
        day (Beijing time) by each operator, read from the audit log. A supervisor signs a day off once; if that day's \
        figures change afterwards, the summary says so.
        """,
        subcommands: [Summary.self, Signoff.self])

    struct Summary: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The day's summary per operator and for the office (supervisors, admins), with its sign-off.",
            discussion: "A page of at most 80 columns; --json (amounts in fen) or --csv (UTF-8 with BOM, for Excel) for files.")
        @OptionGroup var common: CommonOptions
        @Option(help: "Day, YYYY-MM-DD (default today; never in the future).") var date: String?
        @Flag(help: "JSON output, amounts in fen.") var json = false
        @Flag(help: "CSV output (UTF-8 with BOM for Excel).") var csv = false
        @Flag(name: .customLong("no-bom"), help: "With --csv: no byte-order mark.") var noBOM = false
        @Option(help: "Write the CSV to this file instead of standard output.") var out: String?

        func run() throws {
            try common.report {
                let date = try date.map(Parse.date)
                let ctx = try common.signOn()
                let d = try DailySummaryService(ctx).summary(date ?? ctx.clock.today)
                if json { Output.json(DailyJSON(d)); return }
                let s = common.strings
                let office = s.render(Message("out.daily.office", [.name(try ctx.policies.policy(ctx.session.agencyRegion).name)]))
                if csv {
                    let head = [[s("out.daily.title"), d.date.description], [office], [DailyText.signoffLine(d, s)]]
                    let data = try CSVFile.data(header: DailyText.csvHeader(s), rows: head + DailyText.rows(d, s, plain: true), bom: !noBOM)
                    try Export.write(data, to: out, common)
                    return
                }
                DailyText.page(d, office: office, s).forEach { print($0) }
            }
        }
    }

    struct Signoff: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Sign the day off (supervisor), once: who, when and the figures as they are now are kept.",
            discussion: "A day to come cannot be signed; a day already signed is refused, naming who signed it and when.")
        @OptionGroup var common: CommonOptions
        @Option(help: "Day, YYYY-MM-DD (today or earlier).") var date: String

        func run() throws {
            try common.report {
                let date = try Parse.date(date)
                let ctx = try common.signOn()
                let d = try DailySummaryService(ctx).signOff(date)
                let t = d.total
                common.say("out.daily.signedOff", d.date.description, String(t.receipts), String(t.claims), t.claimed.grouped,
                           String(t.employers + t.enrolments), String(t.changes), String(t.payments), t.paid.grouped)
            }
        }
    }
}

/// The day as a printed page (≤ 80 columns, widths by display width) and as CSV rows.
enum DailyText {
    static func page(_ d: DailySummary, office: String, _ s: StringTable) -> [String] {
        var lines = [s("out.daily.heading", d.date.description), office, ""]
        let header = [s("col.daily.operator"), s("col.daily.receipts"), s("col.daily.claims"), s("col.daily.claimed"), s("col.daily.employers"),
                      s("col.daily.enrolments"), s("col.daily.changes"), s("col.daily.payments"), s("col.daily.paid")]
        lines += Output.tableLines(header, rows(d, s, plain: false), rightAligned: Set(1...8))
        if d.operators.isEmpty { lines.append(s("out.daily.none")) }
        lines += [s("out.daily.legend1"), s("out.daily.legend2"), "", signoffLine(d, s)]
        if d.changedSinceSignoff { lines.append(s("out.daily.changed")) }
        return lines
    }

    static func signoffLine(_ d: DailySummary, _ s: StringTable) -> String {
        guard let so = d.signoff else { return s("out.daily.notSigned", d.date.description) }
        return s(d.changedSinceSignoff ? "out.daily.signedChanged" : "out.daily.signed", so.by, so.atLocal)
    }

    static func csvHeader(_ s: StringTable) -> [String] {
        [s("col.daily.csv.operator"), s("col.daily.csv.receipts"), s("col.daily.csv.claims"), s("col.daily.csv.claimed"),
         s("col.daily.csv.employers"), s("col.daily.csv.enrolments"), s("col.daily.csv.changes"), s("col.daily.csv.payments"),
         s("col.daily.csv.paid")]
    }

    /// One row per operator, then the office's total, and after a change the totals as signed, so the difference
    /// is read off the table; amounts grouped on the page, plain yuan in a file.
    static func rows(_ d: DailySummary, _ s: StringTable, plain: Bool) -> [[String]] {
        let signed = d.changedSinceSignoff ? d.signoff.map { [row(s("out.daily.asSigned"), $0.totals, plain: plain)] } ?? [] : []
        return d.operators.map { row($0.name, $0.figures, plain: plain) } + [row(s("out.daily.total"), d.total, plain: plain)] + signed
    }

    static func row(_ name: String, _ f: CounterFigures, plain: Bool) -> [String] {
        let money = { (m: Money) in plain ? m.yuanText : m.grouped }
        return [name, String(f.receipts), String(f.claims), money(f.claimed), String(f.employers), String(f.enrolments),
                String(f.changes), String(f.payments), money(f.paid)]
    }
}

struct DailyJSON: Encodable {
    struct Figures: Encodable {
        let receipts, claims, employers, enrolments, changes, payments: Int
        let claimedFen, paidFen: Int64
        init(_ f: CounterFigures) {
            (receipts, claims, employers, enrolments, changes, payments) = (f.receipts, f.claims, f.employers, f.enrolments, f.changes, f.payments)
            (claimedFen, paidFen) = (f.claimedFen, f.paidFen)
        }
    }
    struct Operator: Encodable {
        let name: String
        let figures: Figures
    }
    struct Signoff: Encodable {
        let by, at, atLocal, digest: String
        let totals: Figures
    }
    let date: String
    let operators: [Operator]
    let total: Figures
    let digest: String
    let signoff: Signoff?
    let changedSinceSignoff: Bool

    init(_ d: DailySummary) {
        date = d.date.description
        operators = d.operators.map { Operator(name: $0.name, figures: Figures($0.figures)) }
        total = Figures(d.total)
        digest = d.digest
        signoff = d.signoff.map { Signoff(by: $0.by, at: $0.at, atLocal: $0.atLocal, digest: $0.digest, totals: Figures($0.totals)) }
        changedSinceSignoff = d.changedSinceSignoff
    }
}
