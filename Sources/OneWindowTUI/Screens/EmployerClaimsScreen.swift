import OneWindowCore
import OneWindowService
import OneWindowStore

/// OW38 the benefit claims of one employer's employees (issue 4: lookups by employer), newest first:
/// receipt, claimant, benefit, amount, status and payment (the date it was paid, pending or failed), a
/// failed payment's row in the error style. Under the table, whole, the selected claim's claimant with
/// her masked ID, who is paid to which account, the decision, and the bank's reason for a failed payment.
/// ↑↓ select, PgUp/PgDn (F7/F8) page, Enter opens the receipt (OW32). Opened by F4 on the employer view
/// (OW20), which shows the same tally in one line.
public final class EmployerClaimsScreen: Screen {
    public let screenID = "OW38"
    public let title = Message("tui.employerClaims.title")
    let code: CreditCode
    let factory: ScreenFactory
    var employerName = ""
    var claims: [ClaimView] = []
    var loaded = false
    /// The claims as a table (receipt, claimant, benefit, amount, status, payment), filled at each draw:
    /// the claimant's masked ID is in it only when the terminal is wide enough.
    var table = Table(columns: [])

    /// The detail rows under the table: the claimant line, the decision, a note and a bank's reason.
    static let detailRows = 4

    public init(ui: UIContext, code: CreditCode, factory: ScreenFactory) {
        self.code = code
        self.factory = factory
    }

    /// Read on every return, so a decision or a payment run made meanwhile shows.
    public func didAppear(_ ui: UIContext) {
        guard let services = ui.services else { return }
        let code = self.code
        guard let (row, views) = ui.run({ (try LookupService(services).employerRow(code),
                                           try ClaimLookup(services).claims(ofEmployer: code)) }) else { return }
        if ui.message?.text == ui.text("tui.busy") { ui.clearMessage() }
        employerName = row.name
        claims = views
        loaded = true
        table.cursor.reset(count: claims.count)
    }

    public func keyHints(_ ui: UIContext) -> [KeyHint] {
        var hints: [KeyHint] = []
        if !claims.isEmpty { hints.append(KeyHint("Enter", ui.text("tui.claim.person.key.receipt"))) }
        if table.cursor.pages { hints.append(KeyHint("F7/F8", ui.text("tui.key.page"))) }
        hints.append(KeyHint("F3", ui.text("tui.key.back")))
        return hints
    }

    public func handle(_ key: Key, ui: UIContext) -> Navigation {
        if key == .enter {
            // Only the highlighted claim, and only while it is on screen.
            guard let i = table.selectedIfVisible, claims.indices.contains(i) else { return .stay }
            return .push(factory.receipt(ui, claims[i].claim.receiptNo))
        }
        return table.handle(key) || Table.Cursor.isListKey(key) && !claims.isEmpty ? .stay : .unhandled
    }

    // MARK: the tally, shared with OW20

    /// Where a claim stands for the employer: its status, except that an approved claim whose latest
    /// payment the bank returned counts as a failed payment (it needs a re-issue, not a decision).
    enum State: String, CaseIterable {
        case submitted, returned, approved, failed, paid, rejected, cancelled
        var key: String { "tui.employerClaims.state.\(rawValue)" }

        init(_ v: ClaimView) {
            if v.claim.status == .approved, v.latestPayment?.status == .failed { self = .failed; return }
            switch v.claim.status {
            case .submitted: self = .submitted
            case .returned: self = .returned
            case .approved: self = .approved
            case .paid: self = .paid
            case .rejected: self = .rejected
            case .cancelled: self = .cancelled
            }
        }
    }

    /// The tally in words: the count by state and what was paid, as pieces a row may break between
    /// ("生育待遇申请 2 件（支付失败 1、", "已支付 1）；", "已支付合计 2,800.00 元"), so a count never
    /// parts from its state; `short` says the same without the count by state, naming the failed
    /// payments; with no claims, `pieces` says so. `key` ends both with "；F4 查看". The style warns of a
    /// failed payment.
    struct Tally {
        var pieces: [String]
        var short: String
        var style: Style

        /// One row: the whole tally when it fits `width`, else the short form (OW38 shows it whole).
        func line(width: Int) -> String {
            let full = pieces.joined()
            return DisplayWidth.of(full) <= width ? full : short
        }

