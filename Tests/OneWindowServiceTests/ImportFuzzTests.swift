import Foundation
import OneWindowCore
@testable import OneWindowService
import Testing

/// Issue 12, item 5: the file imports fuzzed — the bytes of a file (UTF-8 or not), the hospitals' direct-settlement
/// list and the bank's return file — by generated files (see `FileFuzz`). Beyond "no crash": every refusal is a
/// `FieldError` on the file whose message both languages can say; a bad line is named by its physical line; what
/// is accepted is visible, bounded text and in-range values; a refused import writes nothing.
@Suite("Import fuzz: file bytes, direct-settlement lists, bank return files")
struct ImportFuzzTests {
    static let today = CalendarDate(year: 2026, month: 11, day: 22)!

    static func finish(_ name: String, tried: Int, accepted: Int, _ f: FileFindings) {
        print("fuzz \(name): \(tried) inputs tried, \(accepted) accepted, \(tried - accepted) refused, \(f.count) findings (seed \(FileFuzz.seed))")
        for t in f.texts { Issue.record(Comment(rawValue: t)) }
        if f.count > f.texts.count { Issue.record("\(name): \(f.count - f.texts.count) more findings not shown") }
    }

    /// Where a byte sequence stops being UTF-8 (RFC 3629's table: no overlongs, no surrogates, nothing above
    /// U+10FFFF), or nil when all of it is.
    static func firstBadByte(_ b: [UInt8]) -> Int? {
        var i = 0
        while i < b.count {
            let c = b[i]
            let (n, lo, hi): (Int, UInt8, UInt8) = switch c {
            case 0x00...0x7F: (0, 0, 0)
            case 0xC2...0xDF: (1, 0x80, 0xBF)
            case 0xE0: (2, 0xA0, 0xBF)
            case 0xE1...0xEC, 0xEE...0xEF: (2, 0x80, 0xBF)
            case 0xED: (2, 0x80, 0x9F)
            case 0xF0: (3, 0x90, 0xBF)
            case 0xF1...0xF3: (3, 0x80, 0xBF)
            case 0xF4: (3, 0x80, 0x8F)
            default: (-1, 0, 0)
            }
            guard n >= 0, i + n < b.count || n == 0 else { return i }
            if n > 0 {
                guard (lo...hi).contains(b[i + 1]) else { return i }
                for k in 2..<(n + 1) where !(0x80...0xBF).contains(b[i + k]) { return i }
            }
            i += n + 1
        }
        return nil
    }

    @Test("File bytes: a file is read as text exactly when it is UTF-8; otherwise refused naming the line and byte of the first bad byte",
          .enabled(if: Fixture.onSQLite, "pure parsing: once is enough"))
    func bytes() {
        var rng = FileFuzz.rng(1)
        let f = FileFindings()
        var accepted = 0
        let pieces: [[UInt8]] = [[0xC4, 0xE3], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE4, 0xB8], [0xFF], [0x80],
                                 [0xEF, 0xBB, 0xBF], [0x0A], [0x0D, 0x0A], [0xF0, 0x9F, 0x91, 0x8D], [0xE5, 0x8C, 0xBB]]
        for n in 0..<FileFuzz.cases * 5 {
            var bytes = Array("医院,票据号\n天津,B1\r\nOW1,失败,账户已销户\n".utf8)
            if rng.chance(20) {
                bytes = (0..<rng.within(0...64)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            } else {
                for _ in 0..<rng.within(1...4) {
                    let at = rng.below(bytes.count + 1)
                    switch rng.below(3) {
                    case 0: bytes.insert(contentsOf: rng.pick(pieces), at: at)
                    case 1 where at < bytes.count: bytes[at] = UInt8(truncatingIfNeeded: rng.next())
                    default: bytes = Array(bytes.prefix(at))
                    }
                }
            }
            let field = rng.pick([Field.settlementFile, .bankFile])
            let bad = Self.firstBadByte(bytes)
            do {
                let text = try CSVFile.text(Data(bytes), field: field)
                accepted += 1
                if bad != nil || Array(text.utf8) != bytes { f.record("case \(n): \(bytes) read as text, first bad byte \(bad ?? -1)") }
            } catch let e as FieldError {
                let line = 1 + bytes.prefix(bad ?? 0).filter { $0 == 0x0A }.count
                if bad == nil || e != FieldError(field, "reason.file.notUTF8", texts: String(line), String(bad! + 1)) {
                    f.record("case \(n): \(bytes): \(e), expected line \(line) byte \((bad ?? -2) + 1)")
                }
            } catch { f.record("case \(n): \(bytes): not a FieldError: \(error)") }
        }
        Self.finish("file bytes", tried: FileFuzz.cases * 5, accepted: accepted, f)
    }

