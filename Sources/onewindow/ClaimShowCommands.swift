import ArgumentParser
import OneWindowCore
import OneWindowService

extension ClaimCommand {
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Claims and their payments: by receipt number, person (any period), employer, or claim number.",
            discussion: "Each claim with its computation, risk flags, bills and payment orders (status, date paid, why an order failed).")
        @OptionGroup var common: CommonOptions
        @Argument(help: "Receipt number, e.g. SY20261122-0001.") var receipt: String?
        @Option(help: "Citizen ID: every claim the person made or is insured for, with payments.") var id: String?
        @Option(help: "Employer credit code: its employees' claims.") var employer: String?
        @Option(help: "Claim number.") var claim: String?
        @Flag(help: "JSON output, amounts in fen.") var json = false

        func run() throws {
            try common.report {
                let given = [receipt, id, employer, claim].compactMap { $0 }
                guard given.count == 1 else { throw DomainError("error.cli.showWhich") }
                let ctx = try common.signOn()
                let lookup = ClaimLookup(ctx)
                let s = common.strings
                if let receipt {
                    let view = try lookup.receiptView(try ReceiptNumber(receipt))
                    if json { Output.json(ReceiptJSON(view, s)); return }
                    print(ClaimText.receipt(view, s))
                    printClaims(view.claims, header: nil)
                } else if let id {
                    let citizen = try Parse.id(id, today: ctx.clock.today)
                    let views = try lookup.claims(of: citizen)
                    if json { Output.json(views.map { ClaimJSON($0, s) }); return }
                    let person = try LookupService(ctx).person(citizen).person
                    printClaims(views, header: s("out.cli.claim.personHeader", person.name, person.citizen.masked))
                } else if let employer {
                    let code = try Parse.employerCode(employer)
                    let views = try lookup.claims(ofEmployer: code)
                    if json { Output.json(views.map { ClaimJSON($0, s) }); return }
                    let row = try LookupService(ctx).employerRow(code)
                    printClaims(views, header: s("out.cli.claim.employerHeader", row.name, row.code))
                } else if let claim {
                    let view = try lookup.claim(try Parse.number(claim, .claim))
                    if json { Output.json(ClaimJSON(view, s)); return }
                    print(ClaimDetailText.render(view, s).joined(separator: "\n"))
                }
            }
        }

        private func printClaims(_ views: [ClaimView], header: String?) {
            let s = common.strings
            if let header { print(header) }
            if header != nil || views.isEmpty {
                print(views.isEmpty ? s("out.cli.claims.none") : s("out.cli.claims.count", String(views.count)))
            }
            for v in views {
                print("")
                print(ClaimDetailText.render(v, s).joined(separator: "\n"))
            }
        }
    }

    struct Queue: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Claims awaiting a supervisor's decision, oldest first, with their risk flags.")
        @OptionGroup var common: CommonOptions
        @Flag(help: "JSON output, amounts in fen.") var json = false

        func run() throws {
            try common.report {
                let views = try ClaimLookup(try common.signOn()).queue()
                let s = common.strings
                if json { Output.json(views.map { ClaimJSON($0, s) }); return }
                guard !views.isEmpty else { common.say("out.cli.queue.empty"); return }
                Output.table(
                    [s("col.cli.claim"), s("col.cli.receipt"), s("col.cli.claimant"), s("col.cli.kind"), s("col.amount"),
                     s("col.cli.submittedBy"), s("col.cli.flags")],
                    views.map { v in
                        [String(v.claim.id ?? 0), v.claim.receiptNo.value, v.claimant.name, s(v.claim.kind.messageKey),
                         v.claim.amount.grouped, v.claim.submittedBy, ClaimDetailText.flagNames(v, s)]
                    }, rightAligned: [4])
                common.say("out.cli.queue.count", String(views.count))
            }
        }
    }
}