        /// Rows of at most `width`, broken between pieces (inside one only if it alone is wider).
        func rows(width: Int) -> [String] {
            var rows: [String] = []
            var row = ""
            for piece in pieces {
                if !row.isEmpty, DisplayWidth.of(row + piece) > width {
                    rows.append(String(row.reversed().drop { $0 == " " }.reversed()))
                    row = ""
                }
                row += piece
                if DisplayWidth.of(row) > width {
                    var wrapped = ScrollText.wrap(row, width: width)
                    row = wrapped.removeLast()
                    rows += wrapped
                }
            }
            if !row.isEmpty { rows.append(row) }
            return rows
        }
    }

    static func tally(_ claims: [ClaimView], _ ui: UIContext, key: Bool) -> Tally {
        guard !claims.isEmpty else {
            let none = ui.text("tui.employerClaims.none")
            return Tally(pieces: [none], short: none, style: .dim)
        }
        let states = claims.map(State.init)
        let parts = State.allCases.compactMap { s -> String? in
            let n = states.filter { $0 == s }.count
            return n == 0 ? nil : ui.text("tui.employerClaims.part", ui.text(s.key), "\(n)")
        }
        let failed = states.filter { $0 == .failed }.count
        let paid = claims.filter { $0.claim.status == .paid }.reduce(Money.zero) { $0 + $1.claim.amount }
        let sep = ui.text("out.list.sep2"), partSep = ui.text("tui.employerClaims.partSep")
        let tail = [ui.text("tui.employerClaims.paid", paid.grouped)] + (key ? [ui.text("tui.employerClaims.key")] : [])
        // The head's template around the parts ("生育待遇申请 2 件（" … "）"), so each part is its own piece.
        let marker = "\u{1}"
        let head = ui.text("tui.employerClaims.headBy", "\(claims.count)", marker).components(separatedBy: marker)
        var pieces = parts.enumerated().map { i, part in
            (i == 0 ? head[0] : "") + part + (i == parts.count - 1 ? head.dropFirst().joined() + sep : partSep)
        }
        pieces += tail.enumerated().map { i, t in i == tail.count - 1 ? t : t + sep }
        let short = ([ui.text("tui.employerClaims.head", "\(claims.count)")]
                     + (failed > 0 ? [ui.text("tui.employerClaims.failed", "\(failed)")] : []) + tail).joined(separator: sep)
        return Tally(pieces: pieces, short: short, style: failed > 0 ? .warning : .normal)
    }

    // MARK: drawing

    public func draw(_ canvas: inout Canvas, area: Rect, ui: UIContext) -> Point? {
        guard loaded else { return nil }
        var row = area.row
        let used = canvas.put(employerName, row: row, col: area.col, width: area.cols - 22, style: .heading)
        canvas.put(code.value, row: row, col: area.col + used + 2, width: max(0, area.cols - used - 2))
        row += 1

        // The whole tally here, over more rows rather than shortened: this screen is about it.
        let tally = Self.tally(claims, ui, key: false)
        for part in tally.rows(width: area.cols).prefix(3) {
            canvas.put(part, row: row, col: area.col, width: area.cols, style: tally.style)
            row += 1
        }
        guard !claims.isEmpty else {
            for (i, part) in ScrollText.wrap(ui.text("tui.employerClaims.empty"), width: area.cols).enumerated() {
                canvas.put(part, row: row + 1 + i, col: area.col, width: area.cols, style: .dim)
            }
            return nil
        }

        // Titles, the claims, a blank row, the selected claim's detail at the bottom.
        let detailTop = area.row + area.rows - Self.detailRows
        drawTable(&canvas, area: Rect(row: row + 1, col: area.col, rows: max(2, detailTop - 1 - row - 1), cols: area.cols), ui: ui)
        if let page = ClaimKit.page(table.cursor, ui) {
            canvas.put(page, row: row, col: area.col + area.cols - DisplayWidth.of(page), style: .dim)
        }
        let detail = Self.fit(details(claims[table.selected], ui), rows: Self.detailRows, width: area.cols)
        for (i, line) in detail.enumerated() {
            canvas.put(line.text, row: detailTop + i, col: area.col, width: area.cols, style: line.style)
        }
        return nil
    }

