import Testing
@testable import OneWindowCore

/// Issue 12, item 5: every parser a clerk or a file feeds, fuzzed by generated cases (see `Fuzz` for why not
/// libFuzzer). Beyond "no crash": every refusal is a `FieldError` on the field asked for, whose message both
/// string tables can say; every accepted value keeps its invariants, round-trips through its own text, and
/// agrees with an oracle written here from the rule (not from the parser's code).
@Suite("Parser fuzz: citizen ID, credit code, money, rates, dates, months, free text, bills")
struct ParserFuzzTests {
    static let today = CalendarDate(year: 2026, month: 11, day: 22)!
    /// GB/T 2260 province-level codes (and 71, 81, 82, 83): an ID's first two digits, or a 9 and then one.
    static let provinces: Set<String> = ["11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
                                         "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64",
                                         "65", "71", "81", "82", "83"]
    static let regions = ["110105", "120116", "210102", "320402", "440507", "500101", "654301", "810000", "911010"]

    static func pad(_ n: Int, _ w: Int) -> String { String(repeating: "0", count: max(0, w - String(n).count)) + String(n) }

    /// A valid 18-character ID (sometimes a legacy 15-digit one, born in the 1900s), and its canonical form.
    static func citizenID(_ rng: inout SplitMix64) -> (typed: String, canonical: String) {
        let region = rng.pick(regions)
        let year = rng.chance(20) ? rng.within(1900...1999) : rng.within(1880...2026)
        let month = rng.within(1...(year == 2026 ? 10 : 12))
        let day = rng.within(1...CalendarDate.daysIn(year: year, month: month))
        let seq = pad(rng.within(0...999), 3)
        let body = region + pad(year, 4) + pad(month, 2) + pad(day, 2) + seq
        let full = body + String(mod11_2Check(body))
        if (1900...1999).contains(year), region.first != "9", rng.chance(15) {
            return (region + pad(year % 100, 2) + pad(month, 2) + pad(day, 2) + seq, full)
        }
        return (full, full)
    }

    /// What must not change a valid ID's meaning: spaces around, full-width, a lower-case x.
    static func harmless(_ s: String, _ rng: inout SplitMix64) -> String {
        var t = s
        if rng.chance(40) { t = String(t.map(Fuzz.fullWidth)) }
        if rng.chance(40) { t = t.lowercased() }
        if rng.chance(40) { t = rng.pick([" ", "\u{3000}", "\t", "  "]) + t + rng.pick(["", " ", "\u{3000}", "\n"]) }
        return t
    }

    @Test("Citizen IDs: refusals are FieldErrors on the ID; an accepted ID has a right check character, a real past date, a province, and is what was typed")
    func citizenIDs() {
        var rng = Fuzz.rng(1)
        var accepted = 0
        let f = Findings()
        for n in 0..<Fuzz.cases {
            let valid = Self.citizenID(&rng)
            let kind = rng.below(10)
            let input = kind < 2 ? Self.harmless(valid.typed, &rng) : kind < 7 ? Fuzz.mutate(valid.typed, &rng) : Fuzz.random(&rng)
            let id = Fuzz.outcome(input, field: .citizenID, case: n, f) { try CitizenID(input, today: Self.today) }
            if kind < 2, id?.value != valid.canonical {
                f.record("case \(n): \(input.debugDescription) should read as \(valid.canonical), got \(id?.value ?? "a refusal")")
            }
            guard let id else { continue }
            accepted += 1
            let v = Array(id.value)
            guard v.count == 18 else { f.record("case \(n): \(input.debugDescription) accepted as \(id.value)"); continue }
            let ok = id.value.utf8.count == 18 && v.prefix(17).allSatisfy { $0.isASCII && $0.isNumber }
                && mod11_2Check(String(v.prefix(17))) == v[17]
                && (Self.provinces.contains(String(v[0...1])) || (v.first == "9" && Self.provinces.contains(String(v[1...2]))))
            let birth = CalendarDate(year: Int(String(v[6..<10])) ?? 0, month: Int(String(v[10..<12])) ?? 0, day: Int(String(v[12..<14])) ?? 0)
            let typed = Fuzz.typedForm(input)
            let asTyped = typed == id.value || (id.upgradedFrom == typed && typed.count == 15
                && id.value == String(typed.prefix(6)) + "19" + String(typed.dropFirst(6)) + String(v[17]))
            let again = try? CitizenID(id.value, today: Self.today)
            if !ok || birth == nil || birth! > Self.today || birth!.year < 1880 || !asTyped || again?.value != id.value
                || id.masked != String(v.prefix(6)) + "********" + String(v.suffix(4)) {
                f.record("case \(n): \(input.debugDescription) accepted as \(id.value): breaks an invariant")
            }
        }
        Fuzz.report("citizen ID", tried: Fuzz.cases, accepted: accepted, f)
    }

