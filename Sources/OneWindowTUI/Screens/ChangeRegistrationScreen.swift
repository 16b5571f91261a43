import OneWindowCore
import OneWindowService
import OneWindowStore

/// The registration changes a person's state allows, in the order the counter offers them.
/// The kinds of change OW12 offers: Core's registration actions; which apply to her is the planner's
/// rule (`RegistrationPlanner.applicable`), asked, not restated here.
public typealias ChangeKind = RegistrationAction

extension RegistrationAction {
    public var messageKey: String { "tui.person.change.kind.\(rawValue)" }
}

/// OW12 change registration, one screen for every kind of change: the kind is chosen at the top and
/// the fields follow it (transfer: new employer, from month, optional new base; base change: base and
/// from month; the others: from month). Enter validates and shows what happens to BOTH schemes;
/// F5 saves only what was validated and returns to the person view.
public final class ChangeRegistrationScreen: Screen {
    public let screenID = "OW12"
    public let title = Message("tui.person.title.change")
    let id: CitizenID
    let kinds: [ChangeKind]
    var form: Form
    var view: PersonView?
    var employerNames: [String: String] = [:]
    /// The latest month already charged: a change may not reach back into it.
    var chargedThrough: YearMonth?
    /// Typed input survives rebuilding the form when the kind changes.
    var typed: [String: String] = [:]
    /// What the text fields held when the screen opened: anything else is unsaved input.
    var initial: [String: String] = [:]
    let onSaved: (Message) -> Void

    /// `kinds` empty: the ones her state allows.
    public init(ui: UIContext, id: CitizenID, kinds: [ChangeKind] = [], kind: ChangeKind? = nil,
                onSaved: @escaping (Message) -> Void = { _ in }) {
        self.id = id
        self.onSaved = onSaved
        form = Form([])
        let loaded = ui.services.flatMap { services in
            ui.run { () throws -> (PersonView, YearMonth?, [String: String]) in
                let v = try LookupService(services).person(id)
                let charged = try ContributionService(services).latestChargedMonth(for: id)
                var names: [String: String] = [:]
                for code in Set(v.periods.compactMap(\.employer)) { names[code.value] = try PersonKit.employerName(code, services) }
                return (v, charged, names)
            }
        }
        let allowed = kinds.isEmpty ? loaded.map { RegistrationPlanner.applicable(to: $0.0.periods) } ?? [] : kinds
        // Nothing applies (not enrolled): resume is the only change that can be tried; the service says why not.
        self.kinds = allowed.isEmpty ? [.resume] : allowed
        if let loaded { (view, chargedThrough, employerNames) = loaded }
        let start = kind.flatMap { self.kinds.firstIndex(of: $0) } ?? 0
        initial = ["from": defaultFrom(ui).description]
        form = build(ui, kindIndex: start, keeping: [:])
    }

    var kind: ChangeKind { kinds[form.fields[0].choiceIndex] }

    /// The first month a change can take: this month at the earliest, after the last charged month, and
    /// after the first month of her current enrolment (which a change must leave in place).
    func defaultFrom(_ ui: UIContext) -> YearMonth {
        let now = ui.today.yearMonth
        return max(now, chargedThrough?.next ?? now, view?.current?.from.next ?? now)
    }

    func build(_ ui: UIContext, kindIndex: Int, keeping values: [String: String]) -> Form {
        let kindField = FormField.choice(id: "kind", label: ui.text("tui.person.change.kind"),
                                         options: kinds.map { ($0.rawValue, ui.text($0.messageKey)) }, selected: kindIndex)
        var first = kindField
        if kinds.count > 1 { first.hint = ui.text("tui.person.change.hint.kind", "\(kinds.count)") }
        let charged = chargedThrough
        let from = FormField(id: "from", label: ui.text("field.fromMonth"), hint: ui.text("tui.person.change.hint.from"),
                             width: 10, limit: 7, value: values["from"] ?? defaultFrom(ui).description) { text in
            RegistrationForm.reason {
                let m = try YearMonth.parse(text.trimmingSpaces, field: .fromMonth)
                if let charged, m <= charged { throw FieldError(.fromMonth, "reason.reg.monthCharged", texts: charged.description) }
            }
        }
        func base(optional: Bool) -> FormField {
            FormField(id: "base", label: ui.text(optional ? "tui.person.change.newBase" : "field.base"),
                      hint: ui.text(optional ? "tui.person.change.hint.baseOptional" : "tui.person.change.hint.base"),
                      width: 14, limit: 16, value: values["base"] ?? "") { text in
                if optional, text.trimmingSpaces.isEmpty { return nil }
                return RegistrationForm.reason {
                    let m = try Money.parseYuan(text, field: .base)
                    if m <= .zero { throw FieldError(.base, "reason.base.zero") }
                }
            }
        }
        var employer = FormField(id: "employer", label: ui.text("tui.person.change.employer"),
                                 hint: ui.text("tui.person.change.hint.employer"), width: 20, limit: 18,
                                 value: values["employer"] ?? "") { text in
            RegistrationForm.reason { _ = try CreditCode(text) }
        }
        employer.valueHelp = .employer
        var fields = [first]
        switch kinds[kindIndex] {
        case .transfer: fields += [employer, from, base(optional: true)]
        case .base: fields += [base(optional: false), from]
        case .retire, .suspend, .resume, .terminate: fields.append(from)
        }
        var f = Form(fields)
        f.focus = fields.count > 1 ? 1 : 0
        return f
    }