    /// A valid direct-settlement line.
    static func settlement(_ rng: inout SplitMix64, _ i: Int) -> [String] {
        [rng.pick(["天津市中心妇产科医院", "汕头市妇幼保健院", "天津市妇产科医院, 南院", "Tianjin \"Central\" Hospital"]), "FP\(i)-\(rng.below(1000))",
         FileFuzz.citizenID(&rng), "2026-\(FileFuzz.pad(rng.within(1...10), 2))-\(FileFuzz.pad(rng.within(1...28), 2))",
         rng.pick(["3000", "1,234.50", "0.01", "999999999.99", "８８０"])]
    }

    /// The settlement's own checks, line by line, with the core's parsers (fuzzed on their own in the core tests).
    static func settlementLineIsGood(_ f: [String]) -> Bool {
        let t = f.map(\.trimmingSpaces)
        guard t.count == 5, !t.allSatisfy(\.isEmpty) else { return false }
        guard let d = try? CalendarDate.parse(t[3]), d <= today, let m = try? Money.parseYuan(t[4]), m > .zero else { return false }
        return (try? FreeText.validated(t[0], field: .hospital)) != nil && (try? FreeText.validated(t[1], field: .billNo, maxLength: 64)) != nil
            && (try? CitizenID(t[2], today: today)) != nil
    }

    @Test("Settlement lists: one line mutated is the one line refused, by its physical line; any text is refused only with a FieldError, and what is accepted is visible, bounded and in range",
          .enabled(if: Fixture.onSQLite, "pure parsing: once is enough"))
    func settlementFiles() {
        var rng = FileFuzz.rng(2)
        let f = FileFindings()
        var accepted = 0
        for n in 0..<FileFuzz.cases {
            let header = rng.chance(50) ? ["hospital", "billNo", "citizenID", "settledOn", "amountYuan"] : ["医院", "票据号", "身份证号码", "结算日期", "金额（元）"]
            var rows = (0..<rng.within(1...8)).map { Self.settlement(&rng, $0) }
            let k = rng.below(rows.count)
            let lineLocal = rng.chance(60)
            if lineLocal {
                // One field of one line, or a field too many or too few; written with proper quoting.
                switch rng.below(10) {
                case 0: rows[k].append(FileFuzz.mutate("x", &rng))
                case 1: rows[k].removeLast()
                default: let c = rng.below(5); rows[k][c] = FileFuzz.mutate(rows[k][c], &rng)
                }
            }
            var (text, starts) = FileFuzz.csv([header] + rows, &rng)
            if !lineLocal { text = FileFuzz.mutate(text, &rng) }
            let read: (good: [SettlementFile.Line], bad: [(line: Int, reason: Message)])
            do { read = try SettlementFile.read(text, today: Self.today) } catch let e as FieldError {
                if lineLocal || e.field != .settlementFile || !FileFuzz.problems(e.reason).isEmpty {
                    f.record("case \(n): \(text.debugDescription.prefix(300)) refused whole: \(e)")
                }
                continue
            } catch { f.record("case \(n): \(text.debugDescription.prefix(300)): not a FieldError: \(error)"); continue }
            accepted += read.bad.isEmpty ? 1 : 0
            let lines = FileFuzz.physicalLines(text)
            let numbers = read.good.map(\.line) + read.bad.map(\.line)
            if Set(numbers).count != numbers.count || !numbers.allSatisfy({ (2...lines).contains($0) }) || read.bad.map(\.line) != read.bad.map(\.line).sorted() {
                f.record("case \(n): \(text.debugDescription.prefix(300)): line numbers \(numbers) outside 2...\(lines) or repeated")
            }
            for r in read.bad where !FileFuzz.problems(r.reason).isEmpty { f.record("case \(n): line \(r.line): \(FileFuzz.problems(r.reason))") }
            for g in read.good.map(\.settlement) {
                let visible = !(g.hospital + g.billNo).unicodeScalars.contains(where: FileFuzz.hidden)
                if !visible || g.hospital.isEmpty || g.hospital.count > 100 || g.billNo.isEmpty || g.billNo.count > 64 || g.amountFen <= 0
                    || g.amountFen > Money.maximum.fen || g.settledOn > Self.today.description || g.citizenID.utf8.count != 18
                    || g.settledOn.replacingOccurrences(of: "-", with: "") < g.citizenID.dropFirst(6).prefix(8)
                    || !(text.contains(g.billNo) || text.contains(g.billNo.replacingOccurrences(of: "\"", with: "\"\""))) {
                    f.record("case \(n): accepted \(g) from \(text.debugDescription.prefix(400))")
                }
            }
            if lineLocal {
                // Every other line is good; the mutated one is good or the only bad one, named by where it starts.
                let expectBad = !Self.settlementLineIsGood(rows[k])
                if read.bad.map(\.line) != (expectBad ? [starts[k + 1]] : []) || read.good.count != rows.count - (expectBad ? 1 : 0)
                    || read.good.map(\.line) != starts.dropFirst().enumerated().filter { !expectBad || $0.offset != k }.map(\.element) {
                    f.record("case \(n): \(text.debugDescription.prefix(300)): bad \(read.bad.map(\.line)), good \(read.good.map(\.line)); line \(starts[k + 1]) is \(expectBad ? "bad" : "good")")
                }
            }
        }
        Self.finish("settlement file", tried: FileFuzz.cases, accepted: accepted, f)
    }

