import GRDB
import OneWindowCore
import OneWindowStore

extension SyntheticPopulation {
    public static func count(_ ctx: ServiceContext) throws -> (persons: Int, employers: Int) {
        try ctx.store.legacyRead { db in
            (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM person") ?? 0,
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM employer") ?? 0)
        }
    }

    /// `count` persons picked at random (reproducibly): their full IDs and names, what a clerk would type.
    public static func samples(_ ctx: ServiceContext, count: Int, seed: UInt64 = 42) throws -> [(id: CitizenID, name: String)] {
        try ctx.store.legacyRead { db in
            guard let maxID = try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM person"), maxID > 0 else { return [] }
            var rng = SplitMix64(seed: seed)
            return try (0..<count).compactMap { _ in
                let id = Int64(rng.next() % UInt64(maxID)) + 1
                guard let row = try Row.fetchOne(db, sql: "SELECT citizenID, name FROM person WHERE id >= ? ORDER BY id LIMIT 1",
                                                 arguments: [id]) else { return nil }
                return (CitizenID(trusted: row["citizenID"]), row["name"])
            }
        }
    }
}
