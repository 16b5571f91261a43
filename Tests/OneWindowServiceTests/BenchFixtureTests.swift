import Foundation
import GRDB
import OneWindowCore
import OneWindowService
import OneWindowStore
import Testing

/// The population `onewindow bench` measures on must be valid data, or the numbers mean nothing.
/// (Its timings are checked by the command only, never here.)
@Suite("Benchmark fixture")
struct BenchFixtureTests {
    @Test("Synthetic persons have valid unique IDs, both schemes in step, and searchable names")
    func population() throws {
        let f = try Fixture(mode: .training)
        let ctx = f.context(.clerk)
        var progress: [Int] = []
        #expect(try BenchFixture.populate(ctx, persons: 1_200, progress: { progress.append($0) }) == 1_200)
        #expect(progress.last == 1_200)
        #expect(try BenchFixture.count(ctx) == (persons: 1_200, employers: 2))
        // Topping up to the same size adds nothing.
        #expect(try BenchFixture.populate(ctx, persons: 1_200) == 0)

        let ids = try f.store.read { db in try String.fetchAll(db, sql: "SELECT citizenID FROM person") }
        #expect(Set(ids).count == 1_200)
        for id in ids { _ = try CitizenID(id, today: Fixture.today) }  // every check character right
        for code in try f.store.read({ db in try String.fetchAll(db, sql: "SELECT code FROM employer") }) {
            _ = try CreditCode(code)
        }
        let samples = try BenchFixture.samples(ctx, count: 20)
        #expect(samples.count == 20)
        for s in samples.prefix(5) {
            let view = try LookupService(ctx).person(s.id)
            #expect(view.mismatch == nil)
            #expect(view.periods(.medical).count == 1 && view.periods(.maternity).count == 1)
            #expect(view.person.name == s.name && (2...4).contains(s.name.count))
            guard case .hits(let hits) = try SearchService(ctx).search(s.name) else { Issue.record("no hits"); continue }
            #expect(hits.contains(.person(view.person)))
        }
        #expect(try AuditService(f.context(.supervisor)).verify().isIntact)
    }

    @Test("Never on a live store")
    func refusesLiveStore() throws {
        let f = try Fixture()
        #expect(throws: DomainError.self) { try BenchFixture.populate(f.clerk, persons: 10) }
        #expect(try f.count("person") == 0)
    }
}
