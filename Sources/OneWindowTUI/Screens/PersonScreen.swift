import OneWindowCore
import OneWindowService
import OneWindowStore

/// OW10, the one-window person view: who she is, both schemes side by side with a clear in-step
/// indicator (or the mismatch and its fix), the last 12 months of contributions with arrears marked,
/// the payments of her payer accounts, and her benefit claims with their payments. Every action for the
/// person starts here by a digit, always the same digit: 1 change registration (OW12), 2 contribution
/// lookup (OW13), 3 fix the schemes (supervisors, when out of step), 4 claim benefits (OW30), 5 estimate.
/// At 80×24 the contributions, payments and claims share the bottom panel (Tab switches); taller
/// terminals show contributions and payments together (Tab switches to the claims), and wider ones add
/// the employer to each period. On the claims panel ↑/↓ pick a claim and Enter opens its receipt (OW32).
public final class PersonScreen: Screen {
    public let screenID = "OW10"
    public let title = Message("tui.title.person")
    let id: CitizenID
    let factory: ScreenFactory
    var record: Record?
    /// The full ID, while the clerk has it shown (each reveal is audited).
    var revealed: String?
    var panel = Panel.contributions
    var paymentsTop = 0
    /// Said after the next refresh (a change saved on OW12), so the busy note does not hide it.
    var pendingMessage: Message?
    /// From the last draw: whether the bottom panel is tabbed and how many payment rows fit.
    var tabbed = true
    var paymentsShown = 0
    /// The claims panel: the picked claim, the first one shown, and how many fit at the last draw.
    var claimSelected = 0
    var claimsTop = 0
    var claimsShown = 1
    /// From the last draw: a wide and tall terminal shows the claims under the other panels, no Tab needed.
    var claimsInline = false

    enum Panel { case contributions, payments, claims }

    /// Everything the view shows, read in one go.
    struct Record {
        let view: PersonView
        let lines: [ContributionView]
        let employerNames: [String: String]
        let payments: [Payment]
        /// Her claims, newest first (as claimant or as the insured).
        let claims: [ClaimView]
    }

    /// One month of one of the person's payer accounts.
    struct Payment {
        let month: YearMonth
        let payer: String
        let line: ArrearsLine
    }

    public init(ui: UIContext, id: CitizenID, factory: ScreenFactory) {
        self.id = id
        self.factory = factory
    }

    public func didAppear(_ ui: UIContext) {
        revealed = nil
        reload(ui)
        if let m = pendingMessage {
            ui.say(m)
            pendingMessage = nil
        }
    }

    func reload(_ ui: UIContext) {
        guard let services = ui.services else { return }
        let id = self.id
        record = ui.run { () throws -> Record in
            let view = try LookupService(services).person(id)
            let lines = try ContributionService(services).lines(for: id)
            var names: [String: String] = [:]
            let codes = Set(view.periods.compactMap(\.employer) + lines.compactMap { $0.row.employerCode.map(CreditCode.init(trusted:)) })
            for code in codes { names[code.value] = try PersonKit.employerName(code, services) }
            // The payer months come with the lines: one per (payer, month).
            var payments: [Payment] = []
            var seen = Set<[String]>()
            for l in lines {
                guard let month = l.payerMonth, seen.insert([l.row.payer, l.row.month]).inserted,
                      let payer = PayerAccount(stored: l.row.payer) else { continue }
                let label: String = switch payer {
                case .employer(let code): names[code.value] ?? code.value
                case .person: ui.text("tui.person.payer.self")
                case .unemploymentFund: ui.text("tui.person.payer.fund")
                }
                payments.append(Payment(month: month.month, payer: label, line: month))
            }
            payments.sort { ($0.month, $0.payer) > ($1.month, $1.payer) }
            let claims = try ClaimLookup(services).claims(of: id)
            return Record(view: view, lines: lines, employerNames: names, payments: payments, claims: claims)
        } ?? record
        paymentsTop = min(paymentsTop, max(0, (record?.payments.count ?? 0) - 1))
        claimSelected = min(claimSelected, max(0, (record?.claims.count ?? 0) - 1))
    }

    // MARK: keys

    /// A numbered action. The digit belongs to the action, not to its place in the row, so a clerk's
    /// "4 to claim" works whether or not the supervisor's 3 is shown.
    struct Action {
        let number: Int
        let key: String
        let run: () -> Navigation
    }

