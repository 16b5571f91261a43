import OneWindowCore
import OneWindowService

/// OW31 the claim's event form: the event, the bills (medical costs), who is paid. Enter validates and
/// computes what the person gets (BenefitService.estimate), shown line by line with the rule behind
/// each figure and unconfirmed regional figures marked; then F5 submits (ClaimService.submit) and the
/// receipt replaces this screen. In estimate mode ("what would I get?") nothing is asked about payment
/// and nothing can be submitted. Esc or Tab goes from the result back to the form.
public final class ClaimFormScreen: Screen {
    public let screenID = "OW31"
    let id: CitizenID
    let type: ClaimType
    let estimate: Bool
    let factory: ScreenFactory
    var claim: ClaimForm
    let person: String?
    var showingResult = false
    var result = ScrollText()
    /// What Enter last read and computed; F5 files it only while the form still validates (`form.isValidated`).
    var validatedInput: ClaimForm.Input?
    /// Why F5 would be refused although every field is right (the allowance refused or not computable).
    var blocker: Message?
    /// Claims already on file for this event and kind (newest first): named on Enter, asked about on F5.
    var earlier: [EarlierClaim] = []
    /// What Enter computed, kept so the result can be redrawn when a duplicate turns up only at F5.
    var estimated: BenefitService.Estimate?

    init(ui: UIContext, id: CitizenID, type: ClaimType, estimate: Bool, factory: ScreenFactory) {
        self.id = id
        self.type = type
        self.estimate = estimate
        self.factory = factory
        claim = ClaimForm(type: type, estimate: estimate, ui: ui)
        person = ClaimKit.personLine(id, ui)
    }

    public var title: Message {
        Message(estimate ? "tui.claim.title.estimateForm" : "tui.claim.title.form", [.message(Message(type.shortKey))])
    }

    public var hasUnsavedInput: Bool { claim.form.isDirty }

    public func help(_ ui: UIContext) -> Message { Message(estimate ? "help.OW31.estimate" : "help.OW31") }

    public func helpFields(_ ui: UIContext) -> [HelpField] { claim.form.helpFields(ui) { "tui.claim.help.\($0)" } }

    public func keyHints(_ ui: UIContext) -> [KeyHint] {
        var hints: [KeyHint] = []
        if showingResult {
            if !estimate { hints.append(KeyHint("F5", ui.text("tui.claim.key.submit"))) }
            if result.overflows { hints.append(KeyHint("F7/F8", ui.text("tui.key.page"))) }
            hints.append(KeyHint("Esc", ui.text("tui.claim.key.edit")))
        } else {
            hints.append(KeyHint("Enter", ui.text(estimate ? "tui.claim.key.estimate" : "tui.claim.key.compute")))
            if !estimate, claim.form.isValidated { hints.append(KeyHint("F5", ui.text("tui.claim.key.submit"))) }
        }
        hints.append(KeyHint("F3", ui.text("tui.key.back")))
        return hints
    }

    public func draw(_ canvas: inout Canvas, area: Rect, ui: UIContext) -> Point? {
        if let person {
            canvas.put(ui.text("tui.claim.applicant", person), row: area.row, col: area.col, width: area.cols, style: .heading)
        }
        let body = Rect(row: area.row + 2, col: area.col, rows: area.rows - 2, cols: area.cols)
        if showingResult {
            result.draw(&canvas, area: body, indicator: ClaimKit.pageIndicator(ui))
            return nil
        }
        return claim.draw(&canvas, area: body, ui: ui)
    }

    public func handle(_ key: Key, ui: UIContext) -> Navigation {
        switch key {
        case .enter:
            validate(ui)
            return .stay
        case .function(5):
            return submit(ui)
        default:
            break
        }
        if showingResult {
            switch key {
            case .escape, .function(12), .tab, .backTab:
                showingResult = false
                return .stay
            default:
                return result.handle(key) ? .stay : .unhandled
            }
        }
        guard claim.form.handle(key, ui: ui) else { return .unhandled }
        claim.sync()
        return .stay
    }

    // MARK: Enter

    /// Field checks, then the checks across fields, then the bills against the direct-settlement list,
    /// then the computation; any problem focuses its field and names it on the message line.
    func validate(_ ui: UIContext) {
        validatedInput = nil
        blocker = nil
        earlier = []
        showingResult = false
        guard claim.form.validate(ui: ui) else { return }
        let input: ClaimForm.Input
        do {
            input = try claim.input()
        } catch {
            fail(error.id, error.reason, ui)
            return
        }
        guard let services = ui.services else { return }
        let benefits = BenefitService(services)
        // A bill a designated hospital already settled with the fund is refused here, before any computing.
        for b in input.bills where claim.has(ClaimForm.ID.billNo(b.row)) {
            guard let settled = ui.run({ try benefits.directlySettled(hospital: b.hospital, billNo: b.billNo) }) else { return }
            if settled {
                fail(ClaimForm.ID.billNo(b.row), Message("tui.claim.reason.settledDirectly", texts: b.billNo, b.hospital), ui)
                return
            }
        }
        let id = self.id
        guard let e = ui.run(onField: { self.mark($0, input) }, {
            try benefits.estimate(id, event: input.event, items: input.items, grade3Hospital: input.grade3)
        }) else { return }
        if !estimate, type.claimsAllowance, input.payee == .employer {
            if e.period.employer == nil {
                fail(ClaimForm.ID.payee, Message("reason.payee.noEmployer"), ui)
                return
            }
            if let rules = try? services.policies.period(e.region, input.event.date.yearMonth), !rules.allowance.employerMayBePayee.value {
                fail(ClaimForm.ID.payee, Message("reason.payee.notInRegion"), ui)
                return
            }
        }
        if !estimate, type.claimsAllowance { blocker = Self.allowanceBlocker(e) }
        guard let found = lookUpEarlier(input, services, ui) else { return }
        earlier = found
        estimated = e
        result.set(resultLines(e, input, ui))
        showingResult = true
        validatedInput = input
        claim.form.markValidated([], ui: ui, message: Message(estimate ? "tui.claim.estimated" : "tui.claim.validated"))
        if let blocker {
            ui.fail(blocker)
        } else if let c = earlier.first {
            ui.fail(Message("tui.claim.duplicate.found", texts: c.receiptNo.value, c.submittedOn.description))
        }
    }

