import Testing
@testable import OneWindowCore

@Suite("Money, Rate and the one rounding rule")
struct MoneyTests {
    func reason(_ raw: String) -> Message? {
        do {
            _ = try Money.parseYuan(raw)
            return nil
        } catch let e as FieldError {
            #expect(e.field == .amount)
            return e.reason
        } catch {
            Issue.record("unexpected error type \(error)")
            return nil
        }
    }

    // MARK: parseYuan

    @Test("parseYuan reads yuan as typed at the counter",
          arguments: [("8000", Int64(800_000)), ("8000.5", 800_050), ("8000.50", 800_050), ("8,000.50", 800_050),
                      ("８０００", 800_000), ("８，０００．５", 800_050), ("0.01", 1), ("0", 0), ("  12.3\u{3000}", 1230),
                      ("1,234,567.89", 123_456_789), ("1000000000", 100_000_000_000)])
    func parses(_ raw: String, _ fen: Int64) throws {
        #expect(try Money.parseYuan(raw) == Money(fen: fen))
    }

    @Test("parseYuan refuses negative amounts (reason.money.negative)", arguments: ["-1", "-0.01", "－5"])
    func negative(_ raw: String) {
        #expect(reason(raw) == Message("reason.money.negative"))
    }

    @Test("parseYuan never rounds fen away silently: more than two decimals is reason.money.decimals",
          arguments: ["1.234", "8000.005", "0.001"])
    func tooManyDecimals(_ raw: String) {
        #expect(reason(raw) == Message("reason.money.decimals"))
    }

    @Test("parseYuan refuses what is not an amount (reason.money.format, echoing the input)",
          arguments: ["abc", "12a", "1.2.3", "1.", ".5", "1e3", "+5", "¥100", "1 000"])
    func notAnAmount(_ raw: String) {
        #expect(reason(raw) == Message("reason.money.format", texts: raw))
    }

    @Test("parseYuan: empty is reason.required", arguments: ["", "   ", "\u{3000}"])
    func empty(_ raw: String) {
        #expect(reason(raw) == Message("reason.required"))
    }

    @Test("parseYuan: above 10 亿元 (Money.maximum) is reason.money.tooLarge",
          arguments: ["1000000000.01", "1000000001", "12345678901", "99999999999999999999999"])
    func tooLarge(_ raw: String) {
        #expect(reason(raw) == Message("reason.money.tooLarge"))
    }

    @Test("parseYuan reports the field it was asked for")
    func fieldPassedThrough() {
        #expect(throws: FieldError(.base, "reason.money.negative")) { try Money.parseYuan("-1", field: .base) }
    }

    // MARK: Rounding

    @Test("四舍五入: Rounding.halfUp rounds half away from zero, once",
          arguments: [(Int64(14), Int64(10), Int64(1)), (15, 10, 2), (16, 10, 2), (25, 10, 3), (-14, 10, -1), (-15, 10, -2),
                      (-16, 10, -2), (-5, 10, -1), (5, 10, 1), (4, 10, 0), (-4, 10, 0), (0, 7, 0), (20, 10, 2),
                      (-20, 10, -2), (1, 3, 0), (2, 3, 1), (-2, 3, -1), (5000, 10_000, 1), (4999, 10_000, 0)])
    func halfUp(_ n: Int64, _ d: Int64, _ expected: Int64) {
        #expect(Rounding.halfUp(n, d) == expected)
    }

    @Test("社会保险法 art. 56: allowance = round-half-up(wage_fen × days / 30), the domain's worked checks",
          arguments: [(Int64(6000), Int64(98), Int64(1_960_000)), (9000, 128, 3_840_000), (2695, 95, 853_417)])
    func allowanceWorkedChecks(_ wageYuan: Int64, _ days: Int64, _ fen: Int64) {
        let wage = Money(yuan: wageYuan)
        #expect(Rounding.halfUp(wage.fen * days, 30) == fen)
    }

    @Test("社会保险法 art. 56: multiply first, round once (rounding the daily wage first gives 8533.85, wrong)")
    func allowanceMultiplyFirst() {
        let wage = Money(yuan: 2695).fen
        let daily = Rounding.halfUp(wage, 30) // 8983 fen
        #expect(daily * 95 == 853_385)
        #expect(Rounding.halfUp(wage * 95, 30) == 853_417)
        #expect(Money(fen: Rounding.halfUp(wage * 95, 30)).grouped == "8,534.17")
    }

    // MARK: Money × Rate

    @Test("统一征缴: amount = round-half-up(base_fen × rate_bp / 10 000)",
          arguments: [(Int64(800_000), 650, Int64(52_000)),   // 8000.00 × 6.5 % = 520.00
                      (800_100, 650, 52_007),                  // 8001.00 × 6.5 % = 520.065 → 520.07 (half fen up)
                      (800_001, 650, 52_000),                  // 520.000065 → 520.00
                      (100, 50, 1),                            // 1.00 × 0.5 % = 0.005 → 0.01
                      (99, 50, 0),                             // 0.99 × 0.5 % = 0.00495 → 0.00
                      (1_234_567, 200, 24_691),                // 12345.67 × 2 % = 246.9134 → 246.91
                      (400_000, 0, 0),
                      (100_000_000_000, 10_000, 100_000_000_000)])
    func applyingRate(_ baseFen: Int64, _ bp: Int, _ fen: Int64) {
        #expect(Money(fen: baseFen).applying(Rate(basisPoints: bp)) == Money(fen: fen))
    }

