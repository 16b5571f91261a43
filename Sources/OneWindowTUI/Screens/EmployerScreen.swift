import OneWindowCore
import OneWindowService
import OneWindowStore

/// OW20 employer view: details, unification state (unified since a month, or still on the old
/// channels), the current roster and the contribution account month by month. Tab moves between the
/// two tables, F7/F8 page the focused one, Enter opens an employee, F6 enrols a new employee here
/// (medical and maternity together). The previous year's average monthly wage, the basis of the
/// maternity allowance, is shown under the unification state (declared, or derived from the bases it
/// was charged on); F9 records it (OW33). Under it, the employees' benefit claims in one line (count by
/// state, what was paid); F4 lists them (OW38). The key bar is full at 80 columns, so the wage line and
/// the claims line themselves name F9 and F4.
public final class EmployerScreen: Screen {
    public let screenID = "OW20"
    public let title = Message("tui.title.employer")
    let factory: ScreenFactory
    let code: CreditCode
    var view: EmployerView?
    var months: [EmployerMonth] = []
    var roster: Table
    var summary: Table
    var zone = Zone.roster
    /// Loaded when built; reloaded whenever the screen comes back (an employee enrolled or moved meanwhile).
    var loaded = false
    /// The allowance basis for last year: declared, derived, or nil when there is nothing to go on.
    var wage: AllowanceCalculator.EmployerFigure?
    /// The benefit claims of its employees, for the one-line tally.
    var claims: [ClaimView] = []
    /// Said after the next reload (a wage recorded on OW33), so the busy note does not hide it.
    var pendingMessage: Message?

    enum Zone { case roster, summary }

    public init(ui: UIContext, code: CreditCode, factory: ScreenFactory) {
        self.factory = factory
        self.code = code
        roster = Table(columns: [Table.Column(ui.text("col.name")), Table.Column(ui.text("col.citizenID")),
                                 Table.Column(ui.text("field.sex")), Table.Column(ui.text("col.from"))])
        summary = Table(columns: [Table.Column(ui.text("col.month")),
                                  Table.Column(ui.text("tui.employer.col.heads"), alignRight: true),
                                  Table.Column(ui.text("col.due"), alignRight: true),
                                  Table.Column(ui.text("col.paid"), alignRight: true),
                                  Table.Column(ui.text("col.outstanding"), alignRight: true),
                                  Table.Column(ui.text("col.status"))])
        load(ui)
    }

    public func didAppear(_ ui: UIContext) {
        if loaded { load(ui) }
        loaded = true
        if let m = pendingMessage {
            ui.say(m)
            pendingMessage = nil
        }
    }

    /// The year whose wage is the basis for events this year.
    func wageYear(_ ui: UIContext) -> Int { ui.today.year - 1 }

    func load(_ ui: UIContext) {
        guard let services = ui.services else { return }
        let lookup = LookupService(services)
        let year = wageYear(ui)
        guard let (v, m, w, c) = ui.run({ (try lookup.employer(code), try lookup.employerMonths(code),
                                           try BenefitService(services).wageFigure(employer: code, year: year),
                                           try ClaimLookup(services).claims(ofEmployer: code)) }) else { return }
        wage = w
        claims = c
        if ui.message?.text == ui.text("tui.busy") { ui.clearMessage() }
        view = v
        months = m.reversed()
        roster.setRows(v.roster.map { person, period in
            [person.name, person.citizen.masked, ui.text("sex.\(person.sex.rawValue)"), period.from.description]
        })
        summary.setRows(months.map { m in
            [m.month.description, "\(m.headCount)", m.due.grouped, m.paid.grouped, m.outstanding.grouped,
             ui.text(m.outstanding == .zero ? "tui.employer.state.settled"
                     : m.paid == .zero ? "tui.employer.state.unpaid" : "tui.employer.state.partial")]
        })
        if roster.isEmpty, !summary.isEmpty { zone = .summary }
    }


    public func keyHints(_ ui: UIContext) -> [KeyHint] {
        guard view != nil else { return [KeyHint("F3", ui.text("tui.key.back"))] }
        var hints: [KeyHint] = []
        if zone == .roster, !roster.isEmpty { hints.append(KeyHint("Enter", ui.text("tui.key.open"))) }
        if !roster.isEmpty && !summary.isEmpty { hints.append(KeyHint("Tab", ui.text("tui.key.nextZone"))) }
        // F7/F8 only when the focused table has more than one page: then they do something.
        if (zone == .roster ? roster : summary).cursor.pages { hints.append(KeyHint("F7/F8", ui.text("tui.key.page"))) }
        hints.append(KeyHint("F6", ui.text("tui.employer.key.enrol")))
        // F9 and F4 work here, so the bar names them too (issue 9: no key works that the bar hides).
        hints.append(KeyHint("F9", ui.text("tui.employer.key.wage")))
        hints.append(KeyHint("F4", ui.text("tui.employer.key.claims")))
        hints.append(KeyHint("F3", ui.text("tui.key.back")))
        return hints
    }

