import OneWindowCore

/// Bills designated hospitals settled directly with the fund (直接结算), imported from their files.
public struct Settlements {
    let sql: any SQLExecutor

    public func find(hospital: String, billNo: String) throws -> DirectSettlement? {
        try sql.fetchOne(DirectSettlement.self, "SELECT * FROM directSettlement WHERE hospital = ? AND billNo = ?",
                         [.text(hospital), .text(billNo)], cached: true)
    }

    /// Stores an imported bill unless the hospital's bill is already known: true when stored.
    public func insertIfAbsent(_ settlement: DirectSettlement) throws -> Bool {
        try sql.execute("""
            INSERT INTO directSettlement (hospital, billNo, citizenID, settledOn, amountFen) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (hospital, billNo) DO NOTHING
            """, [.text(settlement.hospital), .text(settlement.billNo), .text(settlement.citizenID), .text(settlement.settledOn),
                  .int64(settlement.amountFen)], cached: true) > 0
    }
}

extension StoreTx { public var settlements: Settlements { Settlements(sql: sql) } }
