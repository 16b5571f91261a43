import OneWindowCore
import OneWindowResources
import OneWindowService
import OneWindowStore

/// One claim as `claim show` prints it: who and what, the decision, the risk flags, the stored
/// computation line by line, the bills and every payment order with its outcome.
enum ClaimDetailText {
    static func render(_ v: ClaimView, _ s: StringTable) -> [String] {
        let c = v.claim
        var out = [s("out.cli.claim.head", String(c.id ?? 0), s(c.kind.messageKey), s(c.status.messageKey), c.receiptNo.value)]
        out.append("  " + s("out.cli.claim.person", v.claimant.name, v.claimant.citizen.masked, c.employerCode ?? "-", c.region))
        out.append("  " + s("out.receipt.event", ClaimText.event(c.event, s)))
        out.append("  " + s("out.cli.claim.amount", c.amount.grouped, s(c.payee.messageKey), c.payeeName, c.account.masked))
        if let days = c.allowanceDays { out.append("  " + s("out.receipt.days", String(days))) }
        if c.deferred {
            let when = c.payableFrom.map { s("out.claim.deferredFrom", $0) } ?? s("out.claim.deferredOpen")
            out.append("  " + (v.payableNow ? s("out.cli.claim.deferredReached") : when))
        }
        var handled = s("out.cli.claim.submitted", c.submittedBy, c.submittedOn)
        if let by = c.decidedBy { handled += "  " + s("out.cli.claim.decided", by, c.decidedOn ?? "") }
        out.append("  " + handled)
        // The note is the rejection's detail, or what the supervisor asked for when returning the claim.
        if let reason = c.rejectReason {
            out.append("  " + s("out.cli.claim.rejectReason", s(reason.messageKey) + (c.note.map { s("out.cli.noteSep") + $0 } ?? "")))
        } else if let note = c.note {
            out.append("  " + s("out.cli.claim.returnNote", note))
        }
        out += flags(c.flags, s).map { "  " + $0 }
        out += computation(c.computation, s, indent: 2)
        if !v.bills.isEmpty {
            out.append("  " + s("out.cli.claim.bills"))
            out += Output.tableLines(
                [s("col.cli.hospital"), s("col.cli.billNo"), s("col.item"), s("col.cli.actual"), s("col.cli.reimbursed")],
                v.bills.map { b in
                    [b.hospital, b.billNo, MedicalItem(code: b.item).map { s($0.messageKey) } ?? b.item,
                     Money(fen: b.actualFen).grouped, Money(fen: b.paidFen).grouped]
                }, rightAligned: [3, 4]).map { "    " + $0 }
        }
        if v.payments.isEmpty {
            out.append("  " + s(c.status == .submitted || c.status == .returned ? "out.cli.claim.paymentsAfterApproval" : "out.cli.claim.noPayments"))
        } else {
            out.append("  " + s("out.cli.claim.payments"))
            // A pending order of a deferred claim waits for the months: say so where it is listed.
            let waiting = v.payableNow ? [:] : Dictionary(uniqueKeysWithValues: v.payments.filter { $0.status == .pending }
                .map { ($0.id ?? 0, s("out.cli.queue.deferred")) })
            out += PaymentText.tableLines(v.payments, s, notes: waiting).map { "    " + $0 }
        }
        return out
    }

    /// The computation within 80 columns, figures right-aligned.
    static func computation(_ lines: [ComputationLine], _ s: StringTable, indent: Int) -> [String] {
        let pad = String(repeating: " ", count: indent)
        return ClaimText.computation(lines, s, width: 80 - indent).map { pad + $0 }
    }

    /// "风险提示：无", or one line per flag: its name and what was found.
    static func flags(_ hits: [RiskFlagHit], _ s: StringTable) -> [String] {
        guard !hits.isEmpty else { return [s("out.cli.claim.noFlags")] }
        return [s("out.cli.claim.flags")] + hits.map { "  ! " + s($0.flag.messageKey) + s("out.cli.claim.flagSep") + s.render($0.detail) }
    }

    /// Flag names for a table cell, and a deferred claim marked so the supervisor sees it will not pay yet.
    static func flagNames(_ v: ClaimView, _ s: StringTable) -> String {
        var names = v.claim.flags.map { s($0.flag.messageKey) }
        if v.claim.deferred && !v.payableNow { names.append(s("out.cli.queue.deferred")) }
        return names.isEmpty ? "-" : names.joined(separator: s("out.cli.listSep"))
    }
}

/// Payment orders as table rows: number, claim, payee, masked account, amount, status, date and what happened.
enum PaymentText {
    /// `notes`: more to say about some orders (order → text), e.g. that a deferred claim keeps it waiting.
    static func tableLines(_ orders: [PaymentOrder], _ s: StringTable, notes: [Int64: String] = [:]) -> [String] {
        Output.tableLines(
            [s("col.cli.order"), s("col.cli.claim"), s("col.cli.payee"), s("col.cli.account"), s("col.amount"), s("col.status"),
             s("col.cli.date"), s("col.cli.detail")],
            orders.map { row($0, s, note: notes[$0.id ?? 0]) }, rightAligned: [4])
    }

    static func row(_ o: PaymentOrder, _ s: StringTable, note: String? = nil) -> [String] {
        var detail = note.map { [$0] } ?? []
        if let why = o.failure { detail.append(s("out.cli.pay.failure", why)) }
        if let of = o.reissueOf { detail.append(s("out.cli.pay.reissueOf", String(of))) }
        let date = o.paidOn ?? o.failedOn ?? o.createdOn
        return [String(o.id ?? 0), String(o.claimID), o.payeeName, o.account.masked, o.amount.grouped, s(o.status.messageKey), date,
                detail.isEmpty ? "-" : detail.joined(separator: s("out.cli.listSep"))]
    }
}
