import OneWindowCore
import OneWindowService
import OneWindowStore

/// OW36 one claim before the supervisor: who and what (receipt, claimant with masked ID, amount), the
/// event, payee and masked account, deferral, every risk flag with its detail, the stored computation
/// line by line (sample figures marked), the bills and any payment orders. ↑↓ scroll a line, F7/F8 (PgUp
/// PgDn) a page, as on every list. F5 approves (after a confirmation); F6 rejects with a reason from the
/// list and a note (required for "other"); F9 returns the claim for documents with a note saying which
/// (F7/F8 page; F9, not F11, which many terminal programs take for full screen). Those two open a small form
/// at the bottom: Enter validates, F5 asks and submits, F3 (or F12) closes it. Four eyes are the service's rule: a
/// supervisor who took the claim is told so here, and the service refuses (and audits) if she tries.
/// After a decision the screen goes back to the queue with what was done on the message line.
public final class ClaimDecisionScreen: Screen {
    public let screenID = "OW36"
    public let title = Message("tui.approval.title.decision")
    let id: Int64
    var view: ClaimView?
    /// Everything below the header, scrolled.
    var body = ScrollText()
    var editor: Editor?

    /// The open decision form (Enter validates, F5 asks and then submits what Enter accepted).
    struct Editor {
        enum Kind: Equatable { case reject, returnForDocuments }
        let kind: Kind
        var form: Form
    }

    public init(ui: UIContext, id: Int64) {
        self.id = id
    }

    public func didAppear(_ ui: UIContext) { reload(ui) }

    func reload(_ ui: UIContext) {
        guard let services = ui.services else { return }
        let id = self.id
        view = ui.run { try ClaimLookup(services).claim(id) } ?? view
    }

    var pending: Bool { view?.claim.status.awaitsDecision == true }

    /// The signed-on supervisor took this claim: four eyes say someone else decides it.
    func ownClaim(_ ui: UIContext) -> Bool { view?.claim.submittedBy == ui.session?.operatorName }

    public var hasUnsavedInput: Bool { editor?.form.isDirty == true }

    public func keyHints(_ ui: UIContext) -> [KeyHint] {
        if editor != nil {
            return editor!.form.keyHints(ui, save: "tui.approval.key.submit", back: "tui.key.cancel",
                                         extra: body.overflows ? [KeyHint("F7/F8", ui.text("tui.key.page"))] : [])
        }
        var hints: [KeyHint] = []
        if pending, ui.session?.allows(.decideClaim) == true {
            hints += [KeyHint("F5", ui.text("tui.approval.key.approve")), KeyHint("F6", ui.text("tui.approval.key.reject")),
                      KeyHint("F9", ui.text("tui.approval.key.return"))]
        }
        if body.overflows { hints.append(KeyHint("F7/F8", ui.text("tui.key.page"))) }
        hints.append(KeyHint("F3", ui.text("tui.key.back")))
        return hints
    }

    // MARK: keys

    public func handle(_ key: Key, ui: UIContext) -> Navigation {
        if editor != nil { return handleEditor(key, ui) }
        guard let v = view else { return .unhandled }
        if scroll(key) { return .stay }
        switch key {
        case .function(5), .function(6), .function(9):
            guard pending, ui.session?.allows(.decideClaim) == true else { return .unhandled }
            if key == .function(5) { return confirmApprove(v, ui) }
            open(key == .function(6) ? .reject : .returnForDocuments, ui)
            return .stay
        default:
            return .unhandled
        }
    }

    /// The body's scrolling keys (↑↓, F7/F8, PgUp/PgDn, Home/End); false for any other key.
    func scroll(_ key: Key) -> Bool { body.handle(key) }

