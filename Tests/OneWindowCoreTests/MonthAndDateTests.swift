import Foundation
import Testing
@testable import OneWindowCore

@Suite("YearMonth and CalendarDate")
struct MonthAndDateTests {
    // MARK: YearMonth parsing

    @Test("YearMonth.parse reads YYYY-MM exactly", arguments: [("2026-01", 2026, 1), ("1999-12", 1999, 12), ("0001-01", 1, 1), ("9999-12", 9999, 12)])
    func parseMonth(_ text: String, _ y: Int, _ m: Int) throws {
        let month = try YearMonth.parse(text)
        #expect(month.year == y && month.month == m)
        #expect(month.description == text)
    }

    @Test("YearMonth.parse refuses other shapes (reason.month.format)",
          arguments: ["2026-1", "26-01", "2026/01", "202601", "2026-001", " 2026-01", "2026-01 ", "", "2026-", "-2026-01",
                      "2026-0a", "+026-01", "2026-+1", "2026-01-01"])
    func monthFormat(_ text: String) {
        #expect(throws: FieldError(.month, "reason.month.format", texts: text)) { try YearMonth.parse(text) }
    }

    @Test("YearMonth.parse refuses months that do not exist (reason.month.impossible)",
          arguments: ["2026-13", "2026-00", "0000-01", "2026-99"])
    func monthImpossible(_ text: String) {
        #expect(throws: FieldError(.month, "reason.month.impossible", texts: text)) { try YearMonth.parse(text) }
    }

    @Test("YearMonth.parse names the field it was asked for")
    func monthField() {
        #expect(throws: FieldError(.fromMonth, "reason.month.format", texts: "x")) { try YearMonth.parse("x", field: .fromMonth) }
    }

    @Test("YearMonth(year:month:) returns nil for impossible months")
    func monthInit() {
        #expect(YearMonth(year: 2026, month: 0) == nil)
        #expect(YearMonth(year: 2026, month: 13) == nil)
        #expect(YearMonth(year: 0, month: 1) == nil)
        #expect(YearMonth(year: 2026, month: 12) != nil)
    }

    // MARK: YearMonth arithmetic

    @Test("month arithmetic crosses year ends")
    func monthArithmetic() {
        #expect(ym(2025, 12).next == ym(2026, 1))
        #expect(ym(2026, 1).previous == ym(2025, 12))
        #expect(ym(2025, 11).advanced(by: 25) == ym(2027, 12))
        #expect(ym(2026, 1).advanced(by: -13) == ym(2024, 12))
        #expect(ym(2026, 1).advanced(by: 0) == ym(2026, 1))
        #expect(ym(2024, 12).distance(to: ym(2026, 3)) == 15)
        #expect(ym(2026, 3).distance(to: ym(2024, 12)) == -15)
        #expect(ym(2019, 1).advanced(by: 12 * 7) == ym(2026, 1))
    }

    @Test("next then previous is the identity for every month of several years")
    func monthRoundTrip() {
        var m = ym(2018, 1)
        for _ in 0..<120 {
            #expect(m.next.previous == m)
            #expect(m.next > m)
            #expect(m.distance(to: m.next) == 1)
            #expect(YearMonth(index: m.index) == m)
            m = m.next
        }
        #expect(m == ym(2028, 1))
    }

    @Test("months order chronologically and form closed ranges")
    func monthRanges() {
        #expect(ym(2025, 12) < ym(2026, 1))
        #expect(ym(2026, 1) < ym(2026, 2))
        #expect(!(ym(2026, 1) < ym(2026, 1)))
        let range = Array(ym(2025, 11)...ym(2026, 2))
        #expect(range == [ym(2025, 11), ym(2025, 12), ym(2026, 1), ym(2026, 2)])
    }

    @Test("YearMonth description pads year and month")
    func monthDescription() {
        #expect(ym(2026, 3).description == "2026-03")
        #expect(ym(800, 11).description == "0800-11")
    }

    @Test("YearMonth is JSON-coded as \"YYYY-MM\" and decoding is strict")
    func monthCodable() throws {
        let data = try JSONEncoder().encode([ym(2026, 1)])
        #expect(String(decoding: data, as: UTF8.self) == #"["2026-01"]"#)
        #expect(try JSONDecoder().decode([YearMonth].self, from: data) == [ym(2026, 1)])
        #expect(throws: (any Error).self) { try JSONDecoder().decode([YearMonth].self, from: Data(#"["2026-1"]"#.utf8)) }
        #expect(throws: (any Error).self) { try JSONDecoder().decode([YearMonth].self, from: Data(#"["2026-13"]"#.utf8)) }
    }

