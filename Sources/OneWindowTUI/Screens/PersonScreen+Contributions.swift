import OneWindowCore
import OneWindowService
import OneWindowStore

/// OW10's contributions: the 12 months up to this one (what was due for her, and whether it reached the
/// fund; which months are arrears is the service's `PersonMonth`), and her payer accounts month by month.
extension PersonScreen {
    /// A month's standing in words, and its style.
    static func standing(_ m: PersonMonth, _ ui: UIContext) -> (text: String, style: Style) {
        switch m.standing {
        case .notCovered: (ui.text("tui.person.notCovered"), .dim)
        case .notCharged: (ui.text("tui.person.notCharged"), .dim)
        case .settled: (ui.text("tui.person.settled"), .normal)
        case .arrears: (ui.text("out.arrears"), .error)
        }
    }

    /// "欠费 2 个月，共 1,234.00 元" (or none) at the right of the heading row, when it fits beside `from`.
    func drawArrearsSummary(_ canvas: inout Canvas, row: Int, area: Rect, from: Int, _ r: Record, _ ui: UIContext) {
        let arrears = r.months.filter(\.isArrears)
        let total = arrears.reduce(Money.zero) { $0 + ($1.due ?? .zero) }
        var text = arrears.isEmpty ? ui.text("tui.person.noArrears")
            : ui.text("tui.person.arrearsSummary", "\(arrears.count)", total.grouped)
        // Beside three tabs the sentence may not fit: the same figures, said shorter.
        if area.col + area.cols - DisplayWidth.of(text) < from, !arrears.isEmpty {
            text = ui.text("tui.claim.person.arrearsShort", "\(arrears.count)", total.grouped)
        }
        let w = DisplayWidth.of(text)
        let col = area.col + area.cols - w
        if col >= from { canvas.put(text, row: row, col: col, style: arrears.isEmpty ? .ok : .error) }
    }

    /// The 12 months as a grid: one column when tall enough, else two of six (oldest first, down then across).
    func drawContributions(_ canvas: inout Canvas, row: Int, area: Rect, gridRows: Int, _ r: Record, _ ui: UIContext,
                           heading: Bool) {
        if heading {
            let used = canvas.put(ui.text("tui.person.tab.contributions"), row: row, col: area.col, style: .heading)
            drawArrearsSummary(&canvas, row: row, area: area, from: area.col + used + 2, r, ui)
        }
        let states = r.months
        let columns = gridRows >= 12 ? 1 : 2
        let half = columns == 1 ? min(area.cols, 48) : (area.cols - 3) / 2
        let titles = [ui.text("col.month"), ui.text("col.due"), ui.text("col.status")]
        let cells = states.map { [$0.month.description, $0.due?.grouped ?? "", Self.standing($0, ui).text] }
        let widths = Table(columns: titles.map { Table.Column($0) }, rows: cells).widths(fitting: half)
        for c in 0..<columns {
            let col = area.col + c * (half + 3)
            PersonKit.drawCells(&canvas, titles.map { ($0, Style.label) }, widths: widths, rightAligned: [false, true, false],
                                row: row + 1, col: col)
            for i in 0..<(12 / columns) {
                let s = states[c * (12 / columns) + i]
                let (state, style) = Self.standing(s, ui)
                PersonKit.drawCells(&canvas, [(s.month.description, .normal), (s.due?.grouped ?? "", .normal), (state, style)],
                                    widths: widths, rightAligned: [false, true, false], row: row + 2 + i, col: col)
            }
        }
    }

    /// Her payer accounts month by month, newest first, `rows` a page (F7/F8), an amount still owed in
    /// the error style.
    func drawPayments(_ canvas: inout Canvas, row: Int, area: Rect, rows: Int, _ r: Record, _ ui: UIContext, heading: Bool) {
        guard !r.payments.isEmpty else {
            if heading { canvas.put(ui.text("tui.person.tab.payments"), row: row, col: area.col, style: .heading) }
            canvas.put(ui.text("tui.person.payments.none"), row: row + 1, col: area.col, width: area.cols, style: .dim)
            return
        }
        let titles = [ui.text("col.month"), ui.text("tui.person.col.payer"), ui.text("col.due"), ui.text("col.paid"),
                      ui.text("col.outstanding")]
        paymentsTable.columns = titles.enumerated().map { Table.Column($1, alignRight: $0 >= 2) }
        paymentsTable.titleStyle = .label
        paymentsTable.setRows(r.payments.map { [$0.month.description, $0.payer, $0.line.due.grouped, $0.line.paid.grouped,
                                                $0.line.outstanding.grouped] },
                              styles: r.payments.map { $0.line.outstanding > .zero ? [.normal, .normal, .normal, .normal, .error] : [] })
        paymentsTable.draw(&canvas, area: Rect(row: row + 1, col: area.col, rows: rows + 1, cols: area.cols), focused: false)
        if heading {
            let used = canvas.put(ui.text("tui.person.tab.payments"), row: row, col: area.col, style: .heading)
            drawPage(&canvas, paymentsTable.cursor, row: row, area: area, from: area.col + used + 2, ui)
        }
    }
}
