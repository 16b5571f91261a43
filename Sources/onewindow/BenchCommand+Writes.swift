import Foundation
import OneWindowCore
import OneWindowResources
import OneWindowService
import OneWindowStore

/// The month's run on the scratch copy, and the engine's own shell inserting the same lines.
struct MonthRun {
    let month: YearMonth
    let persons: Int
    let lines: Int
    let chunks: Int
    let seconds: Double
    let peakKB: Int
    var rawTool: String?
    var rawSeconds: Double?
}

// The measurements that write, or start counter processes: on a scratch copy of the store (`bench_run`),
// so the store stays as generated (a kept store can be measured again; the CLI tests charge its month
// themselves). The raw yardstick gets a second copy (`bench_raw`) taken just before the run.
extension BenchCommand {
    func measureWrites(path: String, password: String, strings: StringTable, into f: inout Findings) {
        func attempt(_ what: String, _ body: () throws -> Void) {
            do { try body() } catch let e as UserFacingError {
                f.failures.append((what, strings.render(e.message)))
            } catch {
                f.failures.append((what, "\(error)"))
            }
        }
        let runCopy = Store.scratchLocation(of: path, suffix: "bench_run")
        let rawCopy = Store.scratchLocation(of: path, suffix: "bench_raw")
        defer {
            try? Store.dropScratch(runCopy)
            try? Store.dropScratch(rawCopy)
        }
        func open(_ location: String) throws -> ServiceContext {
            try StoreSetup.signOn(store: try StoreSetup.open(path: location), name: Self.operatorName, password: password)
        }
        var opened: ServiceContext?
        attempt(strings("out.bench.step.copy")) {
            Self.out(strings("out.bench.copying", StoreLocation.shown(runCopy)))
            try Store.scratchCopy(of: path, to: runCopy)
            opened = try open(runCopy)
        }
        guard var ctx = opened else { return }
        let month = ctx.clock.currentMonth
        attempt(strings("out.bench.step.catchUp")) {
            // A generated store has records its ledger has not posted: post them first, as a live store
            // would have, so the month's run posts only its own lines.
            let t0 = Date()
            let posted = try FundService(ctx).catchUp()
            f.notes.append(strings("out.bench.catchUp", "\(posted)", String(format: "%.1f", Date().timeIntervalSince(t0))))
        }
        attempt(strings("out.bench.step.claims")) {
            let (result, note) = try measureClaims(ctx, strings: strings)
            f.results.append(result)
            f.notes.append(note)
        }
        try? ctx.store.close()
        var rawReady = false
        attempt(strings("out.bench.step.rawCopy")) {
            try Store.scratchCopy(of: runCopy, to: rawCopy)
            rawReady = true
        }
        attempt(strings("out.bench.step.reopen")) { ctx = try open(runCopy) }
        let samples = (try? SyntheticPopulation.samples(ctx, count: 50, seed: 11)) ?? []
        attempt(strings("out.bench.step.coldStart")) { f.results.append(try measureColdStart(runCopy, strings: strings)) }
        attempt(strings("out.bench.step.counterMemory")) {
            f.notes.append(try measureCounterMemory(runCopy, samples: samples, password: password, strings: strings))
        }
        var mark: Int64 = 0
        attempt(strings("out.bench.step.monthRun")) {
            mark = try ctx.store.lastContributionID()
            f.monthRun = try measureMonthRun(runCopy, month: month, after: mark, ctx, password: password, strings: strings)
        }
        attempt(strings("out.bench.m.fund", "\(month)")) {
            _ = try FundService(ctx).catchUp()
            f.results.append(try measure(strings("out.bench.m.fund", "\(month)"), keypress: false) { _ in
                _ = try FundService(ctx).overview(month: month, catchingUp: false)
            })
        }
        if rawReady, f.monthRun != nil {
            attempt(strings("out.bench.step.raw")) {
                f.monthRun?.rawTool = Store.rawShell(rawCopy, script: "").tool
                f.monthRun?.rawSeconds = try measureRawInserts(into: rawCopy, from: ctx.store, after: mark, strings: strings)
            }
        }
        try? ctx.store.close()
    }

