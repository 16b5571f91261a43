import OneWindowCore
import OneWindowService
import OneWindowStore

/// How OW10 shares its rows: the summary and schemes on top, then the bottom panel(s) by the room left
/// (contributions, payments and claims tabbed at 80×24; side by side or stacked when taller or wider),
/// the numbered actions on the last row.
extension PersonScreen {
    public func draw(_ canvas: inout Canvas, area: Rect, ui: UIContext) -> Point? {
        guard let r = record else { return nil }
        let v = r.view
        let right = area.col + area.cols
        // A list not drawn this time is not on screen: Enter opens nothing of it.
        claimsTable.cursor.hide()
        paymentsTable.cursor.hide()
        var row = drawSummary(&canvas, area: area, r, ui)

        // Layout of what is left: periods, then the bottom panel(s), the menu on the last row.
        let menuRow = area.row + area.rows - 1
        let medical = v.periods(.medical)
        let maternity = v.periods(.maternity)
        let wanted = max(1, medical.count, maternity.count)
        var remaining = menuRow - row - 2  // scheme heading and column titles
        let periodRows = min(wanted, max(1, remaining - 1 - 8))
        drawSchemes(&canvas, row: row, area: area, rows: periodRows, medical: medical, maternity: maternity, r, ui)
        row += 2 + periodRows + 1
        remaining = menuRow - row
        let gridRowsTall = 12
        let leftWidth = 50
        let sideBySide = area.cols >= leftWidth + 3 + 60 && remaining >= 2 + gridRowsTall + 1
        // Room under the side-by-side panels for the claims: heading, titles, a claim and its detail.
        let claimsRow = row + 2 + gridRowsTall + 1
        claimsInline = sideBySide && menuRow - claimsRow >= 5
        if panel == .claims && !claimsInline {
            // The claims take the whole bottom panel whatever the layout; Tab goes back.
            tabbed = !sideBySide && remaining < 2 + 6 + 1 + 2 + 5 + 1
            // The claims first: the page shown beside the tabs depends on how many of them fit.
            drawClaims(&canvas, area: Rect(row: row + 1, col: area.col, rows: menuRow - row - 1, cols: area.cols), r, ui)
            drawTabs(&canvas, row: row, area: area, r, ui)
        } else if sideBySide {
            // Wide and tall enough: the 12 months on the left, the payments beside them, the claims below.
            tabbed = false
            let height = claimsInline ? 2 + gridRowsTall : remaining
            drawContributions(&canvas, row: row, area: Rect(row: row, col: area.col, rows: height, cols: leftWidth),
                              gridRows: gridRowsTall, r, ui, heading: true)
            drawPayments(&canvas, row: row, area: Rect(row: row, col: area.col + leftWidth + 3, rows: height, cols: area.cols - leftWidth - 3),
                         rows: claimsInline ? gridRowsTall : max(1, menuRow - row - 3), r, ui, heading: true)
            if claimsInline {
                let used = canvas.put(ui.text("tui.claim.person.tab"), row: claimsRow, col: area.col, width: area.cols, style: .heading)
                drawClaims(&canvas, area: Rect(row: claimsRow + 1, col: area.col, rows: menuRow - claimsRow - 1, cols: area.cols), r, ui)
                drawPage(&canvas, claimsTable.cursor, row: claimsRow, area: area, from: area.col + used + 2, ui)
            }
        } else if remaining >= 2 + gridRowsTall + 1 + 2 + 5 + 1 {
            tabbed = false
            drawContributions(&canvas, row: row, area: area, gridRows: gridRowsTall, r, ui, heading: true)
            row += 2 + gridRowsTall + 1
            drawPayments(&canvas, row: row, area: area, rows: max(1, menuRow - row - 3), r, ui, heading: true)
        } else if remaining >= 2 + 6 + 1 + 2 + 5 + 1 {
            tabbed = false
            drawContributions(&canvas, row: row, area: area, gridRows: 6, r, ui, heading: true)
            row += 2 + 6 + 1
            drawPayments(&canvas, row: row, area: area, rows: max(1, menuRow - row - 3), r, ui, heading: true)
        } else {
            tabbed = true
            if panel == .contributions {
                drawContributions(&canvas, row: row, area: area, gridRows: 6, r, ui, heading: false)
            } else {
                drawPayments(&canvas, row: row, area: area, rows: max(1, menuRow - row - 3), r, ui, heading: false)
            }
            // After the panel: the page beside the tabs is the one just drawn.
            drawTabs(&canvas, row: row, area: area, r, ui)
        }

        // Numbered actions, as on the home menu.
        var col = area.col
        for item in actions(ui) {
            col += canvas.put("\(item.number) \(ui.text(item.key))", row: menuRow, col: col, width: right - col,
                              style: item.unavailable == nil ? .label : .dim) + 3
        }
        return nil
    }

    func drawTabs(_ canvas: inout Canvas, row: Int, area: Rect, _ r: Record, _ ui: UIContext) {
        var col = area.col
        for (p, key) in [(Panel.contributions, "tui.person.tab.contributions"), (.payments, "tui.person.tab.payments"),
                         (.claims, "tui.claim.person.tab")] {
            let text = "[" + ui.text(key) + "]"
            col += canvas.put(text, row: row, col: col, width: area.col + area.cols - col, style: p == panel ? .selected : .dim) + 2
        }
        switch panel {
        case .contributions: drawArrearsSummary(&canvas, row: row, area: area, from: col, r, ui)
        case .payments: drawPage(&canvas, paymentsTable.cursor, row: row, area: area, from: col, ui)
        case .claims: drawPage(&canvas, claimsTable.cursor, row: row, area: area, from: col, ui)
        }
    }

    /// "第 1/2 页" at the right of a heading row, when the list has more pages and it fits beside `from`.
    func drawPage(_ canvas: inout Canvas, _ cursor: Table.Cursor, row: Int, area: Rect, from: Int, _ ui: UIContext) {
        guard let text = ClaimKit.page(cursor, ui) else { return }
        let col = area.col + area.cols - DisplayWidth.of(text)
        if col >= from { canvas.put(text, row: row, col: col, style: .dim) }
    }
}