    func actions(_ ui: UIContext) -> [Action] {
        var items = [Action(number: 1, key: "tui.person.action.change") { self.openChange(ui) },
                     Action(number: 2, key: "tui.person.action.lookup") { self.openLookup(ui) }]
        if record?.view.mismatch != nil, ui.session?.allows(.fixReconciliation) == true {
            items.append(Action(number: 3, key: "tui.person.action.fix") { self.askFix(ui) })
        }
        if ui.session?.allows(.submitClaim) == true {
            items.append(Action(number: 4, key: "tui.claim.person.action.claim") { .push(self.factory.claim(ui, self.id, false)) })
        }
        items.append(Action(number: 5, key: "tui.claim.person.action.estimate") { .push(self.factory.claim(ui, self.id, true)) })
        return items
    }

    public func help(_ ui: UIContext) -> Message { Message("tui.claim.person.help") }

    public func keyHints(_ ui: UIContext) -> [KeyHint] {
        guard record != nil else { return [KeyHint("F3", ui.text("tui.key.back"))] }
        var hints = [KeyHint("F2", ui.text(revealed == nil ? "tui.person.key.reveal" : "tui.person.key.hide"))]
        if !panelOrder.isEmpty {
            hints.append(KeyHint("Tab", ui.text(tabbed ? "tui.claim.person.key.panels" : "tui.claim.person.key.twoPanels")))
        }
        if claimsVisible, record?.claims.isEmpty == false { hints.append(KeyHint("Enter", ui.text("tui.claim.person.key.receipt"))) }
        if pagesPayments || pagesClaims { hints.append(KeyHint("F7/F8", ui.text("tui.key.page"))) }
        hints.append(KeyHint("F3", ui.text("tui.key.back")))
        return hints
    }

    /// Payments are on screen and more of them exist than fit.
    var pagesPayments: Bool {
        (!tabbed ? panel != .claims || claimsInline : panel == .payments) && (record?.payments.count ?? 0) > paymentsShown
    }

    var claimsVisible: Bool { claimsInline || panel == .claims }

    /// The claims are on screen and more of them exist than fit (payments page first when both could).
    var pagesClaims: Bool { claimsVisible && !pagesPayments && (record?.claims.count ?? 0) > claimsShown }

    /// Tab's round: all three panels when they share the space, else the two views, else nothing to switch.
    var panelOrder: [Panel] {
        tabbed ? [.contributions, .payments, .claims] : claimsInline ? [] : [.contributions, .claims]
    }

    public func handle(_ key: Key, ui: UIContext) -> Navigation {
        guard record != nil else { return .unhandled }
        switch key {
        case .function(2):
            if revealed != nil { revealed = nil; return .stay }
            guard let services = ui.services else { return .stay }
            if let full = ui.run({ try LookupService(services).reveal(self.id) }) {
                revealed = full
                ui.say("tui.person.revealed")
            }
            return .stay
        case .tab, .backTab:
            let order = panelOrder
            guard !order.isEmpty else { return .unhandled }
            let at = order.firstIndex(of: panel) ?? 0
            panel = order[(at + (key == .tab ? 1 : order.count - 1)) % order.count]
            return .stay
        case _ where claimsVisible && [.up, .down, .enter].contains(key),
             _ where pagesClaims && [.function(7), .pageUp, .function(8), .pageDown].contains(key):
            return handleClaims(key, ui)
        case .function(7), .pageUp, .function(8), .pageDown:
            guard pagesPayments else { return .unhandled }
            let count = record?.payments.count ?? 0
            let step = max(1, paymentsShown)
            if key == .function(7) || key == .pageUp {
                paymentsTop = max(0, paymentsTop - step)
            } else if paymentsTop + step < count {
                paymentsTop += step
            }
            return .stay
        case .char(let c) where c.isASCII && c.isNumber:
            guard let item = actions(ui).first(where: { $0.number == c.wholeNumberValue }) else {
                if c == "3", record?.view.mismatch != nil { ui.fail(Message("tui.person.fixNeedsSupervisor")) }
                if c == "4" { ui.fail(Message("tui.claim.person.claimNotAllowed")) }
                return .stay
            }
            return item.run()
        default:
            return .unhandled
        }
    }

    /// ↑/↓ pick a claim, F7/F8 turn a page of them, Enter opens the picked claim's receipt.
    func handleClaims(_ key: Key, _ ui: UIContext) -> Navigation {
        let claims = record?.claims ?? []
        guard !claims.isEmpty else { return key == .enter ? .stay : .unhandled }
        let step = max(1, claimsShown)
        switch key {
        case .up: claimSelected = max(0, claimSelected - 1)
        case .down: claimSelected = min(claims.count - 1, claimSelected + 1)
        case .function(7), .pageUp: claimSelected = max(0, claimSelected - step)
        case .function(8), .pageDown: claimSelected = min(claims.count - 1, claimSelected + step)
        default: return .push(factory.receipt(ui, claims[claimSelected].claim.receiptNo))
        }
        return .stay
    }

