import Foundation
import OneWindowCore
import OneWindowResources
import OneWindowService
import OneWindowStore

// Counter processes, as a clerk starts them: `onewindow --store S` on a pseudo-terminal of 80×24.
extension BenchCommand {
    /// The counter terminal on `location`, in the report's language.
    func counterArguments(_ location: String, strings: StringTable) throws -> [String] {
        [try Self.executable(), "--store", location, "--lang", strings.language == .en ? "en" : "zh"]
    }

    /// What the sign-on screen surely writes in one piece: the longest word of its welcome line.
    static func signOnMarker(_ strings: StringTable) -> [UInt8] {
        let words = strings("tui.signOn.welcome").split(separator: " " as Character).map(String.init)
        return Array((words.max { $0.count < $1.count } ?? "").utf8)
    }

    /// From spawning a new counter process to its sign-on screen's text arriving on the terminal: the
    /// program loading, opening the store, ncurses starting and the first frame written. The binary and
    /// the store are in the operating system's cache after the warm-up start.
    func measureColdStart(_ location: String, strings: StringTable) throws -> Result {
        let starts = min(runs, 20)
        let arguments = try counterArguments(location, strings: strings)
        let marker = Self.signOnMarker(strings)
        var last: BenchProcess?
        defer { last?.stop() }
        return try measure(strings("out.bench.m.coldStart", "\(starts)"), count: starts, warmup: 1, keypress: false, setup: { _ in
            last?.stop()
            last = nil
        }) { _ in
            let child = try BenchProcess(onTerminal: arguments, environment: ProcessInfo.processInfo.environment)
            last = child
            guard child.waitFor(marker, timeout: 60) else { throw Self.notDrawn(child, strings) }
        }
    }

    /// A counter process doing a clerk's work through its keyboard: sign-on, persons opened by citizen ID
    /// (each waited for until her name is drawn) and back home, name searches with a page down; then
    /// ended. Its peak memory (VmHWM, read just before it is ended) goes in the returned note.
    func measureCounterMemory(_ location: String, samples: [(id: CitizenID, name: String)], password: String,
                              strings: StringTable) throws -> String {
        let n = min(runs, 10, samples.count)
        guard n > 0 else { throw DomainError("error.bench.noSamples") }
        let child = try BenchProcess(onTerminal: try counterArguments(location, strings: strings) + ["--operator", Self.operatorName],
                                     environment: ProcessInfo.processInfo.environment)
        defer { child.stop() }
        guard child.waitFor(Self.signOnMarker(strings), timeout: 60) else { throw Self.notDrawn(child, strings) }
        child.settle()
        child.type(password + "\r")
        child.settle()
        let clearLine = "\u{15}", f3 = "\u{1B}OR", f8 = "\u{1B}[19~"
        for s in samples.prefix(n) {
            let from = child.output.count
            child.type(clearLine + s.id.value + "\r")
            guard child.waitFor(Array(s.name.utf8), from: from, timeout: 30) else {
                throw BenchProcess.Failure(description: strings("out.bench.personNotDrawn", s.id.masked))
            }
            child.settle()
            child.type(f3)
            child.settle()
        }
        for s in samples.suffix(n) {
            child.type(clearLine + String(s.name.prefix(2)) + "\r")
            child.settle()
            child.type(f8)
            child.settle()
        }
        let peakKB = child.stop()
        return strings("out.bench.counterMemory", String(format: "%.1f", Double(peakKB) / 1024), "\(n)")
    }

    /// The sign-on screen did not come: what the terminal showed last, its escapes left out.
    static func notDrawn(_ child: BenchProcess, _ strings: StringTable) -> BenchProcess.Failure {
        let text = String(decoding: child.output.suffix(400), as: UTF8.self)
            .replacingOccurrences(of: "\u{1B}\\[[0-9;?]*[A-Za-z]", with: " ", options: .regularExpression)
            .filter { !$0.isWhitespace || $0 == " " }
        let shown = text.split(separator: " ").joined(separator: " ")
        return BenchProcess.Failure(description: strings("out.bench.noSignOn", String(shown.suffix(160))))
    }
}
