/// The input fields a user can get wrong; each has a name in the string tables (`field.<rawValue>`).
public enum Field: String, Sendable, CaseIterable {
    case citizenID, name, creditCode, employerName, employer, region, employerKind
    case unifiedFrom, category, base, month, fromMonth, date, amount, role, operatorName
    case password, rate, source, sex
    case babies, gestationStart, eventDate, wage, account, delivery, operation
    case receipt, hospital, billNo, bill, rejectReason, note, payee, claim, payment
    case document, ledgerEntry, fundItem, year, settlementFile
    case bankFile, bankReference, bankStatus, bankReason
    case auditAnchor
    case backupFile

    public var messageKey: String { "field.\(rawValue)" }
}