    @Test("Credit codes: refusals are FieldErrors on the code; an accepted code is 18 characters of GB 32100's alphabet, a division, a right MOD 31 check, as typed")
    func creditCodes() {
        var rng = Fuzz.rng(2)
        var accepted = 0
        let f = Findings()
        for n in 0..<Fuzz.cases {
            var body = String((0..<2).map { _ in rng.pick(uscc31) }) + String((0..<6).map { _ in rng.pick(Fuzz.digits) })
            body += String((0..<9).map { _ in rng.pick(uscc31) })
            let valid = body + String(mod31Check(body))
            let kind = rng.below(10)
            let input = kind < 2 ? Self.harmless(valid, &rng) : kind < 7 ? Fuzz.mutate(valid, &rng) : Fuzz.random(&rng)
            let code = Fuzz.outcome(input, field: .creditCode, case: n, f) { try CreditCode(input) }
            if kind < 2, code?.value != valid { f.record("case \(n): \(input.debugDescription) should read as \(valid)") }
            guard let code else { continue }
            accepted += 1
            let v = Array(code.value)
            if code.value.utf8.count != 18 || v.count != 18 || !v.allSatisfy(uscc31.contains) || !v[2..<8].allSatisfy({ $0.isASCII && $0.isNumber })
                || mod31Check(String(v.prefix(17))) != v[17] || Fuzz.typedForm(input) != code.value || (try? CreditCode(code.value)) != code {
                f.record("case \(n): \(input.debugDescription) accepted as \(code.value): breaks an invariant")
            }
        }
        Fuzz.report("credit code", tried: Fuzz.cases, accepted: accepted, f)
    }

    /// The amount a typed text means, from the rule: optional spaces around, full-width folded, whole yuan as
    /// plain digits or grouped by commas in threes, at most two decimals, not negative, at most 10 亿元.
    static func yuanOracle(_ raw: String) -> Int64? {
        var chars = Array(raw)
        let spaces: Set<Character> = [" ", "\u{3000}", "\t", "\n", "\r", "\r\n"]
        while let f = chars.first, spaces.contains(f) { chars.removeFirst() }
        while let l = chars.last, spaces.contains(l) { chars.removeLast() }
        let t = chars.map(\.halfWidth)
        let parts = t.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let isDigit: (Character) -> Bool = { $0.isASCII && $0.isNumber }
        let groups = parts[0].split(separator: ",", omittingEmptySubsequences: false)
        let wholeOK = groups.count == 1 ? !groups[0].isEmpty && groups[0].allSatisfy(isDigit)
            : (1...3).contains(groups[0].count) && groups.dropFirst().allSatisfy { $0.count == 3 } && groups.allSatisfy { $0.allSatisfy(isDigit) }
        guard wholeOK else { return nil }
        let whole = groups.joined()
        guard whole.count <= 10, let w = Int64(String(whole)) else { return nil }
        var fen = w * 100
        if parts.count == 2 {
            let d = parts[1]
            guard (1...2).contains(d.count), d.allSatisfy(isDigit) else { return nil }
            fen += Int64(String(d))! * (d.count == 1 ? 10 : 1)
        }
        return fen <= Money.maximum.fen ? fen : nil
    }

    /// A valid amount in one of the ways a clerk types it, and its value in fen.
    static func amount(_ rng: inout SplitMix64) -> (String, Int64) {
        let fen: Int64 = rng.weighted([(Int64(rng.below(100_000_000)), 6), (Int64(rng.next() % UInt64(Money.maximum.fen + 1)), 2),
                                       (rng.pick([0, 1, 10, 99, 100, Money.maximum.fen, Money.maximum.fen - 1]), 2)])
        let m = Money(fen: fen)
        switch rng.below(5) {
        case 0: return (m.grouped, fen)
        case 1 where fen % 100 == 0: return (String(fen / 100), fen)
        case 2 where fen % 10 == 0: return (String(fen / 100) + "." + String(fen % 100 / 10), fen)
        case 3: return (String(m.yuanText.map(Fuzz.fullWidth)), fen)
        default: return (m.yuanText, fen)
        }
    }

