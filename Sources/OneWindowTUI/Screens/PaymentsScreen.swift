import OneWindowCore
import OneWindowService
import OneWindowStore

/// OW37 payment orders (待遇支付), newest first: ←/→ choose the status shown (pending, paid, failed,
/// all); ↑↓ select, F7/F8 page; the selected order's details (claimant, dates, the bank's reason,
/// re-issues) under the table. A supervisor's actions by digit: 1 runs today's payments (after a
/// confirmation with the count and total), 2 records that the bank returned a paid order (reason
/// required), 3 re-issues a failed order, to the same account or a corrected one. The two forms open at
/// the bottom: Enter validates, F5 saves, F3 (or F12) closes.
public final class PaymentsScreen: Screen {
    public let screenID = "OW37"
    public let title = Message("tui.payments.title")
    /// Every order, newest first; the filter picks from these (a re-issue is found among all of them).
    var all: [PaymentService.Listed] = []
    var filter: PaymentStatus? = .pending
    var table: Table
    var editor: Editor?

    static let filters: [PaymentStatus?] = [.pending, .paid, .failed, nil]

    struct Editor {
        enum Kind: Equatable { case returned, reissue }
        let kind: Kind
        let order: PaymentOrder
        var form: Form
    }

    public init(ui: UIContext) {
        table = Table(columns: [Table.Column(ui.text("tui.payments.col.order"), alignRight: true), Table.Column(ui.text("col.status")),
                                Table.Column(ui.text("field.payee")), Table.Column(ui.text("field.account")),
                                Table.Column(ui.text("col.amount"), alignRight: true), Table.Column(ui.text("field.receipt")),
                                Table.Column(ui.text("tui.payments.col.date"))])
    }

    public func didAppear(_ ui: UIContext) { reload(ui) }

    var shown: [PaymentService.Listed] { all.filter { filter == nil || $0.order.status == filter } }

    /// The highlighted order, only while it is on screen: what 2 and 3 act on.
    var selected: PaymentService.Listed? {
        let s = shown
        return table.selectedIfVisible.flatMap { s.indices.contains($0) ? s[$0] : nil }
    }

    func reload(_ ui: UIContext, select id: Int64? = nil) {
        guard let services = ui.services, let rows = ui.run({ try PaymentService(services).list() }) else { return }
        all = rows
        refill(ui, select: id)
    }

    /// Rows of the current filter; the selection kept on `id` when it is still shown.
    func refill(_ ui: UIContext, select id: Int64? = nil) {
        let s = shown
        table.setRows(s.map { l in
            let o = l.order
            return [String(o.id ?? 0), ui.text(o.status.messageKey), o.payeeName, o.account.masked, o.amount.grouped,
                    l.claim.receiptNo.value, o.paidOn ?? o.failedOn ?? o.createdOn]
        })
        table.select(id.flatMap { id in s.firstIndex { $0.order.id == id } } ?? 0)
    }

    func mayPay(_ ui: UIContext) -> Bool { ui.session?.allows(.runPayments) == true }

    public var hasUnsavedInput: Bool { editor?.form.isDirty == true }

    public func keyHints(_ ui: UIContext) -> [KeyHint] {
        if let e = editor { return e.form.keyHints(ui, back: "tui.key.cancel") }
        var hints = [KeyHint("←/→", ui.text("tui.payments.key.filter"))]
        if mayPay(ui) { hints.append(KeyHint("1-3", ui.text("tui.payments.key.action"))) }
        if table.cursor.pages { hints.append(KeyHint("F7/F8", ui.text("tui.key.page"))) }
        hints.append(KeyHint("F3", ui.text("tui.key.back")))
        return hints
    }

    public func helpFields(_ ui: UIContext) -> [HelpField] { editor?.form.helpFields(ui) { "tui.payments.help.\($0)" } ?? [] }

    public func help(_ ui: UIContext) -> Message {
        guard let e = editor else { return Message("help.OW37") }
        return Message(e.kind == .returned ? "tui.payments.help.reason" : "tui.payments.help.account")
    }

    // MARK: keys

    public func handle(_ key: Key, ui: UIContext) -> Navigation {
        if editor != nil { return handleEditor(key, ui) }
        switch key {
        case .left, .right:
            let i = Self.filters.firstIndex(of: filter) ?? 0
            let n = Self.filters.count
            filter = Self.filters[(i + (key == .left ? n - 1 : 1)) % n]
            refill(ui)
            return .stay
        case .char("1") where mayPay(ui):
            return confirmRun(ui)
        case .char("2") where mayPay(ui):
            guard let l = selected else { ui.fail(Message("tui.payments.noneSelected")); return .stay }
            guard l.order.status == .paid else { ui.fail(Message("tui.payments.notPaid", texts: String(l.order.id ?? 0))); return .stay }
            open(.returned, l.order, ui)
        case .char("3") where mayPay(ui):
            guard let l = selected else { ui.fail(Message("tui.payments.noneSelected")); return .stay }
            guard l.order.status == .failed else { ui.fail(Message("tui.payments.notFailed", texts: String(l.order.id ?? 0))); return .stay }
            if let again = reissue(of: l.order) {
                ui.fail(Message("tui.payments.alreadyReissued", texts: String(l.order.id ?? 0), String(again.id ?? 0)))
                return .stay
            }
            open(.reissue, l.order, ui)
        default:
            return table.handle(key) ? .stay : .unhandled
        }
        return .stay
    }