    @Test("clamped(to:_:) keeps a base inside floor and cap")
    func clamp() {
        let floor = Money(yuan: 4000), cap = Money(yuan: 20000)
        #expect(Money(yuan: 3000).clamped(to: floor, cap) == floor)
        #expect(Money(yuan: 25000).clamped(to: floor, cap) == cap)
        #expect(Money(yuan: 8000).clamped(to: floor, cap) == Money(yuan: 8000))
        #expect(floor.clamped(to: floor, cap) == floor)
        #expect(cap.clamped(to: floor, cap) == cap)
    }

    @Test("arithmetic and ordering in fen")
    func arithmetic() {
        #expect(Money(yuan: 1) + Money(fen: 50) == Money(fen: 150))
        #expect(Money(yuan: 1) - Money(fen: 150) == Money(fen: -50))
        #expect(Money(fen: 1) > .zero)
        #expect(Money.maximum == Money(yuan: 1_000_000_000))
    }

    // MARK: formatting

    @Test("yuanText: plain yuan with two decimals",
          arguments: [(Int64(800_050), "8000.50"), (0, "0.00"), (5, "0.05"), (-5, "-0.05"), (-123_456, "-1234.56"),
                      (100, "1.00"), (100_000_000_000, "1000000000.00")])
    func yuanText(_ fen: Int64, _ text: String) {
        #expect(Money(fen: fen).yuanText == text)
        #expect(Money(fen: fen).description == text)
    }

    @Test("grouped: thousands separators for screens and receipts",
          arguments: [(Int64(1_234_567), "12,345.67"), (100_000_000, "1,000,000.00"), (5, "0.05"), (-123_456, "-1,234.56"),
                      (99_999, "999.99"), (100_000, "1,000.00"), (1_960_000, "19,600.00"), (3_840_000, "38,400.00"),
                      (853_417, "8,534.17"), (-100_000_000, "-1,000,000.00")])
    func grouped(_ fen: Int64, _ text: String) {
        #expect(Money(fen: fen).grouped == text)
    }

    @Test("yuanText round-trips through parseYuan", arguments: [Int64(0), 1, 99, 100, 800_050, 123_456_789, 100_000_000_000])
    func roundTrip(_ fen: Int64) throws {
        let m = Money(fen: fen)
        #expect(try Money.parseYuan(m.yuanText) == m)
        #expect(try Money.parseYuan(m.grouped) == m)
    }

    // MARK: Rate

    @Test("Rate.parsePercent reads a percentage to basis points",
          arguments: [("7.5", 750), ("0.45", 45), ("8", 800), ("8%", 800), ("6.50", 650), ("100", 10_000), ("0", 0),
                      ("７．５", 750), (" 2 ", 200), ("0.5", 50), ("12.34", 1234)])
    func parsePercent(_ raw: String, _ bp: Int) throws {
        #expect(try Rate.parsePercent(raw) == Rate(basisPoints: bp))
    }

    @Test("Rate.parsePercent refuses more than 100 % (reason.rate.range)", arguments: ["101", "100.01", "999"])
    func rateRange(_ raw: String) {
        #expect(throws: FieldError(.rate, "reason.rate.range", texts: raw)) { try Rate.parsePercent(raw) }
    }

    @Test("Rate.parsePercent refuses malformed rates and a third decimal (reason.rate.format)",
          arguments: ["7.555", "", "abc", "-1", "1.", ".5", "1000", "7.5.1", "1e2"])
    func rateFormat(_ raw: String) {
        #expect(throws: FieldError(.rate, "reason.rate.format", texts: raw)) { try Rate.parsePercent(raw) }
    }

    @Test("Rate description shows two decimals and a percent sign",
          arguments: [(650, "6.50%"), (45, "0.45%"), (800, "8.00%"), (10_000, "100.00%"), (0, "0.00%"), (5, "0.05%")])
    func rateDescription(_ bp: Int, _ text: String) {
        #expect(Rate(basisPoints: bp).description == text)
    }

    @Test("国办发〔2019〕10号: unified employer rate = employer medical rate + maternity rate")
    func rateSum() {
        #expect(Rate(basisPoints: 600) + Rate(basisPoints: 80) == Rate(basisPoints: 680))
        #expect(Rate(basisPoints: 80) < Rate(basisPoints: 600))
    }
}

@Suite("Separators in typed amounts and rates")
struct SeparatorTests {
    @Test("Commas only as thousands separators in the whole part", arguments: ["1,2.5", "80,00", "8000.5,0", ",800", "8,000,00"])
    func misplacedCommas(_ raw: String) {
        #expect(throws: FieldError(.amount, "reason.money.format", texts: raw)) { try Money.parseYuan(raw) }
    }

    @Test("Grouped amounts parse", arguments: [("8,000.50", Int64(800_050)), ("1,234,567", 123_456_700), ("999", 99_900)])
    func grouped(_ raw: String, _ fen: Int64) throws {
        #expect(try Money.parseYuan(raw).fen == fen)
    }

    @Test("A percent sign only at the end of a rate")
    func percentSign() throws {
        #expect(try Rate.parsePercent("7.5%").basisPoints == 750)
        #expect(throws: FieldError(.rate, "reason.rate.format", texts: "7%5")) { try Rate.parsePercent("7%5") }
    }
}
