import OneWindowCore
import OneWindowService

/// The duplicate-claim guard on OW31 (issue 9, item 3): a claim of the same kind for the same event,
/// live or paid, is named on Enter (result and message line) and F5 asks before filing it again. A clerk
/// retrying after a crash or a hung terminal must not file the same claim twice without knowing it.
extension ClaimFormScreen {
    /// What F5 files: the validated input as the service takes it.
    static func request(_ id: CitizenID, _ type: ClaimType, _ input: ClaimForm.Input) throws -> ClaimRequest {
        // The allowance alone paid to the employer: her own account is not asked for.
        guard let account = input.account ?? input.employerAccount else { throw FieldError(.account, "reason.required") }
        let bills = try input.bills.map { try MedicalBill(item: $0.item, hospital: $0.hospital, billNo: $0.billNo, actual: $0.amount) }
        return ClaimRequest(claimant: id, event: input.event, allowance: type.claimsAllowance, bills: bills,
                            grade3Hospital: input.grade3, payee: input.payee, account: account,
                            employerAccount: input.employerAccount, referNewborns: input.referNewborns)
    }

    /// Enter: the claims already on file for this event and kind (none for an estimate, or when the
    /// request cannot be built yet: F5 then names the field). Nil when the lookup failed (said).
    func lookUpEarlier(_ input: ClaimForm.Input, _ services: ServiceContext, _ ui: UIContext) -> [EarlierClaim]? {
        guard !estimate, let request = try? Self.request(id, type, input) else { return [] }
        return ui.run { try ClaimService(services).earlierClaims(for: request) }
    }

    /// One warning line per earlier claim, for the top of the result: receipt, date filed, event, status.
    func duplicateLines(_ ui: UIContext) -> [ScrollText.Line] {
        earlier.map { ScrollText.Line(ui.text(Self.duplicateText($0)), style: .warning, indent: 2) }
    }

    static func duplicateText(_ c: EarlierClaim) -> Message {
        Message("tui.claim.duplicate.line", [.message(Message(c.kind.messageKey)), .text(c.receiptNo.value),
                                             .text(c.submittedOn.description), .text(c.eventDate.description),
                                             .message(Message(c.status.messageKey))])
    }

    /// "Already filed as SY… on …: file again?" — Y (or F5) files it knowingly; Enter or Esc files nothing.
    func askAgain(_ ui: UIContext, _ input: ClaimForm.Input) -> Navigation {
        let c = earlier[0]
        return .confirmSave(Message("tui.claim.duplicate.ask", [.text(c.receiptNo.value), .text(c.submittedOn.description),
                                                               .message(Message(c.kind.messageKey))]),
                            then: { self.file(ui, input, allowDuplicate: true) })
    }

    /// Files the claim; a duplicate found only now (another counter filed it meanwhile) is named and
    /// asked about exactly as one found on Enter.
    func file(_ ui: UIContext, _ input: ClaimForm.Input, allowDuplicate: Bool) -> Navigation {
        guard let services = ui.services else { return .stay }
        let (id, type) = (self.id, self.type)
        var raced: DuplicateClaimError?
        let filed = ui.run(onField: { self.mark($0, input) }) { () throws -> ReceiptView? in
            do {
                return try ClaimService(services).submit(Self.request(id, type, input), allowDuplicate: allowDuplicate)
            } catch let e as DuplicateClaimError {
                raced = e
                return nil
            }
        }
        if let raced {
            earlier = raced.earlier
            refreshResult(ui)
            ui.fail(Message("tui.claim.duplicate.found", texts: earlier[0].receiptNo.value, earlier[0].submittedOn.description))
            return askAgain(ui, input)
        }
        guard let receipt = filed ?? nil else {
            claim.form.dropValidation()
            validatedInput = nil
            return .stay
        }
        claim.form.markSaved()
        // The receipt screen is built (and loads) first, so the confirmation is what stays on the message line.
        let screen = factory.receipt(ui, receipt.receipt.receiptNo)
        ui.say("tui.claim.submitted", receipt.receipt.receiptNo.value, receipt.total.grouped)
        return .replace(screen)
    }
}
