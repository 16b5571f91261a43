import OneWindowCore
import OneWindowService
import OneWindowStore

/// OW21 employer registration: credit code, name, region, kind and the month it joined unified
/// registration (empty while it still pays through the old channels). Enter validates and shows what
/// registering means for both schemes; F5 saves and opens the new employer's view.
final class EmployerRegistrationScreen: RegistrationFormScreen {
    let screenID = "OW21"
    let title = Message("tui.title.registerEmployer")
    let factory: ScreenFactory
    var form: Form

    init(ui: UIContext, factory: ScreenFactory) {
        self.factory = factory
        let regions = Self.regionOptions(ui)
        let agency = ui.session?.agencyRegion
        let kinds: [EmployerKind] = [.enterprise, .government, .provincial]
        var region = FormField.choice(id: Field.region.rawValue, label: ui.text("field.region"),
                                      options: regions, selected: regions.firstIndex { $0.value == agency } ?? 0)
        region.hint = ui.text("tui.registration.hint.choice")
        var kind = FormField.choice(id: Field.employerKind.rawValue, label: ui.text("field.employerKind"),
                                    options: kinds.map { ($0.rawValue, ui.text($0.messageKey)) })
        kind.hint = ui.text("tui.registration.hint.choice")
        // The two choices as wide as each other (and at least as the code field), so their hints line up.
        let choiceWidth = max(20, region.width, kind.width)
        (region.width, kind.width) = (choiceWidth, choiceWidth)
        form = Form([
            FormField(id: Field.creditCode.rawValue, label: ui.text("field.creditCode"),
                      hint: ui.text("tui.registration.hint.creditCode"), width: 20, limit: 20,
                      validate: { raw in RegistrationForm.reason { _ = try CreditCode(raw) } }),
            FormField(id: Field.employerName.rawValue, label: ui.text("field.employerName"), width: 40, limit: 60,
                      validate: { raw in raw.trimmingSpaces.isEmpty ? Message("reason.required") : nil }),
            region,
            kind,
            FormField(id: Field.unifiedFrom.rawValue, label: ui.text("field.unifiedFrom"),
                      hint: ui.text("tui.registration.hint.unifiedFrom"), width: 20, limit: 7,
                      validate: { raw in
                          raw.trimmingSpaces.isEmpty ? nil
                              : RegistrationForm.reason { _ = try YearMonth.parse(raw.trimmingSpaces, field: .unifiedFrom) }
                      }),
        ])
    }

    /// The PolicyBook's regions by their names in the user's language, the agency's own first.
    static func regionOptions(_ ui: UIContext) -> [(value: String, label: String)] {
        guard let book = ui.services?.policies else { return [] }
        let agency = ui.session?.agencyRegion
        let codes = book.codes.filter { $0 == agency } + book.codes.filter { $0 != agency }
        return codes.map { ($0, ui.strings.name(of: book.regions[$0]!)) }
    }

    var code: CreditCode? { try? CreditCode(form[Field.creditCode.rawValue]) }
    var unifiedFrom: YearMonth? {
        let raw = form[Field.unifiedFrom.rawValue].trimmingSpaces
        return raw.isEmpty ? nil : try? YearMonth.parse(raw)
    }

    func validate(_ ui: UIContext) {
        guard form.validate(ui: ui), let code, let services = ui.services else { return }
        // Already registered: say so now rather than at F5.
        if let existing = try? LookupService(services).employerRow(code) {
            if let said = form.mark(Field.creditCode.rawValue, Message("reason.employer.exists", texts: existing.name)) { ui.fail(said) }
            return
        }
        let region = form[Field.region.rawValue]
        let regionName = services.policies.regions[region].map { ui.strings.name(of: $0) } ?? region
        let kind = EmployerKind(rawValue: form[Field.employerKind.rawValue]) ?? .enterprise
        var lines: [Form.Note] = [
            Form.Note(ui.text("tui.registration.employer.summary", form[Field.employerName.rawValue].trimmingSpaces, code.value,
                              regionName, ui.text(kind.messageKey)), .normal),
        ]
        // Still on the old channels is an ordinary case (not a warning to confirm), said plainly.
        lines.append(unifiedFrom.map { Form.Note(ui.text("tui.registration.employer.unified", $0.description)) }
                     ?? Form.Note(ui.text("out.employer.oldChannels"), .normal))
        lines.append(Form.Note(ui.text("tui.registration.employer.employees"), .normal))
        form.markValidated(lines, ui: ui)
    }

    /// A service's field error, put on the field it names.
    func mark(_ e: FieldError) -> Message? { form.mark(e) }

    func save(_ ui: UIContext) -> Navigation {
        guard let code, let services = ui.services else { return .stay }
        let name = form[Field.employerName.rawValue]
        let region = form[Field.region.rawValue]
        let kind = EmployerKind(rawValue: form[Field.employerKind.rawValue]) ?? .enterprise
        let saved = ui.run(onField: mark) {
            try RegistrationService(services).registerEmployer(code: code, name: name, region: region, kind: kind,
                                                               unifiedFrom: unifiedFrom)
        }
        guard let row = saved else { form.dropValidation(); return .stay }
        form.markSaved()
        // The view is built (and loads) first, so the confirmation is what stays on the message line.
        let view = factory.employer(ui, code)
        ui.say("out.employer.registered", row.code, row.name)
        return .replace(view)
    }
}
