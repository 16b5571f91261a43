import OneWindowCore
import OneWindowService
import OneWindowStore

/// OW10's top: who she is, her category, employer, base and region, whether both schemes are in step
/// (or the mismatch and who can fix it), and the periods of both schemes side by side.
extension PersonScreen {
    /// The who, category, base and sync lines from `area.row`; returns the first row under them.
    func drawSummary(_ canvas: inout Canvas, area: Rect, _ r: Record, _ ui: UIContext) -> Int {
        let v = r.view
        let p = v.person
        let pair = { (label: String, value: String) in ui.text("tui.person.pair", ui.text(label), value) }
        let right = area.col + area.cols
        var row = area.row

        // Who: name (a very long one shortened), ID (masked unless revealed), sex, age. Each part is
        // drawn whole or not at all.
        var col = area.col
        func add(_ text: String, _ style: Style = .normal, gap: Int = 3) {
            guard col + DisplayWidth.of(text) <= right else { return }
            col += canvas.put(text, row: row, col: col, style: style) + gap
        }
        add(pair("field.name", DisplayWidth.prefix(p.name, fitting: 24)), .heading)
        add(pair("field.citizenID", revealed ?? p.citizen.masked), gap: 0)
        add(ui.text(revealed == nil ? "tui.person.idHint" : "tui.person.idShown"), revealed == nil ? .dim : .warning)
        add(ui.text("sex.\(p.sex.rawValue)"))
        add(ui.text("out.age", "\(p.citizen.birthDate.age(on: ui.today))"))
        row += 1

        // Category and employer of the current medical period.
        col = area.col
        let current = v.current
        let category = current.map { ui.text($0.category.messageKey) } ?? ui.text("tui.person.notEnrolled")
        col += canvas.put(pair("field.category", category), row: row, col: col, width: right - col) + 3
        if let code = current?.employer {
            let name = r.employerNames[code.value] ?? code.value
            col += canvas.put(pair("field.employer", name), row: row, col: col, width: right - col)
            let codeText = ui.text("tui.person.paren", code.value)
            if col + DisplayWidth.of(codeText) <= right { canvas.put(codeText, row: row, col: col, style: .dim) }
        }
        row += 1

        // Base in force and region.
        col = area.col
        let month = ui.today.yearMonth
        if let base = v.bases.last(where: { $0.fromMonth <= month.description }) ?? v.bases.first {
            let text = ui.text("tui.person.baseValue", Money(fen: base.baseFen).grouped, base.fromMonth)
            col += canvas.put(pair("field.base", text), row: row, col: col, width: right - col) + 3
        }
        let regionCode = current?.region ?? p.region
        let regionName = ui.services?.policies.regions[regionCode].map { ui.strings.name(of: $0) } ?? regionCode
        canvas.put(pair("field.region", regionName), row: row, col: col, width: right - col)
        row += 2

        // Both schemes in step, or the mismatch and who can fix it.
        if let m = v.mismatch {
            let none = ui.text("tui.person.sync.none")
            let missing = m.missingMaternity.map(\.description).joined(separator: ", ")
            let extra = m.extraMaternity.map(\.description).joined(separator: ", ")
            canvas.put(ui.text("tui.person.sync.bad", missing.isEmpty ? none : missing, extra.isEmpty ? none : extra),
                       row: row, col: area.col, width: area.cols, style: .error)
            row += 1
            let canFix = ui.session?.allows(.fixReconciliation) == true
            canvas.put(ui.text(canFix ? "tui.person.sync.fixOffer" : "tui.person.fixNeedsSupervisor"),
                       row: row, col: area.col, width: area.cols, style: .warning)
        } else {
            canvas.put(ui.text("tui.person.sync.ok"), row: row, col: area.col, width: area.cols, style: .ok)
        }
        row += 1
        return row
    }


    func drawSchemes(_ canvas: inout Canvas, row: Int, area: Rect, rows: Int, medical: [EnrolmentPeriod],
                     maternity: [EnrolmentPeriod], _ r: Record, _ ui: UIContext) {
        let half = (area.cols - 3) / 2
        let withEmployer = half >= 60
        var titles = [ui.text("col.from"), ui.text("col.to"), ui.text("col.category"), ui.text("col.status")]
        if withEmployer { titles.append(ui.text("col.employer")) }
        // Short labels: both schemes must fit side by side in 80 columns.
        func cells(_ p: EnrolmentPeriod) -> [String] {
            var c = [p.from.description, p.to?.description ?? "", ui.text("tui.person.short.\(p.category.messageKey)"),
                     ui.text("tui.person.short.\(PersonKit.statusKey(p))")]
            if withEmployer { c.append(p.employer.map { r.employerNames[$0.value] ?? $0.value } ?? "") }
            return c
        }
        // One set of widths for both sides, so the two schemes line up column for column; the columns
        // close up to one space apart before any text is shortened.
        let table = Table(columns: titles.map { Table.Column($0) }, rows: (medical + maternity).map(cells))
        let natural = table.widths(fitting: .max)
        let gap = natural.reduce(0, +) + 2 * (titles.count - 1) <= half ? 2 : 1
        let widths = table.widths(fitting: half + (2 - gap) * (titles.count - 1))
        canvas.put("|", row: row, col: area.col + half + 1, style: .dim)
        canvas.put("|", row: row + 1, col: area.col + half + 1, style: .dim)
        for (side, periods) in [(0, medical), (1, maternity)] {
            let col = area.col + side * (half + 3)
            let scheme: Scheme = side == 0 ? .medical : .maternity
            let used = canvas.put(ui.text(scheme.messageKey), row: row, col: col, width: half, style: .heading)
            if periods.count > rows {
                canvas.put(ui.text("tui.person.periods.more", "\(periods.count)", "\(rows)"), row: row, col: col + used + 2,
                           width: half - used - 2, style: .dim)
            }
            PersonKit.drawCells(&canvas, titles.map { ($0, Style.label) }, widths: widths, gap: gap, row: row + 1, col: col)
            let shown = periods.suffix(rows)
            for (i, p) in shown.enumerated() {
                canvas.put("|", row: row + 2 + i, col: area.col + half + 1, style: .dim)
                PersonKit.drawCells(&canvas, cells(p).map { ($0, p.isOpen ? Style.normal : Style.dim) }, widths: widths,
                                    gap: gap, row: row + 2 + i, col: col)
            }
            // Enrolled in medical without maternity, and in step: her category carries none; say so.
            var note = periods.isEmpty ? ui.text("tui.person.periods.none") : nil
            if scheme == .maternity, let cur = r.view.current, !periods.contains(where: \.isOpen), r.view.mismatch == nil {
                note = ui.text("tui.person.noMaternity", ui.text(cur.category.messageKey))
            }
            if let note, shown.count < rows { canvas.put(note, row: row + 2 + shown.count, col: col, width: half, style: .dim) }
            for i in shown.count..<rows { canvas.put("|", row: row + 2 + i, col: area.col + half + 1, style: .dim) }
        }
    }
}
