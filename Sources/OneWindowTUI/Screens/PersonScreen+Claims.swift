import OneWindowCore
import OneWindowService
import OneWindowStore

/// OW10's claims: hers, newest first, the picked one's detail under them.
extension PersonScreen {
    /// Her claims, newest first: receipt, benefit, amount, status, payment; under them, whole, the picked
    /// claim's payee and account, a deferral, a decision's reason, or the bank's reason for a failed payment.
    func drawClaims(_ canvas: inout Canvas, area: Rect, _ r: Record, _ ui: UIContext) {
        guard !r.claims.isEmpty else {
            canvas.put(ui.text("tui.claim.person.none"), row: area.row, col: area.col, width: area.cols, style: .dim)
            return
        }
        let titles = [ui.text("tui.claim.col.receipt"), ui.text("tui.claim.col.kind"), ui.text("col.amount"), ui.text("col.status"),
                      ui.text("tui.claim.col.payment")]
        claimsTable.columns = titles.enumerated().map { Table.Column($1, alignRight: $0 == 2) }
        claimsTable.titleStyle = .label
        // A claim whose payment failed in the error style.
        claimsTable.setRows(r.claims.map { v -> [String] in
            [v.claim.receiptNo.value, ui.text("tui.claim.kindShort.\(v.claim.kind.rawValue)"), v.claim.amount.grouped,
             ui.text(v.claim.status.messageKey), ClaimKit.paymentCell(v, ui)]
        }, styles: r.claims.map { Array(repeating: $0.latestPayment?.status == .failed ? .error : .normal, count: titles.count) })
        let detail = claimDetail(r.claims[claimsTable.selected], ui).flatMap { line in
            ScrollText.wrap(line.text, width: area.cols - 2).map { ($0, line.style) }
        }
        // Titles, the claims, a blank row, the picked claim's detail.
        let detailRows = min(detail.count, max(0, area.rows - 3))
        let listRows = max(1, area.rows - 1 - (detailRows > 0 ? detailRows + 1 : 0))
        claimsTable.draw(&canvas, area: Rect(row: area.row, col: area.col, rows: listRows + 1, cols: area.cols), focused: true)
        let detailRow = area.row + 1 + (claimsTable.cursor.shown?.count ?? 0) + 1
        for (i, line) in detail.prefix(detailRows).enumerated() {
            canvas.put(line.0, row: detailRow + i, col: area.col + 2, width: area.cols - 2, style: line.1)
        }
    }

    /// What the table row cannot hold about a claim: who is paid and where, and why it waits or failed.
    func claimDetail(_ v: ClaimView, _ ui: UIContext) -> [(text: String, style: Style)] {
        let c = v.claim
        var out = [(ui.text("tui.claim.person.detail", c.receiptNo.value, ui.text(c.kind.messageKey), ui.text(c.payee.messageKey),
                            c.payeeName, c.account.masked), Style.dim)]
        if c.deferred && !v.payableNow {
            out.append((c.payableFrom.map { ui.text("out.claim.deferredFrom", $0) } ?? ui.text("out.claim.deferredOpen"), .warning))
        }
        if let reason = c.rejectReason {
            out.append((ui.text("tui.claim.rejected", ui.text(reason.messageKey), c.note ?? ""), .error))
        } else if let note = c.note {
            out.append((ui.text("tui.claim.note", note), .warning))
        }
        if let p = v.latestPayment, p.status == .failed {
            out.append((ui.text("tui.claim.failure", p.failure ?? ""), .error))
        }
        return out
    }
}
