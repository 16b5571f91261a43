import OneWindowCore

/// The bills of medical-costs claims: (hospital, bill number) is never paid twice.
public struct ClaimBills {
    let sql: any SQLExecutor

    /// The bills of these claims, by id.
    public func of(claimIDs: [Int64]) throws -> [ClaimBill] {
        guard !claimIDs.isEmpty else { return [] }
        return try sql.fetchAll(ClaimBill.self, "SELECT * FROM claimBill WHERE claimID IN (\(IDList.marks(claimIDs.count))) ORDER BY id",
                                claimIDs.map(SQLValue.int64))
    }

    /// The live counter claim the bill is on, if it was already claimed.
    public func liveClaim(hospital: String, billNo: String) throws -> Claim? {
        let ended = ClaimStatus.ended.map { SQLValue.text($0.rawValue) }
        return try sql.fetchOne(Claim.self, """
            SELECT c.* FROM claimBill b JOIN claim c ON c.id = b.claimID
            WHERE b.hospital = ? AND b.billNo = ? AND c.status NOT IN (\(IDList.marks(ended.count))) LIMIT 1
            """, [.text(hospital), .text(billNo)] + ended, cached: true)
    }

    /// Stores a new bill line and sets its id.
    public func insert(_ bill: inout ClaimBill) throws { bill.id = try sql.insertReturningID(bill, into: "claimBill") }
}

extension StoreTx { public var claimBills: ClaimBills { ClaimBills(sql: sql) } }