    func reissue(of order: PaymentOrder) -> PaymentOrder? {
        all.first { $0.order.reissueOf == order.id }?.order
    }

    /// What a run today would do: the pending orders that are payable now, and the deferred ones that wait.
    func confirmRun(_ ui: UIContext) -> Navigation {
        guard let services = ui.services else { return .stay }
        guard let plan = ui.run({ () throws -> (pay: [PaymentOrder], waiting: Int) in
            let pending = try PaymentService(services).list(status: .pending)
            var pay: [PaymentOrder] = []
            var waiting = 0
            for l in pending {
                if try ClaimLookup(services).claim(l.claim.id!).payableNow { pay.append(l.order) } else { waiting += 1 }
            }
            return (pay.reversed(), waiting)
        }) else { return .stay }
        guard !plan.pay.isEmpty else {
            ui.say(plan.waiting > 0 ? Message("tui.payments.nothingPayable", texts: "\(plan.waiting)") : Message("tui.payments.nonePending"))
            return .stay
        }
        let total = plan.pay.reduce(Money.zero) { $0 + $1.amount }
        let today = ui.today.description
        let question = plan.waiting > 0
            ? Message("tui.payments.confirm.runWaiting", texts: "\(plan.pay.count)", total.grouped, today, "\(plan.waiting)")
            : Message("tui.payments.confirm.run", texts: "\(plan.pay.count)", total.grouped, today)
        return .confirm(question, then: { [weak self] in
            guard let self, let result = ui.run({ try PaymentService(services).run() }) else { return .stay }
            // What was just paid is what the supervisor wants to see next.
            if !result.paid.isEmpty { self.filter = .paid }
            self.reload(ui)
            ui.say(result.waiting.isEmpty
                   ? Message("tui.payments.done.run", texts: "\(result.paid.count)", result.paidTotal.grouped, today)
                   : Message("tui.payments.done.runWaiting", texts: "\(result.paid.count)", result.paidTotal.grouped, today,
                             "\(result.waiting.count)"))
            return .stay
        })
    }

    func open(_ kind: Editor.Kind, _ order: PaymentOrder, _ ui: UIContext) {
        let field: FormField
        switch kind {
        case .returned:
            field = FormField(id: "reason", label: ui.text("tui.payments.field.reason"), hint: ui.text("tui.payments.hint.reason"),
                              width: 36, limit: 100, validate: { $0.trimmingSpaces.isEmpty ? Message("reason.required") : nil })
        case .reissue:
            field = FormField(id: "account", label: ui.text("tui.payments.field.account"),
                              hint: ui.text("tui.payments.hint.account", order.account.masked), width: 32, limit: 40,
                              validate: { raw in
                                  guard !raw.trimmingSpaces.isEmpty else { return nil }
                                  do { _ = try BankAccount(raw); return nil } catch let e as FieldError { return e.reason } catch {
                                      return Message("tui.unexpected", texts: "\(error)")
                                  }
                              })
        }
        editor = Editor(kind: kind, order: order, form: Form([field]))
    }

    func handleEditor(_ key: Key, _ ui: UIContext) -> Navigation {
        switch key {
        case .enter:
            guard editor != nil, editor!.form.validate(ui: ui) else { return .stay }
            let same = editor!.kind == .reissue && editor!.form["account"].trimmingSpaces.isEmpty
            editor!.form.markValidated([], ui: ui, message: Message(same ? "tui.payments.validatedSame" : "tui.validated"))
        case .function(5):
            return editor?.form.save(ui: ui) { [weak self] in self?.save(ui); return .stay } ?? .stay
        case .function(12), .function(3), .escape:
            return editor!.form.close(asking: Message("tui.payments.confirm.discard")) { [weak self] in self?.editor = nil }
        default:
            guard editor!.form.handle(key, ui: ui) else { return .unhandled }
        }
        return .stay
    }

    func save(_ ui: UIContext) {
        guard let e = editor, let services = ui.services, let id = e.order.id else { return }
        let fieldID = e.kind == .returned ? "reason" : "account"
        let onField: (FieldError) -> Message? = { [weak self] f in
            self?.editor?.form.dropValidation()
            return self?.editor?.form.mark(fieldID, f.reason)
        }
        switch e.kind {
        case .returned:
            let reason = e.form["reason"]
            guard ui.run(onField: onField, { try PaymentService(services).markReturned(id, reason: reason) }) != nil else { return }
            editor = nil
            filter = .failed
            reload(ui, select: id)
            ui.say(Message("tui.payments.done.returned", texts: String(id), reason.trimmingSpaces))
        case .reissue:
            let raw = e.form[fieldID].trimmingSpaces
            guard let newID = ui.run(onField: onField, { () throws -> Int64 in
                try PaymentService(services).reissue(id, account: raw.isEmpty ? nil : try BankAccount(raw))
            }) else { return }
            editor = nil
            filter = .pending
            reload(ui, select: newID)
            let account = (try? BankAccount(raw))?.masked ?? e.order.account.masked
            ui.say(Message("tui.payments.done.reissued", texts: String(id), String(newID), account))
        }
    }

