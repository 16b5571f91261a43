import OneWindowCore
import OneWindowService
import OneWindowStore

/// OW11 person registration and enrolment in one flow: citizen ID (birth date and sex derived as soon
/// as it is valid; a 15-digit number shows its 18-digit upgrade), name, category, employer (employees)
/// or region (everyone else), contribution base and first month. Enter validates and previews what
/// happens to BOTH schemes; F5 saves and replaces this screen with the person's view.
final class EnrolScreen: RegistrationFormScreen {
    let screenID = "OW11"
    let title = Message("tui.title.enrol")
    let factory: ScreenFactory
    var form: Form
    /// Started from an employer's view: category employee and that employer, both fixed.
    let fixedEmployer: CreditCode?
    /// Names looked up for the hints, by typed text (nil: not registered).
    var employerNames: [String: String?] = [:]
    var personNames: [String: String?] = [:]
    /// The last valid ID seen, so a registered person's name is filled in once when the ID becomes valid.
    var lastID: String?
    /// "←→ to choose", beside the choices that can be changed.
    var choiceHint = ""

    enum F {
        static let id = Field.citizenID.rawValue
        static let name = Field.name.rawValue
        static let category = Field.category.rawValue
        static let employer = Field.employer.rawValue
        static let region = Field.region.rawValue
        static let base = Field.base.rawValue
        static let from = Field.fromMonth.rawValue
    }

    init(ui: UIContext, prefill: CitizenID?, employer: CreditCode?, factory: ScreenFactory) {
        self.factory = factory
        self.fixedEmployer = employer
        let today = ui.today
        let regions = EmployerRegistrationScreen.regionOptions(ui)
        let choiceHint = ui.text("tui.registration.hint.choice")
        var category = FormField.choice(id: F.category, label: ui.text("field.category"),
                                        options: PersonCategory.allCases.map { ($0.rawValue, ui.text($0.messageKey)) })
        category.hint = choiceHint
        var region = FormField.choice(id: F.region, label: ui.text("field.region"), options: regions,
                                      selected: regions.firstIndex { $0.value == ui.session?.agencyRegion } ?? 0)
        region.hint = choiceHint
        form = Form([
            FormField(id: F.id, label: ui.text("field.citizenID"), width: 20, limit: 20, value: prefill?.value ?? "",
                      validate: { raw in RegistrationForm.reason { _ = try CitizenID(raw, today: today) } }),
            FormField(id: F.name, label: ui.text("field.name"), width: 20, limit: 30,
                      validate: { raw in raw.trimmingSpaces.isEmpty ? Message("reason.required") : nil }),
            category,
            FormField(id: F.employer, label: ui.text("field.employer"), width: 20, limit: 20, value: employer?.value ?? "",
                      validate: { raw in RegistrationForm.reason { _ = try CreditCode(raw) } }, valueHelp: .employer),
            region,
            FormField(id: F.base, label: ui.text("tui.registration.label.base"), hint: ui.text("tui.registration.hint.base"),
                      width: 12, limit: 16,
                      validate: { raw in
                          RegistrationForm.reason {
                              guard try Money.parseYuan(raw, field: .base) > .zero else { throw FieldError(.base, "reason.base.zero") }
                          }
                      }),
            FormField(id: F.from, label: ui.text("field.fromMonth"), hint: ui.text("tui.registration.hint.month"),
                      width: 8, limit: 7, value: ui.today.yearMonth.description,
                      validate: { raw in RegistrationForm.required(raw) { _ = try YearMonth.parse($0, field: .fromMonth) } }),
        ])
        // One input width for all, so the hints beside them (birth date, employer name…) line up.
        let width = max(20, form.fields.map(\.width).max() ?? 20)
        for i in form.fields.indices { form.fields[i].width = width }
        if employer != nil { form.setEnabled(F.category, false) }
        if prefill != nil { form.focus = 1 }
        self.choiceHint = choiceHint
        syncCategory()
        refreshHints(ui)
    }

