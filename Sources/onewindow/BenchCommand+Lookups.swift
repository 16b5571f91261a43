import Foundation
import OneWindowCore
import OneWindowResources
import OneWindowService
import OneWindowTUI

// What a clerk waits for on the store as generated: lookups, name searches, the person view, and a
// keypress handled and drawn on the home screen (an in-memory 80×24 terminal).
extension BenchCommand {
    func measureLookups(_ ctx: ServiceContext, strings: StringTable) throws -> [Result] {
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
}
