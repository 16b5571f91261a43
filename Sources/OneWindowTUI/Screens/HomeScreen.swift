import OneWindowCore
import OneWindowService
import OneWindowStore

/// OW01 home: one search box for an ID, a name (one character and up) or an employer; results in a
/// table; Enter opens the record. An unregistered ID offers registration with the ID prefilled.
/// Tab moves between the search box, the results and the numbered menu (digits pick there).
/// For a session that may view the fund, the fund's warnings of the last finished month stand above the
/// menu (the first, with the count and the menu number of OW50), read each time home appears.
public final class HomeScreen: Screen {
    public let screenID = "OW01"
    public let title = Message("tui.title.home")
    var form: Form
    var results = Table(columns: [])
    var hits: [SearchService.Hit] = []
    var zone = Zone.search
    var menuIndex = 0
    let factory: ScreenFactory
    /// A full citizen ID that opened a person stays in the box masked (personal information on an open
    /// counter screen); Enter on the masked text opens her again.
    var maskedQuery: (shown: String, id: CitizenID)?
    /// The fund's warnings as read when home last appeared; nil when none or not the session's to see.
    var fundWarnings: (month: YearMonth, warnings: [FundWarning])?

    enum Zone { case search, results, menu }

    public init(ui: UIContext, factory: ScreenFactory) {
        self.factory = factory
        form = Form([FormField(id: "query", label: ui.text("tui.home.search"), hint: ui.text("tui.home.searchHint"),
                               width: 24, limit: 40)])
        results = Table(columns: [Table.Column(ui.text("tui.home.col.kind")), Table.Column(ui.text("col.name")),
                                  Table.Column(ui.text("tui.home.col.number")), Table.Column(ui.text("tui.home.col.detail"))])
    }

    /// Back from a record: ready to search again (a code typed on the menu would pick an item). The fund's
    /// warnings are read here, once per appearance, not at every key.
    public func didAppear(_ ui: UIContext) {
        zone = .search
        loadFundWarnings(ui)
    }

    /// A failure (a busy store) is said on the message line; the warning line is then left out until home
    /// appears again.
    func loadFundWarnings(_ ui: UIContext) {
        fundWarnings = nil
        guard let services = ui.services, services.session.allows(.viewFund),
              let found = ui.run({ try FundService(services).warnings() }), let found, !found.warnings.isEmpty else { return }
        fundWarnings = found
    }

    /// "! 2026-10基金预警：… 等3项，见菜单 6": the first warning wrapped under its text, the count and the
    /// menu number kept whole (on the last row if they fit there, else on a row of their own); at most 3 rows.
    func fundWarningRows(_ ui: UIContext, menu items: [MenuEntry], width: Int) -> [String] {
        guard let found = fundWarnings, let first = found.warnings.first,
              let index = items.firstIndex(where: { $0.key == "tui.fund.menu" }) else { return [] }
        let room = width - 2
        var rows = ScrollText.wrap(ui.text("tui.fund.home.warning", found.month.description, ui.text(first.message)), width: room)
        let tail = found.warnings.count == 1 ? ui.text("tui.fund.home.one", "\(index + 1)")
            : ui.text("tui.fund.home.more", "\(found.warnings.count)", "\(index + 1)")
        if DisplayWidth.of(rows[rows.count - 1] + tail) <= room {
            rows[rows.count - 1] += tail
        } else {
            rows.append(tail.trimmingSpaces)
        }
        if rows.count > 3 { rows = Array(rows.prefix(2)) + [DisplayWidth.prefix(rows[2], fitting: room - 3) + "..."] }
        return rows.enumerated().map { ($0.offset == 0 ? "! " : "  ") + $0.element }
    }

