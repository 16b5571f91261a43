import OneWindowCore
import OneWindowService

/// The fields of OW31 for one claim type, laid out as the paper form reads: the event in two columns,
/// the bills as a grid (medical costs), then who is paid. Tab and ↑/↓ follow that reading order.
/// Fields that do not apply to the type are not built at all; fields that do not apply to what is
/// chosen (the delivery of a miscarriage) are shown dim and skipped.
struct ClaimForm {
    let type: ClaimType
    let estimate: Bool
    var form: Form

    enum ID {
        static let date = Field.eventDate.rawValue
        static let kind = "eventKind"
        static let delivery = Field.delivery.rawValue
        static let babies = Field.babies.rawValue
        static let dystocia = "dystocia"
        static let start = Field.gestationStart.rawValue
        static let op1 = "operation.1"
        static let op2 = "operation.2"
        static let grade3 = "grade3"
        static let payee = Field.payee.rawValue
        static let referral = "referral"
        static let account = Field.account.rawValue
        static let employerAccount = "employerAccount"
        static func item(_ n: Int) -> String { "item.\(n)" }
        static func hospital(_ n: Int) -> String { "hospital.\(n)" }
        static func billNo(_ n: Int) -> String { "billNo.\(n)" }
        static func amount(_ n: Int) -> String { "amount.\(n)" }
    }

    static let billRows = 1...3

    enum EventKind: String, CaseIterable { case birth, miscarriage, operations }

    /// Bill items by a stable code; the delivery item takes the birth's delivery type.
    static let itemCodes = ["", "prenatal", "delivery", "miscarriage"] + FamilyPlanningOperation.allCases.map(\.rawValue)

