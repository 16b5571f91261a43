import GRDB
import OneWindowCore

/// The bills of medical-costs claims: (hospital, bill number) is never paid twice.
public struct ClaimBills {
    let db: Database

    /// The bills of these claims, by id.
    public func of(claimIDs: [Int64]) throws -> [ClaimBill] {
        guard !claimIDs.isEmpty else { return [] }
        return try ClaimBill.fetchAll(db, sql: "SELECT * FROM claimBill WHERE claimID IN (\(IDList.marks(claimIDs.count))) ORDER BY id",
                                      arguments: StatementArguments(claimIDs))
    }

    /// The live counter claim the bill is on, if it was already claimed.
    public func liveClaim(hospital: String, billNo: String) throws -> Claim? {
        let ended = ClaimStatus.ended.map(\.rawValue)
        var arguments: StatementArguments = [hospital, billNo]
        arguments += StatementArguments(ended)
        return try Claim.fetchOne(db, sql: """
            SELECT c.* FROM claimBill b JOIN claim c ON c.id = b.claimID
            WHERE b.hospital = ? AND b.billNo = ? AND c.status NOT IN (\(IDList.marks(ended.count))) LIMIT 1
            """, arguments: arguments)
    }

    /// Stores a new bill line and sets its id.
    public func insert(_ bill: inout ClaimBill) throws { try bill.insert(db) }
}

extension StoreTx { public var claimBills: ClaimBills { ClaimBills(db: db) } }
