import ArgumentParser
import OneWindowCore
import OneWindowService

// The supervisor's decisions (approve, reject, return for documents) and the clerk's follow-ups
// (resubmit when the documents arrive, cancel before a decision). The service enforces roles and four
// eyes; each command reports the claim's new state in one line.

extension ClaimCommand {
    struct Approve: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Approve a claim (supervisor; never one you took yourself): a payment order is created.")
        @OptionGroup var common: CommonOptions
        @Argument(help: "Claim number (see claim queue).") var claim: String

        func run() throws {
            try decision(common, claim) { ctx, id in
                try ClaimService(ctx).approve(id)
                let v = try ClaimLookup(ctx).claim(id)
                let order = v.latestPayment
                common.say("out.cli.approved", String(id), v.claim.receiptNo.value, String(order?.id ?? 0), v.claim.amount.grouped,
                           v.claim.payeeName, v.claim.account.masked)
            }
        }
    }

    struct Reject: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Reject a claim (supervisor): a reason from the list, free text as detail.")
        @OptionGroup var common: CommonOptions
        @Argument(help: "Claim number.") var claim: String
        @Option(help: "notEligible | duplicateClaim | notCovered | documentsInvalid | falseInformation | other (needs --note).")
        var reason: String?
        @Option(help: "Detail for the applicant.") var note: String?

        func run() throws {
            try decision(common, claim) { ctx, id in
                guard let reason else { throw FieldError(.rejectReason, "reason.required") }
                let why: RejectReason = try Parse.choice(reason, .rejectReason)
                try ClaimService(ctx).reject(id, reason: why, note: note ?? "")
                let v = try ClaimLookup(ctx).claim(id)
                let s = common.strings
                let text = s(why.messageKey) + (v.claim.note.map { s("out.cli.noteSep") + $0 } ?? "")
                common.say("out.cli.rejected", String(id), v.claim.receiptNo.value, text)
            }
        }
    }

    struct Return: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Return a claim to the counter for documents (supervisor); the note says which.")
        @OptionGroup var common: CommonOptions
        @Argument(help: "Claim number.") var claim: String
        @Option(help: "Which documents are missing.") var note: String?

        func run() throws {
            try decision(common, claim) { ctx, id in
                try ClaimService(ctx).returnForDocuments(id, note: note ?? "")
                let v = try ClaimLookup(ctx).claim(id)
                common.say("out.cli.returned", String(id), v.claim.receiptNo.value, v.claim.note ?? "")
            }
        }
    }

    struct Resubmit: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The documents of a returned claim arrived: it awaits a decision again.")
        @OptionGroup var common: CommonOptions
        @Argument(help: "Claim number.") var claim: String

        func run() throws {
            try decision(common, claim) { ctx, id in
                try ClaimService(ctx).resubmit(id)
                common.say("out.cli.resubmitted", String(id), try ClaimLookup(ctx).claim(id).claim.receiptNo.value)
            }
        }
    }

    struct Cancel: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Withdraw a claim before a decision (the applicant asked).")
        @OptionGroup var common: CommonOptions
        @Argument(help: "Claim number.") var claim: String

        func run() throws {
            try decision(common, claim) { ctx, id in
                try ClaimService(ctx).cancel(id)
                common.say("out.cli.cancelled", String(id), try ClaimLookup(ctx).claim(id).claim.receiptNo.value)
            }
        }
    }
}

/// Signs on, reads the claim number, runs the change; errors are reported as every command reports them.
private func decision(_ common: CommonOptions, _ claim: String, _ body: (ServiceContext, Int64) throws -> Void) throws {
    try common.report {
        let id = try Parse.number(claim, .claim)
        try body(try common.signOn(), id)
    }
}