    func menu(_ ui: UIContext) -> [MenuEntry] {
        var items = [
            MenuEntry(key: "tui.menu.enrol") { .push(self.factory.enrol(ui, nil, nil)) },
            MenuEntry(key: "tui.menu.employer") { .push(self.factory.registerEmployer(ui)) },
        ]
        if ui.session?.allows(.manageOperators) == true {
            items.append(MenuEntry(key: "tui.menu.operators") { .push(self.factory.operators(ui)) })
        }
        if ui.session?.allows(.decideClaim) == true {
            items.append(MenuEntry(key: "tui.approval.menu") { .push(self.factory.approvals(ui)) })
        }
        if ui.session?.allows(.runPayments) == true {
            items.append(MenuEntry(key: "tui.payments.menu") { .push(self.factory.payments(ui)) })
        }
        if ui.trainingStore { items += factory.trainingMenu(ui) }
        // Last, so the numbers clerks already know (and the scripts use) stay as they were.
        items.append(MenuEntry(key: "tui.menu.worklists") { .push(WorklistScreen(ui: ui, factory: self.factory)) })
        if ui.session?.allows(.viewFund) == true {
            items.append(MenuEntry(key: "tui.fund.menu") { .push(self.factory.fund(ui)) })
        }
        return items
    }

    public func keyHints(_ ui: UIContext) -> [KeyHint] {
        var hints = [KeyHint("Enter", ui.text(zone == .search ? "tui.key.search" : "tui.key.open")), KeyHint("Tab", ui.text("tui.key.nextZone"))]
        if zone == .results, results.cursor.pages { hints.append(KeyHint("F7/F8", ui.text("tui.key.page"))) }
        hints.append(KeyHint("F4", ui.text("tui.key.signOut")))
        return hints
    }

    public func helpFields(_ ui: UIContext) -> [HelpField] { form.helpFields(ui) { "tui.home.help.\($0)" } }

    public func draw(_ canvas: inout Canvas, area: Rect, ui: UIContext) -> Point? {
        let caret = form.draw(&canvas, area: Rect(row: area.row, col: area.col, rows: 1, cols: area.cols), strings: ui.text)
        let items = menu(ui)
        // The menu on the last row, or the last two when its entries do not fit on one (a supervisor on a
        // training store has six): whole entries per row, never one cut at the edge.
        let texts = items.enumerated().map { i, item in "\(i + 1) \(ui.text(item.key))" }
        var lines: [[Int]] = [[]]
        var used = 0
        for (i, text) in texts.enumerated() {
            let need = DisplayWidth.of(text) + (lines[lines.count - 1].isEmpty ? 0 : 3)
            if used + need > area.cols, !lines[lines.count - 1].isEmpty {
                lines.append([i])
                used = DisplayWidth.of(text)
            } else {
                lines[lines.count - 1].append(i)
                used += need
            }
        }
        let menuRow = area.row + area.rows - lines.count
        // The fund's warning right above the menu it points into; the results make room for it.
        let warning = fundWarningRows(ui, menu: items, width: area.cols)
        for (i, text) in warning.enumerated() {
            canvas.put(text, row: menuRow - warning.count + i, col: area.col, width: area.cols, style: .warning)
        }
        if !results.isEmpty {
            results.draw(&canvas, area: Rect(row: area.row + 2, col: area.col, rows: menuRow - warning.count - area.row - 3, cols: area.cols),
                         focused: zone == .results)
        } else {
            canvas.put(ui.text("tui.home.empty"), row: area.row + 2, col: area.col, width: area.cols, style: .dim)
        }
        for (r, line) in lines.enumerated() {
            var col = area.col
            for i in line {
                let style: Style = zone == .menu && i == menuIndex ? .selected : .label
                col += canvas.put(texts[i], row: menuRow + r, col: col, style: style) + 3
            }
        }
        return zone == .search ? caret : nil
    }

