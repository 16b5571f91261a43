import GRDB
import OneWindowCore

/// Claims filed at the counter (one receipt holds one or more), with their decision and payment state.
public struct Claims {
    let db: Database

    public func find(id: Int64) throws -> Claim? { try Claim.fetchOne(db, key: id) }

    /// The claims with these ids, by id (ids with no claim are left out).
    public func find(ids: [Int64]) throws -> [Claim] {
        try IDList.chunked(ids) { marks, chunk in
            try Claim.fetchAll(db, sql: "SELECT * FROM claim WHERE id IN (\(marks)) ORDER BY id", arguments: StatementArguments(chunk))
        }
    }

    /// Every claim, by id.
    public func all() throws -> [Claim] { try Claim.fetchAll(db, sql: "SELECT * FROM claim ORDER BY id") }

    /// Claims where the person is the claimant or the insured, newest first.
    public func of(personID: Int64) throws -> [Claim] {
        try Claim.fetchAll(db, sql: "SELECT * FROM claim WHERE personID = ? OR insuredID = ? ORDER BY id DESC",
                           arguments: [personID, personID])
    }

    /// The claims filed on one receipt, in filing order.
    public func on(_ receipt: ReceiptNumber) throws -> [Claim] {
        try Claim.fetchAll(db, sql: "SELECT * FROM claim WHERE receiptNo = ? ORDER BY id", arguments: [receipt.value])
    }

    /// Claims naming the employer, newest first.
    public func of(employer code: CreditCode) throws -> [Claim] {
        try Claim.fetchAll(db, sql: "SELECT * FROM claim WHERE employerCode = ? ORDER BY id DESC", arguments: [code.value])
    }

    /// The supervisor's queue: claims awaiting a decision, oldest first.
    public func awaitingDecision() throws -> [Claim] {
        try Claim.fetchAll(db, sql: "SELECT * FROM claim WHERE status = ? ORDER BY id", arguments: [ClaimStatus.submitted.rawValue])
    }

    /// Claims back at the counter for documents, oldest first; only those `submittedBy` took, when given.
    public func returned(submittedBy: String?) throws -> [Claim] {
        if let submittedBy {
            return try Claim.fetchAll(db, sql: "SELECT * FROM claim WHERE status = ? AND submittedBy = ? ORDER BY id",
                                      arguments: [ClaimStatus.returned.rawValue, submittedBy])
        }
        return try Claim.fetchAll(db, sql: "SELECT * FROM claim WHERE status = ? ORDER BY id", arguments: [ClaimStatus.returned.rawValue])
    }

    /// Live claims of other persons that name `account`, by id.
    public func sharing(_ account: BankAccount, notPerson personID: Int64) throws -> [Claim] {
        let ended = ClaimStatus.ended.map(\.rawValue)
        var arguments: StatementArguments = [account.value, personID]
        arguments += StatementArguments(ended)
        return try Claim.fetchAll(db, sql: """
            SELECT * FROM claim WHERE account = ? AND personID <> ?
            AND status NOT IN (\(IDList.marks(ended.count))) ORDER BY id
            """, arguments: arguments)
    }

    /// Stores a new claim and sets its id.
    public func insert(_ claim: inout Claim) throws { try claim.insert(db) }

    /// Stores a changed claim (status, decision, note).
    public func update(_ claim: Claim) throws { try claim.update(db) }
}

extension StoreTx { public var claims: Claims { Claims(db: db) } }