    func confirmApprove(_ v: ClaimView, _ ui: UIContext) -> Navigation {
        let c = v.claim
        let question = Message("tui.approval.confirm.approve", [.text(c.receiptNo.value), .message(Message(c.kind.messageKey)),
                                                                 .text(c.amount.grouped), .text(DisplayWidth.truncated(c.payeeName, to: 16)),
                                                                 .text(c.account.masked)])
        return .confirmSave(question, then: { [weak self] in
            guard let self, let services = ui.services else { return .stay }
            let id = self.id
            guard let order = ui.run({ () throws -> PaymentOrder? in
                try ClaimService(services).approve(id)
                return try ClaimLookup(services).claim(id).latestPayment
            }) else { return .stay }
            ui.say(Message("tui.approval.done.approved", texts: c.receiptNo.value, order.map { String($0.id ?? 0) } ?? "",
                           c.amount.grouped))
            return .pop
        })
    }

    func open(_ kind: Editor.Kind, _ ui: UIContext) {
        let note = FormField(id: "note", label: ui.text("field.note"), width: 44, limit: 200)
        switch kind {
        case .reject:
            var reason = FormField.choice(id: "reason", label: ui.text("field.rejectReason"),
                                          options: RejectReason.allCases.map { (value: $0.rawValue, label: ui.text($0.messageKey)) })
            reason.hint = ui.text("tui.approval.hint.reason", "\(RejectReason.allCases.count)")
            editor = Editor(kind: kind, form: Form([reason, note]))
        case .returnForDocuments:
            var n = note
            n.validate = { $0.trimmingSpaces.isEmpty ? Message("reason.required") : nil }
            editor = Editor(kind: kind, form: Form([n]))
        }
    }

    func handleEditor(_ key: Key, _ ui: UIContext) -> Navigation {
        switch key {
        case .enter:
            validate(ui)
        case .function(5):
            return editor!.form.save(ui: ui) { [weak self] in self?.confirmSubmit(ui) ?? .stay }
        case .function(12), .function(3), .escape:
            return editor!.form.close(asking: Message("tui.approval.confirm.discard")) { [weak self] in self?.editor = nil }
        case .pageUp, .pageDown, .function(7), .function(8):
            return scroll(key) ? .stay : .unhandled
        default:
            guard editor!.form.handle(key, ui: ui) else { return .unhandled }
        }
        return .stay
    }

    /// The note is required for "other" and for a return; the form checks it, the service again.
    func validate(_ ui: UIContext) {
        guard editor != nil, editor!.form.validate(ui: ui) else { return }
        let e = editor!
        if e.kind == .reject, e.form["reason"] == RejectReason.other.rawValue, e.form["note"].trimmingSpaces.isEmpty {
            if let said = editor!.form.mark("note", Message("reason.required")) { ui.fail(said) }
            return
        }
        editor!.form.markValidated([], ui: ui, message: Message("tui.approval.validated"))
    }

    /// A decision is asked like an approval is: what happens to which claim, Y (or F5) to go ahead.
    func confirmSubmit(_ ui: UIContext) -> Navigation {
        guard let e = editor, let c = view?.claim else { return .stay }
        let question = switch e.kind {
        case .reject: Message("tui.approval.confirm.reject", [.text(c.receiptNo.value), .message(Message(c.kind.messageKey)),
                                                              .message(Message((RejectReason(rawValue: e.form["reason"]) ?? .other).messageKey))])
        case .returnForDocuments: Message("tui.approval.confirm.return", [.text(c.receiptNo.value), .message(Message(c.kind.messageKey))])
        }
        return .confirmSave(question, then: { [weak self] in self?.submit(ui) ?? .stay })
    }

    func submit(_ ui: UIContext) -> Navigation {
        guard let e = editor, let v = view, let services = ui.services else { return .stay }
        let id = self.id
        let note = e.form["note"]
        let c = v.claim
        let done: Message
        let work: () throws -> Void
        switch e.kind {
        case .reject:
            let reason = RejectReason(rawValue: e.form["reason"]) ?? .other
            work = { try ClaimService(services).reject(id, reason: reason, note: note) }
            done = Message("tui.approval.done.rejected", [.text(c.receiptNo.value), .message(Message(reason.messageKey))])
        case .returnForDocuments:
            work = { try ClaimService(services).returnForDocuments(id, note: note) }
            done = Message("tui.approval.done.returned", texts: c.receiptNo.value)
        }
        var fieldError = false
        guard ui.run(onField: { [weak self] f in
            fieldError = true
            self?.editor?.form.dropValidation()
            return f.field == .note ? self?.editor?.form.mark("note", f.reason) : nil
        }, work) != nil else {
            // Refused as a whole (four eyes, already decided): the form has nothing left to fix.
            if !fieldError { editor = nil; reload(ui) }
            return .stay
        }
        ui.say(done)
        return .pop
    }