    // MARK: CalendarDate

    @Test("CalendarDate.parse reads YYYY-MM-DD exactly", arguments: ["2026-01-15", "2024-02-29", "2000-02-29", "1999-12-31"])
    func parseDate(_ text: String) throws {
        #expect(try CalendarDate.parse(text).description == text)
    }

    @Test("full-width digits and minus from a Chinese IME are read as ASCII, in months and dates")
    func fullWidth() throws {
        #expect(try YearMonth.parse("２０２６－０１") == YearMonth.parse("2026-01"))
        #expect(try CalendarDate.parse("２０２６-01-１５").description == "2026-01-15")
        #expect(throws: FieldError(.month, "reason.month.impossible", texts: "２０２６－１３")) { try YearMonth.parse("２０２６－１３") }
    }

    @Test("CalendarDate.parse refuses other shapes (reason.date.format)",
          arguments: ["2026-1-01", "2026-01-1", "26-01-01", "2026/01/01", "20260101", "2026-01-01 ", "", "2026-01",
                      "2026-0a-01", "+026-01-01", "2026-01-+1"])
    func dateFormat(_ text: String) {
        #expect(throws: FieldError(.date, "reason.date.format", texts: text)) { try CalendarDate.parse(text) }
    }

    @Test("CalendarDate.parse refuses dates that do not exist (reason.date.impossible)",
          arguments: ["2026-02-30", "2023-02-29", "1900-02-29", "2026-04-31", "2026-13-01", "2026-00-10", "2026-01-00",
                      "2026-01-32", "0000-01-01"])
    func dateImpossible(_ text: String) {
        #expect(throws: FieldError(.date, "reason.date.impossible", texts: text)) { try CalendarDate.parse(text) }
    }

    @Test("Gregorian leap years: divisible by 4, except centuries not divisible by 400",
          arguments: [(2024, true), (2023, false), (2000, true), (1900, false), (2100, false), (2400, true)])
    func leapYears(_ year: Int, _ leap: Bool) {
        #expect(CalendarDate.isLeap(year) == leap)
        #expect(CalendarDate.daysIn(year: year, month: 2) == (leap ? 29 : 28))
    }

    @Test("days in each month")
    func daysInMonths() {
        let days = (1...12).map { CalendarDate.daysIn(year: 2026, month: $0) }
        #expect(days == [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])
        #expect(CalendarDate.daysIn(year: 2026, month: 13) == 0)
    }

    @Test("dates order chronologically and give their month")
    func dateOrder() {
        #expect(day(2025, 12, 31) < day(2026, 1, 1))
        #expect(day(2026, 1, 31) < day(2026, 2, 1))
        #expect(day(2026, 2, 1) < day(2026, 2, 2))
        #expect(day(2026, 2, 28).yearMonth == ym(2026, 2))
    }

    @Test("age in whole years: the birthday itself counts",
          arguments: [(day(1990, 5, 10), day(2026, 5, 10), 36), (day(1990, 5, 10), day(2026, 5, 9), 35),
                      (day(1990, 5, 10), day(2026, 5, 11), 36), (day(1990, 5, 10), day(1990, 5, 10), 0),
                      (day(1990, 12, 31), day(1991, 1, 1), 0), (day(1990, 12, 31), day(1991, 12, 31), 1),
                      (day(2000, 2, 29), day(2026, 2, 28), 25), (day(2000, 2, 29), day(2026, 3, 1), 26),
                      (day(2000, 2, 29), day(2028, 2, 29), 28)])
    func age(_ birth: CalendarDate, _ on: CalendarDate, _ years: Int) {
        #expect(birth.age(on: on) == years)
    }

    @Test("CalendarDate is JSON-coded as \"YYYY-MM-DD\" and decoding is strict")
    func dateCodable() throws {
        let data = try JSONEncoder().encode([day(2026, 2, 3)])
        #expect(String(decoding: data, as: UTF8.self) == #"["2026-02-03"]"#)
        #expect(try JSONDecoder().decode([CalendarDate].self, from: data) == [day(2026, 2, 3)])
        #expect(throws: (any Error).self) { try JSONDecoder().decode([CalendarDate].self, from: Data(#"["2026-02-30"]"#.utf8)) }
    }
}