    @Test("Bank return files: one line mutated is refused by its physical line (or as a repeat of another); any text is refused only with a FieldError on the file; accepted lines are unique, visible and in range",
          .enabled(if: Fixture.onSQLite, "pure parsing: once is enough"))
    func bankReturnFiles() {
        var rng = FileFuzz.rng(3)
        let f = FileFindings()
        var accepted = 0
        for n in 0..<FileFuzz.cases {
            let withAmount = rng.chance(50)
            let chinese = rng.chance(50)
            let header = (chinese ? ["参考号", "状态", "原因"] : ["reference", "status", "reason"]) + (withAmount ? [chinese ? "金额（元）" : "amount"] : [])
            var rows: [[String]] = (0..<rng.within(1...8)).map { i in
                let failed = rng.chance(50)
                return ["OW\(i + 1)", failed ? rng.pick(["失败", "failed", "FAILED"]) : rng.pick(["成功", "success"]),
                        failed ? rng.pick(["账户已销户", "户名不符", "account closed"]) : ""] + (withAmount ? [rng.pick(["", "4500.00", "0.01"])] : [])
            }
            let k = rng.below(rows.count)
            let lineLocal = rng.chance(60)
            if lineLocal { let c = rng.below(rows[k].count); rows[k][c] = FileFuzz.mutate(rows[k][c], &rng) }
            var (text, starts) = FileFuzz.csv([header] + rows, &rng)
            if !lineLocal { text = FileFuzz.mutate(text, &rng) }
            do {
                let lines = try BankReturnFile.lines(text)
                accepted += 1
                let ids = lines.map(\.orderID), numbers = lines.map(\.line)
                if Set(ids).count != ids.count || ids.contains(where: { $0 <= 0 }) || numbers != numbers.sorted()
                    || !numbers.allSatisfy({ (2...FileFuzz.physicalLines(text)).contains($0) }) {
                    f.record("case \(n): \(text.debugDescription.prefix(300)): ids \(ids) at lines \(numbers)")
                }
                for l in lines where l.failed != (l.reason != nil) || (l.reason ?? "").unicodeScalars.contains(where: FileFuzz.hidden)
                    || (l.reason?.count ?? 0) > 100 || (l.amount.map { $0 < .zero || $0 > .maximum } ?? false) {
                    f.record("case \(n): accepted \(l)")
                }
            } catch let e as FieldError {
                if e.field != .bankFile || !FileFuzz.problems(e.reason).isEmpty { f.record("case \(n): \(e)") }
                // A line-local fault names the mutated line, unless the mutation made another line's reference repeat it.
                if lineLocal, e.reason.key == "reason.bank.line" || e.reason.key == "reason.bank.lineOnly",
                   e.reason.args.first != .text(String(starts[k + 1])),
                   !(e.reason.args.dropFirst().contains { if case .message(let m) = $0 { m.key == "reason.bank.duplicate" } else { false } }) {
                    f.record("case \(n): \(text.debugDescription.prefix(300)): \(e) names another line than \(starts[k + 1])")
                }
                if lineLocal, e.reason.key != "reason.bank.line", e.reason.key != "reason.bank.lineOnly" {
                    f.record("case \(n): \(text.debugDescription.prefix(300)): a line's fault refused as \(e)")
                }
            } catch { f.record("case \(n): \(text.debugDescription.prefix(300)): not a FieldError: \(error)") }
        }
        Self.finish("bank return file", tried: FileFuzz.cases, accepted: accepted, f)
    }