    public var hasUnsavedInput: Bool {
        form.fields.dropFirst().contains { $0.input.text != initial[$0.id, default: ""] }
            || typed.contains { $0.value != initial[$0.key, default: ""] }
    }

    public func keyHints(_ ui: UIContext) -> [KeyHint] { form.keyHints(ui) }

    public func helpFields(_ ui: UIContext) -> [HelpField] { form.helpFields(ui) { "tui.person.change.rule.\($0)" } }

    public func help(_ ui: UIContext) -> Message {
        switch form.focused.id {
        case "employer": Message("tui.person.change.hint.employer")
        case "from": Message("tui.person.change.about.\(kind.rawValue)")
        default: Message("help.OW12")
        }
    }

    public func handle(_ key: Key, ui: UIContext) -> Navigation {
        switch key {
        case .enter: validate(ui); return .stay
        case .function(5): return form.save(ui: ui) { self.save(ui) }
        case .function(4) where form.focused.valueHelp != nil:
            return .push(ValueHelpScreen(ui: ui) { [weak self] code in self?.form.set("employer", code) })
        default: break
        }
        let before = form.fields[0].choiceIndex
        guard form.handle(key, ui: ui) else { return .unhandled }
        if form.fields[0].choiceIndex != before {
            // A new kind: its own fields, keeping what was typed in the ones it shares.
            typed.merge(form.fields.dropFirst().map { ($0.id, $0.input.text) }) { _, new in new }
            form = build(ui, kindIndex: form.fields[0].choiceIndex, keeping: typed)
            form.focus = 0
        }
        return .stay
    }

    func fieldID(for field: Field) -> String? {
        switch field {
        case .employer, .creditCode: "employer"
        case .fromMonth, .month, .date: "from"
        case .base, .amount: "base"
        default: nil
        }
    }

    /// A service's field error put on that field: "field: reason" for the message line.
    func mark(_ e: FieldError) -> Message? { form.mark(e, fieldID: fieldID) }

    var parsed: (from: YearMonth, base: Money?, employer: CreditCode?)? {
        guard let from = try? YearMonth.parse(form["from"].trimmingSpaces, field: .fromMonth) else { return nil }
        let baseText = form["base"].trimmingSpaces
        let base = baseText.isEmpty ? nil : try? Money.parseYuan(baseText, field: .base)
        let employer = kind == .transfer ? try? CreditCode(form["employer"]) : nil
        return (from, base, employer)
    }

    func event(from: YearMonth, employer: CreditCode?) -> RegistrationEvent? {
        switch kind {
        case .transfer: employer.map { .transfer(employer: $0, region: "", from: from) }
        case .base: nil
        case .retire: .retire(from: from)
        case .suspend: .suspend(from: from)
        case .resume: .resume(from: from)
        case .terminate: .terminate(from: from)
        }
    }

    /// Enter: every field checked (the first bad one focused, its reason on the message line), then
    /// the service's preview of both schemes.
    func validate(_ ui: UIContext) {
        guard form.validate(ui: ui), let services = ui.services, let v = view, let input = parsed else { return }
        let id = self.id
        let lines = ui.run(onField: mark) { () throws -> [Form.Note] in
            var names = employerNames
            var out: [String] = []
            if let event = event(from: input.from, employer: input.employer) {
                // An unregistered new employer is refused here, on its field.
                let changes = try RegistrationService(services).preview(id, event)
                if let code = input.employer { names[code.value] = try PersonKit.employerName(code, services) }
                out = Self.describe(changes, view: v, names: names, ui)
            } else {
                out = Scheme.allCases.map { s in
                    ui.text(v.periods(s).contains(where: \.isOpen) ? "tui.person.change.unchanged" : "tui.person.change.notEnrolled",
                            ui.text(s.messageKey))
                }
            }
            if let base = input.base {
                out.append(ui.text("tui.person.change.baseLine", input.from.description, base.grouped))
            }
            return out.map { Form.Note($0) } + (try warnings(input, services)).map { RegistrationForm.note($0, ui) }
        }
        guard let lines else { return }
        form.markValidated(lines, ui: ui)
    }

