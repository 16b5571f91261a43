import Foundation
import GRDB
import OneWindowCore
import OneWindowService
import OneWindowStore
import Testing

/// The monthly run in chunks (issue 10, item 4): the same lines as one transaction, finished by running
/// it again after a stop, and never holding the write lock so long that a counter's write fails.
@Suite("Contribution run in chunks")
struct ContributionRunChunkTests {
    static let runMonth = Fixture.today.yearMonth

    /// A small seeded population on a training store: the anchor month is not charged yet.
    static func seeded(persons: Int = 150) throws -> Fixture {
        let f = try Fixture(mode: .training)
        try SyntheticPopulation.populate(f.admin, .sandbox(seed: 11, persons: persons, anchor: runMonth))
        return f
    }

    /// The month's lines, without row ids, by person and item.
    static func lines(_ f: Fixture) throws -> [String] {
        try f.store.read { tx in try tx.contributions.all() }
            .filter { $0.month == runMonth.description }
            .map { "\($0.personID) \($0.item.rawValue) \($0.payer) \($0.employerCode ?? "-") \($0.region) \($0.baseFen) \($0.rateBp) \($0.amountFen) \($0.maternityFen)" }
            .sorted()
    }

    struct Stop: Error {}

    @Test("A run in chunks of 7 stores exactly the lines of a run in one transaction, to the fen")
    func chunkedEqualsOneShot() throws {
        let whole = try Self.seeded(), chunked = try Self.seeded()
        let one = try ContributionService(whole.admin).run(month: Self.runMonth, chunkSize: 1_000_000)
        var calls: [(Int, Int)] = []
        let parts = try ContributionService(chunked.admin).run(month: Self.runMonth, chunkSize: 7) { calls.append(($0, $1)) }
        #expect(one.chunks == 1 && parts.chunks > 10)
        #expect(one.inserted > 0 && one.unchanged == 0)
        #expect(parts.persons == one.persons && parts.inserted == one.inserted && parts.unchanged == 0)
        #expect(parts.total == one.total && parts.skipped == one.skipped)
        #expect(try Self.lines(chunked) == Self.lines(whole))
        // Progress after every chunk, rising to the whole population.
        #expect(calls.count == parts.chunks)
        #expect(calls.map(\.0) == calls.map(\.0).sorted() && calls.last.map { $0.0 == $0.1 } == true)
        // One audit row per chunk and one for the run; the one-transaction run keeps its single row.
        #expect(try chunked.count("audit", where: "action = 'contributions.run.chunk'") == parts.chunks)
        #expect(try chunked.count("audit", where: "action = 'contributions.run'") == 1)
        #expect(try whole.count("audit", where: "action = 'contributions.run.chunk'") == 0)
        #expect(try chunked.store.verifyAudit().isIntact)
    }

