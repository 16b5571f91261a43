import ArgumentParser
import Foundation
import OneWindowCore
import OneWindowService

/// `onewindow fund …`: the merged fund's books from the command line (reports for supervisors and admins;
/// entries, the old fund's transfer, reversals and closing for supervisors).
struct FundCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fund", abstract: "The merged fund's ledger: overview report, totals from other systems, old-fund transfer, month close.",
        discussion: """
        Contributions, payments received and benefits paid are posted by the counter itself; here a supervisor adds
        what comes from other systems (monthly totals with their document), the opening balance and the old maternity
        fund's one-time transfer, reverses a wrong total and closes finished months. Amounts in yuan.
        """,
        subcommands: [Report.self, Entries.self, Entry.self, Opening.self, TransferOld.self, Reverse.self, Close.self, Check.self,
                      FundBudgetCommand.self, FundDisclosureCommand.self])

    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Fund overview of a month: income and expenditure by item (month, year to date), balance, months of payment capacity, warnings.")
        @OptionGroup var common: CommonOptions
        @Option(help: "Month, YYYY-MM (default: last month).") var month: String?
        @Flag(help: "JSON output, amounts in fen.") var json = false
        @Flag(help: "CSV output (UTF-8 with BOM for Excel).") var csv = false
        @Flag(name: .customLong("no-bom"), help: "With --csv: no byte-order mark (for tools other than Excel).") var noBOM = false
        @Option(help: "Write the CSV to this file instead of standard output.") var out: String?

        func run() throws {
            try common.report {
                let month = try month.map { try Parse.month($0, .month) }
                let ctx = try common.signOn()
                let o = try FundService(ctx).overview(month: month ?? ctx.clock.currentMonth.previous)
                let s = common.strings
                let rows = FundText.rows(o, s, plain: json || csv)
                if json { Output.json(FundReportJSON(o, rows)); return }
                let region = s.render(Message("out.fund.region", [.name(try ctx.policies.policy(ctx.session.agencyRegion).name)]))
                let status = s(o.closed ? "out.fund.closed" : "out.fund.open")
                if csv {
                    // The criteria first, as a filed report carries them, then the rows.
                    let head = [[s("out.fund.title"), o.month.description], [region, status]]
                    let data = try CSVFile.data(header: [s("col.fund.item"), s("col.fund.month"), s("col.fund.ytd")],
                                                rows: head + rows.map { [$0.label, $0.month, $0.yearToDate] }, bom: !noBOM)
                    try Export.write(data, to: out, common)
                    return
                }
                FundPage.lines(rows, heading: s("out.fund.heading", o.month.description, region, status), s).forEach { print($0) }
            }
        }
    }

    struct Entries: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Ledger entries of a month (every month without --month), reversals beside their originals.")
        @OptionGroup var common: CommonOptions
        @Option(help: "Month, YYYY-MM.") var month: String?
        @Flag(help: "JSON output, amounts in fen.") var json = false

        func run() throws {
            try common.report {
                let month = try month.map { try Parse.month($0, .month) }
                let ctx = try common.signOn()
                let entries = try FundService(ctx).entries(month: month)
                if json { Output.json(entries.map(LedgerEntryJSON.init)); return }
                guard !entries.isEmpty else { common.say("out.fund.noEntries"); return }
                let s = common.strings
                var rows: [[String]] = []
                for e in entries {
                    let what = s(e.source.messageKey) + (e.reversalOf.map { s("out.fund.reverses", String($0)) } ?? "")
                    for (i, p) in e.lines.postings.enumerated() {
                        rows.append(i == 0 ? [String(e.id), e.period.description, what, e.document ?? "", s(p.account.messageKey),
                                              p.debit == .zero ? "" : p.debit.grouped, p.credit == .zero ? "" : p.credit.grouped]
                                           : ["", "", "", "", s(p.account.messageKey), p.debit == .zero ? "" : p.debit.grouped,
                                              p.credit == .zero ? "" : p.credit.grouped])
                    }
                }
                Output.table([s("col.fund.entry"), s("col.fund.period"), s("col.fund.source"), s("col.fund.document"),
                              s("col.fund.account"), s("col.fund.debit"), s("col.fund.credit")], rows, rightAligned: [5, 6])
            }
        }
    }

    struct Entry: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Enter a monthly total from another system with its document (supervisor): medical (other medical benefits paid) or interest.")
        @OptionGroup var common: CommonOptions
        @Option(help: "medical | interest") var item: String
        @Option(help: "Month, YYYY-MM (begun, not closed).") var month: String
        @Option(parsing: .unconditional, help: "Amount in yuan.") var amount: String
        @Option(help: "The source document's number (bank statement, settlement report).") var document: String

        func run() throws {
            try common.report {
                let item: EnteredItem = try Parse.choice(item, .fundItem)
                let month = try Parse.month(month, .month)
                let amount = try Parse.money(amount, .amount)
                let ctx = try common.signOn()
                let e = try FundService(ctx).enter(item, month: month, amount: amount, document: document)
                common.say("out.fund.entered", String(e.id), common.strings(item.messageKey), e.period.description, amount.grouped)
            }
        }
    }

    struct Opening: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The merged fund's balance when its books start here, once, with its document (supervisor).")
        @OptionGroup var common: CommonOptions
        @Option(help: "First month of the books here, YYYY-MM.") var month: String
        @Option(parsing: .unconditional, help: "Balance in yuan.") var amount: String
        @Option(help: "The document the balance is taken from.") var document: String

        func run() throws {
            try common.report {
                let month = try Parse.month(month, .month)
                let amount = try Parse.money(amount, .amount)
                let ctx = try common.signOn()
                let e = try FundService(ctx).setOpening(month: month, amount: amount, document: document)
                common.say("out.fund.openingSet", String(e.id), e.period.description, amount.grouped)
            }
        }
    }

    struct TransferOld: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "transfer-old",
            abstract: "清算划转: the old maternity fund's cleared balance moves into the merged fund, once (supervisor).")
        @OptionGroup var common: CommonOptions
        @Option(parsing: .unconditional, help: "The old fund's cleared balance in yuan.") var amount: String
        @Option(help: "Transfer date, YYYY-MM-DD (not in the future, its month not closed).") var date: String
        @Option(help: "The clearing/transfer document.") var document: String

        func run() throws {
            try common.report {
                let amount = try Parse.money(amount, .amount)
                let date = try Parse.date(date)
                let ctx = try common.signOn()
                let entries = try FundService(ctx).transferOldFund(amount: amount, on: date, document: document)
                common.say("out.fund.transferred", amount.grouped, date.description, entries.map { String($0.id) }.joined(separator: ", "))
            }
        }
    }

    struct Reverse: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Reverse an entered total typed wrong (supervisor): a linked entry with the sides swapped.")
        @OptionGroup var common: CommonOptions
        @Argument(help: "Entry number.") var entry: String
        @Option(help: "Why it is reversed.") var reason: String?

        func run() throws {
            try common.report {
                let id = try Parse.number(entry, .ledgerEntry)
                let ctx = try common.signOn()
                let r = try FundService(ctx).reverse(entry: id, reason: reason ?? "")
                common.say("out.fund.reversed", String(id), String(r.id), r.period.description)
            }
        }
    }

    struct Close: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Close a finished month (supervisor): checks the trial balance, keeps every account's balances; nothing posts into it afterwards.")
        @OptionGroup var common: CommonOptions
        @Option(help: "Month, YYYY-MM (months close in order).") var month: String

        func run() throws {
            try common.report {
                let month = try Parse.month(month, .month)
                let ctx = try common.signOn()
                let balances = try FundService(ctx).close(month: month)
                let s = common.strings
                common.say("out.fund.closedMonth", month.description)
                Output.table([s("col.fund.account"), s("col.fund.opening"), s("col.fund.debit"), s("col.fund.credit"), s("col.fund.closing")],
                             // Balances on each account's own side (income as a positive credit balance).
                             balances.map { [s($0.account.messageKey), $0.normal($0.opening).grouped, $0.debit.grouped, $0.credit.grouped,
                                             $0.normal($0.closing).grouped] },
                             rightAligned: [1, 2, 3, 4])
            }
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Rebuild the ledger's balances from its entries and from the counter's records and compare; exit 1 if anything is off.")
        @OptionGroup var common: CommonOptions

        func run() throws {
            try common.report {
                let ctx = try common.signOn()
                let lines = try FundService(ctx).check()
                let s = common.strings
                for l in lines { print((l.ok ? "✓ " : "✗ ") + s.render(l.message)) }
                if lines.contains(where: { !$0.ok }) { throw ExitCode(1) }
            }
        }
    }
}

/// Writing an export: to a file (said on stdout) or to standard output.
enum Export {
    static func write(_ data: Data, to path: String?, _ common: CommonOptions) throws {
        guard let path else { FileHandle.standardOutput.write(data); return }
        do { try data.write(to: URL(fileURLWithPath: path), options: .atomic) } catch {
            throw DomainError("error.file.write", texts: path, error.localizedDescription)
        }
        common.say("out.export.written", path, String(data.count))
    }
}