    public func handle(_ key: Key, ui: UIContext) -> Navigation {
        switch key {
        case .tab: zone = zone == .search ? (results.isEmpty ? .menu : .results) : zone == .results ? .menu : .search; return .stay
        case .backTab: zone = zone == .search ? .menu : zone == .menu ? (results.isEmpty ? .search : .results) : .search; return .stay
        case .function(4): return .confirm(Message("tui.confirm.signOut"), then: { .signOut })
        default: break
        }
        switch zone {
        case .search:
            if key == .enter { return search(ui) }
            if key == .down, !results.isEmpty { zone = .results; return .stay }
            let before = form["query"]
            guard form.handle(key, ui: ui) else { return .unhandled }
            // The list belonged to the old text: once the text changes, Enter can only search again.
            if form["query"] != before { clearResults() }
            return .stay
        case .results:
            switch key {
            case .enter:
                guard let i = results.selectedIfVisible else { return .stay }
                return open(i, ui)
            case .up where results.selected == 0:
                zone = .search
                return .stay
            case .char, .paste, .backspace, .delete, .ctrl("u"):
                // Typing always goes to the search box, replacing the last search: never a row of an old list.
                zone = .search
                form.fields[0].input.selectAll()
                return handle(key, ui: ui)
            default:
                return results.handle(key) ? .stay : .unhandled
            }
        case .menu:
            let items = menu(ui)
            switch key {
            case .left: menuIndex = max(0, menuIndex - 1)
            case .right: menuIndex = min(items.count - 1, menuIndex + 1)
            case .enter: return items[menuIndex].choose()
            case .char(let c) where c.wholeNumberValue.map { (1...items.count).contains($0) } == true:
                return items[c.wholeNumberValue! - 1].choose()
            default: return .unhandled
            }
            return .stay
        }
    }

    func clearResults() {
        hits = []
        results = Table(columns: results.columns)
    }

    func search(_ ui: UIContext) -> Navigation {
        guard let services = ui.services else { return .stay }
        // A failed or new search never leaves the last one's list under it.
        clearResults()
        if let m = maskedQuery, form["query"] == m.shown { return .push(factory.person(ui, m.id)) }
        maskedQuery = nil
        // A receipt number (SY20261122-0001), as an applicant quotes it, opens that receipt; an unknown
        // one is said here, on home.
        if let number = try? ReceiptNumber(form["query"]) {
            guard ui.run({ try ClaimLookup(services).receiptView(number) }) != nil else { return .stay }
            return .push(factory.receipt(ui, number))
        }
        guard let result = ui.run({ try SearchService(services).search(form["query"]) }) else { return .stay }
        switch result {
        case .unregistered(let id):
            let sex = ui.text("sex.\(id.sex.rawValue)")
            return .confirm(Message("tui.home.unregistered", texts: id.masked, id.birthDate.description, sex),
                            then: { .push(self.factory.enrol(ui, id, nil)) })
        case .hits(let found):
            hits = found
            // A new search starts at the top of its own results, not on the old page.
            results = Table(columns: results.columns, rows: found.map { row(for: $0, ui) })
            switch found.count {
            case 0: ui.say("tui.home.none")
            case 1:
                // One match: straight to the record, no list to choose from. A full ID typed for it is masked.
                if case .person(let p) = found[0], let id = try? CitizenID(form["query"].trimmingSpaces, today: ui.today),
                   id == p.citizen {
                    maskedQuery = (p.citizen.masked, p.citizen)
                    form.set("query", p.citizen.masked)
                }
                return open(0, ui)
            default:
                ui.say("tui.home.found", "\(found.count)")
                zone = .results
            }
            return .stay
        }
    }

    func row(for hit: SearchService.Hit, _ ui: UIContext) -> [String] {
        switch hit {
        case .person(let p): [ui.text("tui.home.kind.person"), p.name, p.citizen.masked, ui.text("sex.\(p.sex.rawValue)")]
        case .employer(let e): [ui.text("tui.home.kind.employer"), e.name, e.code, ui.text(e.kind.messageKey)]
        }
    }

    func open(_ index: Int, _ ui: UIContext) -> Navigation {
        guard hits.indices.contains(index) else { return .stay }
        switch hits[index] {
        case .person(let p): return .push(factory.person(ui, p.citizen))
        case .employer(let e): return .push(factory.employer(ui, e.creditCode))
        }
    }
}
