import OneWindowCore
import OneWindowResources

/// Claims as plain text in the operator's language: the computation line by line (sample figures
/// marked), the event in words, and the receipt (受理回执) a clerk prints or hands over.
public enum ClaimText {
    /// Rule lines padded so their figures line up; headings flush left.
    public static func computation(_ lines: [ComputationLine], _ s: StringTable, ruleWidth: Int = 56) -> [String] {
        lines.map { l in
            let rule = Self.rule(l, s)
            switch l.unit {
            case .heading: return rule
            case .none: return "  " + rule
            case .days: return "  " + DisplayWidth.padded(rule, to: ruleWidth) + right(s("out.claim.days", String(l.amount)))
            case .fen: return "  " + DisplayWidth.padded(rule, to: ruleWidth) + right(Money(fen: l.amount).grouped)
            }
        }
    }

    /// A line's rule as shown, a sample figure marked; callers measure it to choose `ruleWidth`.
    public static func rule(_ l: ComputationLine, _ s: StringTable) -> String {
        s.render(l.rule) + (l.confirmed ? "" : s("out.claim.sample"))
    }

    /// Figures right-aligned in a 14-column field, so the yuan and the days line up.
    static func right(_ value: String) -> String {
        String(repeating: " ", count: max(2, 14 - DisplayWidth.of(value))) + value
    }

    /// "2026-11-01 分娩：双胎，剖宫产，难产；放置宫内节育器".
    public static func event(_ e: MaternityEvent, _ s: StringTable) -> String {
        var parts: [String] = []
        if let b = e.birth {
            var what = [s(b.delivery.messageKey)]
            switch b.babies {
            case 1: break
            case 2: what.insert(s("out.event.twins"), at: 0)
            case 3: what.insert(s("out.event.triplets"), at: 0)
            default: what.insert(s("out.event.babies", String(b.babies)), at: 0)
            }
            if b.dystocia { what.append(s("out.event.dystocia")) }
            parts.append(s("out.event.birth", what.joined(separator: s("out.list.sep"))))
        }
        if let m = e.miscarriage {
            parts.append(s("out.event.miscarriage", String(m.completedMonths), String(m.extraDays)))
        }
        parts += e.operations.map { s($0.messageKey) }
        return e.date.description + " " + parts.joined(separator: s("out.list.sep2"))
    }

    /// One line per claim: kind, amount, payee and account (masked), status.
    public static func summary(_ v: ClaimView, _ s: StringTable) -> String {
        let c = v.claim
        var text = s("out.claim.summary", s(c.kind.messageKey), c.amount.grouped, s(c.payee.messageKey), c.payeeName,
                     c.account.masked, s(c.status.messageKey))
        if c.deferred && !v.payableNow {
            text += (c.payableFrom.map { s("out.claim.deferredFrom", $0) } ?? s("out.claim.deferredOpen"))
        }
        return text
    }

    /// The receipt as printed: who, what was filed, the amounts computed, the next steps.
    public static func receipt(_ r: ReceiptView, _ s: StringTable) -> String {
        var out: [String] = []
        if r.training { out.append(s("out.receipt.training")) }
        out.append(s("out.receipt.title"))
        out.append(s("out.receipt.number", r.receipt.receiptNo.value, r.receipt.submittedOn, r.receipt.submittedBy))
        out.append(s("out.receipt.person", r.person.name, r.person.citizen.masked))
        if let first = r.claims.first { out.append(s("out.receipt.event", event(first.claim.event, s))) }
        out.append(s("out.receipt.items"))
        for (n, v) in r.claims.enumerated() {
            out.append("  \(n + 1). " + summary(v, s))
            if let days = v.claim.allowanceDays { out.append("     " + s("out.receipt.days", String(days))) }
        }
        out.append(s("out.receipt.total", r.total.grouped))
        if !r.claims.isEmpty && r.claims.contains(where: { $0.claim.computation.contains { !$0.confirmed } }) {
            out.append(s("out.receipt.sample"))
        }
        if r.receipt.newborns > 0 { out.append(s("out.receipt.newborns", String(r.receipt.newborns))) }
        out.append(s("out.receipt.next", r.receipt.receiptNo.value))
        if r.training { out.append(s("out.receipt.training")) }
        return out.joined(separator: "\n")
    }
}
