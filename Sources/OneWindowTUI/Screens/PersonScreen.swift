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
/// The view is split by idea: this file holds what the view knows and its keys; PersonScreen+Layout
/// places the panels, +Summary draws who she is and both schemes, +Contributions the 12 months and the
/// payer accounts, +Claims her claims.
public final class PersonScreen: Screen {
    public let screenID = "OW10"
    public let title = Message("tui.title.person")
    let id: CitizenID
    let factory: ScreenFactory
    var record: Record?
    /// Whether this screen's opening of the record has been audited (`LookupService.open`).
    var opened = false
    /// The full ID, while the clerk has it shown (each reveal is audited).
    var revealed: String?
    var panel = Panel.contributions
    /// Said after the next refresh (a change saved on OW12), so the busy note does not hide it.
    var pendingMessage: Message?
    /// From the last draw: whether the bottom panel is tabbed.
    var tabbed = true
    /// Her payer accounts month by month: read, not picked; F7/F8 page.
    var paymentsTable = Table(columns: [], selectable: false)
    /// Her claims: ↑/↓ pick one, F7/F8 page, Enter opens the picked one's receipt while it is on screen.
    var claimsTable = Table(columns: [])
    /// From the last draw: a wide and tall terminal shows the claims under the other panels, no Tab needed.
    var claimsInline = false

    enum Panel { case contributions, payments, claims }

    /// Everything the view shows, read in one go.
    struct Record {
        let view: PersonView
        let lines: [ContributionView]
        /// The 12 months up to this one, each settled, in arrears, not charged or not covered.
        let months: [PersonMonth]
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
        let thisMonth = ui.today.yearMonth
        record = ui.run { () throws -> Record in
            // The first load is the opening (audited); coming back from a sub-screen only refreshes it.
            let view = try opened ? LookupService(services).person(id) : LookupService(services).open(id)
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
            let months = PersonMonth.months(through: thisMonth, lines: lines, periods: view.periods)
            return Record(view: view, lines: lines, months: months, employerNames: names, payments: payments, claims: claims)
        } ?? record
        if record != nil { opened = true }
    }

    // MARK: keys

    /// A numbered action. Every action is always listed (menu numbers without gaps, the same digit for
    /// the same action on every person); one that cannot be done here is dimmed and says why when pressed.
    struct Action {
        let number: Int
        let key: String
        /// Why the action cannot be done now (nil: it can).
        var unavailable: Message?
        let run: () -> Navigation
    }

    func actions(_ ui: UIContext) -> [Action] {
        let fixWhy: Message? = record?.view.mismatch == nil ? Message("tui.person.fixNothing")
            : ui.session?.allows(.fixReconciliation) == true ? nil : Message("tui.person.fixNeedsSupervisor")
        let claimWhy: Message? = ui.session?.allows(.submitClaim) == true ? nil : Message("tui.claim.person.claimNotAllowed")
        return [Action(number: 1, key: "tui.person.action.change") { self.openChange(ui) },
                Action(number: 2, key: "tui.person.action.lookup") { self.openLookup(ui) },
                Action(number: 3, key: "tui.person.action.fix", unavailable: fixWhy) { self.askFix(ui) },
                Action(number: 4, key: "tui.claim.person.action.claim", unavailable: claimWhy) { .push(self.factory.claim(ui, self.id, false)) },
                Action(number: 5, key: "tui.claim.person.action.estimate") { .push(self.factory.claim(ui, self.id, true)) }]
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
        (!tabbed ? panel != .claims || claimsInline : panel == .payments) && paymentsTable.cursor.pages
    }

    var claimsVisible: Bool { claimsInline || panel == .claims }

    /// The claims are on screen and more of them exist than fit (payments page first when both could).
    var pagesClaims: Bool { claimsVisible && !pagesPayments && claimsTable.cursor.pages }

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
        case .enter where claimsVisible:
            // Only the picked claim, and only while it is on screen.
            guard let i = claimsTable.selectedIfVisible, let claims = record?.claims, claims.indices.contains(i) else { return .stay }
            return .push(factory.receipt(ui, claims[i].claim.receiptNo))
        case .up where claimsVisible, .down where claimsVisible:
            _ = claimsTable.handle(key)
            return .stay
        case _ where Table.Cursor.isListKey(key) && (pagesClaims || pagesPayments):
            _ = pagesPayments ? paymentsTable.handle(key) : claimsTable.handle(key)
            return .stay
        case .char(let c) where c.isASCII && c.isNumber:
            guard let item = actions(ui).first(where: { $0.number == c.wholeNumberValue }) else { return .unhandled }
            if let why = item.unavailable {
                ui.fail(why)
                return .stay
            }
            return item.run()
        default:
            return .unhandled
        }
    }

    func openChange(_ ui: UIContext) -> Navigation {
        guard let r = record else { return .stay }
        let kinds = RegistrationPlanner.applicable(to: r.view.periods)
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
}
