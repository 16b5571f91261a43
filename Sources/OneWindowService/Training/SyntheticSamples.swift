import OneWindowCore
import OneWindowStore

extension SyntheticPopulation {
    public static func count(_ ctx: ServiceContext) throws -> (persons: Int, employers: Int) {
        try ctx.store.read { tx in (try tx.persons.count(), try tx.employers.count()) }
    }

    /// `count` persons picked at random (reproducibly): their full IDs and names, what a clerk would type.
    public static func samples(_ ctx: ServiceContext, count: Int, seed: UInt64 = 42) throws -> [(id: CitizenID, name: String)] {
        try ctx.store.read { tx in
            guard let maxID = try tx.persons.maxID(), maxID > 0 else { return [] }
            var rng = SplitMix64(seed: seed)
            return try (0..<count).compactMap { _ in
                let id = Int64(rng.next() % UInt64(maxID)) + 1
                guard let person = try tx.persons.first(fromID: id) else { return nil }
                return (person.citizen, person.name)
            }
        }
    }
}
