import ArgumentParser
import Foundation
import OneWindowCore
import OneWindowResources
import OneWindowService
import OneWindowTUI

/// `onewindow fund budget`: next year's budget line by line with what each line rests on, and the 以支定收 rate.
struct FundBudgetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "budget",
        abstract: "Budget of a year from last year's actuals (this year's finished months, annualized) and stated assumptions, with the 以支定收 rate check.",
        discussion: """
        --assumptions FILE is JSON, every key optional (basis points; 100 = 1 %): insuredChangeBp, baseGrowthBp,
        employerRateBp, birthsChangeBp, maternityCostGrowthBp, medicalGrowthBp, interestRateBp, note.
        Without it every figure stays as this year's.
        """)
    @OptionGroup var common: CommonOptions
    @Option(help: "Budget year, YYYY (default: next year).") var year: String?
    @Option(help: "JSON file of assumptions.") var assumptions: String?
    @Option(help: "Year by whose end months of capacity should be in the band (default: the budget year).") var by: String?
    @Flag(help: "Adopt this plan as the year's budget (supervisor; once a year).") var adopt = false
    @Flag(name: .customLong("vs-actual"), help: "The adopted budget of --year against the ledger so far (序时进度 and deviation rate).") var vsActual = false
    @Option(help: "With --vs-actual: through this month, YYYY-MM (default: the last finished month).") var month: String?
    @Flag(help: "JSON output, amounts in fen.") var json = false
    @Flag(help: "CSV output (UTF-8 with BOM for Excel).") var csv = false
    @Flag(name: .customLong("no-bom"), help: "With --csv: no byte-order mark.") var noBOM = false
    @Option(help: "Write the CSV to this file instead of standard output.") var out: String?

    func run() throws {
        try common.report {
            let year = try self.year.map { try Self.year($0) }
            let by = try self.by.map { try Self.year($0) }
            let a = try assumptions.map(Self.read) ?? BudgetAssumptions()
            let through = try month.map { try Parse.month($0, .month) }
            let ctx = try common.signOn()
            let s = common.strings
            if vsActual {
                let r = try BudgetService(ctx).vsActual(year: year ?? ctx.clock.today.year, through: through)
                if json { Output.json(r.lines.map(BudgetVsActualJSON.init)); return }
                print(s("out.budget.vsHeading", String(r.budget.year), r.month.description))
                Output.table([s("col.fund.item"), s("col.budget.amount"), s("col.budget.prorated"), s("col.budget.actual"), s("col.budget.deviation")],
                             r.lines.map { [s($0.account.messageKey), $0.budget.grouped, $0.prorated.grouped, $0.actual.grouped,
                                            $0.deviationBp.map(FundRisk.percent) ?? "—"] }, rightAligned: [1, 2, 3, 4])
                return
            }
            if adopt {
                let b = try BudgetService(ctx).adopt(year: year ?? ctx.clock.today.year + 1, assumptions: a)
                common.say("out.budget.adoptedDone", String(b.year), b.income.grouped, b.expenditure.grouped)
                return
            }
            let plan = try BudgetService(ctx).plan(year: year ?? ctx.clock.today.year + 1, assumptions: a, byYear: by)
            if json { Output.json(BudgetJSON(plan, s)); return }
            if csv {
                let header = ["col.fund.item", "col.budget.base", "col.budget.amount", "col.budget.change", "col.budget.principle",
                              "col.budget.source", "col.budget.basis", "col.budget.reason"].map { s($0) }
                let rows = plan.budget.lines.map { l in
                    [s(l.account.messageKey), l.base.yuanText, l.amount.yuanText, l.changeBp.map(FundRisk.percent) ?? "",
                     s.render(l.principle), s.render(l.source), s.render(l.basis), s.render(l.reason)]
                }
                try Export.write(try CSVFile.data(header: header, rows: rows, bom: !noBOM), to: out, common)
                return
            }
            BudgetPage.lines(plan, s).forEach { print($0) }
        }
    }

    static func year(_ raw: String) throws -> Int {
        guard raw.trimmingSpaces.count == 4, let y = Int(raw.trimmingSpaces) else { throw FieldError(.year, "reason.budget.year", texts: raw) }
        return y
    }

    static func read(_ path: String) throws -> BudgetAssumptions {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw DomainError("error.file.unreadable", texts: path)
        }
        do { return try JSONDecoder().decode(BudgetAssumptions.self, from: data) } catch let e as DomainError {
            throw e
        } catch {
            throw DomainError("error.budget.assumptionsFile", texts: path)
        }
    }
}