    /// The result again, from what Enter computed (a duplicate found at F5 joins its top).
    func refreshResult(_ ui: UIContext) {
        guard let e = estimated, let input = validatedInput else { return }
        result.set(resultLines(e, input, ui))
    }

    /// The allowance cannot be filed: refused, no wage to compute it from, or no allowance days.
    static func allowanceBlocker(_ e: BenefitService.Estimate) -> Message? {
        if case .refused(let why) = e.eligibility.verdict { return Message("error.claim.refused", [.message(why)]) }
        guard let amount = e.allowance else { return Message("error.claim.noBasis") }
        return amount > .zero ? nil : Message("error.claim.noAllowanceDays")
    }

    func fail(_ fieldID: String, _ reason: Message, _ ui: UIContext) {
        showingResult = false
        claim.mark(fieldID, reason)
        ui.fail(claim.message(fieldID, reason))
    }

    /// A service's field error, put on the field it names; "field: reason" for the message line.
    func mark(_ e: FieldError, _ input: ClaimForm.Input) -> Message? {
        showingResult = false
        guard let fieldID = claim.fieldID(for: e, bills: input.bills) else { return nil }
        claim.mark(fieldID, e.reason)
        return claim.message(fieldID, e.reason)
    }

    /// The result: what each claim pays and to whom, the deferral and the referral, a note when a
    /// figure is an unconfirmed sample, then the computation line by line.
    func resultLines(_ e: BenefitService.Estimate, _ input: ClaimForm.Input, _ ui: UIContext) -> [ScrollText.Line] {
        var out = [ScrollText.Line(ui.text(estimate ? "tui.claim.result.estimateHeading" : "tui.claim.result.heading"), style: .heading)]
        out += duplicateLines(ui)
        out.append(ScrollText.Line(ui.text("tui.claim.result.event", ClaimText.event(input.event, ui.strings)), indent: 2))
        var total = Money.zero
        var computation: [ComputationLine] = []
        if type.claimsAllowance {
            computation += e.allowanceComputation
            switch (e.eligibility.verdict, e.allowance) {
            case (.refused, _):
                out.append(ScrollText.Line(ui.text("tui.claim.result.allowanceRefused"), style: .error, indent: 2))
            case (_, nil):
                out.append(ScrollText.Line(ui.text("tui.claim.result.allowanceNoBasis"), style: .error, indent: 2))
            case (.deferred(let from), let amount?):
                total = total + amount
                let when = from.map { ui.text("out.claim.deferredFrom", $0.description) } ?? ui.text("out.claim.deferredOpen")
                out.append(ScrollText.Line(ui.text("tui.claim.result.allowance") + " " + when, style: .warning, indent: 2,
                                           figure: amount.grouped))
            case (.eligible, let amount?):
                total = total + amount
                out.append(ScrollText.Line(ui.text("tui.claim.result.allowance"), indent: 2, figure: amount.grouped))
            }
        }
        if type.claimsMedical, !e.medical.isEmpty {
            computation += e.medicalComputation
            total = total + e.medicalTotal
            out.append(ScrollText.Line(ui.text("tui.claim.result.medical"), indent: 2, figure: e.medicalTotal.grouped))
        }
        out.append(ScrollText.Line(ui.text("tui.claim.result.total"), style: .heading, indent: 2, figure: total.grouped))
        if !estimate {
            let account = input.payee == .employer ? input.employerAccount : input.account
            let payee = input.payee == .employer ? ui.text("tui.claim.payee.employer") : e.person.name
            if type.claimsAllowance {
                out.append(ScrollText.Line(ui.text("tui.claim.result.paidTo", ui.text("claimKind.allowance"), payee,
                                                   account?.masked ?? ""), indent: 2))
            }
            if type.claimsMedical, !input.bills.isEmpty {
                out.append(ScrollText.Line(ui.text("tui.claim.result.paidTo", ui.text("claimKind.medical"), e.person.name,
                                                   input.account?.masked ?? ""), indent: 2))
            }
            if input.referNewborns, let babies = input.event.birth?.babies {
                out.append(ScrollText.Line(ui.text("tui.claim.result.referral", String(babies)), indent: 2))
            }
        }
        if computation.contains(where: { !$0.confirmed }) {
            out.append(ScrollText.Line(ui.text("tui.claim.result.sample"), style: .warning, indent: 2))
        }
        if let blocker { out.append(ScrollText.Line(ui.text(blocker), style: .error, indent: 2)) }
        out.append(ScrollText.Line(""))
        out.append(ScrollText.Line(ui.text("tui.claim.result.details"), style: .heading))
        return out + ClaimKit.computation(computation, ui)
    }

    // MARK: F5

    func submit(_ ui: UIContext) -> Navigation {
        if estimate {
            ui.say("tui.claim.estimateOnly")
            return .stay
        }
        guard let input = validatedInput, claim.form.isValidated, ui.services != nil else {
            ui.fail(Message("tui.claim.validateFirst"))
            return .stay
        }
        if let blocker {
            ui.fail(blocker)
            return .stay
        }
        return earlier.isEmpty ? file(ui, input, allowDuplicate: false) : askAgain(ui, input)
    }
}