    public func helpFields(_ ui: UIContext) -> [HelpField] { editor?.form.helpFields(ui) { "tui.approval.help.\($0)" } ?? [] }

    public func help(_ ui: UIContext) -> Message {
        guard let e = editor else { return Message("help.OW36") }
        return Message("tui.approval.help.\(e.form.focused.id)")
    }

    // MARK: drawing

    public func draw(_ canvas: inout Canvas, area: Rect, ui: UIContext) -> Point? {
        guard let v = view else { return nil }
        let c = v.claim
        var row = area.row
        canvas.put(ui.text("tui.approval.header", c.receiptNo.value, ui.text(c.kind.messageKey), c.amount.grouped),
                   row: row, col: area.col, width: area.cols, style: .heading)
        row += 1
        let name = DisplayWidth.prefix(v.claimant.name, fitting: 24)
        canvas.put(ui.text("tui.approval.who", name, v.claimant.citizen.masked, c.submittedOn, c.submittedBy),
                   row: row, col: area.col, width: area.cols)
        row += 1
        if pending, ownClaim(ui) {
            canvas.put(DisplayWidth.truncated(ui.text("tui.approval.ownClaim"), to: area.cols), row: row, col: area.col,
                       width: area.cols, style: .warning)
        }
        row += 1

        // The body scrolls between the header and the form (or the last row, which says where we are).
        let editorRows = editor.map { $0.form.fields.count + 2 } ?? 0
        let bottom = area.row + area.rows - 1 - editorRows
        body.update(lines(v, width: area.cols, ui))
        body.draw(&canvas, area: Rect(row: row, col: area.col, rows: max(1, bottom - row + 1), cols: area.cols),
                  indicator: ClaimKit.pageIndicator(ui))
        guard var e = editor else { return nil }
        let heading = e.kind == .reject ? "tui.approval.heading.reject" : "tui.approval.heading.return"
        canvas.put(ui.text(heading, c.receiptNo.value), row: bottom + 1, col: area.col, width: area.cols, style: .heading)
        let caret = e.form.draw(&canvas, area: Rect(row: bottom + 2, col: area.col + 2, rows: e.form.fields.count, cols: area.cols - 2),
                                strings: ui.text)
        editor = e
        return caret
    }

