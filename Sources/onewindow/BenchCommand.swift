import ArgumentParser
import Foundation
import OneWindowCore
import OneWindowResources
import OneWindowService
import OneWindowStore
import OneWindowTUI

/// `onewindow bench`: the counter's responsiveness on a large store. Builds (or reuses) a training store
/// of synthetic people (the training generator, at benchmark size), then times what a clerk waits for: lookups, name searches, the person view,
/// and a keypress handled and drawn on the home screen, each against the 16 ms frame target.
/// Timing targets live here only, never in the unit tests.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure lookups, name search and keypress-to-frame times on a store of N synthetic persons.",
        // One paragraph: the help text wraps it to the terminal.
        discussion: "Without --store a temporary training store is built and removed afterwards. With --store PATH "
            + "(or postgresql://…, an empty database or one an earlier bench made) the store is created there if "
            + "missing and kept, or reused (topped up to --persons): it must be a training store with an operator "
            + "`bench` (password from $ONEWINDOW_PASSWORD, else \"bench-password\").")

    @Option(help: "Training store to build or reuse, a file or postgresql://… (default: a temporary file).") var store: String?
    @Option(help: "Persons in the store.") var persons = 1_000_000
    @Option(help: "Timed runs of each measurement (after 5 warm-up runs).") var runs = 200
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
            let results = try measureAll(ctx, strings: strings)
            report(results, strings: strings)
        } catch let e as UserFacingError {
            throw CommonOptions.fail(e, strings)
        }
    }

    struct Result {
        let label: String
        let median: Double
        let p99: Double
    }

    /// Runs `timed` `runs` times after 5 untimed warm-ups; `setup` runs before each, untimed.
    func measure(_ label: String, setup: (Int) throws -> Void = { _ in }, _ timed: (Int) throws -> Void) rethrows -> Result {
        let warmup = 5
        var ms: [Double] = []
        for i in 0..<(warmup + runs) {
            try setup(i)
            let t0 = DispatchTime.now().uptimeNanoseconds
            try timed(i)
            let t1 = DispatchTime.now().uptimeNanoseconds
            if i >= warmup { ms.append(Double(t1 - t0) / 1_000_000) }
        }
        ms.sort()
        let p99 = ms[min(ms.count - 1, Int((Double(ms.count) * 0.99).rounded(.up)) - 1)]
        return Result(label: label, median: ms[ms.count / 2], p99: p99)
    }

    func measureAll(_ ctx: ServiceContext, strings: StringTable) throws -> [Result] {
        let samples = try SyntheticPopulation.samples(ctx, count: 997)
        guard !samples.isEmpty else { return [] }
        func sample(_ i: Int) -> (id: CitizenID, name: String) { samples[i % samples.count] }
        /// The first n characters of a sample name, from the i-th sample on that has at least n.
        func namePart(_ i: Int, _ n: Int) -> String {
            var k = i
            while sample(k).name.count < n { k += 1 }
            return String(sample(k).name.prefix(n))
        }
        let search = SearchService(ctx)
        let lookup = LookupService(ctx)
        var results: [Result] = []
        func t(_ key: String) -> String { strings(key) }

        results.append(try measure(t("out.bench.m.id")) { i in _ = try search.search(sample(i).id.value) })
        for n in 1...3 {
            results.append(try measure(t("out.bench.m.name\(n)")) { i in _ = try search.search(namePart(i, n)) })
        }
        results.append(try measure(t("out.bench.m.person")) { i in _ = try lookup.person(sample(i).id) })

        // The home screen on an in-memory 80×24 terminal: what the clerk's keypress costs up to a finished frame
        // (the ncurses driver then writes only the cells that changed).
        let terminal = VirtualTerminal()
        let app = try CounterTerminal.application(terminal: terminal, store: ctx.store, strings: strings)
        app.ui.services = ctx
        func home() { app.goHome() }
        func type(_ text: String) { for c in text { app.handle(.char(c)) } }
        func key(_ k: Key) { app.handle(k); _ = app.frame() }
        home()
        results.append(measure(t("out.bench.m.keyType"), setup: { i in if i % 8 == 0 { home() } }) { i in
            key(.char(sample(i).name.first!))
        })
        results.append(measure(t("out.bench.m.keySearch"), setup: { i in home(); type(namePart(i, 2)) }) { _ in key(.enter) })
        results.append(measure(t("out.bench.m.keyPage"), setup: { i in
            if i % 4 == 0 { home(); type(namePart(i, 1)); app.handle(.enter) }
        }) { _ in key(.function(8)) })
        results.append(measure(t("out.bench.m.keyOpen"), setup: { i in home(); type(sample(i).id.value) }) { _ in key(.enter) })
        return results
    }

    func report(_ results: [Result], strings: StringTable) {
        let header = [strings("out.bench.col.measure"), strings("out.bench.col.median"), strings("out.bench.col.p99"),
                      strings("out.bench.col.target", String(format: "%.0f", Self.frameTargetMs))]
        let rows = results.map { r in
            [r.label, String(format: "%.2f", r.median), String(format: "%.2f", r.p99),
             strings(r.p99 <= Self.frameTargetMs ? "out.bench.ok" : "out.bench.over")]
        }
        Output.tableLines(header, rows, rightAligned: [1, 2, 3]).forEach(Self.out)  // numbers right-aligned
    }
}
