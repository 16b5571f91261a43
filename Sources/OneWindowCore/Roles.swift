/// Operator roles. Enforced by the service layer on every call, whatever the UI shows.
public enum Role: String, Sendable, Codable, CaseIterable {
    case admin, supervisor, clerk, trainee
    public var messageKey: String { "role.\(rawValue)" }

    public func allows(_ p: Permission) -> Bool {
        switch p {
        case .manageOperators, .copyStore: self == .admin
        // A backup holds every person; a restore replaces the store: the admin's, as copying it is.
        case .backupStore, .restoreStore: self == .admin
        // `check` reads what `audit verify` and the ledger check read: the roles that may run both.
        case .checkStore: self == .admin || self == .supervisor
        case .setPolicy, .fixReconciliation, .verifyAudit: self == .admin || self == .supervisor
        // Deciding claims and paying them is a supervisor's job; four eyes are checked per claim.
        case .decideClaim, .runPayments: self == .supervisor
        // The fund's books: a supervisor keeps them (entries, transfer, closing a month); admins and trainees
        // (on a training store) may look.
        case .manageFund: self == .supervisor
        case .viewFund: self != .clerk
        // The counter's day (日结): supervisors sign it off; admins and trainees (on a training store) may look.
        case .signOffDay: self == .supervisor
        case .viewDaySummary: self != .clerk
        case .register, .runContributions, .recordPayment, .lookup, .revealID, .submitClaim:
            // Trainees do clerk work, but only ever on a training store (checked with the store's mode).
            true
        }
    }
}

public enum Permission: String, Sendable, CaseIterable {
    case manageOperators, setPolicy, fixReconciliation, verifyAudit, copyStore
    case backupStore, restoreStore, checkStore
    case register, runContributions, recordPayment, lookup, revealID
    case submitClaim, decideClaim, runPayments
    case viewFund, manageFund
    case viewDaySummary, signOffDay
}

/// A real store holds real people; a training store holds synthetic ones. Trainees work only in the latter.
public enum StoreMode: String, Sendable, Codable {
    case live, training
}