    /// After each edit: the category decides employer or region, the hints follow what was typed.
    func edited(_ ui: UIContext) {
        syncCategory()
        refreshHints(ui)
    }

    // MARK: the form's state

    var category: PersonCategory { PersonCategory(rawValue: form[F.category]) ?? .employee }

    /// Employees give an employer (their region is the employer's); everyone else a region.
    func syncCategory() {
        let employee = category.needsEmployer
        form.setEnabled(F.employer, employee && fixedEmployer == nil)
        form.setEnabled(F.region, !employee)
        setHint(F.region, employee ? "" : choiceHint)
        setHint(F.category, fixedEmployer == nil ? choiceHint : "")
    }

    /// Beside the ID: the birth date and sex it carries (and its 18-digit form when 15 digits were typed);
    /// beside the employer: its registered name. A registered person's name is filled in when still empty.
    func refreshHints(_ ui: UIContext) {
        guard let services = ui.services else { return }
        let lookup = LookupService(services)
        let rawID = form[F.id]
        var idHint = ui.text("tui.registration.hint.citizenID")
        if let id = try? CitizenID(rawID, today: ui.today) {
            let sex = ui.text("sex.\(id.sex.rawValue)")
            idHint = id.upgradedFrom != nil ? ui.text("tui.registration.id.upgraded", id.value, id.birthDate.description, sex)
                                            : ui.text("tui.registration.id.derived", id.birthDate.description, sex)
            if personNames[id.value] == nil { personNames[id.value] = .some((try? lookup.person(id))?.person.name) }
            // Once per newly valid ID, so a name the clerk clears on purpose is not put back.
            if id.value != lastID, let known = personNames[id.value] ?? nil, form[F.name].trimmingSpaces.isEmpty {
                form.set(F.name, known)
            }
        }
        lastID = (try? CitizenID(rawID, today: ui.today))?.value
        setHint(F.id, idHint)
        var employerHint = ""
        if let code = try? CreditCode(form[F.employer]) {
            // A lookup that failed (the server away a moment) is asked again next time, not taken as "not registered".
            if employerNames[code.value] == nil, let found = Self.lookedUp({ try lookup.employerRow(code) }) {
                employerNames[code.value] = .some(found?.name)
            }
            employerHint = employerNames[code.value].map { $0 ?? ui.text("reason.employer.unknown", code.value) } ?? ""
        }
        setHint(F.employer, employerHint)
    }

    /// The lookup's answer (nil inside: not registered, which the service says with a field error), or nil
    /// when the lookup itself failed (the store busy or away) and must be asked again.
    static func lookedUp<T>(_ lookup: () throws -> T?) -> T?? {
        do { return .some(try lookup()) } catch is FieldError { return .some(nil) } catch { return nil }
    }

    func setHint(_ id: String, _ text: String) {
        if let i = form.fields.firstIndex(where: { $0.id == id }) { form.fields[i].hint = text }
    }

    /// Everything the service needs, read from a form that passed its field checks.
    struct Request {
        let id: CitizenID
        let name: String
        let category: PersonCategory
        let employer: Employer?
        let region: String
        let base: Money
        let from: YearMonth
    }

    func request(_ ui: UIContext, _ services: ServiceContext) -> Request? {
        guard let id = try? CitizenID(form[F.id], today: ui.today), let base = try? Money.parseYuan(form[F.base]),
              let from = try? YearMonth.parse(form[F.from].trimmingSpaces) else { return nil }
        let category = self.category
        var employer: Employer?
        if category.needsEmployer {
            guard let code = try? CreditCode(form[F.employer]) else { return nil }
            guard let row = ui.run(onField: mark, { try LookupService(services).employerRow(code) }) else { return nil }
            employer = row
        }
        return Request(id: id, name: form[F.name].trimmingSpaces, category: category, employer: employer,
                       region: employer?.region ?? form[F.region], base: base, from: from)
    }

    // MARK: Enter and F5

