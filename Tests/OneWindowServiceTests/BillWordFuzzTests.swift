import Foundation
import OneWindowCore
import OneWindowService
import Testing

/// Issue 12, item 5: the bill word of `claim submit --bill ITEM=YUAN@HOSPITAL#BILLNO`, fuzzed through the built
/// `onewindow` binary (its parser lives in the executable, which no test target imports). Each case is a process
/// with a sign-on (scrypt), about 0.3 s in a debug build, so CI tries a few dozen words; ONEWINDOW_FUZZ_CASES / 1000
/// at full size.
@Suite("Bill word fuzz: claim submit --bill through the binary", .enabled(if: Fixture.onSQLite, "a CLI test on a SQLite file: once is enough"))
struct BillWordFuzzTests {
    static let cases = ProcessInfo.processInfo.environment["ONEWINDOW_FUZZ_CASES"].flatMap { Int($0) }.map { max(1, $0 / 1_000) } ?? 30
    static let items = ["prenatal", "delivery", "delivery.natural", "Prenatal", " delivery "]
    static let hospitals = ["天津市中心妇产科医院", "Tianjin Central Hospital", "汕头市妇幼保健院"]

    /// The built binary beside the test bundle (`swift build --build-tests` builds both).
    static var binary: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("onewindow")
    }

    static func run(_ arguments: [String], store: String) throws -> (code: Int32, out: String, err: String) {
        let p = Process()
        p.executableURL = binary
        p.arguments = arguments + ["--store", store, "--operator", "wang", "--lang", "en"]
        var env = ProcessInfo.processInfo.environment
        env["ONEWINDOW_PASSWORD"] = "clerk-password"
        env["ONEWINDOW_STORE"] = nil
        p.environment = env
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = FileHandle.nullDevice
        try p.run()
        // Both pipes drained at once: an error echoing a long word must not fill one while the other is read.
        nonisolated(unsafe) var e = Data()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) { e = err.fileHandleForReading.readDataToEndOfFile() }
        let o = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        p.waitUntilExit()
        if p.terminationReason == .uncaughtSignal { return (-p.terminationStatus, "", "killed by signal \(p.terminationStatus)") }
        return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    /// What the word must mean, from its documented shape: the item before the first "=", the bill number after
    /// the last "#", the hospital after the first "@" before it, the amount first; nil when it must be refused.
    static func meaning(_ word: String) -> (item: String, yuan: Money, hospital: String, billNo: String)? {
        guard let eq = word.firstIndex(of: "="), eq != word.startIndex else { return nil }
        let name = String(word[..<eq]).trimmingSpaces.lowercased()
        var rest = word[word.index(after: eq)...]
        guard let hash = rest.lastIndex(of: "#") else { return nil }
        let billNo = String(rest[rest.index(after: hash)...])
        rest = rest[..<hash]
        guard let at = rest.firstIndex(of: "@") else { return nil }
        let hospital = String(rest[rest.index(after: at)...])
        guard ["prenatal", "delivery", "delivery.natural"].contains(name), let yuan = try? Money.parseYuan(String(rest[..<at])), yuan > .zero,
              let h = try? FreeText.validated(hospital, field: .hospital), let b = try? FreeText.validated(billNo, field: .billNo, maxLength: 64)
        else { return nil }
        return (name == "prenatal" ? "prenatal" : "delivery.natural", yuan, h, b)
    }

    @Test("A bill word is filed exactly as it reads (item, amount, hospital, bill number) or refused with exit 2 and an error on stderr only, nothing written; never a crash")
    func billWords() throws {
        guard FileManager.default.isExecutableFile(atPath: Self.binary.path) else {
            Issue.record("no onewindow binary at \(Self.binary.path): build with `swift build --build-tests` first")
            return
        }
        let fixture = try Fixture().withEmployers()
        try OperatorService(fixture.admin).add(name: "wang", role: .clerk, password: "clerk-password")
        try RegistrationService(fixture.clerk).enrol(id: Fixture.lina, name: "李娜", category: .employee, employer: Fixture.tianjinCo,
                                                     base: yuan(8000), from: month("2026-01"))
        var rng = SplitMix64(seed: FileFuzz.seed, stream: 5, index: 0)
        let f = FileFindings()
        var (accepted, filed, echoed) = (0, Set<String>(), [String]())
        for n in 0..<Self.cases {
            let amount = rng.pick(["4200", "1,234.50", "0.01", "８８０", "999999999.99", "0", "-5", "1e3", "12.345"])
            var word = "\(rng.pick(Self.items))=\(amount)@\(rng.pick(Self.hospitals))#FP\(FileFuzz.seed % 1000)-\(n)"
            if rng.chance(80) { word = FileFuzz.mutate(word, &rng) }
            // One argument stays under the kernel's 128 KiB limit (MAX_ARG_STRLEN) and ends at a NUL, as argv does.
            if word.utf8.count > 60_000 { word = String(word.prefix(15_000)) }
            if let nul = word.unicodeScalars.firstIndex(of: "\0") { word = String(word.unicodeScalars[..<nul]) }
            if rng.chance(15) { word.insert(contentsOf: rng.pick(["\n", "\u{1B}[31m", "\r", "\u{202E}"]), at: word.index(word.startIndex, offsetBy: rng.below(word.count + 1))) }
            // "--bill WORD"; a word starting with "-" as "--bill=WORD", else the argument parser takes it for an option.
            let bill = word.hasPrefix("-") ? ["--bill=" + word] : ["--bill", word]
            let before = (try fixture.count("claim"), try fixture.count("claimBill"))
            let r = try Self.run(["claim", "submit", "--id", Fixture.lina.value, "--date", "2026-11-20", "--delivery", "natural"] + bill + [
                                  "--account", "6222020200112233445", "--allow-duplicate", "--json"], store: fixture.location)
            let after = (try fixture.count("claim"), try fixture.count("claimBill"))
            let expected = Self.meaning(word)
            let repeated = expected.map { filed.contains($0.hospital + "#" + $0.billNo) } ?? false
            switch r.code {
            case 0:
                accepted += 1
                let bill = try fixture.store.read { tx in try tx.claimBills.of(claimIDs: tx.claims.all().compactMap(\.id)).last }
                if expected == nil || repeated || after != (before.0 + 1, before.1 + 1) || bill?.hospital != expected?.hospital
                    || bill?.billNo != expected?.billNo || bill?.actualFen != expected?.yuan.fen || bill?.item != expected?.item {
                    f.record("case \(n): \(word.debugDescription) filed as \(String(describing: bill)), the word means \(String(describing: expected))")
                }
                if let e = expected { filed.insert(e.hospital + "#" + e.billNo) }
            case 2:
                if expected != nil && !repeated || after != before || !r.err.hasPrefix("Error: ") || !r.err.hasSuffix("\n") || !r.out.isEmpty {
                    f.record("case \(n): \(word.debugDescription) refused (\(r.err.debugDescription)), the word means \(String(describing: expected)); \(after) rows, were \(before)")
                }
                if r.err.dropLast().unicodeScalars.contains(where: FileFuzz.hidden) { echoed.append("case \(n): \(r.err.debugDescription)") }
            default:
                f.record("case \(n): \(word.debugDescription): exit \(r.code) \(r.err.debugDescription)")
            }
        }
        print("fuzz bill word (CLI): \(Self.cases) inputs tried, \(accepted) accepted, \(Self.cases - accepted) refused, \(f.count) findings, \(echoed.count) refusals echoing a hidden character raw (seed \(FileFuzz.seed))")
        for t in f.texts { Issue.record(Comment(rawValue: t)) }
        // An error echoes the typed word: a line break in it would split the one line, an ESC sequence reach the terminal.
        for e in echoed.prefix(3) { Issue.record(Comment(rawValue: "error line with a hidden character raw: " + e)) }
        if f.count > f.texts.count { Issue.record("bill word: \(f.count - f.texts.count) more findings not shown") }
    }

    @Test("A refusal echoes the typed word with its line break and ESC written out (\\u{A}, \\u{1B}): one line, nothing raw reaches the terminal")
    func echoedRaw() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.binary.path), "no onewindow binary: build with `swift build --build-tests` first")
        let fixture = try Fixture().withEmployers()
        try OperatorService(fixture.admin).add(name: "wang", role: .clerk, password: "clerk-password")
        try RegistrationService(fixture.clerk).enrol(id: Fixture.lina, name: "李娜", category: .employee, employer: Fixture.tianjinCo,
                                                     base: yuan(8000), from: month("2026-01"))
        for (word, shown) in [("prenatal=5\n1@h#b", "'5\\u{A}1'"), ("pre\u{1B}[31mnatal=5@h#b", "pre\\u{1B}[31mnatal")] {
            let r = try Self.run(["claim", "submit", "--id", Fixture.lina.value, "--date", "2026-11-20", "--delivery", "natural",
                                  "--bill", word, "--account", "6222020200112233445"], store: fixture.location)
            #expect(r.code == 2)
            #expect(!r.err.dropLast().unicodeScalars.contains(where: FileFuzz.hidden), "\(r.err.debugDescription)")
            #expect(r.err.contains(shown), "\(r.err.debugDescription)")
            #expect(r.err.hasSuffix("\n") && r.err.filter(\.isNewline).count == 1, "\(r.err.debugDescription)")
        }
    }
}