    /// Everything below the header; `width` sizes the bills and payment tables.
    func lines(_ v: ClaimView, width: Int, _ ui: UIContext) -> [ScrollText.Line] {
        let c = v.claim
        var out: [ScrollText.Line] = []
        func pair(_ label: String, _ value: String, _ style: Style = .normal) {
            let lead = ui.text("tui.approval.pair", ui.text(label))
            out.append(ScrollText.Line(lead + value, style: style, hanging: DisplayWidth.of(lead)))
        }
        var event = ClaimText.event(c.event, ui.strings)
        if let days = c.allowanceDays { event += ui.text("tui.approval.days", "\(days)") }
        pair("tui.approval.label.status", ui.text(c.status.messageKey), c.status.awaitsDecision ? .normal : .label)
        pair("tui.approval.label.event", event)
        pair("tui.approval.label.payee", ui.text("tui.approval.payeeValue", ui.text(c.payee.messageKey), c.payeeName, c.account.masked))
        if c.deferred {
            let text = v.payableNow ? ui.text("tui.approval.deferredMet")
                : c.payableFrom.map { ui.text("tui.approval.deferredFrom", $0) } ?? ui.text("tui.approval.deferredOpen")
            pair("tui.approval.label.deferred", text, v.payableNow ? .ok : .warning)
        }
        if let by = c.decidedBy {
            var text = ui.text("tui.approval.decided", ui.text(c.status.messageKey), by, c.decidedOn ?? "")
            if let r = c.rejectReason { text += ui.text("tui.approval.decidedReason", ui.text(r.messageKey)) }
            if let n = c.note { text += ui.text("tui.approval.decidedNote", n) }
            pair("tui.approval.label.decision", text)
        } else if let n = c.note {
            // Pending with a note: it was returned for documents before and came back.
            pair("tui.approval.label.returnNote", n, .warning)
        }

        // Risk flags: each with what the screening found.
        out.append(ScrollText.Line(""))
        if c.flags.isEmpty {
            out.append(ScrollText.Line(ui.text("tui.approval.flagsNone"), style: .ok))
        } else {
            out.append(ScrollText.Line(ui.text("tui.approval.flagsHeading", "\(c.flags.count)"), style: .warning))
            for hit in c.flags {
                let lead = ui.text("tui.approval.marker") + " " + ui.text("tui.approval.pair", ui.text(hit.flag.messageKey))
                out.append(ScrollText.Line(lead + ui.text(hit.detail), style: .warning, indent: 2, hanging: DisplayWidth.of(lead)))
            }
        }

        // The computation as stored at submission, as the claim form showed it; sample figures marked.
        out.append(ScrollText.Line(""))
        out.append(ScrollText.Line(ui.text("tui.approval.computation"), style: .heading))
        out += ClaimKit.computation(c.computation, ui)
        if c.computation.contains(where: { !$0.confirmed }) {
            out.append(ScrollText.Line(ui.text("out.receipt.sample"), style: .warning, indent: 2))
        }

        if !v.bills.isEmpty {
            out.append(ScrollText.Line(""))
            out.append(ScrollText.Line(ui.text("tui.approval.bills"), style: .heading))
            let titles = ["field.hospital", "field.billNo", "tui.approval.col.item", "tui.approval.col.actual", "tui.approval.col.allowed"]
                .map { ui.text($0) }
            let cells = v.bills.map { b in
                [b.hospital, b.billNo, MedicalItem(code: b.item).map { ui.text($0.messageKey) } ?? b.item,
                 Money(fen: b.actualFen).grouped, Money(fen: b.paidFen).grouped]
            }
            out += table(titles, cells, rightAligned: [false, false, false, true, true], width: width)
        }

        if !v.payments.isEmpty {
            out.append(ScrollText.Line(""))
            out.append(ScrollText.Line(ui.text("tui.approval.payments"), style: .heading))
            let titles = ["tui.payments.col.order", "col.status", "tui.payments.col.date", "field.account", "col.amount"].map { ui.text($0) }
            let cells = v.payments.map { o in
                [String(o.id ?? 0), ui.text(o.status.messageKey), o.paidOn ?? o.failedOn ?? o.createdOn, o.account.masked,
                 o.amount.grouped]
            }
            out += table(titles, cells, rightAligned: [true, false, false, false, true], width: width)
        }
        return out
    }

    /// A small table as body lines: titles in the label style, columns sized to fit `width`.
    func table(_ titles: [String], _ cells: [[String]], rightAligned: [Bool], width: Int) -> [ScrollText.Line] {
        let widths = Table(columns: titles.map { Table.Column($0) }, rows: cells).widths(fitting: width - 2)
        func line(_ row: [String]) -> String {
            widths.enumerated().map { i, w in
                let text = DisplayWidth.prefix(row[i], fitting: w)
                let pad = String(repeating: " ", count: w - DisplayWidth.of(text))
                return rightAligned[i] ? pad + text : text + pad
            }.joined(separator: "  ")
        }
        return [ScrollText.Line(line(titles), style: .label, indent: 2)] + cells.map { ScrollText.Line(line($0), indent: 2) }
    }
}