    /// What the clerk should weigh before F5 (a clamped base, another region, a young retiree): F5 asks first.
    func warnings(_ input: (from: YearMonth, base: Money?, employer: CreditCode?), _ services: ServiceContext) throws -> [RegistrationWarning] {
        let reg = RegistrationService(services)
        switch kind {
        case .transfer: return try input.employer.map { try reg.transferWarnings(id: id, to: $0, from: input.from, base: input.base) } ?? []
        case .base: return try input.base.map { try reg.baseChangeWarnings(id: id, base: $0, from: input.from) } ?? []
        case .retire: return try reg.retireWarnings(id: id, from: input.from)
        case .suspend, .resume, .terminate: return []
        }
    }

    /// One line per change, medical first, and a line for a scheme the change leaves alone.
    static func describe(_ changes: [RegistrationChange], view v: PersonView, names: [String: String], _ ui: UIContext) -> [String] {
        var out: [String] = []
        for scheme in Scheme.allCases {
            let mine = changes.filter {
                switch $0 {
                case .close(let s, _, _): s == scheme
                case .open(let p): p.scheme == scheme
                }
            }
            let name = ui.text(scheme.messageKey)
            if mine.isEmpty {
                let open = v.periods(scheme).contains(where: \.isOpen)
                out.append(ui.text(open ? "tui.person.change.unchanged" : "tui.person.change.notEnrolled", name))
            }
            for change in mine {
                switch change {
                case let .close(_, last, reason):
                    out.append(ui.text("tui.person.change.close", name, last.description, ui.text(reason.messageKey)))
                case let .open(p):
                    if let code = p.employer {
                        out.append(ui.text("tui.person.change.openAt", name, p.from.description, ui.text(p.category.messageKey),
                                           names[code.value] ?? code.value))
                    } else {
                        out.append(ui.text("tui.person.change.open", name, p.from.description, ui.text(p.category.messageKey)))
                    }
                }
            }
        }
        // A new medical period without maternity (a retiree, say): say why maternity does not reopen.
        let opened = changes.compactMap { c -> EnrolmentPeriod? in if case .open(let p) = c { p } else { nil } }
        if let med = opened.first(where: { $0.scheme == .medical }), !opened.contains(where: { $0.scheme == .maternity }) {
            out.append(ui.text("tui.person.noMaternity", ui.text(med.category.messageKey)))
        }
        return out
    }

    /// F5: saves what Enter validated, then back to the person view, which refreshes and says so.
    func save(_ ui: UIContext) -> Navigation {
        guard let input = parsed, let services = ui.services else { return .stay }
        let id = self.id
        let kind = self.kind
        let reg = RegistrationService(services)
        let done: Bool? = ui.run(onField: mark) {
            switch kind {
            case .transfer:
                guard let code = input.employer else { return false }
                try reg.transfer(id: id, to: code, from: input.from, base: input.base)
            case .base:
                guard let base = input.base else { return false }
                try reg.changeBase(id: id, base: base, from: input.from)
            case .retire: try reg.retire(id: id, from: input.from)
            case .suspend: try reg.suspend(id: id, from: input.from)
            case .resume: try reg.resume(id: id, from: input.from)
            case .terminate: try reg.terminate(id: id, from: input.from)
            }
            return true
        }
        guard done == true else {
            form.dropValidation()
            return .stay
        }
        form.markSaved()
        typed = [:]
        initial = Dictionary(form.fields.dropFirst().map { ($0.id, $0.input.text) }) { a, _ in a }
        onSaved(Message("tui.person.change.saved", [.message(Message(kind.messageKey))]))
        return .pop
    }

    public func draw(_ canvas: inout Canvas, area: Rect, ui: UIContext) -> Point? {
        var row = area.row
        if let v = view {
            canvas.put(PersonKit.summary(v, names: employerNames, ui), row: row, col: area.col, width: area.cols, style: .heading)
            row += 1
            // Where each scheme stands now.
            for s in Scheme.allCases {
                let now = v.periods(s).first(where: \.isOpen)
                let text = now.map { ui.text("tui.person.change.now", ui.text(s.messageKey), ui.text($0.category.messageKey),
                                             $0.from.description) }
                    ?? ui.text("tui.person.change.nowNone", ui.text(s.messageKey))
                canvas.put(text, row: row, col: area.col, width: area.cols, style: .dim)
                row += 1
            }
            row += 1
        }
        let caret = form.draw(&canvas, area: Rect(row: row, col: area.col, rows: form.fields.count, cols: area.cols),
                              strings: ui.text)
        row += form.fields.count + 1
        canvas.put(ui.text("tui.person.change.about.\(kind.rawValue)"), row: row, col: area.col, width: area.cols, style: .dim)
        form.drawPreview(&canvas, row: row + 2, area: area, heading: ui.text("tui.person.change.preview"), guide: nil, ui: ui)
        return caret
    }
}