    init(type: ClaimType, estimate: Bool, ui: UIContext) {
        self.type = type
        self.estimate = estimate
        let today = ui.today
        let choice = ui.text("tui.registration.hint.choice")
        func pick(_ id: String, _ labelKey: String, _ options: [(String, String)], hint: String? = nil) -> FormField {
            var f = FormField.choice(id: id, label: ui.text(labelKey), options: options.map { (value: $0.0, label: $0.1) })
            f.hint = hint ?? choice
            return f
        }
        let noYes = [("no", ui.text("tui.claim.no")), ("yes", ui.text("tui.claim.yes"))]
        let operations = [("", ui.text("tui.claim.none"))] + FamilyPlanningOperation.allCases.map { ($0.rawValue, ui.text($0.messageKey)) }
        var fields = [
            FormField(id: ID.date, label: ui.text("field.eventDate"), hint: ui.text("tui.claim.hint.eventDate"), width: 11, limit: 10,
                      validate: { raw in
                          RegistrationForm.required(raw) {
                              let d = try CalendarDate.parse($0, field: .eventDate)
                              // An estimate may look ahead ("if she gives birth in March"); a claim may not.
                              if !estimate, d > today { throw FieldError(.eventDate, "reason.date.future", texts: d.description) }
                          }
                      }),
            pick(ID.kind, "tui.claim.label.eventKind", EventKind.allCases.map { ($0.rawValue, ui.text("tui.claim.event.\($0.rawValue)")) }),
            pick(ID.delivery, "field.delivery", DeliveryType.allCases.map { ($0.rawValue, ui.text($0.messageKey)) }),
            FormField(id: ID.babies, label: ui.text("field.babies"), width: 3, limit: 2, value: "1",
                      validate: { raw in
                          let t = raw.trimmingSpaces
                          if t.isEmpty { return Message("reason.required") }
                          guard let n = Int(t), (1...9).contains(n) else { return Message("reason.babies.range", texts: t) }
                          return nil
                      }),
            pick(ID.dystocia, "tui.claim.label.dystocia", noYes, hint: ui.text("tui.claim.hint.dystocia")),
            FormField(id: ID.start, label: ui.text("field.gestationStart"), hint: ui.text("tui.claim.hint.start"), width: 11, limit: 10,
                      validate: { raw in
                          raw.trimmingSpaces.isEmpty ? nil
                              : RegistrationForm.reason { _ = try CalendarDate.parse(raw.trimmingSpaces, field: .gestationStart) }
                      }),
            pick(ID.op1, "field.operation", operations, hint: ui.text("tui.claim.hint.operation")),
            pick(ID.op2, "tui.claim.label.operation2", operations, hint: ui.text("tui.claim.hint.operation")),
        ]
        if type.claimsMedical {
            let items = Self.itemCodes.map { ($0, ui.text($0.isEmpty ? "tui.claim.none" : "tui.claim.item.\($0)")) }
            for n in Self.billRows {
                fields.append(pick(ID.item(n), "tui.claim.label.item", items, hint: ui.text("tui.claim.hint.item")))
                fields[fields.count - 1].label = ui.text("tui.claim.label.billField", String(n), ui.text("tui.claim.label.item"))
                if !estimate {
                    fields.append(FormField(id: ID.hospital(n), label: ui.text("tui.claim.label.billField", String(n), ui.text("field.hospital")),
                                            hint: ui.text("tui.claim.hint.hospital"), width: 20, limit: 40,
                                            validate: { $0.trimmingSpaces.isEmpty ? Message("reason.required") : nil }))
                    fields.append(FormField(id: ID.billNo(n), label: ui.text("tui.claim.label.billField", String(n), ui.text("field.billNo")),
                                            hint: ui.text("tui.claim.hint.billNo"), width: 14, limit: 30,
                                            validate: { $0.trimmingSpaces.isEmpty ? Message("reason.required") : nil }))
                }
                fields.append(FormField(id: ID.amount(n), label: ui.text("tui.claim.label.billField", String(n), ui.text("field.amount")),
                                        hint: ui.text("tui.claim.hint.amount"), width: 11, limit: 14,
                                        validate: { raw in
                                            RegistrationForm.reason {
                                                guard try Money.parseYuan(raw, field: .amount) > .zero else {
                                                    throw FieldError(.amount, "reason.money.zero")
                                                }
                                            }
                                        }))
            }
            fields.append(pick(ID.grade3, "tui.claim.label.grade3", noYes, hint: ui.text("tui.claim.hint.grade3")))
        }
        if !estimate {
            if type.claimsAllowance {
                fields.append(pick(ID.payee, "field.payee", Payee.allCases.map { ($0.rawValue, ui.text("tui.claim.payee.\($0.rawValue)")) },
                                   hint: ui.text("tui.claim.hint.payee")))
            }
            if type == .bundle {
                fields.append(pick(ID.referral, "tui.claim.label.referral", [("yes", ui.text("tui.claim.yes")), ("no", ui.text("tui.claim.no"))],
                                   hint: ui.text("tui.claim.hint.referral")))
            }
            let account: @Sendable (String) -> Message? = { raw in RegistrationForm.reason { _ = try BankAccount(raw) } }
            fields.append(FormField(id: ID.account, label: ui.text("tui.claim.label.account"),
                                    hint: ui.text("tui.claim.hint.account"), width: 26, limit: 40, validate: account))
            if type.claimsAllowance {
                fields.append(FormField(id: ID.employerAccount, label: ui.text("tui.claim.label.employerAccount"),
                                        hint: ui.text("tui.claim.hint.employerAccount"), width: 26, limit: 40, validate: account))
            }
        }
        form = Form(fields)
        // The birth bundle is filed at a birth: the event kind is fixed.
        if type == .bundle { form.setEnabled(ID.kind, false) }
        sync()
    }

    func has(_ id: String) -> Bool { form.fields.contains { $0.id == id } }

    var kind: EventKind { EventKind(rawValue: form[ID.kind]) ?? .birth }

    /// Enables what applies to the choices made: birth details for a birth, the pregnancy start for a
    /// birth or a miscarriage, a bill's details once its item is chosen, the employer's account when it is paid.
    mutating func sync() {
        let birth = kind == .birth
        for id in [ID.delivery, ID.babies, ID.dystocia] { form.setEnabled(id, birth) }
        form.setEnabled(ID.start, kind != .operations)
        for n in Self.billRows where has(ID.item(n)) {
            let used = !form[ID.item(n)].isEmpty
            for id in [ID.hospital(n), ID.billNo(n), ID.amount(n)] where has(id) { form.setEnabled(id, used) }
        }
        let employerPaid = form[ID.payee] == Payee.employer.rawValue
        if has(ID.employerAccount) { form.setEnabled(ID.employerAccount, employerPaid) }
        // Her own account pays the medical costs; the allowance alone paid to the employer needs none.
        if has(ID.account) { form.setEnabled(ID.account, !(type == .allowance && employerPaid)) }
        if has(ID.referral) { form.setEnabled(ID.referral, birth) }
    }