    @Test("A run stopped after 3 chunks and run again stores every line once, with the same total")
    func resumedRun() throws {
        let whole = try Self.seeded(), stopped = try Self.seeded()
        let one = try ContributionService(whole.admin).run(month: Self.runMonth)
        var chunks = 0
        #expect(throws: Stop.self) {
            _ = try ContributionService(stopped.admin).run(month: Self.runMonth, chunkSize: 9) { _, _ in
                chunks += 1
                if chunks == 3 { throw Stop() }
            }
        }
        let kept = try Self.lines(stopped).count
        #expect(kept > 0 && kept < one.inserted)
        #expect(try stopped.count("audit", where: "action = 'contributions.run'") == 0)
        let rest = try ContributionService(stopped.admin).run(month: Self.runMonth, chunkSize: 9)
        #expect(rest.unchanged == kept && rest.inserted == one.inserted - kept)
        #expect(rest.persons == one.persons)
        #expect(try Self.lines(stopped) == Self.lines(whole))
        let stored = try stopped.store.read { tx in try tx.contributions.all() }.filter { $0.month == Self.runMonth.description }
        #expect(stored.reduce(Int64(0)) { $0 + $1.amountFen } == one.total.fen)
        // Running it a third time changes nothing.
        let again = try ContributionService(stopped.admin).run(month: Self.runMonth, chunkSize: 9)
        #expect(again.inserted == 0 && again.unchanged == one.inserted && again.total == .zero)
    }

    /// A second process's counter: its own connection to the same file.
    static func counter(_ f: Fixture, busyTimeout: TimeInterval = Store.busyTimeout) throws -> ServiceContext {
        ServiceContext(store: try Store(path: f.location, busyTimeout: busyTimeout), policies: f.policies, clock: f.clock,
                       session: Session(operatorName: "clerk", role: .clerk, storeMode: .training, agencyRegion: "tianjin"))
    }

    @Test("A counter on another connection writes between two chunks, and the run charges what it enrolled")
    func writeBetweenChunks() throws {
        let f = try Self.seeded()
        let counter = try Self.counter(f, busyTimeout: 0.5)
        var chunks = 0
        let summary = try ContributionService(f.admin).run(month: Self.runMonth, chunkSize: 20) { _, _ in
            chunks += 1
            guard chunks == 2 else { return }
            let reg = RegistrationService(counter)
            _ = try reg.registerEmployer(code: Fixture.tianjinCo, name: "天津某某科技有限公司", region: "tianjin",
                                         kind: .enterprise, unifiedFrom: YearMonth(year: 2020, month: 1))
            _ = try reg.enrol(id: Fixture.lina, name: "李娜", category: .employee, employer: Fixture.tianjinCo,
                              base: yuan(8000), from: Self.runMonth)
        }
        #expect(chunks == summary.chunks && chunks > 2)
        // She came after every person the run had reached, so a later chunk charged her.
        #expect(try ContributionService(f.clerk).lines(for: Fixture.lina).count == 2)
    }

    @Test("A counter writing while a run is going on another thread is never refused")
    func writeDuringRun() throws {
        let f = try Self.seeded(persons: 600)
        let admin = f.admin
        let done = DispatchSemaphore(value: 0)
        let outcome = Box()
        DispatchQueue.global().async {
            do { outcome.set(try ContributionService(admin).run(month: Self.runMonth, chunkSize: 25)) } catch { outcome.fail(error) }
            done.signal()
        }
        // Counters wait at most a chunk; a timeout of 2 s is far more than one chunk of 25 takes.
        let counter = try Self.counter(f, busyTimeout: 2)
        let reg = RegistrationService(counter)
        var writes = 0
        while !outcome.finished, writes < 40 {
            _ = try reg.registerEmployer(code: try CreditCode(Self.codes[writes]), name: "并发测试单位\(writes)", region: "tianjin",
                                         kind: .enterprise, unifiedFrom: nil)
            writes += 1
        }
        done.wait()
        #expect(outcome.error == nil)
        #expect(outcome.summary?.inserted ?? 0 > 0)
        #expect(writes > 0)
    }

    @Test("A write that cannot get the lock says so in the operator's language, not SQLite's")
    func busyInWords() throws {
        let f = try Fixture().withEmployers()
        let counter = try Self.counter(f, busyTimeout: 0.1)
        let refused = {
            #expect(throws: DomainError("error.store.busy")) {
                _ = try RegistrationService(counter).enrol(id: Fixture.lina, name: "李娜", category: .employee,
                                                           employer: Fixture.tianjinCo, base: yuan(8000), from: month("2026-01"))
            }
        }
        // Another connection holds the write lock: SQLite's, or on PostgreSQL the audit head every write takes first.
        if Fixture.onSQLite {
            try DatabaseQueue(path: f.location).inDatabase { db in
                try db.execute(sql: "BEGIN IMMEDIATE")
                refused()
                try db.execute(sql: "ROLLBACK")
            }
        } else {
            let other = try Store(path: f.location)
            try other.testingRaw("BEGIN; SELECT seq FROM audit_head FOR UPDATE")
            refused()
            try other.testingRaw("ROLLBACK")
        }
        // Saved again once the lock is free, it goes through.
        _ = try RegistrationService(counter).enrol(id: Fixture.lina, name: "李娜", category: .employee,
                                                   employer: Fixture.tianjinCo, base: yuan(8000), from: month("2026-01"))
    }

    /// Valid credit codes (GB 32100 check characters) for the concurrent writes.
    static let codes: [String] = (0..<40).map { i in creditCode(body: String(format: "91120116MA%07d", i)) }

    static func creditCode(body: String) -> String {
        let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
        let weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
        let sum = zip(body, weights).reduce(0) { $0 + alphabet.firstIndex(of: $1.0)! * $1.1 }
        return body + String(alphabet[(31 - sum % 31) % 31])
    }
}

/// The background run's result, handed to the test's thread.
final class Box: @unchecked Sendable {
    private let lock = NSLock()
    private var _summary: RunSummary?
    private var _error: (any Error)?
    private var _finished = false
    func set(_ s: RunSummary) { lock.withLock { _summary = s; _finished = true } }
    func fail(_ e: any Error) { lock.withLock { _error = e; _finished = true } }
    var finished: Bool { lock.withLock { _finished } }
    var summary: RunSummary? { lock.withLock { _summary } }
    var error: (any Error)? { lock.withLock { _error } }
}
