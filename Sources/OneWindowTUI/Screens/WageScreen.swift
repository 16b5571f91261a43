import OneWindowCore
import OneWindowService

/// OW33 the employer's average monthly wage for a year (职工月平均工资), the basis of the maternity
/// allowance for events in the following year. Opened from the employer view (OW20); Enter validates
/// and says what is on file for that year now, F5 records it and goes back.
public final class WageScreen: Screen {
    public let screenID = "OW33"
    public let title = Message("tui.claim.title.wage")
    let code: CreditCode
    let employerName: String
    var form: Form
    /// Said by the employer view when it comes back.
    let onSaved: (Message) -> Void

    enum F {
        static let year = "year"
        static let wage = Field.wage.rawValue
    }

    init(ui: UIContext, code: CreditCode, employerName: String, onSaved: @escaping (Message) -> Void) {
        self.code = code
        self.employerName = employerName
        self.onSaved = onSaved
        let thisYear = ui.today.year
        form = Form([
            FormField(id: F.year, label: ui.text("tui.claim.wage.year"), hint: ui.text("tui.claim.wage.yearHint"), width: 12, limit: 4,
                      value: String(thisYear - 1),
                      validate: { raw in
                          guard let y = Int(raw.trimmingSpaces), (1990...thisYear).contains(y) else {
                              return Message("reason.wage.year", texts: raw.trimmingSpaces)
                          }
                          return nil
                      }),
            FormField(id: F.wage, label: ui.text("tui.claim.wage.amount"), hint: ui.text("tui.registration.hint.base"), width: 12, limit: 16,
                      validate: { raw in
                          RegistrationForm.reason {
                              guard try Money.parseYuan(raw, field: .wage) > .zero else { throw FieldError(.wage, "reason.money.zero") }
                          }
                      }),
        ])
        form.focus = 1
    }

    public var hasUnsavedInput: Bool { form.isDirty }

    public func keyHints(_ ui: UIContext) -> [KeyHint] { form.keyHints(ui) }

    public func helpFields(_ ui: UIContext) -> [HelpField] { form.helpFields(ui) { "tui.claim.wage.help.\($0)" } }

    public func draw(_ canvas: inout Canvas, area: Rect, ui: UIContext) -> Point? {
        canvas.put(employerName + "  " + code.value, row: area.row, col: area.col, width: area.cols, style: .heading)
        let caret = form.draw(&canvas, area: Rect(row: area.row + 2, col: area.col, rows: form.fields.count, cols: area.cols),
                              strings: ui.text)
        form.drawPreview(&canvas, row: area.row + 3 + form.fields.count, area: area, heading: ui.text("tui.claim.wage.preview"),
                         guide: ui.text("tui.claim.wage.guide"), ui: ui)
        return caret
    }

    public func handle(_ key: Key, ui: UIContext) -> Navigation {
        switch key {
        case .enter: validate(ui); return .stay
        case .function(5): return form.save(ui: ui) { self.save(ui) }
        default: return form.handle(key, ui: ui) ? .stay : .unhandled
        }
    }

    func read() -> (year: Int, wage: Money)? {
        guard let year = Int(form[F.year].trimmingSpaces), let wage = try? Money.parseYuan(form[F.wage], field: .wage) else { return nil }
        return (year, wage)
    }

    /// What is on file for the year now (declared, derived from the bases, or nothing), and what F5 records.
    func validate(_ ui: UIContext) {
        guard form.validate(ui: ui), let typed = read(), let services = ui.services else { return }
        let (year, wage) = typed
        let code = self.code
        guard let figure = ui.run({ try BenefitService(services).wageFigure(employer: code, year: year) }) else { return }
        var lines: [Form.Note] = []
        switch figure?.source {
        case .declared?:
            lines.append(.warning(ui.text("tui.claim.wage.replaces", String(year), figure!.wage.grouped)))
        case .derivedFromBases?:
            lines.append(Form.Note(ui.text("tui.claim.wage.derivedNow", String(year), figure!.wage.grouped), .normal))
        case .ownBase?, nil:
            lines.append(Form.Note(ui.text("tui.claim.wage.noneNow", String(year)), .normal))
        }
        lines.append(Form.Note(ui.text("tui.claim.wage.records", String(year), wage.grouped, String(year + 1))))
        form.markValidated(lines, ui: ui)
    }

    func save(_ ui: UIContext) -> Navigation {
        guard let (year, wage) = read(), let services = ui.services else { return .stay }
        let code = self.code
        let saved = ui.run(onField: { e in self.form.mark(e.reason.key == "reason.wage.year" ? F.year : F.wage, e.reason) }) {
            try BenefitService(services).declareWage(employer: code, year: year, wage: wage)
        }
        guard saved != nil else { form.dropValidation(); return .stay }
        form.markSaved()
        onSaved(Message("tui.claim.wage.saved", texts: String(year), wage.grouped))
        return .pop
    }
}
