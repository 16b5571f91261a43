import GRDB
import OneWindowCore

/// Bills designated hospitals settled directly with the fund (直接结算), imported from their files.
public struct Settlements {
    let db: Database

    public func find(hospital: String, billNo: String) throws -> DirectSettlement? {
        try DirectSettlement.fetchOne(db, sql: "SELECT * FROM directSettlement WHERE hospital = ? AND billNo = ?",
                                      arguments: [hospital, billNo])
    }

    /// Stores an imported bill unless the hospital's bill is already known: true when stored.
    public func insertIfAbsent(_ settlement: DirectSettlement) throws -> Bool {
        try db.execute(sql: """
            INSERT INTO directSettlement (hospital, billNo, citizenID, settledOn, amountFen) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (hospital, billNo) DO NOTHING
            """, arguments: [settlement.hospital, settlement.billNo, settlement.citizenID, settlement.settledOn, settlement.amountFen])
        return db.changesCount > 0
    }
}

extension StoreTx { public var settlements: Settlements { Settlements(db: db) } }