    // MARK: drawing

    public func draw(_ canvas: inout Canvas, area: Rect, ui: UIContext) -> Point? {
        var row = area.row
        var col = area.col + canvas.put(ui.text("tui.payments.filter"), row: row, col: area.col, style: .label) + 1
        for f in Self.filters {
            let label = f.map { ui.text($0.messageKey) } ?? ui.text("tui.payments.all")
            let count = f.map { s in all.filter { $0.order.status == s }.count } ?? all.count
            let text = "[" + ui.text("tui.payments.tab", label, "\(count)") + "]"
            col += canvas.put(text, row: row, col: col, width: max(0, area.col + area.cols - col), style: f == filter ? .selected : .dim) + 1
        }
        row += 2

        // The bottom holds the form, or the selected order's details, the totals and the action line.
        let bottomRows = editor == nil ? 5 : 4
        let bottom = area.row + area.rows - bottomRows
        let s = shown
        if s.isEmpty {
            canvas.put(ui.text("tui.payments.empty"), row: row, col: area.col, width: area.cols, style: .dim)
        } else {
            table.draw(&canvas, area: Rect(row: row, col: area.col, rows: bottom - row - 1, cols: area.cols), focused: editor == nil)
        }
        if var e = editor {
            let heading = e.kind == .returned ? "tui.payments.heading.returned" : "tui.payments.heading.reissue"
            canvas.put(ui.text(heading, String(e.order.id ?? 0), e.order.payeeName, e.order.amount.grouped), row: bottom,
                       col: area.col, width: area.cols, style: .heading)
            let caret = e.form.draw(&canvas, area: Rect(row: bottom + 1, col: area.col + 2, rows: 1, cols: area.cols - 2), strings: ui.text)
            editor = e
            return caret
        }
        if let l = selected {
            var text = ScrollText(details(l, ui))
            text.draw(&canvas, area: Rect(row: bottom, col: area.col, rows: 2, cols: area.cols))
        }
        canvas.put(totals(s, ui), row: bottom + 2, col: area.col, width: area.cols, style: .label)
        if mayPay(ui) {
            col = area.col
            for (i, key) in ["tui.payments.action.run", "tui.payments.action.returned", "tui.payments.action.reissue"].enumerated() {
                col += canvas.put("\(i + 1) \(ui.text(key))", row: area.row + area.rows - 1, col: col,
                                  width: max(0, area.col + area.cols - col), style: .label) + 3
            }
        }
        return nil
    }

    /// The count and total of what is shown; for all orders the total per status, since a failed order and
    /// its re-issue are the same money.
    func totals(_ shown: [PaymentService.Listed], _ ui: UIContext) -> String {
        let sum = { (rows: [PaymentService.Listed]) in rows.reduce(Money.zero) { $0 + $1.order.amount }.grouped }
        guard filter == nil else { return ui.text("tui.payments.total", "\(shown.count)", sum(shown)) }
        let parts = PaymentStatus.allCases.map { status in
            ui.text("tui.payments.totalPart", ui.text(status.messageKey), sum(shown.filter { $0.order.status == status }))
        }
        return ui.text("tui.payments.totalAll", "\(shown.count)", parts.joined(separator: ui.text("out.list.sep2")))
    }

    /// The selected order in words: whose claim, its dates, and for a failed one the bank's reason and re-issue.
    func details(_ l: PaymentService.Listed, _ ui: UIContext) -> [ScrollText.Line] {
        let o = l.order
        let first = ui.text("tui.payments.detail", String(o.id ?? 0), l.claimant.name, l.claimant.citizen.masked,
                            ui.text(l.claim.kind.messageKey), o.createdOn)
        var out = [ScrollText.Line(first)]
        switch o.status {
        case .pending:
            var parts: [String] = []
            if let from = o.reissueOf { parts.append(ui.text("tui.payments.detail.reissueOf", String(from))) }
            if l.claim.deferred {
                parts.append(l.claim.payableFrom.map { ui.text("out.claim.deferredFrom", $0) } ?? ui.text("out.claim.deferredOpen"))
            }
            if !parts.isEmpty {
                out.append(ScrollText.Line(parts.joined(separator: ui.text("out.list.sep2")), style: l.claim.deferred ? .warning : .normal))
            }
        case .paid:
            var text = ui.text("tui.payments.detail.paid", o.paidOn ?? "")
            if let from = o.reissueOf { text += ui.text("out.list.sep2") + ui.text("tui.payments.detail.reissueOf", String(from)) }
            out.append(ScrollText.Line(text, style: .ok))
        case .failed:
            var text = ui.text("tui.payments.detail.failed", o.failedOn ?? "", o.failure ?? "")
            if let again = reissue(of: o) { text += ui.text("tui.payments.detail.reissued", String(again.id ?? 0)) }
            out.append(ScrollText.Line(text, style: .error))
        }
        return out
    }
}