    /// Puts a reason on a field and focuses it.
    mutating func mark(_ id: String, _ reason: Message) { form.mark(id, reason) }

    func label(_ id: String) -> String { form.fields.first { $0.id == id }?.label ?? id }

    /// "field: reason" for the message line, the field named as on the form.
    func message(_ id: String, _ reason: Message) -> Message {
        Message("error.field", [.text(label(id)), .message(reason)])
    }

    // MARK: reading the form

    /// What the form says, read after every field passed its own check.
    struct Input {
        var event: MaternityEvent
        var bills: [(row: Int, item: MedicalItem, hospital: String, billNo: String, amount: Money)]
        var grade3: Bool
        var payee: Payee
        var account: BankAccount?
        var employerAccount: BankAccount?
        var referNewborns: Bool

        var items: [(MedicalItem, Money)] { bills.map { ($0.item, $0.amount) } }
    }

    struct Problem: Error {
        let id: String
        let reason: Message
    }

    /// The checks across fields (a miscarriage needs its start, a bill must belong to the event…);
    /// the first problem names the field to focus.
    func input() throws(Problem) -> Input {
        func attempt<T>(_ id: String, _ body: () throws -> T) throws(Problem) -> T {
            do { return try body() } catch let e as FieldError { throw Problem(id: id, reason: e.reason) }
            catch let e as UserFacingError { throw Problem(id: id, reason: e.message) }
            catch { throw Problem(id: id, reason: Message("tui.unexpected", texts: "\(error)")) }
        }
        let date = try attempt(ID.date) { try CalendarDate.parse(form[ID.date].trimmingSpaces, field: .eventDate) }
        let startText = form[ID.start].trimmingSpaces
        var start: CalendarDate?
        if !startText.isEmpty { start = try attempt(ID.start) { try CalendarDate.parse(startText, field: .gestationStart) } }
        var birth: Birth?
        var miscarriage: Gestation?
        switch kind {
        case .birth:
            // No start given: a full-term pregnancy (280 days), as on the command line.
            let gestation = try attempt(ID.start) { try Gestation(start: start ?? Gestation.fullTermStart(endingOn: date), end: date) }
            birth = Birth(babies: Int(form[ID.babies].trimmingSpaces) ?? 1, delivery: DeliveryType(rawValue: form[ID.delivery]) ?? .natural,
                          dystocia: form[ID.dystocia] == "yes", gestation: gestation)
        case .miscarriage:
            guard let start else { throw Problem(id: ID.start, reason: Message("reason.required")) }
            miscarriage = try attempt(ID.start) { try Gestation(start: start, end: date) }
        case .operations:
            break
        }
        let chosen = [ID.op1, ID.op2].compactMap { id in FamilyPlanningOperation(rawValue: form[id]).map { (id, $0) } }
        if kind == .operations, chosen.isEmpty { throw Problem(id: ID.op1, reason: Message("tui.claim.reason.operationNeeded")) }
        if chosen.count == 2, chosen[0].1 == chosen[1].1 { throw Problem(id: ID.op2, reason: Message("tui.claim.reason.operationTwice")) }
        let event = try attempt(ID.date) { try MaternityEvent(date: date, birth: birth, miscarriage: miscarriage, operations: chosen.map(\.1)) }

        var bills: [(row: Int, item: MedicalItem, hospital: String, billNo: String, amount: Money)] = []
        for n in Self.billRows where has(ID.item(n)) && !form[ID.item(n)].isEmpty {
            guard let item = Self.item(form[ID.item(n)], in: event) else {
                throw Problem(id: ID.item(n), reason: Message("tui.claim.reason.itemNotInEvent"))
            }
            let amount = try attempt(ID.amount(n)) { try Money.parseYuan(form[ID.amount(n)], field: .amount) }
            let hospital = form[ID.hospital(n)].trimmingSpaces, billNo = form[ID.billNo(n)].trimmingSpaces
            if has(ID.billNo(n)), bills.contains(where: { $0.hospital == hospital && $0.billNo == billNo }) {
                throw Problem(id: ID.billNo(n), reason: Message("reason.bill.repeated", texts: billNo))
            }
            bills.append((n, item, hospital, billNo, amount))
        }
        if type == .medical, bills.isEmpty {
            throw Problem(id: ID.item(1), reason: Message("tui.claim.reason.billNeeded"))
        }
        let payee = Payee(rawValue: form[ID.payee]) ?? .person
        var account: BankAccount?
        if has(ID.account), !(type == .allowance && payee == .employer) {
            account = try attempt(ID.account) { try BankAccount(form[ID.account]) }
        }
        var employerAccount: BankAccount?
        if payee == .employer, has(ID.employerAccount) {
            employerAccount = try attempt(ID.employerAccount) { try BankAccount(form[ID.employerAccount]) }
        }
        return Input(event: event, bills: bills, grade3: form[ID.grade3] == "yes", payee: payee, account: account,
                     employerAccount: employerAccount, referNewborns: has(ID.referral) && birth != nil && form[ID.referral] == "yes")
    }

