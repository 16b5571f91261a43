import Foundation
import Testing
@testable import OneWindowCore

/// Our identifier validators against an independent implementation: python-stdnum's
/// `stdnum.cn.ric` (GB 11643) and `stdnum.cn.uscc` (GB 32100). The candidates are generated
/// deterministically; about half are valid, the other half corrupted in ways a clerk could type.
@Suite("Identifier oracle: python-stdnum")
struct IdentifierOracleTests {
    static let today = day(2026, 6, 1)
    static let howToFix = "python3 with python-stdnum is required by this test: run the README's test command, "
        + "`bash .ci/test` (its `.ci/setup --test` installs python-stdnum)"

    // MARK: candidates

    /// Citizen IDs for region 110105 (Beijing Chaoyang, known to stdnum's place table) born 1930–2015.
    static func citizenIDCandidates(count: Int) -> [String] {
        var rng = SplitMix64(seed: 11643)
        let checkChars: [Character] = Array("0123456789X")
        var out: [String] = []
        for i in 0..<count {
            let y = Int.random(in: 1930...2015, using: &rng)
            let m = Int.random(in: 1...12, using: &rng)
            let d = Int.random(in: 1...CalendarDate.daysIn(year: y, month: m), using: &rng)
            let seq = Int.random(in: 0...999, using: &rng)
            func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
            func three(_ n: Int) -> String { String(repeating: "0", count: 3 - String(n).count) + String(n) }
            let body = "110105\(y)\(two(m))\(two(d))\(three(seq))"
            let valid = body + String(mod11_2Check(body))
            if i % 2 == 0 {
                // Valid; sometimes typed with a lower-case x.
                out.append(Bool.random(using: &rng) ? valid.lowercased() : valid)
                continue
            }
            var chars = Array(valid)
            switch Int.random(in: 0..<7, using: &rng) {
            case 0: // wrong check character
                chars[17] = checkChars.filter { $0 != chars[17] }.randomElement(using: &rng)!
            case 1: // one digit mistyped
                let p = Int.random(in: 0..<17, using: &rng)
                chars[p] = Array("0123456789").filter { $0 != chars[p] }.randomElement(using: &rng)!
            case 2: // two neighbours swapped
                let candidates = (0..<16).filter { chars[$0] != chars[$0 + 1] }
                let p = candidates.randomElement(using: &rng)!
                chars.swapAt(p, p + 1)
            case 3: // a day that does not exist, with a correct check character
                let bad = "110105\(y)\(two(m))\(CalendarDate.daysIn(year: y, month: m) + 1)\(three(seq))"
                chars = Array(bad + String(mod11_2Check(bad)))
            case 4: // a month that does not exist, with a correct check character
                let bad = "110105\(y)\(Bool.random(using: &rng) ? "13" : "00")\(two(d))\(three(seq))"
                chars = Array(bad + String(mod11_2Check(bad)))
            case 5: // one character too many or too few
                if Bool.random(using: &rng) { chars.removeLast() } else { chars.append("1") }
            default: // a letter inside
                chars[Int.random(in: 0..<17, using: &rng)] = "A"
            }
            out.append(String(chars))
        }
        return out
    }

    /// Credit codes whose first 8 characters are digits (stdnum requires that; GB 32100 allows letters in 1–2).
    static func creditCodeCandidates(count: Int) -> [String] {
        var rng = SplitMix64(seed: 32100)
        let digits: [Character] = Array("0123456789")
        var out: [String] = []
        for i in 0..<count {
            let head = (0..<8).map { _ in digits.randomElement(using: &rng)! }
            let tail = (0..<9).map { _ in uscc31.randomElement(using: &rng)! }
            let body = String(head + tail)
            let valid = body + String(mod31Check(body))
            if i % 2 == 0 {
                out.append(Bool.random(using: &rng) ? valid.lowercased() : valid)
                continue
            }
            var chars = Array(valid)
            switch Int.random(in: 0..<5, using: &rng) {
            case 0: // wrong check character
                chars[17] = uscc31.filter { $0 != chars[17] }.randomElement(using: &rng)!
            case 1: // one character mistyped, staying in its class
                let p = Int.random(in: 0..<17, using: &rng)
                let pool = p < 8 ? digits : uscc31
                chars[p] = pool.filter { $0 != chars[p] }.randomElement(using: &rng)!
            case 2: // two neighbours swapped
                let candidates = (0..<16).filter { chars[$0] != chars[$0 + 1] }
                let p = candidates.randomElement(using: &rng)!
                chars.swapAt(p, p + 1)
            case 3: // a letter GB 32100 never uses
                chars[Int.random(in: 8..<18, using: &rng)] = Array("IOZSV").randomElement(using: &rng)!
            default: // one character too many or too few
                if Bool.random(using: &rng) { chars.removeLast() } else { chars.append("1") }
            }
            out.append(String(chars))
        }
        return out
    }