    /// `contributions run --month M` on the copy, as production runs it: a new process, chunked; its wall
    /// time (process start included) and peak memory (VmHWM, read while it runs).
    func measureMonthRun(_ location: String, month: YearMonth, after mark: Int64, _ ctx: ServiceContext,
                         password: String, strings: StringTable) throws -> MonthRun {
        let log = Self.scratchFile("month-run.log")
        defer { try? FileManager.default.removeItem(atPath: log) }
        var env = ProcessInfo.processInfo.environment
        env["ONEWINDOW_PASSWORD"] = password
        let t0 = DispatchTime.now().uptimeNanoseconds
        let child = try BenchProcess(batch: [try Self.executable(), "contributions", "run", "--store", location, "--month", "\(month)",
                                             "--operator", Self.operatorName], environment: env, log: log)
        let (status, peakKB) = child.wait()
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
        guard status == 0 else {
            throw BenchProcess.Failure(description: strings("out.bench.childFailed", "contributions run", "\(status)", Self.lastLine(log)))
        }
        let written = try ctx.store.contributionLines(after: mark)
        guard written.count > 0 else { throw DomainError("error.bench.monthCharged", texts: month.description) }
        let chunk = ContributionService.defaultChunkSize
        return MonthRun(month: month, persons: written.persons, lines: written.count, chunks: (written.persons + chunk - 1) / chunk,
                        seconds: seconds, peakKB: peakKB)
    }

    /// The run's lines as plain SQL in the run's transactions, inserted by `sqlite3` (or `psql`) into the
    /// copy taken before the run; checked to have written the same lines to the fen. Returns its wall time.
    func measureRawInserts(into rawCopy: String, from store: Store, after mark: Int64, strings: StringTable) throws -> Double {
        let script = Self.scratchFile("raw-inserts.sql")
        let log = Self.scratchFile("raw-inserts.log")
        defer { [script, log].forEach { try? FileManager.default.removeItem(atPath: $0) } }
        _ = try store.writeRawContributionInserts(after: mark, personsPerTransaction: ContributionService.defaultChunkSize, to: script)
        let (tool, arguments) = Store.rawShell(rawCopy, script: script)
        guard let toolPath = Self.onPath(tool) else {
            throw DomainError("error.bench.noTool", texts: tool, tool == "psql" ? "postgresql-client" : "sqlite3")
        }
        let t0 = DispatchTime.now().uptimeNanoseconds
        let (status, _) = try BenchProcess(batch: [toolPath] + arguments, environment: ProcessInfo.processInfo.environment, log: log).wait()
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
        guard status == 0 else { throw BenchProcess.Failure(description: strings("out.bench.childFailed", tool, "\(status)", Self.lastLine(log))) }
        let expected = try store.contributionLines(after: mark)
        let raw = try Store(path: rawCopy)
        defer { try? raw.close() }
        let got = try raw.contributionLines(after: mark)
        guard got == expected else {
            throw DomainError("error.bench.rawDiffers", texts: tool, "\(got.count)", "\(expected.count)")
        }
        return seconds
    }

    func reportMonthRun(_ run: MonthRun, strings: StringTable) {
        let tool = run.rawTool ?? "sqlite3"
        Self.out(strings("out.bench.bulk.title", run.month.description, tool))
        let header = ["out.bench.bulk.persons", "out.bench.bulk.lines", "out.bench.bulk.chunks", "out.bench.bulk.seconds",
                      "out.bench.bulk.peak"].map { strings($0) } + [strings("out.bench.bulk.raw", tool), strings("out.bench.bulk.ratio")]
        let row = ["\(run.persons)", "\(run.lines)", "\(run.chunks)", String(format: "%.2f", run.seconds),
                   String(format: "%.1f", Double(run.peakKB) / 1024),
                   run.rawSeconds.map { String(format: "%.2f", $0) } ?? strings("out.bench.noTarget"),
                   run.rawSeconds.map { String(format: "%.2f×", run.seconds / max($0, 0.001)) } ?? strings("out.bench.noTarget")]
        Output.tableLines(header, [row], rightAligned: Set(0..<7)).forEach(Self.out)
    }

    /// A file for the bench's own scratch (logs, the SQL script), in the temporary folder.
    static func scratchFile(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("onewindow-bench-\(getpid())-\(name)").path
    }

    /// This program, to start again as a child.
    static func executable() throws -> String {
        try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
    }

    static func onPath(_ tool: String) -> String? {
        let dirs = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        return dirs.map { "\($0)/\(tool)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static func lastLine(_ file: String) -> String {
        let text = (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").last.map(String.init) ?? ""
    }
}