    func openChange(_ ui: UIContext) -> Navigation {
        guard let r = record else { return .stay }
        let kinds = ChangeKind.applicable(to: r.view)
        guard !kinds.isEmpty else {
            ui.fail(Message("tui.person.noChange"))
            return .stay
        }
        return .push(ChangeRegistrationScreen(ui: ui, id: id, kinds: kinds) { [weak self] message in
            self?.pendingMessage = message
        })
    }

    func openLookup(_ ui: UIContext) -> Navigation {
        .push(ContributionLookupScreen(ui: ui, id: id))
    }

    func askFix(_ ui: UIContext) -> Navigation {
        guard let r = record else { return .stay }
        return .confirm(Message("tui.person.confirmFix", texts: r.view.person.name)) { [self] in
            guard let services = ui.services else { return .stay }
            let outcome = ui.run { try ReconciliationService(services).fix(self.id) }
            guard let outcome else { return .stay }
            reload(ui)
            ui.say(outcome == nil ? "tui.person.alreadyInStep" : "tui.person.fixed")
            return .stay
        }
    }

    // MARK: drawing

    public func draw(_ canvas: inout Canvas, area: Rect, ui: UIContext) -> Point? {
        guard let r = record else { return nil }
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
            paymentsShown = claimsInline ? gridRowsTall : max(1, menuRow - row - 3)
            drawPayments(&canvas, row: row, area: Rect(row: row, col: area.col + leftWidth + 3, rows: height,
                                                       cols: area.cols - leftWidth - 3), r, ui, heading: true)
            if claimsInline {
                let used = canvas.put(ui.text("tui.claim.person.tab"), row: claimsRow, col: area.col, width: area.cols, style: .heading)
                drawClaims(&canvas, area: Rect(row: claimsRow + 1, col: area.col, rows: menuRow - claimsRow - 1, cols: area.cols), r, ui)
                drawClaimsPage(&canvas, row: claimsRow, area: area, from: area.col + used + 2, r, ui)
            }
        } else if remaining >= 2 + gridRowsTall + 1 + 2 + 5 + 1 {
            tabbed = false
            drawContributions(&canvas, row: row, area: area, gridRows: gridRowsTall, r, ui, heading: true)
            row += 2 + gridRowsTall + 1
            paymentsShown = max(1, menuRow - row - 3)
            drawPayments(&canvas, row: row, area: area, r, ui, heading: true)
        } else if remaining >= 2 + 6 + 1 + 2 + 5 + 1 {
            tabbed = false
            drawContributions(&canvas, row: row, area: area, gridRows: 6, r, ui, heading: true)
            row += 2 + 6 + 1
            paymentsShown = max(1, menuRow - row - 3)
            drawPayments(&canvas, row: row, area: area, r, ui, heading: true)
        } else {
            tabbed = true
            paymentsShown = max(1, menuRow - row - 3)
            drawTabs(&canvas, row: row, area: area, r, ui)
            if panel == .contributions {
                drawContributions(&canvas, row: row, area: area, gridRows: 6, r, ui, heading: false)
            } else {
                drawPayments(&canvas, row: row, area: area, r, ui, heading: false)
            }
        }

        // Numbered actions, as on the home menu.
        col = area.col
        for item in actions(ui) {
            col += canvas.put("\(item.number) \(ui.text(item.key))", row: menuRow, col: col, width: right - col, style: .label) + 3
        }
        return nil
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