    // MARK: oracle

    static let script = #"""
    import sys
    try:
        from stdnum.cn import ric, uscc
    except Exception as e:
        sys.stderr.write("cannot import python-stdnum: %r\n" % (e,))
        sys.exit(3)
    with open(sys.argv[1], encoding="utf-8") as f:
        lines = f.read().split("\n")
    out = []
    for line in lines:
        if not line:
            continue
        kind, number = line.split("\t", 1)
        module = ric if kind == "ric" else uscc
        out.append("1" if module.is_valid(number) else "0")
    sys.stdout.write("\n".join(out) + "\n")
    """#

    enum OracleError: Error, CustomStringConvertible {
        case unavailable(String)
        var description: String {
            switch self { case .unavailable(let why): "\(IdentifierOracleTests.howToFix) — \(why)" }
        }
    }

    /// Runs python-stdnum over the candidates; one verdict per candidate.
    static func stdnumVerdicts(_ items: [(kind: String, number: String)]) throws -> [Bool] {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("onewindow-oracle-\(UUID().uuidString).txt")
        defer { try? FileManager.default.removeItem(at: file) }
        try items.map { "\($0.kind)\t\($0.number)" }.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, file.path]
        let stdout = Pipe(), stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        do {
            try process.run()
        } catch {
            throw OracleError.unavailable("cannot start python3: \(error)")
        }
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw OracleError.unavailable("python3 exited with \(process.terminationStatus): \(String(decoding: err, as: UTF8.self))")
        }
        let verdicts = String(decoding: out, as: UTF8.self).split(separator: "\n").map { $0 == "1" }
        guard verdicts.count == items.count else {
            throw OracleError.unavailable("python3 gave \(verdicts.count) verdicts for \(items.count) numbers")
        }
        return verdicts
    }

    @Test("GB 11643 MOD 11-2 and GB 32100 MOD 31: our validators agree with python-stdnum on 4000 generated numbers")
    func agreesWithStdnum() throws {
        let ids = Self.citizenIDCandidates(count: 2000)
        let codes = Self.creditCodeCandidates(count: 2000)
        #expect(Set(ids).count > 1900 && Set(codes).count > 1900, "the generator should not repeat itself")
        let items = ids.map { (kind: "ric", number: $0) } + codes.map { (kind: "uscc", number: $0) }

        let theirs: [Bool]
        do {
            theirs = try Self.stdnumVerdicts(items)
        } catch {
            Issue.record("\(error)")
            return
        }

        let ours = ids.map { (try? CitizenID($0, today: Self.today)) != nil } + codes.map { (try? CreditCode($0)) != nil }
        var disagreements: [String] = []
        for (i, item) in items.enumerated() where ours[i] != theirs[i] {
            disagreements.append("\(item.kind) \(item.number): ours \(ours[i]), stdnum \(theirs[i])")
        }
        #expect(disagreements.isEmpty, "\(disagreements.count) disagreements, first: \(disagreements.prefix(20).joined(separator: "; "))")

        // The generator really produced both kinds, per stdnum itself.
        let idValid = theirs[0..<ids.count].filter { $0 }.count
        let codeValid = theirs[ids.count...].filter { $0 }.count
        #expect((950...1100).contains(idValid), "stdnum found \(idValid) valid citizen IDs of 2000")
        #expect((950...1100).contains(codeValid), "stdnum found \(codeValid) valid credit codes of 2000")
        // Every candidate generated as valid is valid for stdnum (so our generator is not sharing a bug with Core).
        for i in stride(from: 0, to: ids.count, by: 2) { #expect(theirs[i], "\(ids[i])") }
        for i in stride(from: 0, to: codes.count, by: 2) { #expect(theirs[ids.count + i], "\(codes[i])") }
    }
}
