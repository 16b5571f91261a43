import GRDB
import OneWindowCore

// The GRDB record mapping of the domain records still read through GRDB (Contributions, Enrolments,
// ContributionBases, being moved onto `SQLExecutor`). Every other record is coded by `SQLRecordCoding`.

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
