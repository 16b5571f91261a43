import OneWindowCore
import OneWindowStore

/// A claim already on file for the same event (RiskScreen.sameEvent) and kind, live or paid: what the
/// counter names before filing again ("already filed as SY…-… on …, file anyway?").
public struct EarlierClaim: Sendable, Equatable {
    public let claimID: Int64
    public let receiptNo: ReceiptNumber
    public let kind: ClaimKind
    public let submittedOn: CalendarDate
    public let eventDate: CalendarDate
    public let status: ClaimStatus

    init(_ row: Claim) throws {
        claimID = row.id!
        receiptNo = row.receiptNo
        kind = row.kind
        submittedOn = try CalendarDate.parse(row.submittedOn)
        eventDate = row.event.date
        status = row.status
    }
}

/// `submit` without `allowDuplicate` when the event was already claimed: names the newest earlier claim.
public struct DuplicateClaimError: UserFacingError, Equatable {
    /// Newest first.
    public let earlier: [EarlierClaim]

    public var message: Message {
        let c = earlier[0]
        return Message("error.claim.duplicate", [.text(c.receiptNo.value), .text(c.submittedOn.description),
                                                 .message(Message(c.kind.messageKey)), .text(c.eventDate.description),
                                                 .message(Message(c.status.messageKey))])
    }
}

extension ClaimService {
    /// The claimant's live or paid claims of the kinds `r` files, for the same event: empty when filing
    /// is not a repeat. Read-only; `submit` refuses the same set unless told the repeat is intended.
    public func earlierClaims(for r: ClaimRequest) throws -> [EarlierClaim] {
        try ctx.require(.submitClaim)
        return try ctx.store.read { tx in
            guard let claimant = try tx.persons.find(r.claimant) else { return [] }
            return try Self.earlier(r, live: Self.liveClaims(of: claimant.id!, tx))
        }
    }

    /// Her own live claims (ended ones do not count: ClaimStatus.ended), newest first: the risk flag's
    /// `otherEvents` and the duplicate guard read the same list.
    static func liveClaims(of personID: Int64, _ tx: StoreTx) throws -> [Claim] {
        try tx.claims.of(personID: personID).filter { $0.status.isLive && $0.personID == personID }
    }

    static func earlier(_ r: ClaimRequest, live: [Claim]) throws -> [EarlierClaim] {
        var kinds: Set<ClaimKind> = []
        if r.allowance { kinds.insert(.allowance) }
        if !r.bills.isEmpty { kinds.insert(.medical) }
        let rules = RiskRules()
        return try live.filter { kinds.contains($0.kind) && RiskScreen.sameEvent($0.event, r.event, days: rules.duplicateEventDays) }
            .map(EarlierClaim.init)
    }
}