    @Test("Money: parseYuan agrees with the rule on every input, refuses only with FieldErrors on the field asked, and round-trips both of its texts")
    func money() {
        var rng = Fuzz.rng(3)
        var accepted = 0
        let f = Findings()
        for n in 0..<Fuzz.cases {
            let (valid, fen) = Self.amount(&rng)
            let kind = rng.below(10)
            let words = ["元", "角", "分", "万", "亿", "¥", "-", "+", "e3", "1e", ".", ",", "，", "．", "0x10", "NaN", "inf"]
            let input = kind < 2 ? valid : kind < 6 ? Fuzz.mutate(valid, &rng)
                : kind < 8 ? (rng.chance(50) ? rng.pick(words) + valid : valid + rng.pick(words)) : Fuzz.random(&rng)
            let field = rng.pick([Field.amount, .base, .wage])
            let m = Fuzz.outcome(input, field: field, case: n, f) { try Money.parseYuan(input, field: field) }
            if kind < 2, m?.fen != fen { f.record("case \(n): \(input.debugDescription) should be \(fen) fen, got \(m.map { "\($0.fen)" } ?? "a refusal")") }
            let expected = Self.yuanOracle(input)
            if m?.fen != expected {
                f.record("case \(n): \(input.debugDescription): parseYuan gives \(m.map { "\($0.fen)" } ?? "a refusal"), the rule \(expected.map { "\($0)" } ?? "a refusal")")
            }
            guard let m else { continue }
            accepted += 1
            if (try? Money.parseYuan(m.yuanText)) != m || (try? Money.parseYuan(m.grouped)) != m || m < .zero || m > .maximum {
                f.record("case \(n): \(input.debugDescription) → \(m.fen) fen does not round-trip")
            }
        }
        Fuzz.report("money", tried: Fuzz.cases, accepted: accepted, f)
    }

    @Test("Rates: parsePercent refuses with FieldErrors only, accepts 0–100 % in basis points, and reads its own text back")
    func rates() {
        var rng = Fuzz.rng(4)
        var accepted = 0
        let f = Findings()
        for n in 0..<Fuzz.cases {
            let bp = rng.within(0...10_050)
            let valid = "\(bp / 100)" + (bp % 100 == 0 && rng.chance(50) ? "" : ".\(Self.pad(bp % 100, 2))") + (rng.chance(30) ? "%" : "")
            let input = rng.chance(60) ? Fuzz.mutate(valid, &rng) : rng.chance(50) ? valid : Fuzz.random(&rng)
            let r = Fuzz.outcome(input, field: .rate, case: n, f) { try Rate.parsePercent(input) }
            if input == valid, (r?.basisPoints == bp) != (bp <= 10_000) { f.record("case \(n): \(valid) read as \(String(describing: r))") }
            guard let r else { continue }
            accepted += 1
            if !(0...10_000).contains(r.basisPoints) || (try? Rate.parsePercent(r.description)) != r {
                f.record("case \(n): \(input.debugDescription) → \(r.basisPoints) bp breaks an invariant")
            }
        }
        Fuzz.report("rate", tried: Fuzz.cases, accepted: accepted, f)
    }

    /// Days since 1970-01-01 and back (Hinnant's civil calendar algorithms): a date is real exactly when it
    /// survives the round trip, a rule independent of `daysIn`.
    static func isReal(_ y: Int, _ m: Int, _ d: Int) -> Bool {
        guard y >= 1, y <= 9999, (1...12).contains(m), d >= 1, d <= 31 else { return false }
        let yy = m <= 2 ? y - 1 : y
        let era = (yy >= 0 ? yy : yy - 399) / 400
        let yoe = yy - era * 400
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1
        let days = era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719_468
        let z = days + 719_468
        let era2 = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era2 * 146_097
        let yoe2 = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy2 = doe - (365 * yoe2 + yoe2 / 4 - yoe2 / 100)
        let mp = (5 * doy2 + 2) / 153
        let d2 = doy2 - (153 * mp + 2) / 5 + 1
        let m2 = mp < 10 ? mp + 3 : mp - 9
        return (yoe2 + era2 * 400 + (m2 <= 2 ? 1 : 0), m2, d2) == (y, m, d)
    }

