import ArgumentParser
import Foundation
import OneWindowCore
import OneWindowResources
import OneWindowService
import OneWindowStore
import OneWindowTUI

/// `onewindow bench`: the counter's responsiveness on a large store. Builds (or reuses) a training store
/// of synthetic people (the training generator, at benchmark size), then times what a clerk waits for: lookups, name searches, the person view,
/// and a keypress handled and drawn on the home screen, each against the 16 ms frame target. Then, on a
/// scratch copy of the store (so the store stays as generated): claim submission with its risk flags, the
/// fund overview, the start of a counter process up to its sign-on screen and its peak memory, and the
/// month's run, against the engine's own shell inserting the same lines (`BenchCommand+Writes`).
/// Timing targets live here only, never in the unit tests; a measurement that fails to run exits 1.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure lookups, keypresses, claims, the fund overview, start-up, memory and the month's run on N synthetic persons.",
        // One paragraph: the help text wraps it to the terminal.
        discussion: "Without --store a temporary training store is built and removed afterwards. With --store PATH "
            + "(or postgresql://…, an empty database or one an earlier bench made) the store is created there if "
            + "missing and kept, or reused (topped up to --persons): it must be a training store with an operator "
            + "`bench` (password from $ONEWINDOW_PASSWORD, else \"bench-password\"). Claims, the month's run and the "
            + "counter processes work on a scratch copy (PATH.bench_run, or a database DB_bench_run: CREATEDB needed), "
            + "removed afterwards; the month's run is compared with sqlite3 (or psql) inserting the same lines into "
            + "another copy (bench_raw).")

    @Option(help: "Training store to build or reuse, a file or postgresql://… (default: a temporary file).") var store: String?
    @Option(help: "Persons in the store.") var persons = 1_000_000
    @Option(help: "Timed runs of each measurement (after 5 warm-up runs; at most 20 starts of a counter process).") var runs = 200
    @Option(help: "Language of the report: zh (default) or en.") var lang: String?

    static let frameTargetMs = 16.0

    /// Unbuffered, so lines and the progress on stderr come out in order.
    static func out(_ line: String) { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }
    static let operatorName = "bench"

    func validate() throws {
        let strings = try StringTable(language: Language.resolve(lang))
        guard persons >= 1 else { throw ValidationError(strings("out.bench.atLeastOne", "--persons")) }
        guard runs >= 1 else { throw ValidationError(strings("out.bench.atLeastOne", "--runs")) }
    }

    func run() throws {
        let strings = try StringTable(language: Language.resolve(lang))
        func say(_ key: String, _ texts: String...) { Self.out(strings.render(Message(key, texts.map { .text($0) }))) }
        do {
            let temporary = store == nil
            let path = store ?? FileManager.default.temporaryDirectory
                .appendingPathComponent("onewindow-bench-\(getpid())").appendingPathComponent("bench.sqlite").path
            defer {
                if temporary {
                    try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent)
                    say("out.bench.removed", path)
                }
            }
            let password = ProcessInfo.processInfo.environment["ONEWINDOW_PASSWORD"].flatMap { $0.isEmpty ? nil : $0 }
                ?? "bench-password"
            if !(try Store.exists(at: path)) {
                say("out.bench.creating", StoreLocation.shown(path))
                _ = try StoreSetup.initialize(path: path, admin: Self.operatorName, password: password,
                                              region: "tianjin", mode: .training)
            }
            let ctx = try StoreSetup.signOn(store: try StoreSetup.open(path: path), name: Self.operatorName, password: password)
            let start = Date()
            let plan = SyntheticPopulation.Plan.bench(persons: persons, anchor: ctx.clock.currentMonth)
            let added = try SyntheticPopulation.populate(ctx, plan) { done in
                FileHandle.standardError.write(Data(("\r" + strings("out.bench.progress", "\(done)", "\(persons)")).utf8))
            }
            if added.personsAdded > 0 {
                FileHandle.standardError.write(Data("\n".utf8))
                say("out.bench.created", "\(added.personsAdded)", String(format: "%.0f", Date().timeIntervalSince(start)))
            }
            let (personCount, employerCount) = try SyntheticPopulation.count(ctx)
            say("out.bench.store", StoreLocation.shown(path), "\(personCount)", "\(employerCount)", "\(runs)", String(format: "%.0f", Self.frameTargetMs))
            var findings = Findings()
            findings.results = try measureLookups(ctx, strings: strings)
            try? ctx.store.close()  // PostgreSQL copies a database nobody is connected to
            measureWrites(path: path, password: password, strings: strings, into: &findings)
            report(findings, strings: strings)
            guard findings.failures.isEmpty else {
                for (what, why) in findings.failures {
                    CommonOptions.printError(strings("out.bench.failed", what, why), strings)
                }
                throw ExitCode(1)
            }
        } catch let e as UserFacingError {
            throw CommonOptions.fail(e, strings)
        }
    }

    struct Result {
        let label: String
        let median: Double
        let p99: Double
        /// A keypress up to its frame: held to the 16 ms target (the other rows have none).
        var keypress = true
    }

    /// What the bench found besides the lookups, and the measurements that failed to run (what, why).
    struct Findings {
        var results: [Result] = []
        var notes: [String] = []
        var monthRun: MonthRun?
        var failures: [(String, String)] = []
    }

    /// Runs `timed` `count` times (default `runs`) after `warmup` untimed runs; `setup` runs before each, untimed.
    func measure(_ label: String, count: Int? = nil, warmup: Int = 5, keypress: Bool = true, setup: (Int) throws -> Void = { _ in },
                 _ timed: (Int) throws -> Void) rethrows -> Result {
        var ms: [Double] = []
        for i in 0..<(warmup + (count ?? runs)) {
            try setup(i)
            let t0 = DispatchTime.now().uptimeNanoseconds
            try timed(i)
            let t1 = DispatchTime.now().uptimeNanoseconds
            if i >= warmup { ms.append(Double(t1 - t0) / 1_000_000) }
        }
        ms.sort()
        let p99 = ms[min(ms.count - 1, Int((Double(ms.count) * 0.99).rounded(.up)) - 1)]
        return Result(label: label, median: ms[ms.count / 2], p99: p99, keypress: keypress)
    }

    func report(_ findings: Findings, strings: StringTable) {
        let header = [strings("out.bench.col.measure"), strings("out.bench.col.median"), strings("out.bench.col.p99"),
                      strings("out.bench.col.target", String(format: "%.0f", Self.frameTargetMs))]
        let rows = findings.results.map { r in
            [r.label, String(format: "%.2f", r.median), String(format: "%.2f", r.p99),
             !r.keypress ? strings("out.bench.noTarget") : strings(r.p99 <= Self.frameTargetMs ? "out.bench.ok" : "out.bench.over")]
        }
        Output.tableLines(header, rows, rightAligned: [1, 2, 3]).forEach(Self.out)  // numbers right-aligned
        findings.notes.forEach(Self.out)
        if let run = findings.monthRun { reportMonthRun(run, strings: strings) }
    }
}