/// The budget as a printed page of at most 80 columns.
enum BudgetPage {
    static func lines(_ p: BudgetService.Plan, _ s: StringTable) -> [String] {
        let b = p.budget
        var lines = [s("out.budget.heading", String(b.year), s.render(b.lines.first?.source ?? Message("budget.source.year", texts: String(p.base.year)))), ""]
        func row(_ label: String, _ base: Money?, _ amount: Money, _ change: Int64?) -> [String] {
            [label, base?.grouped ?? "", amount.grouped, change.map(FundRisk.percent) ?? ""]
        }
        var rows: [[String]] = [[s("out.fund.income"), "", "", ""]]
        for kind in [LedgerAccount.Kind.income, .expense] {
            if kind == .expense { rows.append([s("out.fund.expenditure"), "", "", ""]) }
            let part = b.lines.filter { $0.account.kind == kind }
            rows += part.map { row("  " + s($0.account.messageKey), $0.base, $0.amount, $0.changeBp) }
            let base = part.reduce(Money.zero) { $0 + $1.base }, amount = part.reduce(Money.zero) { $0 + $1.amount }
            rows.append(row(s(kind == .income ? "out.fund.incomeTotal" : "out.fund.expenditureTotal"), base, amount,
                            base.fen != 0 ? Rounding.halfUp((amount.fen - base.fen) * 10_000, base.fen) : nil))
        }
        rows.append(row(s("out.fund.surplus"), nil, b.income - b.expenditure, nil))
        lines += Output.tableLines([s("col.fund.item"), s("col.budget.base"), s("col.budget.amount"), s("col.budget.change")], rows,
                                   rightAligned: [1, 2, 3])
        lines.append("")
        var sentences = [s("out.budget.balance", b.openingBalance.grouped, b.closingBalance.grouped),
                         s("out.budget.capacity", b.capacityTenths.map(FundRisk.tenths) ?? "—", FundText.bandsText(p.rules, s)),
                         p.bandRate.map { $0 == p.currentRate ? s("out.budget.rateKept", p.currentRate.description, String(p.byYear))
                             : s("out.budget.rate", p.currentRate.description, String(p.byYear), $0.description) }
                             ?? s("out.budget.rateNone", p.currentRate.description, String(p.byYear))]
        let a = b.assumptions
        sentences.append(s("out.budget.assumptions", signed(a.insuredChangeBp), signed(a.baseGrowthBp),
                           a.employerRateBp.map { Rate(basisPoints: $0).description } ?? p.currentRate.description, signed(a.birthsChangeBp),
                           signed(a.maternityCostGrowthBp), signed(a.medicalGrowthBp),
                           a.interestRateBp.map { Rate(basisPoints: $0).description } ?? s("out.budget.asThisYear")))
        if let note = a.note { sentences.append(s("out.budget.note", note)) }
        for text in sentences { lines += ScrollText.wrap(text, width: 80, continuation: 78).enumerated().map { $0.offset == 0 ? $0.element : "  " + $0.element } }
        lines += ["", s("out.budget.explained")]
        for l in b.lines {
            lines.append(s(l.account.messageKey))
            for (key, m) in [("out.budget.principle", l.principle), ("out.budget.source", l.source), ("out.budget.basis", l.basis),
                             ("out.budget.reason", l.reason)] {
                lines += Output.hanging("  " + s(key), s.render(m))
            }
        }
        return lines
    }

    static func signed(_ bp: Int) -> String { (bp >= 0 ? "+" : "") + FundRisk.percent(Int64(bp)) }
}

struct BudgetJSON: Encodable {
    struct Line: Encodable {
        let account: String
        let baseFen: Int64, amountFen: Int64
        let changeBp: Int64?
        let principle: String, source: String, basis: String, reason: String
    }
    let year: Int
    let baseYear: Int, baseMonths: Int
    let lines: [Line]
    let incomeFen: Int64, expenditureFen: Int64, openingBalanceFen: Int64, closingBalanceFen: Int64
    let capacityTenths: Int64?
    let currentRateBp: Int, bandRateBp: Int?, byYear: Int
    let assumptions: BudgetAssumptions

    init(_ p: BudgetService.Plan, _ s: StringTable) {
        let b = p.budget
        year = b.year
        baseYear = p.base.year
        baseMonths = p.base.months
        lines = b.lines.map { Line(account: $0.account.rawValue, baseFen: $0.base.fen, amountFen: $0.amount.fen, changeBp: $0.changeBp,
                                   principle: s.render($0.principle), source: s.render($0.source), basis: s.render($0.basis), reason: s.render($0.reason)) }
        incomeFen = b.income.fen
        expenditureFen = b.expenditure.fen
        openingBalanceFen = b.openingBalance.fen
        closingBalanceFen = b.closingBalance.fen
        capacityTenths = b.capacityTenths
        currentRateBp = p.currentRate.basisPoints
        bandRateBp = p.bandRate?.basisPoints
        byYear = p.byYear
        assumptions = b.assumptions
    }
}

struct BudgetVsActualJSON: Encodable {
    let account: String
    let budgetFen: Int64, proratedFen: Int64, actualFen: Int64
    let deviationBp: Int64?

    init(_ l: BudgetVsActual) {
        account = l.account.rawValue
        budgetFen = l.budget.fen
        proratedFen = l.prorated.fen
        actualFen = l.actual.fen
        deviationBp = l.deviationBp
    }
}
