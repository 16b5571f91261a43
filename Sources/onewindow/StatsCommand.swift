import ArgumentParser
import Foundation
import OneWindowCore
import OneWindowResources
import OneWindowService

/// `onewindow stats`: 统计信息 of a year — maternity beneficiaries and payments by month and type, contributions
/// due and paid, claims by state and region, cover — each money figure checked against the ledger.
struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Statistics of a year (supervisors, admins): beneficiaries and payments by month, contributions due/paid, claims, cover; reconciled with the ledger.",
        discussion: "CSV is one table in long form (section, key, kind, measure, value) that a spreadsheet pivots.")
    @OptionGroup var common: CommonOptions
    @Option(help: "Year, YYYY (default: this year).") var year: String?
    @Flag(help: "JSON output, amounts in fen.") var json = false
    @Flag(help: "CSV output (UTF-8 with BOM for Excel).") var csv = false
    @Flag(name: .customLong("no-bom"), help: "With --csv: no byte-order mark.") var noBOM = false
    @Option(help: "Write the CSV to this file instead of standard output.") var out: String?

    func run() throws {
        try common.report {
            let typed = try year.map { y -> Int in
                guard let n = Int(y.trimmingSpaces), y.trimmingSpaces.count == 4 else { throw FieldError(.year, "reason.stats.year", texts: y) }
                return n
            }
            let ctx = try common.signOn()
            let st = try StatisticsService(ctx).year(typed ?? ctx.clock.today.year)
            let s = common.strings
            if json { Output.json(StatsJSON(st)); return }
            if csv {
                let data = try CSVFile.data(header: [s("col.stats.section"), s("col.stats.key"), s("col.stats.kind"), s("col.stats.measure"),
                                                     s("col.stats.value")], rows: StatsText.longRows(st, s), bom: !noBOM)
                try Export.write(data, to: out, common)
                return
            }
            let region = s.render(Message("out.fund.region", [.name(try ctx.policies.policy(ctx.session.agencyRegion).name)]))
            let names = { (code: String) in (try? ctx.policies.policy(code)).map(s.name(of:)) ?? code }
            StatsText.page(st, heading: s("out.stats.heading", String(st.year), region), s, regionName: names).forEach { print($0) }
        }
    }
}

/// The statistics as a printed page and as long-form CSV rows.
enum StatsText {
    static func check(_ ok: Bool, _ s: StringTable) -> String { ok ? "✓" : s("out.stats.mismatch") }

    static func page(_ st: FundStatistics, heading: String, _ s: StringTable, regionName: (String) -> String) -> [String] {
        var lines = [heading, "", s("out.stats.payments")]
        let rows = st.months.map { m -> [String] in
            let a = m.of(.allowance), b = m.of(.medical)
            return [m.month.description, String(a.netCount), a.net.grouped, String(b.netCount), b.net.grouped, m.benefits.grouped,
                    check(m.paymentsReconciled, s)]
        }
        let a = st.total(.allowance), b = st.total(.medical)
        let total = [s("out.stats.total"), String(a.netCount), a.net.grouped, String(b.netCount), b.net.grouped,
                     (a.net + b.net).grouped, check(st.months.allSatisfy(\.paymentsReconciled), s)]
        lines += Output.tableLines([s("col.stats.month"), s("col.stats.allowanceCount"), s("col.stats.allowance"), s("col.stats.medicalCount"),
                                    s("col.stats.medical"), s("col.stats.benefits"), s("col.stats.ledger")], rows + [total],
                                   rightAligned: [1, 2, 3, 4, 5])
        lines.append(s("out.stats.average", st.averageAllowance?.grouped ?? "—"))
        lines += ["", s("out.stats.chart")]
        let bars = TextChart.bars(st.months.map(\.benefits.fen), width: 40)
        lines += zip(st.months, bars).map { m, bar in
            m.month.description + " " + DisplayWidth.padded(bar, to: 40) + " " + m.benefits.grouped
        }
        lines += ["", s("out.stats.contributions")]
        lines += Output.tableLines([s("col.stats.month"), s("col.stats.due"), s("col.stats.paid"), s("col.stats.outstanding"), s("col.stats.ledger")],
                                   st.months.map { m in
                                       [m.month.description, m.contributionsDue.grouped, m.contributionsPaid.grouped,
                                        (m.contributionsDue - m.contributionsPaid).grouped,
                                        check(m.contributionsReconciled, s)]
                                   }, rightAligned: [1, 2, 3])
        lines += ["", s("out.stats.claims")]
        lines += Output.tableLines([s("col.stats.status"), s("col.stats.region"), s("col.stats.count")],
                                   st.claims.map { [s($0.status.messageKey), regionName($0.region), String($0.count)] }, rightAligned: [2])
        lines += ["", s("out.stats.cover")]
        lines += Output.tableLines([s("col.stats.scheme"), s("col.stats.category"), s("col.stats.count")],
                                   st.cover.map { [s($0.scheme.messageKey), s($0.category.messageKey), String($0.count)] }, rightAligned: [2])
        lines.append(s("out.stats.sync", String(st.employeesWithoutMaternity)))
        lines.append(s(st.reconciled ? "out.stats.reconciled" : "out.stats.notReconciled"))
        return lines
    }