    /// A bill's item as the calculator knows it, or nil when the event has no such part
    /// (a delivery bill for a miscarriage, an operation that was not done).
    static func item(_ code: String, in e: MaternityEvent) -> MedicalItem? {
        switch code {
        case "prenatal": return e.birth != nil || e.miscarriage != nil ? .prenatal : nil
        case "delivery": return e.birth.map { .delivery($0.delivery) }
        case "miscarriage": return e.miscarriage != nil ? .miscarriage : nil
        default:
            guard let op = FamilyPlanningOperation(rawValue: code), e.operations.contains(op) else { return nil }
            return .operation(op)
        }
    }

    /// The form's field id for a field a service names (a bill's by its number).
    func fieldID(for e: FieldError, bills: [(row: Int, item: MedicalItem, hospital: String, billNo: String, amount: Money)]) -> String? {
        switch e.field {
        case .billNo, .hospital, .amount:
            let text = e.reason.args.first.flatMap { if case .text(let t) = $0 { t } else { nil } }
            let row = bills.first { $0.billNo == text }?.row ?? bills.first?.row
            return row.map { e.field == .billNo ? ID.billNo($0) : e.field == .hospital ? ID.hospital($0) : ID.amount($0) }
        case .eventDate: return ID.date
        case .gestationStart: return ID.start
        case .babies: return ID.babies
        case .payee: return has(ID.payee) ? ID.payee : nil
        case .account:
            return e.reason.key == "reason.account.employer" || form[ID.payee] == Payee.employer.rawValue ? ID.employerAccount : ID.account
        default: return nil
        }
    }

    // MARK: drawing

    /// Every input of a row after the first starts at the second column stop, so the columns line up.
    enum Row { case fields([String]), blank, billTitles, bill(Int) }

    var rows: [Row] {
        var rows: [Row] = [.fields([ID.date, ID.kind]), .fields([ID.delivery]), .fields([ID.babies, ID.dystocia]),
                           .fields([ID.start]), .fields([ID.op1, ID.op2])]
        if type.claimsMedical { rows += [.blank, .billTitles] + Self.billRows.map { .bill($0) } + [.fields([ID.grade3])] }
        if !estimate { rows += [.blank, .fields([ID.payee, ID.referral]), .fields([ID.account]), .fields([ID.employerAccount])] }
        return rows.compactMap { row in
            guard case .fields(let ids) = row else { return row }
            let present = ids.filter(has)
            return present.isEmpty ? nil : .fields(present)
        }
    }

    func index(_ id: String) -> Int? { form.fields.firstIndex { $0.id == id } }

