import OneWindowCore
import OneWindowService

/// What the claim screens (OW30, OW31, OW32) and the person view share.
enum ClaimKit {
    /// "李娜  110105********0025  在职职工  天津某某科技有限公司": whose claim this is.
    static func personLine(_ id: CitizenID, _ ui: UIContext) -> String? {
        guard let services = ui.services else { return nil }
        return ui.run { () throws -> String in
            let view = try LookupService(services).person(id)
            var names: [String: String] = [:]
            if let code = view.current?.employer { names[code.value] = try PersonKit.employerName(code, services) }
            return PersonKit.summary(view, names: names, ui)
        }
    }

    /// A stored or estimated computation, line by line, the one way every screen shows it (the claim
    /// form's result, the supervisor's decision): headings, rule lines with their figure at the right, an
    /// unconfirmed regional figure marked in words and in the warning style, refusals as errors and
    /// deferrals as warnings (the line's severity, set where the computation is made).
    static func computation(_ lines: [ComputationLine], _ ui: UIContext) -> [ScrollText.Line] {
        lines.map { l in
            let rule = ClaimText.rule(l, ui.strings)
            let style: Style = switch l.severity {
            case .refusal: .error
            case .deferral: .warning
            case .info: l.unit == .heading ? .heading : l.confirmed ? .normal : .warning
            }
            switch l.unit {
            case .heading: return ScrollText.Line(rule, style: style)
            case .none: return ScrollText.Line(rule, style: style, indent: 2)
            case .days: return ScrollText.Line(rule, style: style, indent: 2, figure: ui.text("out.claim.days", String(l.amount)))
            case .fen: return ScrollText.Line(rule, style: style, indent: 2, figure: Money(fen: l.amount).grouped)
            }
        }
    }

    /// "第 1/2 页" under a text or beside a list that does not fit: the one page indicator of every screen.
    static func pageIndicator(_ ui: UIContext) -> (Int, Int) -> String {
        { ui.text("tui.claim.page", String($0), String($1)) }
    }

    /// The indicator of a list's page, or nil when the list fits one page.
    static func page(_ cursor: Table.Cursor, _ ui: UIContext) -> String? {
        guard cursor.pages else { return nil }
        return pageIndicator(ui)(cursor.page.current, cursor.page.of)
    }

    /// The payment column of a claims table: pending, the date it was paid, or failed.
    static func paymentCell(_ v: ClaimView, _ ui: UIContext) -> String {
        guard let p = v.latestPayment else { return "" }
        return p.status == .paid ? p.paidOn ?? "" : ui.text(p.status.messageKey)
    }

    /// A claim's payment in a few words: pending, paid on a date, or failed on a date.
    static func paymentText(_ v: ClaimView, _ ui: UIContext) -> String {
        guard let p = v.latestPayment else { return "" }
        switch p.status {
        case .pending: return ui.text(p.status.messageKey)
        case .paid: return ui.text("tui.claim.paidOn", p.paidOn ?? "")
        case .failed: return ui.text("tui.claim.failedOn", p.failedOn ?? "")
        }
    }
}
