import Foundation
import GRDB
import OneWindowCore
import OneWindowService
@testable import OneWindowStore
import Testing

/// What `onewindow bench` holds the month's run against (issue 12, item 6): the run's own lines written
/// as plain SQL in the run's transactions, which inserted into a copy taken before the run give the same
/// lines; and where its scratch copies go.
@Suite("Bench yardstick: raw inserts and scratch copies")
struct BenchYardstickTests {
    static let runMonth = Fixture.today.yearMonth

    static func lines(_ store: Store) throws -> [String] {
        try store.read { tx in try tx.contributions.all() }
            .filter { $0.month == runMonth.description }
            .map { "\($0.id ?? 0) \($0.personID) \($0.item.rawValue) \($0.payer) \($0.employerCode ?? "-") \($0.region) \($0.baseFen) \($0.rateBp) \($0.amountFen) \($0.maternityFen)" }
    }

    @Test("The raw script holds the run's lines, a transaction per 7 persons, and replayed on a copy gives the same rows")
    func rawScriptReplays() throws {
        let f = try Fixture(mode: .training)
        try SyntheticPopulation.populate(f.admin, .sandbox(seed: 11, persons: 150, anchor: Self.runMonth))
        let sqlite = !StoreLocation.isPostgres(f.store.path)
        let before = f.dir.appendingPathComponent("before.sqlite").path
        if sqlite { try Store.scratchCopy(of: f.store.path, to: before) }
        let mark = try f.store.lastContributionID()
        let run = try ContributionService(f.admin).run(month: Self.runMonth, chunkSize: 7)
        let written = try f.store.contributionLines(after: mark)
        #expect(written.count == run.inserted && written.count > 100)
        #expect(written.totalFen == run.total.fen)

        let script = f.dir.appendingPathComponent("raw.sql").path
        let made = try f.store.writeRawContributionInserts(after: mark, personsPerTransaction: 7, to: script)
        let text = try String(contentsOfFile: script, encoding: .utf8)
        #expect(made.lines == written.count)
        #expect(made.transactions == (written.persons + 6) / 7)
        #expect(text.components(separatedBy: "BEGIN;\n").count - 1 == made.transactions)
        #expect(text.components(separatedBy: "COMMIT;\n").count - 1 == made.transactions)
        let inserts = text.components(separatedBy: "INSERT INTO contribution (").count - 1
        // SQLite: one INSERT per line, as the run binds them; PostgreSQL: the run's 500 lines to a statement.
        #expect(inserts == (sqlite ? written.count : made.transactions))  // a chunk of 7 persons is < 500 lines
        guard sqlite else { return }

        // Replayed on the copy taken before the run: the same rows, ids included.
        let copy = try DatabaseQueue(path: before)
        try copy.inDatabase { db in try db.execute(sql: text) }
        try copy.close()
        let replayed = try Store(path: before)
        defer { try? replayed.close() }
        #expect(try Self.lines(replayed) == Self.lines(f.store))
        #expect(try replayed.contributionLines(after: mark) == written)
    }

    @Test("Scratch copies: a file beside the store, or a database of the same server whose URL keeps its query")
    func scratchLocations() {
        #expect(Store.scratchLocation(of: "/tmp/b.sqlite", suffix: "bench_run") == "/tmp/b.sqlite.bench_run")
        let url = "postgresql:///bench?host=/tmp/pg%20x&user=postgres"
        #expect(Store.scratchLocation(of: url, suffix: "bench_run") == "postgresql:///bench_bench_run?host=/tmp/pg%20x&user=postgres")
        #expect(Store.postgresDatabase(url) == "bench")
        #expect(Store.withDatabase(url, "postgres") == "postgresql:///postgres?host=/tmp/pg%20x&user=postgres")
        let remote = "postgresql://ow:se%2Fcret@db.example:5432/agency"
        #expect(Store.postgresDatabase(remote) == "agency")
        #expect(Store.scratchLocation(of: remote, suffix: "bench_raw") == "postgresql://ow:se%2Fcret@db.example:5432/agency_bench_raw")
        // No database named: none to copy (the bench refuses), and a maintenance URL still gets one.
        #expect(Store.postgresDatabase("postgresql://db.example?sslmode=require") == nil)
        #expect(Store.withDatabase("postgresql://db.example?sslmode=require", "postgres") == "postgresql://db.example/postgres?sslmode=require")
    }
}