    /// section, key (month/status/scheme), kind (claim kind/region/category), measure, value.
    static func longRows(_ st: FundStatistics, _ s: StringTable) -> [[String]] {
        var rows: [[String]] = []
        let pay = s("out.stats.payments"), con = s("out.stats.contributions")
        for m in st.months {
            for kind in ClaimKind.allCases {
                let p = m.of(kind)
                let k = s(kind.messageKey)
                rows += [[pay, m.month.description, k, s("col.stats.count"), String(p.netCount)],
                         [pay, m.month.description, k, s("col.stats.amount"), p.net.yuanText]]
            }
            rows.append([pay, m.month.description, "", s("col.stats.ledger"), m.postedPayments.yuanText])
            rows += [[con, m.month.description, "", s("col.stats.due"), m.contributionsDue.yuanText],
                     [con, m.month.description, "", s("col.stats.paid"), m.contributionsPaid.yuanText],
                     [con, m.month.description, "", s("col.stats.ledgerDue"), m.postedCharges.yuanText],
                     [con, m.month.description, "", s("col.stats.ledgerPaid"), m.postedReceipts.yuanText]]
        }
        rows += st.claims.map { [s("out.stats.claims"), s($0.status.messageKey), $0.region, s("col.stats.count"), String($0.count)] }
        rows += st.cover.map { [s("out.stats.cover"), s($0.scheme.messageKey), s($0.category.messageKey), s("col.stats.count"), String($0.count)] }
        rows.append([s("out.stats.cover"), s("col.stats.syncGap"), "", s("col.stats.count"), String(st.employeesWithoutMaternity)])
        return rows
    }
}

struct StatsJSON: Encodable {
    struct Month: Encodable {
        let month: String
        let allowanceCount: Int, allowanceFen: Int64, medicalCount: Int, medicalFen: Int64
        let returnedCount: Int, returnedFen: Int64, postedFen: Int64
        let contributionsDueFen: Int64, contributionsPaidFen: Int64, postedChargesFen: Int64, postedReceiptsFen: Int64
        let reconciled: Bool
    }
    let year: Int
    let months: [Month]
    let averageAllowanceFen: Int64?
    let claims: [[String: String]]
    let cover: [[String: String]]
    let employeesWithoutMaternity: Int
    let reconciled: Bool

    init(_ st: FundStatistics) {
        year = st.year
        months = st.months.map { m in
            let a = m.of(.allowance), b = m.of(.medical)
            return Month(month: m.month.description, allowanceCount: a.netCount, allowanceFen: a.net.fen, medicalCount: b.netCount,
                         medicalFen: b.net.fen, returnedCount: a.returnedCount + b.returnedCount, returnedFen: (a.returned + b.returned).fen,
                         postedFen: m.postedPayments.fen, contributionsDueFen: m.contributionsDue.fen, contributionsPaidFen: m.contributionsPaid.fen,
                         postedChargesFen: m.postedCharges.fen, postedReceiptsFen: m.postedReceipts.fen, reconciled: m.reconciled)
        }
        averageAllowanceFen = st.averageAllowance?.fen
        claims = st.claims.map { ["status": $0.status.rawValue, "region": $0.region, "count": String($0.count)] }
        cover = st.cover.map { ["scheme": $0.scheme.rawValue, "category": $0.category.rawValue, "count": String($0.count)] }
        employeesWithoutMaternity = st.employeesWithoutMaternity
        reconciled = st.reconciled
    }
}
