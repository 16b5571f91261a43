import ArgumentParser
import Foundation
import OneWindowCore
import OneWindowResources
import OneWindowService

/// `onewindow fund disclosure`: 基金收支运行情况公开 — the fund's income, spending and balance of the year to a
/// month, with the maternity item and its beneficiaries, on one page in 万元 as such notices are published.
struct FundDisclosureCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "disclosure",
        abstract: "Public disclosure of the fund's income and expenditure (收支公开) for the year to a month, one page in 10,000 yuan.",
        discussion: "Amounts in 万元 (10,000 yuan), rounded half up to 0.01 万元 (100 yuan); counts as they are.")
    @OptionGroup var common: CommonOptions
    @Option(help: "Last month covered, YYYY-MM (default: last month).") var month: String?
    @Flag(help: "CSV output (UTF-8 with BOM for Excel).") var csv = false
    @Flag(name: .customLong("no-bom"), help: "With --csv: no byte-order mark.") var noBOM = false
    @Option(help: "Write the CSV to this file instead of standard output.") var out: String?

    func run() throws {
        try common.report {
            let month = try month.map { try Parse.month($0, .month) }
            let ctx = try common.signOn()
            let m = month ?? ctx.clock.currentMonth.previous
            let o = try FundService(ctx).overview(month: m)
            let st = try StatisticsService(ctx).year(m.year, catchingUp: false)   // the overview just caught up
            let s = common.strings
            let region = s.name(of: try ctx.policies.policy(ctx.session.agencyRegion))
            let rows = Self.rows(o, st, through: m, s)
            if csv {
                let data = try CSVFile.data(header: [s("col.disclosure.item"), s("col.disclosure.value"), s("col.disclosure.unit")],
                                            rows: [[s("out.disclosure.title"), region, s("out.disclosure.period", String(m.year), String(m.month))]]
                                                + rows.map { [$0.0, $0.1, $0.2] }, bom: !noBOM)
                try Export.write(data, to: out, common)
                return
            }
            print(s("out.disclosure.title"))
            print(s("out.disclosure.heading", region, s("out.disclosure.period", String(m.year), String(m.month))))
            print("")
            Output.table([s("col.disclosure.item"), s("col.disclosure.value"), s("col.disclosure.unit")],
                         rows.map { [$0.0, $0.1, $0.2] }, rightAligned: [1])
            print("")
            print(s("out.disclosure.footer", ctx.clock.today.description))
        }
    }

    /// 万元 with two decimals, half up (1 万元 = 1,000,000 fen).
    static func wan(_ m: Money) -> String { Money(fen: Rounding.halfUp(m.fen, 10_000)).grouped }

    static func rows(_ o: FundOverview, _ st: FundStatistics, through m: YearMonth, _ s: StringTable) -> [(String, String, String)] {
        let unit = s("out.disclosure.wan")
        func line(_ key: String, _ money: Money) -> (String, String, String) { (s(key), wan(money), unit) }
        func item(_ l: FundOverview.Line) -> (String, String, String) { ("  " + s(l.account.messageKey), wan(l.yearToDate), unit) }
        var rows = [line("out.disclosure.income", o.incomeTotal.yearToDate)]
        rows += o.income.filter { $0.yearToDate != .zero || $0.account == .employerIncome }.map(item)
        rows.append(line("out.disclosure.expenditure", o.expenditureTotal.yearToDate))
        rows += o.expenditure.filter { $0.account == .medicalExpense }.map(item)
        rows.append(("  " + s("out.disclosure.maternity"), wan(o.maternity.yearToDate), unit))
        rows += o.expenditure.filter { LedgerAccount.maternityExpense.contains($0.account) }.map { l in ("    " + s(l.account.messageKey), wan(l.yearToDate), unit) }
        rows.append(line("out.disclosure.surplus", o.surplus.yearToDate))
        rows.append(line("out.disclosure.balance", o.balance))
        rows.append((s("out.disclosure.capacity"), o.risk.capacityTenths.map(FundRisk.tenths) ?? "—", s("out.disclosure.months")))
        let insured = st.cover.filter { $0.scheme == .maternity }.reduce(0) { $0 + $1.count }
        let medical = st.cover.filter { $0.scheme == .medical }.reduce(0) { $0 + $1.count }
        let months = st.months.filter { $0.month <= m }
        let cases = months.reduce(0) { $0 + $1.of(.allowance).netCount + $1.of(.medical).netCount }
        rows.append((s("out.disclosure.insuredMedical"), String(medical), s("out.disclosure.persons")))
        rows.append((s("out.disclosure.insuredMaternity"), String(insured), s("out.disclosure.persons")))
        rows.append((s("out.disclosure.cases"), String(cases), s("out.disclosure.times")))
        return rows
    }
}