    /// `nil` when the text is not exactly the shape (ASCII digits and dashes); else its numbers.
    static func numbers(_ text: String, widths: [Int]) -> [Int]? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == widths.count, zip(parts, widths).allSatisfy({ p, w in p.count == w && p.allSatisfy { $0.isASCII && $0.isNumber } }) else { return nil }
        return parts.map { Int(String($0))! }
    }

    /// A date or month as typed: as is, with some characters full-width (an IME), mutated, or noise.
    static func typed(_ valid: String, _ rng: inout SplitMix64) -> String {
        if rng.chance(40) { return valid }
        if rng.chance(20) { return String(valid.map { rng.chance(50) ? Character(Unicode.Scalar($0.unicodeScalars.first!.value + 0xFEE0)!) : $0 }) }
        return rng.chance(80) ? Fuzz.mutate(valid, &rng) : Fuzz.random(&rng)
    }

    static func year(_ rng: inout SplitMix64) -> Int {
        rng.weighted([(rng.within(1...9999), 3), (rng.within(1880...2100), 4), (rng.pick([0, 1, 4, 100, 1582, 1900, 2000, 2024, 2100, 9999]), 3)])
    }

    @Test("Dates: CalendarDate.parse accepts exactly the real dates written YYYY-MM-DD (0001-01-01 to 9999-12-31, Feb 29 only in leap years; full-width digits and minus folded) and prints them back as typed")
    func dates() {
        var rng = Fuzz.rng(5)
        var accepted = 0
        let f = Findings()
        for n in 0..<Fuzz.cases {
            let y = Self.year(&rng), m = rng.weighted([(rng.within(1...12), 8), (rng.pick([0, 2, 13, 99]), 2)])
            let d = rng.weighted([(rng.within(1...28), 5), (rng.pick([0, 29, 30, 31, 32, 99]), 5)])
            let valid = Self.pad(y, 4) + "-" + Self.pad(m, 2) + "-" + Self.pad(d, 2)
            let input = Self.typed(valid, &rng)
            let field = rng.pick([Field.date, .eventDate, .gestationStart])
            var reason: String?
            let date: CalendarDate?
            do { date = try CalendarDate.parse(input, field: field) } catch let e as FieldError {
                date = nil
                reason = e.reason.key
                if e.field != field || e.reason.args != [.text(input)] || !Reasons.check(e.reason).isEmpty { f.record("case \(n): \(input.debugDescription): \(e)") }
            } catch { f.record("case \(n): \(input.debugDescription): not a FieldError: \(error)"); continue }
            let shape = Self.numbers(Fuzz.halfWidth(input), widths: [4, 2, 2])
            let expected = shape == nil ? "reason.date.format" : Self.isReal(shape![0], shape![1], shape![2]) ? nil : "reason.date.impossible"
            if reason != expected { f.record("case \(n): \(input.debugDescription): \(reason ?? "accepted"), the rule \(expected ?? "accept")") }
            guard let date else { continue }
            accepted += 1
            if date.description != Fuzz.halfWidth(input) || CalendarDate(year: date.year, month: date.month, day: date.day) != date {
                f.record("case \(n): \(input.debugDescription) read as \(date)")
            }
        }
        Fuzz.report("date", tried: Fuzz.cases, accepted: accepted, f)
    }

    @Test("Months: YearMonth.parse accepts exactly 0001-01 to 9999-12 written YYYY-MM (no 13th month; full-width digits and minus folded) and prints them back as typed")
    func months() {
        var rng = Fuzz.rng(6)
        var accepted = 0
        let f = Findings()
        for n in 0..<Fuzz.cases {
            let y = Self.year(&rng), m = rng.weighted([(rng.within(1...12), 7), (rng.pick([0, 13, 12, 1, 99]), 3)])
            let valid = Self.pad(y, 4) + "-" + Self.pad(m, 2)
            let input = Self.typed(valid, &rng)
            let field = rng.pick([Field.month, .fromMonth, .unifiedFrom])
            var reason: String?
            let month: YearMonth?
            do { month = try YearMonth.parse(input, field: field) } catch let e as FieldError {
                month = nil
                reason = e.reason.key
                if e.field != field || e.reason.args != [.text(input)] || !Reasons.check(e.reason).isEmpty { f.record("case \(n): \(input.debugDescription): \(e)") }
            } catch { f.record("case \(n): \(input.debugDescription): not a FieldError: \(error)"); continue }
            let shape = Self.numbers(Fuzz.halfWidth(input), widths: [4, 2])
            let expected = shape == nil ? "reason.month.format" : (1...9999).contains(shape![0]) && (1...12).contains(shape![1]) ? nil : "reason.month.impossible"
            if reason != expected { f.record("case \(n): \(input.debugDescription): \(reason ?? "accepted"), the rule \(expected ?? "accept")") }
            guard let month else { continue }
            accepted += 1
            if month.description != Fuzz.halfWidth(input) || month.next.previous != month { f.record("case \(n): \(input.debugDescription) read as \(month)") }
        }
        Fuzz.report("month", tried: Fuzz.cases, accepted: accepted, f)
    }

    /// Hidden from a later reader: C0/C1 controls, bidi marks, embeddings, overrides and isolates,
    /// zero-width space and joiners, BOM, soft hyphen, line and paragraph separators (listed, not derived
    /// from the Unicode categories FreeText uses, so the two are independent).
    static func hidden(_ s: Unicode.Scalar) -> Bool {
        s.value < 0x20 || (0x7F...0x9F).contains(s.value) || s.value == 0xAD || (0x200B...0x200F).contains(s.value)
            || (0x2028...0x202E).contains(s.value) || (0x2060...0x2064).contains(s.value) || (0x2066...0x206F).contains(s.value)
            || s.value == 0xFEFF
    }

    @Test("Free text (document numbers, reasons, hospital names, bill numbers): kept as typed less the spaces around, never longer than its limit, never a control or bidi character")
    func freeText() {
        var rng = Fuzz.rng(7)
        var accepted = 0
        let f = Findings()
        let seeds = ["天津市中心妇产科医院", "FP20261120-01", "账户已销户", "津医保发〔2026〕X号", "请补交产前检查费用明细"]
        for n in 0..<Fuzz.cases {
            let input = rng.chance(70) ? Fuzz.mutate(rng.pick(seeds), &rng) : Fuzz.random(&rng)
            let limit = rng.pick([10, 64, 100])
            let field = rng.pick([Field.hospital, .billNo, .note, .document, .bankReason])
            guard let text = Fuzz.outcome(input, field: field, case: n, f, { try FreeText.validated(input, field: field, maxLength: limit) }) else { continue }
            accepted += 1
            if text != input.trimmingSpaces || text.isEmpty || text.count > limit || text.unicodeScalars.contains(where: Self.hidden) {
                f.record("case \(n): \(input.debugDescription) accepted as \(text.debugDescription)")
            }
        }
        Fuzz.report("free text", tried: Fuzz.cases, accepted: accepted, f)
    }

    @Test("Bills (the parts of a bill word ITEM=YUAN@HOSPITAL#BILLNO the core reads): an item code reads back as itself; an accepted bill has a hospital and a bill number as typed, visible and bounded, and an amount above zero")
    func bills() {
        var rng = Fuzz.rng(8)
        var accepted = 0
        let f = Findings()
        let codes = ["prenatal", "miscarriage", "delivery.natural", "delivery.caesarean", "iudInsertion", "vasectomy", "recanalisation"]
        for n in 0..<Fuzz.cases {
            let code = rng.chance(50) ? rng.pick(codes) : Fuzz.mutate(rng.pick(codes), &rng)
            if let item = MedicalItem(code: code), item.code != code { f.record("case \(n): item \(code.debugDescription) reads back as \(item.code)") }
            let hospital = rng.chance(30) ? "天津市中心妇产科医院" : Fuzz.mutate("天津市中心妇产科医院", &rng)
            let billNo = rng.chance(30) ? "FP20261120-01" : Fuzz.mutate("FP20261120-01", &rng)
            let fen = rng.chance(10) ? 0 : Int64(rng.within(1...10_000_000))
            let input = "\(hospital)#\(billNo)"
            guard let bill = Fuzz.outcome(input, field: .hospital, or: [.billNo, .amount], case: n, f, {
                try MedicalBill(item: .prenatal, hospital: hospital, billNo: billNo, actual: Money(fen: fen))
            }) else { continue }
            accepted += 1
            if bill.hospital != hospital.trimmingSpaces || bill.billNo != billNo.trimmingSpaces || bill.hospital.isEmpty || bill.billNo.isEmpty
                || bill.hospital.count > 100 || bill.billNo.count > 64 || (bill.hospital + bill.billNo).unicodeScalars.contains(where: Self.hidden)
                || bill.actual <= .zero {
                f.record("case \(n): bill \(input.debugDescription) accepted as \(bill.hospital.debugDescription) #\(bill.billNo.debugDescription)")
            }
        }
        Fuzz.report("bill (core)", tried: Fuzz.cases, accepted: accepted, f)
    }
}
