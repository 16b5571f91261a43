import ArgumentParser
import Foundation
import OneWindowCore
import OneWindowService

/// `payments export` and `payments import-returns`: the bank's side of a payment run.
extension PaymentsCommand {
    struct BankExport: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "The bank batch file of a payment run (supervisor): every order paid on the date.",
            discussion: """
            Without --out or --csv: the batch as a table on the terminal, accounts masked. With --out FILE (or --csv for \
            standard output): the CSV for the bank, UTF-8 with a byte-order mark (--no-bom for tools other than Excel), \
            RFC 4180 quoting, columns 参考号,收款人,账号,账号（脱敏）,金额（元）,申领号,回执号 whatever the language, amounts \
            as plain yuan (1234.50). The file holds the FULL account numbers: keep it as a bank document. The reference \
            (参考号, OW + the order's number) is what the bank's return file echoes (see import-returns). Orders the bank has \
            returned since stay in their run's file, so a day's file is always the same. Every export is audited (who, \
            which day, how many, how much; never an account).
            """)
        @OptionGroup var common: CommonOptions
        @Option(help: "Payment date of the run, YYYY-MM-DD (default today).") var date: String?
        @Option(help: "Write the bank's CSV to this file.") var out: String?
        @Flag(help: "Write the bank's CSV to standard output.") var csv = false
        @Flag(name: .customLong("no-bom"), help: "No byte-order mark in the CSV.") var noBOM = false
        @Flag(help: "JSON output (accounts masked), amounts in fen.") var json = false

        func run() throws {
            try common.report {
                let date = try date.map(Parse.date)
                let ctx = try common.signOn()
                let day = date ?? ctx.clock.today
                let lines = try PaymentService(ctx).bankBatch(paidOn: day)
                let total = lines.reduce(Money.zero) { $0 + $1.amount }
                if json { Output.json(BankBatchJSON(date: day.description, lines: lines)); return }
                if csv || out != nil {
                    let data = try CSVFile.data(header: BankFileFormat.batchHeader, rows: lines.map(BankFileFormat.batchRow), bom: !noBOM)
                    try Export.write(data, to: out, common)
                    if out != nil { common.say("out.bank.batch", day.description, String(lines.count), total.grouped) }
                    return
                }
                let s = common.strings
                Output.table([s("col.bank.reference"), s("col.cli.payee"), s("col.cli.account"), s("col.amount"), s("col.cli.receipt"),
                              s("col.status")],
                             lines.map { [$0.reference, $0.payeeName, $0.account.masked, $0.amount.grouped, $0.receiptNo.value,
                                          s($0.status == .paid ? "out.bank.paid" : "out.bank.returnedSince")] },
                             rightAligned: [3])
                common.say("out.bank.batch", day.description, String(lines.count), total.grouped)
                common.say("out.bank.batchHint", day.description)
            }
        }
    }

    struct ImportReturns: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import-returns",
            abstract: "Read the bank's return file (supervisor): its failed lines are recorded as bank returns, all or none.",
            discussion: """
            The file is CSV in UTF-8 (a byte-order mark is fine): a header line 参考号,状态,原因 (or reference,status,reason), \
            optionally a fourth column 金额（元） (amount), then one line per order: the reference from the batch file \
            (OW12), 成功/success or 失败/failed, and the bank's reason (required when failed); an amount, when given, must \
            equal the order's. Every line is checked first; a bad one (wrong header, unknown reference, an order not paid, \
            a failed line without a reason, another amount, a file that is not UTF-8) refuses the whole file with its line \
            number, exit 2, nothing written. A failed line makes the order failed and its claim approved again (re-issue \
            with payments reissue), with the ledger's reversal; all in one transaction, each audited. A success line \
            changes nothing. Importing the same file again changes nothing and says so.
            """)
        @OptionGroup var common: CommonOptions
        @Argument(help: "The bank's return file (CSV, UTF-8).") var file: String
        @Flag(help: "JSON output, amounts in fen.") var json = false

        func run() throws {
            try common.report {
                let ctx = try common.signOn()
                guard let data = FileManager.default.contents(atPath: file) else { throw DomainError("error.file.unreadable", texts: file) }
                let r = try PaymentService(ctx).importReturns(try BankReturnFile.text(data))
                if json { Output.json(ReturnsJSON(r)); return }
                let s = common.strings
                if r.changed {
                    Output.table([s("col.bank.reference"), s("col.cli.order"), s("col.cli.claim"), s("col.amount"), s("col.bank.reason")],
                                 r.returned.map { [BankReference.of($0.orderID), String($0.orderID), String($0.claimID), $0.amount.grouped,
                                                   $0.reason ?? ""] },
                                 rightAligned: [3])
                    common.say("out.bank.imported", String(r.returned.count), r.returnedTotal.grouped, String(r.alreadyReturned.count),
                               String(r.succeeded.count), r.succeededTotal.grouped)
                } else {
                    common.say("out.bank.nothingNew", String(r.alreadyReturned.count), r.alreadyReturnedTotal.grouped,
                               String(r.succeeded.count), r.succeededTotal.grouped)
                }
            }
        }
    }
}

struct BankBatchJSON: Encodable {
    struct Line: Encodable {
        let reference: String
        let order, claim: Int64
        let receiptNo, payeeName, account, status: String
        let amountFen: Int64
    }
    let date: String
    let count: Int
    let totalFen: Int64
    let orders: [Line]

    init(date: String, lines: [BankBatchLine]) {
        self.date = date
        count = lines.count
        totalFen = lines.reduce(0) { $0 + $1.amount.fen }
        orders = lines.map { Line(reference: $0.reference, order: $0.orderID, claim: $0.claimID, receiptNo: $0.receiptNo.value,
                                  payeeName: $0.payeeName, account: $0.account.masked, status: $0.status.rawValue, amountFen: $0.amount.fen) }
    }
}

struct ReturnsJSON: Encodable {
    struct Order: Encodable {
        let reference: String
        let order, claim, amountFen: Int64
        let reason: String?
        init(_ o: ReturnsResult.Order) {
            reference = BankReference.of(o.orderID)
            order = o.orderID
            claim = o.claimID
            amountFen = o.amount.fen
            reason = o.reason
        }
    }
    let changed: Bool
    let returned, alreadyReturned, succeeded: [Order]
    let returnedFen, alreadyReturnedFen, succeededFen: Int64

    init(_ r: ReturnsResult) {
        changed = r.changed
        returned = r.returned.map(Order.init)
        alreadyReturned = r.alreadyReturned.map(Order.init)
        succeeded = r.succeeded.map(Order.init)
        returnedFen = r.returnedTotal.fen
        alreadyReturnedFen = r.alreadyReturnedTotal.fen
        succeededFen = r.succeededTotal.fen
    }
}