    @Test("Settlement imports into a store: a refused file writes nothing; an accepted one stores exactly its good lines; --partial lists exactly the bad ones")
    func settlementImports() throws {
        let fixture = try Fixture()
        let service = BenefitService(fixture.clerk)
        var rng = FileFuzz.rng(4)
        let f = FileFindings()
        var accepted = 0
        let count = max(20, FileFuzz.cases / 30)
        for n in 0..<count {
            let rows = (0..<rng.within(1...5)).map { Self.settlement(&rng, n * 10 + $0) }
            var (text, _) = FileFuzz.csv([["hospital", "billNo", "citizenID", "settledOn", "amountYuan"]] + rows, &rng)
            if rng.chance(70) { text = FileFuzz.mutate(text, &rng) }
            let partial = rng.chance(40)
            let (rowsBefore, auditBefore) = (try fixture.count("directSettlement"), try fixture.auditCount())
            let expected = try? SettlementFile.read(text, today: Self.today)
            do {
                let r = try service.importSettlements(csv: text, partial: partial)
                accepted += 1
                let added = try fixture.count("directSettlement") - rowsBefore
                if expected == nil || r.inserted + r.alreadyKnown != expected!.good.count || added != r.inserted
                    || r.rejected.count != (partial ? expected!.bad.count : 0) || (!partial && !expected!.bad.isEmpty) {
                    f.record("case \(n): \(text.debugDescription.prefix(300)): \(r), added \(added)")
                }
            } catch let e as FieldError {
                if e.field != .settlementFile || !FileFuzz.problems(e.reason).isEmpty { f.record("case \(n): \(e)") }
                if try fixture.count("directSettlement") != rowsBefore || fixture.auditCount() != auditBefore {
                    f.record("case \(n): \(text.debugDescription.prefix(300)): refused (\(e)) yet written")
                }
            } catch { f.record("case \(n): \(text.debugDescription.prefix(300)): not a FieldError: \(error)") }
        }
        Self.finish("settlement import (store)", tried: count, accepted: accepted, f)
    }

    // Found by the settlement fuzz at full size (ONEWINDOW_FUZZ_CASES=1000000, seed 20261122, cases 37581 and 49052).

    @Test("A CR LF followed by a combining mark inside a quoted field is one line break (the lines after it keep their numbers)")
    func crlfBeforeCombiningMark() throws {
        // Foundation's replacingOccurrences(of: "\r\n") does not match a CR LF followed by U+0301 (one grapheme).
        #expect(CSVFile.breaks(["市\r\n\u{0301}妇"]) == 1)
        #expect(CSVFile.breaks(["a\r\nb", "c\rd\ne", "\n\r"]) == 5)
        let text = "hospital,billNo,citizenID,settledOn,amountYuan\n\"汕头\r\n\u{0301}医院\",B1,\(Fixture.lina.value),2026-10-09,3000\nX,B2,\(Fixture.lina.value),2026-10-09,0\n"
        let read = try SettlementFile.read(text, today: Self.today)
        // Line 2 is refused for its line break (a control character in a name); line 4 for its amount 0.
        #expect(read.bad.map(\.line) == [2, 4])
    }

    @Test("A quote inside a quoted field that is not doubled is refused, never read with a character dropped")
    func strayQuote() throws {
        let text = "hospital,billNo,citizenID,settledOn,amountYuan\n汕头市妇幼保健院,\"F0\"880\",\(Fixture.lina.value),2026-10-09,3000\n"
        let read = try SettlementFile.read(text, today: Self.today)
        #expect(read.good.isEmpty)
        #expect(read.bad.map(\.line) == [2])
        #expect(read.bad.first.map { FileFuzz.tables[1].render($0.reason) }?.contains("not doubled") == true)
    }

    @Test("The same in a bank return file: a reason with a stray quote refuses the file, naming the line")
    func strayQuoteInBankFile() throws {
        let reference = BankReference.of(7)
        let good = "reference,status,reason\n\(reference),failed,\"account \"\"closed\"\"\"\n"
        #expect(try BankReturnFile.lines(good).first?.reason == "account \"closed\"")
        let stray = "reference,status,reason\n\(reference),failed,\"account \"clo\"sed\"\n"
        let refusal = #expect(throws: FieldError.self) { try BankReturnFile.lines(stray) }
        let shown = refusal.map { FileFuzz.tables[1].render($0.message) } ?? ""
        #expect(shown.contains("line 2") && shown.contains("not doubled"), "\(shown)")
    }
}
