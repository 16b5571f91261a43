import OneWindowCore

/// Claims filed at the counter (one receipt holds one or more), with their decision and payment state.
public struct Claims {
    let sql: any SQLExecutor

    public func find(id: Int64) throws -> Claim? {
        try sql.fetchOne(Claim.self, "SELECT * FROM claim WHERE id = ?", [.int64(id)], cached: true)
    }

    /// The claims with these ids, by id (ids with no claim are left out).
    public func find(ids: [Int64]) throws -> [Claim] {
        try IDList.chunked(ids) { marks, chunk in
            try sql.fetchAll(Claim.self, "SELECT * FROM claim WHERE id IN (\(marks)) ORDER BY id", chunk.map(SQLValue.int64))
        }
    }

    /// Every claim, by id.
    public func all() throws -> [Claim] { try sql.fetchAll(Claim.self, "SELECT * FROM claim ORDER BY id") }

    /// Claims where the person is the claimant or the insured, newest first.
    public func of(personID: Int64) throws -> [Claim] {
        try sql.fetchAll(Claim.self, "SELECT * FROM claim WHERE personID = ? OR insuredID = ? ORDER BY id DESC",
                         [.int64(personID), .int64(personID)], cached: true)
    }

    /// The claims filed on one receipt, in filing order.
    public func on(_ receipt: ReceiptNumber) throws -> [Claim] {
        try sql.fetchAll(Claim.self, "SELECT * FROM claim WHERE receiptNo = ? ORDER BY id", [.text(receipt.value)], cached: true)
    }

    /// Claims naming the employer, newest first.
    public func of(employer code: CreditCode) throws -> [Claim] {
        try sql.fetchAll(Claim.self, "SELECT * FROM claim WHERE employerCode = ? ORDER BY id DESC", [.text(code.value)], cached: true)
    }

    /// The supervisor's queue: claims awaiting a decision, oldest first.
    public func awaitingDecision() throws -> [Claim] {
        try sql.fetchAll(Claim.self, "SELECT * FROM claim WHERE status = ? ORDER BY id", [.text(ClaimStatus.submitted.rawValue)],
                         cached: true)
    }

    /// Claims back at the counter for documents, oldest first; only those `submittedBy` took, when given.
    public func returned(submittedBy: String?) throws -> [Claim] {
        if let submittedBy {
            return try sql.fetchAll(Claim.self, "SELECT * FROM claim WHERE status = ? AND submittedBy = ? ORDER BY id",
                                    [.text(ClaimStatus.returned.rawValue), .text(submittedBy)], cached: true)
        }
        return try sql.fetchAll(Claim.self, "SELECT * FROM claim WHERE status = ? ORDER BY id", [.text(ClaimStatus.returned.rawValue)],
                                cached: true)
    }

    /// Live claims of other persons that name `account`, by id.
    public func sharing(_ account: BankAccount, notPerson personID: Int64) throws -> [Claim] {
        let ended = ClaimStatus.ended.map { SQLValue.text($0.rawValue) }
        return try sql.fetchAll(Claim.self, """
            SELECT * FROM claim WHERE account = ? AND personID <> ?
            AND status NOT IN (\(IDList.marks(ended.count))) ORDER BY id
            """, [.text(account.value), .int64(personID)] + ended, cached: true)
    }

    /// Stores a new claim and sets its id.
    public func insert(_ claim: inout Claim) throws { claim.id = try sql.insertReturningID(claim, into: "claim") }

    /// Stores a changed claim (status, decision, note).
    public func update(_ claim: Claim) throws { try sql.update(claim, table: "claim") }
}

extension StoreTx { public var claims: Claims { Claims(sql: sql) } }