    /// Draws the form from `area.row`; the focused field's error or hint goes on the area's last row.
    mutating func draw(_ canvas: inout Canvas, area: Rect, ui: UIContext) -> Point? {
        let lines = rows
        let fieldRows = lines.compactMap { if case .fields(let ids) = $0 { ids } else { nil } }
        let labels = Dictionary(form.fields.map { ($0.id, DisplayWidth.of($0.label)) }, uniquingKeysWith: { a, _ in a })
        let width = { (id: String) in labels[id] ?? 0 }
        let firstLabel = (fieldRows.map { width($0[0]) }.max() ?? 0) + 2
        let firstInput = fieldRows.filter { $0.count > 1 }.compactMap { index($0[0]).map { form.fields[$0].width } }.max() ?? 0
        let secondStop = area.col + firstLabel + firstInput + 3
        let secondLabel = (fieldRows.filter { $0.count > 1 }.map { width($0[1]) }.max() ?? 0) + 2
        var caret: Point?
        var row = area.row
        for line in lines {
            switch line {
            case .blank: break
            case .fields(let ids):
                for (n, id) in ids.enumerated() {
                    guard let i = index(id) else { continue }
                    let col = n == 0 ? area.col : secondStop
                    let labelWidth = n == 0 ? firstLabel : secondLabel
                    canvas.put(form.fields[i].label, row: row, col: col, width: labelWidth, style: form.fields[i].isEnabled ? .label : .dim)
                    if let c = drawInput(i, &canvas, row: row, col: col + labelWidth, right: area.col + area.cols) { caret = c }
                }
            case .billTitles:
                for (title, col) in billColumns(area, ui) { canvas.put(title, row: row, col: col, style: .label) }
            case .bill(let n):
                canvas.put(String(n), row: row, col: area.col, style: .label)
                for (id, col) in zip([ID.item(n), ID.hospital(n), ID.billNo(n), ID.amount(n)].filter(has), billColumns(area, ui).dropFirst().map(\.1)) {
                    if let i = index(id), let c = drawInput(i, &canvas, row: row, col: col, right: area.col + area.cols) { caret = c }
                }
            }
            row += 1
        }
        // The focused field's error (it stays after the message line has moved on; while the message line
        // says it, the hint shows instead) or its hint, on the last rows: two when it is long, never cut.
        let focused = form.focused
        var note: (text: String, style: Style)?
        if let e = focused.error, ui.message?.text != ui.text(message(focused.id, e)) {
            note = (ui.text(message(focused.id, e)), .error)
        } else if !focused.hint.isEmpty {
            note = (ui.text("tui.claim.hintLine", focused.label, focused.hint), .dim)
        }
        if let note {
            let pieces = ScrollText.wrap(note.text, width: area.cols).prefix(max(1, area.row + area.rows - row))
            for (i, piece) in pieces.enumerated() {
                canvas.put(piece, row: area.row + area.rows - pieces.count + i, col: area.col, width: area.cols, style: note.style)
            }
        }
        return caret
    }

    /// The bill grid's column titles and where each column starts: number, item, hospital, bill number, amount.
    func billColumns(_ area: Rect, _ ui: UIContext) -> [(String, Int)] {
        var out = [("#", area.col)]
        var col = area.col + 3
        let parts: [(String, String)] = [(ID.item(1), "tui.claim.label.item"), (ID.hospital(1), "field.hospital"),
                                         (ID.billNo(1), "field.billNo"), (ID.amount(1), "tui.claim.label.amountYuan")]
        for (id, key) in parts where has(id) {
            out.append((ui.text(key), col))
            col += (index(id).map { form.fields[$0].width } ?? 10) + 2
        }
        return out
    }

    /// One input as `Form` draws it (choices as "< label >"), clipped at `right`; returns the caret when focused.
    mutating func drawInput(_ i: Int, _ canvas: inout Canvas, row: Int, col: Int, right: Int) -> Point? {
        let f = form.fields[i]
        let focused = i == form.focus
        let width = min(f.width, right - col)
        let style: Style = !f.isEnabled ? .dim : f.error != nil ? .inputError : focused ? .inputFocused : .input
        if let label = f.choiceLabel {
            canvas.fill(row: row, col: col, width: width, style: style)
            canvas.put("< " + label + " >", row: row, col: col, width: width, style: style)
            return focused ? Point(row: row, col: col) : nil
        }
        let c = form.fields[i].input.draw(&canvas, row: row, col: col, width: width, style: style)
        return focused ? Point(row: row, col: c) : nil
    }
}
