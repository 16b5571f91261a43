/// What a clerk files at the counter: one benefit, or the birth bundle (出生一件事) that files both
/// claims and the newborns' referral on one receipt.
public enum ClaimType: String, Sendable, CaseIterable {
    case allowance, medical, bundle

    public var claimsAllowance: Bool { self != .medical }
    public var claimsMedical: Bool { self != .allowance }
    public var labelKey: String { "tui.claim.type.\(rawValue)" }
    /// The name in titles: "生育津贴", "出生一件事".
    public var shortKey: String { "tui.claim.typeShort.\(rawValue)" }

    /// Only what the system cannot look up itself: the ID card copy, the enrolment and contribution
    /// records and the employer's declared wage are on file, so they are never asked for.
    public var materials: [Material] {
        switch self {
        case .allowance: [.eventProof, .payeeAccount]
        case .medical: [.eventProof, .bills, .ownAccount]
        case .bundle: [.birthProof, .bills, .payeeAccount]
        }
    }

    /// What the counter looks up instead of asking for it.
    public var onFileKey: String { self == .medical ? "tui.claim.onFile.medical" : "tui.claim.onFile.allowance" }
}

/// One item of a claim type's checklist: what the applicant brings, and what it is for (said on the
/// one-time notification 一次性告知书, so she knows why she must come back with it).
public enum Material: String, Sendable, CaseIterable {
    case eventProof, birthProof, bills, payeeAccount, ownAccount
    public var labelKey: String { "tui.claim.material.\(rawValue)" }
    public var purposeKey: String { "material.purpose.\(rawValue)" }
}