    func validate(_ ui: UIContext) {
        guard form.validate(ui: ui), let services = ui.services, let r = request(ui, services) else { return }
        let existing = try? LookupService(services).person(r.id)
        if let existing, existing.person.name != r.name {
            if let said = form.mark(F.name, Message("reason.person.nameMismatch", texts: existing.person.name)) { ui.fail(said) }
            return
        }
        let event = RegistrationEvent.enrol(category: r.category, employer: r.employer?.creditCode, region: r.region, from: r.from)
        guard let found = ui.run(onField: mark, { () throws -> ([RegistrationChange], [RegistrationWarning]) in
            let reg = RegistrationService(services)
            return (try reg.preview(r.id, event),
                    try reg.enrolWarnings(id: r.id, category: r.category, employer: r.employer?.creditCode, base: r.base, from: r.from,
                                          region: r.category.needsEmployer ? nil : r.region))
        }) else { return }
        // What the clerk should weigh before F5 (a clamped base, an odd month, a young retiree): F5 asks first.
        form.markValidated(preview(r, found.0, isNew: existing == nil, ui) + found.1.map { RegistrationForm.note($0, ui) }, ui: ui)
    }

    /// The person, then one line per scheme, then the base: what F5 will write.
    func preview(_ r: Request, _ changes: [RegistrationChange], isNew: Bool, _ ui: UIContext) -> [Form.Note] {
        let regionName = ui.services?.policies.regions[r.region].map { ui.strings.name(of: $0) } ?? r.region
        var lines: [Form.Note] = [
            Form.Note(ui.text(isNew ? "tui.registration.preview.newPerson" : "tui.registration.preview.knownPerson",
                     r.name, r.id.masked, r.id.birthDate.description, ui.text("sex.\(r.id.sex.rawValue)")), .normal),
        ]
        var maternityOpened = false
        for change in changes {
            switch change {
            case let .close(scheme, last, reason):
                lines.append(.warning(ui.text("tui.registration.preview.close", ui.text(scheme.messageKey), last.description,
                                              ui.text(reason.messageKey))))
            case let .open(p) where p.scheme == .medical:
                let detail = ui.text(p.category.messageKey) + ui.text("tui.registration.preview.separator")
                    + (r.employer?.name ?? regionName)
                lines.append(Form.Note(ui.text("tui.registration.preview.open", ui.text(p.scheme.messageKey), p.from.description, detail)))
            case let .open(p):
                maternityOpened = true
                lines.append(Form.Note(ui.text("tui.registration.preview.openSynced", ui.text(p.scheme.messageKey), p.from.description)))
            }
        }
        if !maternityOpened {
            let maternity = ui.text(Scheme.maternity.messageKey)
            lines.append(Form.Note(r.category == .flexible
                ? ui.text("tui.registration.preview.noMaternityFlexible", maternity, regionName)
                : ui.text("tui.registration.preview.noMaternity", maternity, ui.text(r.category.messageKey)), .normal))
        }
        lines.append(Form.Note(ui.text("tui.registration.preview.base", r.base.grouped, r.from.description), .normal))
        return lines
    }

    /// A service's field error, put on the field it names.
    func mark(_ e: FieldError) -> Message? { form.mark(e) }

    func save(_ ui: UIContext) -> Navigation {
        guard let services = ui.services, let r = request(ui, services) else { return .stay }
        let saved = ui.run(onField: mark) {
            try RegistrationService(services).enrol(id: r.id, name: r.name, category: r.category, employer: r.employer?.creditCode,
                                                    base: r.base, from: r.from,
                                                    region: r.category.needsEmployer ? nil : r.region)
        }
        guard saved != nil else { form.dropValidation(); return .stay }
        form.markSaved()
        // The person's view is built (and loads) first, so the confirmation is what stays on the message line.
        let view = factory.person(ui, r.id)
        ui.say("tui.registration.enrolled", r.name, r.id.masked)
        return .replace(view)
    }
}
