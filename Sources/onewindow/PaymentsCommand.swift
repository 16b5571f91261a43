import ArgumentParser
import OneWindowCore
import OneWindowService

struct PaymentsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "payments", abstract: "Payment orders of approved claims: the payment run, lookups, bank returns and re-issues.",
        subcommands: [Run.self, List.self, Returned.self, Reissue.self, BankExport.self, ImportReturns.self])

    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Pay every pending order on a date (supervisor); orders the bank bounced are marked failed.",
            discussion: "Deferred claims whose contribution months are not reached yet stay pending until a later run.")
        @OptionGroup var common: CommonOptions
        @Option(help: "Payment date, YYYY-MM-DD (default today; never in the future).") var date: String?
        @Option(help: ArgumentHelp("An order the bank returned in this run (repeatable): ORDER=REASON, e.g. 7=账户已销户.",
                                   valueName: "order=reason"))
        var returned: [String] = []
        @Flag(help: "JSON output, amounts in fen.") var json = false

        func run() throws {
            try common.report {
                let date = try date.map(Parse.date)
                var bounced: [Int64: String] = [:]
                for spec in returned {
                    let parts = spec.split(separator: "=", maxSplits: 1).map { String($0).trimmingSpaces }
                    guard parts.count == 2, !parts[1].isEmpty else { throw FieldError(.payment, "reason.cli.returnedFormat", texts: spec) }
                    bounced[try Parse.number(parts[0], .payment)] = parts[1]
                }
                let ctx = try common.signOn()
                let service = PaymentService(ctx)
                let result = try service.run(on: date, returned: bounced)
                let orders = try service.orders(result.paid + result.failed + result.waiting)
                let day = (date ?? ctx.clock.today).description
                if json {
                    Output.json(PaymentRunJSON(date: day, paid: result.paid, failed: result.failed, waiting: result.waiting,
                                               paidTotalFen: result.paidTotal.fen, orders: orders.map { PaymentJSON($0) }))
                    return
                }
                let s = common.strings
                let waiting = Dictionary(uniqueKeysWithValues: result.waiting.map { ($0, s("out.cli.queue.deferred")) })
                if !orders.isEmpty { PaymentText.tableLines(orders, s, notes: waiting).forEach { print($0) } }
                print(s("out.cli.pay.run", day, String(result.paid.count), result.paidTotal.grouped, String(result.failed.count),
                        String(result.waiting.count)))
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Payment orders, newest first (accounts masked).")
        @OptionGroup var common: CommonOptions
        @Option(help: "pending | paid | failed") var status: String?
        @Option(help: "Citizen ID: only this person's orders.") var id: String?
        @Flag(help: "JSON output, amounts in fen.") var json = false

        func run() throws {
            try common.report {
                let status: PaymentStatus? = try status.map { try Parse.choice($0, .payment) }
                let ctx = try common.signOn()
                let listed = try PaymentService(ctx).list(status: status, person: try id.map { try Parse.id($0, today: ctx.clock.today) })
                if json { Output.json(listed.map { PaymentJSON($0.order, listed: $0) }); return }
                guard !listed.isEmpty else { common.say("out.cli.pay.none"); return }
                let s = common.strings
                Output.table(
                    [s("col.cli.order"), s("col.cli.claim"), s("col.cli.receipt"), s("col.cli.claimant"), s("col.cli.payee"),
                     s("col.cli.account"), s("col.amount"), s("col.status"), s("col.cli.date"), s("col.cli.detail")],
                    listed.map { l in
                        let r = PaymentText.row(l.order, s)
                        return Array(r[0...1]) + [l.claim.receiptNo.value, l.claimant.name] + Array(r[2...])
                    }, rightAligned: [6])
            }
        }
    }

    struct Returned: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The bank returned a paid order (closed or wrong account): it becomes failed and can be re-issued (supervisor).")
        @OptionGroup var common: CommonOptions
        @Argument(help: "Payment order number.") var order: String
        @Option(help: "The bank's reason.") var reason: String?

        func run() throws {
            try common.report {
                let id = try Parse.number(order, .payment)
                let ctx = try common.signOn()
                let service = PaymentService(ctx)
                try service.markReturned(id, reason: reason ?? "")
                let listed = try service.order(id)
                common.say("out.cli.pay.returned", String(id), listed.order.failure ?? "", String(listed.order.claimID))
            }
        }
    }

    struct Reissue: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A new order for a failed one, to the same account or a corrected one (supervisor).")
        @OptionGroup var common: CommonOptions
        @Argument(help: "The failed payment order's number.") var order: String
        @Option(help: "Corrected bank account (digits); default the same account.") var account: String?

        func run() throws {
            try common.report {
                let id = try Parse.number(order, .payment)
                let account = try account.map(BankAccount.init)
                let ctx = try common.signOn()
                let service = PaymentService(ctx)
                let new = try service.reissue(id, account: account)
                let order = try service.order(new).order
                common.say("out.cli.pay.reissued", String(new), String(id), order.amount.grouped, order.account.masked)
            }
        }
    }
}