    /// The lines wrapped to `width` in at most `rows` rows. When they need more, the earlier lines (who,
    /// the decision) are cut to one row ending in "..." before the later ones, so a rejection's reason or
    /// the bank's reason is never the part that goes missing; the receipt (Enter) has everything.
    static func fit(_ lines: [ScrollText.Line], rows: Int, width: Int) -> [ScrollText.Line] {
        var blocks = lines.map { l in ScrollText.wrap(l.text, width: width).map { ScrollText.Line($0, style: l.style) } }
        for i in blocks.indices where blocks.reduce(0, { $0 + $1.count }) > rows && blocks[i].count > 1 {
            blocks[i] = [ScrollText.Line(DisplayWidth.truncated(lines[i].text, to: width), style: lines[i].style)]
        }
        return Array(blocks.joined().prefix(rows))
    }

    func drawTable(_ canvas: inout Canvas, area: Rect, ui: UIContext) {
        let titles = [ui.text("tui.claim.col.receipt"), ui.text("tui.employerClaims.col.claimant"), ui.text("tui.claim.col.kind"),
                      ui.text("col.amount"), ui.text("col.status"), ui.text("tui.claim.col.payment")]
        func cells(withID: Bool) -> [[String]] {
            claims.map { v in
                let c = v.claim
                let who = withID ? v.claimant.name + " " + v.claimant.citizen.masked : v.claimant.name
                return [c.receiptNo.value, who, ui.text("tui.claim.kindShort.\(c.kind.rawValue)"), c.amount.grouped,
                        ui.text("tui.employerClaims.state.\(c.status.rawValue)"), ClaimKit.paymentCell(v, ui)]
            }
        }
        // The masked ID beside the name when the terminal is wide enough for it whole; at 80 columns it is
        // in the detail of the selected claim.
        table.columns = titles.enumerated().map { Table.Column($1, alignRight: $0 == 3) }
        table.titleStyle = .label
        let withID = cells(withID: true)
        let fits = Table(columns: table.columns, rows: withID).widths(fitting: .max).reduce(0, +) + 2 * (titles.count - 1) <= area.cols
        // A failed payment's row in the error style.
        table.setRows(fits ? withID : cells(withID: false),
                      styles: claims.map { Array(repeating: $0.latestPayment?.status == .failed ? .error : .normal, count: titles.count) })
        table.draw(&canvas, area: area, focused: true)
    }

    /// The selected claim in words: whose it is (masked ID), the benefit and who is paid where; the
    /// decision and the payment; a deferral, a rejection's reason or a note; the bank's reason for a
    /// failed payment.
    func details(_ v: ClaimView, _ ui: UIContext) -> [ScrollText.Line] {
        let c = v.claim
        // The account of the latest payment order (a re-issue may name a corrected one); paid to herself,
        // her name is already at the start of the line.
        let paidTo = v.latestPayment.map { ($0.payeeName, $0.account) } ?? (c.payeeName, c.account)
        let own = c.payee == .person && paidTo.0 == v.claimant.name
        let account = own ? paidTo.1.masked : paidTo.0 + " " + paidTo.1.masked
        var out = [ScrollText.Line(ui.text("tui.employerClaims.detail", v.claimant.name, v.claimant.citizen.masked,
                                            ui.text(c.kind.messageKey), ui.text(c.payee.messageKey), account))]
        var progress = [ui.text(c.status.messageKey)]
        if let by = c.decidedBy, let on = c.decidedOn { progress.append(ui.text("tui.claim.decided", by, on)) }
        let payment = ClaimKit.paymentText(v, ui)
        if !payment.isEmpty { progress.append(ui.text("tui.claim.payment", payment)) }
        if c.deferred && !v.payableNow {
            progress.append(c.payableFrom.map { ui.text("out.claim.deferredFrom", $0) } ?? ui.text("out.claim.deferredOpen"))
        }
        let failed = v.latestPayment?.status == .failed
        let paid = c.status == .paid
        out.append(ScrollText.Line(progress.joined(separator: ui.text("out.list.sep")), style: failed ? .error : paid ? .ok : .normal))
        if let reason = c.rejectReason {
            out.append(ScrollText.Line(ui.text("tui.claim.rejected", ui.text(reason.messageKey), c.note ?? ""), style: .error))
        } else if let note = c.note {
            out.append(ScrollText.Line(ui.text("tui.claim.note", note), style: .warning))
        }
        if failed, let p = v.latestPayment {
            out.append(ScrollText.Line(ui.text("tui.claim.failure", p.failure ?? ""), style: .error))
        }
        return out
    }
}