    /// The 12 months up to this one: what was due for her, and whether it reached the fund.
    func monthStates(_ r: Record, _ ui: UIContext) -> [(month: YearMonth, due: Money?, state: String, style: Style)] {
        let last = ui.today.yearMonth
        let byMonth = Dictionary(grouping: r.lines, by: \.month)
        return (0..<12).map { i in
            let m = last.advanced(by: i - 11)
            guard let lines = byMonth[m], !lines.isEmpty else {
                let covered = r.view.periods(.medical).contains { $0.covers(m) }
                return (m, nil, ui.text(covered ? "tui.person.notCharged" : "tui.person.notCovered"), .dim)
            }
            let due = lines.reduce(Money.zero) { $0 + Money(fen: $1.row.amountFen) }
            let settled = lines.allSatisfy(\.settled)
            return (m, due, ui.text(settled ? "tui.person.settled" : "out.arrears"), settled ? .normal : .error)
        }
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
        case .payments: drawPage(&canvas, row: row, area: area, from: col, r, ui)
        case .claims: drawClaimsPage(&canvas, row: row, area: area, from: col, r, ui)
        }
    }

    func drawArrearsSummary(_ canvas: inout Canvas, row: Int, area: Rect, from: Int, _ r: Record, _ ui: UIContext) {
        let arrears = monthStates(r, ui).filter { $0.style == .error }
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

    func drawClaimsPage(_ canvas: inout Canvas, row: Int, area: Rect, from: Int, _ r: Record, _ ui: UIContext) {
        guard claimsShown > 0, r.claims.count > claimsShown else { return }
        let pages = (r.claims.count + claimsShown - 1) / claimsShown
        let text = ui.text("tui.person.page", "\(claimsTop / claimsShown + 1)", "\(pages)")
        let col = area.col + area.cols - DisplayWidth.of(text)
        if col >= from { canvas.put(text, row: row, col: col, style: .dim) }
    }

    /// Her claims, newest first: receipt, benefit, amount, status, payment; under them, whole, the picked
    /// claim's payee and account, a deferral, a decision's reason, or the bank's reason for a failed payment.
    func drawClaims(_ canvas: inout Canvas, area: Rect, _ r: Record, _ ui: UIContext) {
        guard !r.claims.isEmpty else {
            claimsShown = 1
            canvas.put(ui.text("tui.claim.person.none"), row: area.row, col: area.col, width: area.cols, style: .dim)
            return
        }
        claimSelected = min(claimSelected, r.claims.count - 1)
        let picked = r.claims[claimSelected]
        let detail = claimDetail(picked, ui).flatMap { line in
            ScrollText.wrap(line.text, width: area.cols - 2).map { ($0, line.style) }
        }
        // Titles, the claims, a blank row, the picked claim's detail.
        let detailRows = min(detail.count, max(0, area.rows - 3))
        claimsShown = max(1, area.rows - 1 - (detailRows > 0 ? detailRows + 1 : 0))
        if claimSelected < claimsTop { claimsTop = claimSelected }
        if claimSelected >= claimsTop + claimsShown { claimsTop = claimSelected - claimsShown + 1 }
        let titles = [ui.text("tui.claim.col.receipt"), ui.text("tui.claim.col.kind"), ui.text("col.amount"), ui.text("col.status"),
                      ui.text("tui.claim.col.payment")]
        let cells = r.claims.map { v -> [String] in
            [v.claim.receiptNo.value, ui.text("tui.claim.kindShort.\(v.claim.kind.rawValue)"), v.claim.amount.grouped,
             ui.text(v.claim.status.messageKey), ClaimKit.paymentCell(v, ui)]
        }
        let alignment = [false, false, true, false, false]
        let widths = Table(columns: titles.map { Table.Column($0) }, rows: cells).widths(fitting: area.cols)
        PersonKit.drawCells(&canvas, titles.map { ($0, Style.label) }, widths: widths, rightAligned: alignment, row: area.row, col: area.col)
        for (i, index) in (claimsTop..<min(r.claims.count, claimsTop + claimsShown)).enumerated() {
            let row = area.row + 1 + i
            let selected = index == claimSelected
            let failed = r.claims[index].latestPayment?.status == .failed
            if selected { canvas.fill(row: row, col: area.col, width: area.cols, style: .selected) }
            let style: Style = selected ? .selected : failed ? .error : .normal
            PersonKit.drawCells(&canvas, cells[index].map { ($0, style) }, widths: widths, rightAligned: alignment, row: row, col: area.col)
        }
        let detailRow = area.row + 1 + min(claimsShown, r.claims.count - claimsTop) + 1
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

    func drawPage(_ canvas: inout Canvas, row: Int, area: Rect, from: Int, _ r: Record, _ ui: UIContext) {
        guard paymentsShown > 0, r.payments.count > paymentsShown else { return }
        let pages = (r.payments.count + paymentsShown - 1) / paymentsShown
        let text = ui.text("tui.person.page", "\(paymentsTop / paymentsShown + 1)", "\(pages)")
        let col = area.col + area.cols - DisplayWidth.of(text)
        if col >= from { canvas.put(text, row: row, col: col, style: .dim) }
    }

    /// The 12 months as a grid: one column when tall enough, else two of six (oldest first, down then across).
    func drawContributions(_ canvas: inout Canvas, row: Int, area: Rect, gridRows: Int, _ r: Record, _ ui: UIContext,
                           heading: Bool) {
        if heading {
            let used = canvas.put(ui.text("tui.person.tab.contributions"), row: row, col: area.col, style: .heading)
            drawArrearsSummary(&canvas, row: row, area: area, from: area.col + used + 2, r, ui)
        }
        let states = monthStates(r, ui)
        let columns = gridRows >= 12 ? 1 : 2
        let half = columns == 1 ? min(area.cols, 48) : (area.cols - 3) / 2
        let titles = [ui.text("col.month"), ui.text("col.due"), ui.text("col.status")]
        let cells = states.map { [$0.month.description, $0.due?.grouped ?? "", $0.state] }
        let widths = Table(columns: titles.map { Table.Column($0) }, rows: cells).widths(fitting: half)
        for c in 0..<columns {
            let col = area.col + c * (half + 3)
            PersonKit.drawCells(&canvas, titles.map { ($0, Style.label) }, widths: widths, rightAligned: [false, true, false],
                                row: row + 1, col: col)
            for i in 0..<(12 / columns) {
                let s = states[c * (12 / columns) + i]
                PersonKit.drawCells(&canvas, [(s.month.description, .normal), (s.due?.grouped ?? "", .normal), (s.state, s.style)],
                                    widths: widths, rightAligned: [false, true, false], row: row + 2 + i, col: col)
            }
        }
    }

    /// Her payer accounts month by month, newest first, `paymentsShown` rows a page.
    func drawPayments(_ canvas: inout Canvas, row: Int, area: Rect, _ r: Record, _ ui: UIContext, heading: Bool) {
        if heading {
            let used = canvas.put(ui.text("tui.person.tab.payments"), row: row, col: area.col, style: .heading)
            drawPage(&canvas, row: row, area: area, from: area.col + used + 2, r, ui)
        }
        guard !r.payments.isEmpty else {
            canvas.put(ui.text("tui.person.payments.none"), row: row + 1, col: area.col, width: area.cols, style: .dim)
            return
        }
        let titles = [ui.text("col.month"), ui.text("tui.person.col.payer"), ui.text("col.due"), ui.text("col.paid"),
                      ui.text("col.outstanding")]
        let cells = r.payments.map { [$0.month.description, $0.payer, $0.line.due.grouped, $0.line.paid.grouped,
                                      $0.line.outstanding.grouped] }
        let alignment = [false, false, true, true, true]
        let widths = Table(columns: titles.map { Table.Column($0) }, rows: cells).widths(fitting: area.cols)
        PersonKit.drawCells(&canvas, titles.map { ($0, Style.label) }, widths: widths, rightAligned: alignment, row: row + 1,
                            col: area.col)
        for (i, index) in (paymentsTop..<min(r.payments.count, paymentsTop + paymentsShown)).enumerated() {
            let owing = r.payments[index].line.outstanding > .zero
            PersonKit.drawCells(&canvas, cells[index].enumerated().map { ($0.element, owing && $0.offset == 4 ? Style.error : .normal) },
                                widths: widths, rightAligned: alignment, row: row + 2 + i, col: area.col)
        }
    }
}

/// What the person screens (OW10, OW12, OW13) share.
enum PersonKit {
    /// `ui.run`, then the busy note is taken off the message line when the work succeeded.
    /// An employer's name for a code; the code itself when the employer is not registered.
    static func employerName(_ code: CreditCode, _ services: ServiceContext) throws -> String {
        (try? LookupService(services).employerRow(code).name) ?? code.value
    }

    /// The status of a period as a message key (active, or why it ended).
    static func statusKey(_ p: EnrolmentPeriod) -> String {
        "status.\(p.endReason?.rawValue ?? (p.isOpen ? "active" : "ended"))"
    }

    /// One table row at fixed widths: text clipped to whole characters, numbers aligned right.
    static func drawCells(_ canvas: inout Canvas, _ cells: [(String, Style)], widths: [Int], rightAligned: [Bool] = [],
                          gap: Int = 2, row: Int, col: Int) {
        var c = col
        for (i, width) in widths.enumerated() {
            let (raw, style) = i < cells.count ? cells[i] : ("", .normal)
            let text = DisplayWidth.prefix(raw, fitting: width)
            let pad = i < rightAligned.count && rightAligned[i] ? width - DisplayWidth.of(text) : 0
            canvas.put(text, row: row, col: c + pad, width: width - pad, style: style)
            c += width + gap
        }
    }

    /// "李娜  110105********0025  在职职工  天津某某科技有限公司": the person a form acts on.
    static func summary(_ v: PersonView, names: [String: String], _ ui: UIContext) -> String {
        var parts = [v.person.name, v.person.citizen.masked]
        if let cur = v.current {
            parts.append(ui.text(cur.category.messageKey))
            if let code = cur.employer { parts.append(names[code.value] ?? code.value) }
        } else {
            parts.append(ui.text("tui.person.notEnrolled"))
        }
        return parts.joined(separator: "  ")
    }
}