    public func draw(_ canvas: inout Canvas, area: Rect, ui: UIContext) -> Point? {
        guard let view else { return nil }
        let e = view.employer
        var col = area.col
        col += canvas.put(e.name, row: area.row, col: col, width: area.cols - 22, style: .heading) + 2
        canvas.put(e.code, row: area.row, col: col, width: area.col + area.cols - col)
        let regionName = ui.services?.policies.regions[e.region].map { ui.strings.name(of: $0) } ?? e.region
        col = area.col
        for (label, value) in [(ui.text("field.region"), regionName), (ui.text("field.employerKind"), ui.text(e.kind.messageKey))] {
            col += canvas.put(ui.text("tui.employer.label", label), row: area.row + 1, col: col,
                              width: area.col + area.cols - col, style: .label)
            col += canvas.put(value, row: area.row + 1, col: col, width: area.col + area.cols - col) + 4
        }
        let (state, style) = unification(e, ui)
        canvas.put(state, row: area.row + 2, col: area.col, width: area.cols, style: style)
        let (wageText, wageStyle) = wageLine(ui)
        canvas.put(wageText, row: area.row + 3, col: area.col, width: area.cols, style: wageStyle)
        let tally = EmployerClaimsScreen.tally(claims, ui, key: true)
        canvas.put(tally.line(width: area.cols), row: area.row + 4, col: area.col, width: area.cols, style: tally.style)

        // The rest is shared by the two tables: the roster above, the monthly account below.
        let top = area.row + 6
        let rest = area.row + area.rows - top
        let rosterRows = (rest - 1) / 2
        section(&canvas, row: top, rows: rosterRows, cols: area.cols, col: area.col,
                title: ui.text("tui.employer.roster", "\(view.roster.count)"), table: &roster,
                empty: ui.text("tui.employer.rosterEmpty"), focused: zone == .roster)
        section(&canvas, row: top + rosterRows + 1, rows: rest - rosterRows - 1, cols: area.cols, col: area.col,
                title: ui.text("tui.employer.summary"), table: &summary,
                empty: ui.text("tui.employer.summaryEmpty"), focused: zone == .summary)
        return nil
    }

    func section(_ canvas: inout Canvas, row: Int, rows: Int, cols: Int, col: Int, title: String, table: inout Table,
                 empty: String, focused: Bool) {
        canvas.put(title, row: row, col: col, width: cols, style: .heading)
        if table.isEmpty {
            canvas.put(empty, row: row + 1, col: col + 2, width: cols - 2, style: .dim)
        } else {
            table.draw(&canvas, area: Rect(row: row + 1, col: col, rows: rows - 1, cols: cols), focused: focused)
        }
    }

    /// Last year's average monthly wage as the allowance will use it, and where it comes from.
    func wageLine(_ ui: UIContext) -> (String, Style) {
        let year = String(wageYear(ui))
        switch wage?.source {
        case .declared?: return (ui.text("tui.claim.wage.declared", year, wage!.wage.grouped), .normal)
        case .derivedFromBases?: return (ui.text("tui.claim.wage.derived", year, wage!.wage.grouped), .warning)
        case .ownBase?, nil: return (ui.text("tui.claim.wage.none", year), .warning)
        }
    }

    /// Unified since a month, unified from a month still to come, or the old channels.
    func unification(_ e: Employer, _ ui: UIContext) -> (String, Style) {
        guard let from = e.unifiedFromMonth else { return (ui.text("out.employer.oldChannels"), .warning) }
        if let now = ui.services?.clock.currentMonth, from > now {
            return (ui.text("tui.employer.unifiedFuture", from.description), .warning)
        }
        return (ui.text("out.employer.unifiedSince", from.description), .ok)
    }

    public func handle(_ key: Key, ui: UIContext) -> Navigation {
        guard let view else { return .unhandled }
        switch key {
        case .tab, .backTab:
            // Only between two lists that both have rows (the bar shows Tab only then).
            if !roster.isEmpty && !summary.isEmpty { zone = zone == .roster ? .summary : .roster }
            return .stay
        case .function(6):
            return .push(factory.enrol(ui, nil, code))
        case .function(4):
            return .push(factory.employerClaims(ui, code))
        case .function(9):
            return .push(WageScreen(ui: ui, code: code, employerName: view.employer.name) { [weak self] message in
                self?.pendingMessage = message
            })
        case .enter:
            // Only the highlighted employee, and only while she is on screen.
            guard zone == .roster, let i = roster.selectedIfVisible, view.roster.indices.contains(i) else { return .stay }
            return .push(factory.person(ui, view.roster[i].0.citizen))
        default:
            let moved = zone == .roster ? roster.handle(key) : summary.handle(key)
            if moved { return .stay }
            // Paging at the first or last page is still this screen's key: nothing more to show.
            if Table.Cursor.isListKey(key) { return .stay }
            return .unhandled
        }
    }
}
