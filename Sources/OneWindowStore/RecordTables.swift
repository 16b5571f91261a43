import GRDB
import OneWindowCore

// The domain records' mapping to their tables. Only the store knows them as rows.

extension DirectSettlement: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "directSettlement"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension WageDeclaration: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "wageDeclaration"
}

extension PolicyAmendment: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "policyPeriod"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension ContributionPayment: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "contributionPayment"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension ContributionCharge: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "contribution"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension ContributionBase: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "contributionBase"
}

extension Enrolment: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "enrolment"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension Person: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "person"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension Employer: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "employer"
}

extension OperatorAccount: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "operator"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension PaymentOrder: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "paymentOrder"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension ClaimBill: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "claimBill"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension Claim: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "claim"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension Receipt: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "receipt"
}

extension TrainingAttempt: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "trainingAttempt"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension TrainingCastEntry: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "trainingCast"
}

extension AuditRecord: FetchableRecord {
    public static let databaseTableName = "audit"
}
