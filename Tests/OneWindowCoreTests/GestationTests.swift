import Foundation
import Testing
@testable import OneWindowCore

@Suite("Gestation, CalendarDate.adding/daysSince and MaternityEvent")
struct GestationTests {
    struct Case: Sendable, CustomStringConvertible {
        let start: CalendarDate
        let end: CalendarDate
        let months: Int
        let extraDays: Int
        let days: Int
        var description: String { "\(start) → \(end): \(months) months \(extraDays) days, \(days) days" }
    }

    static let cases: [Case] = [
        Case(start: day(2026, 1, 1), end: day(2026, 1, 2), months: 0, extraDays: 1, days: 1),
        Case(start: day(2026, 1, 1), end: day(2026, 4, 30), months: 3, extraDays: 29, days: 119),
        Case(start: day(2026, 1, 1), end: day(2026, 5, 1), months: 4, extraDays: 0, days: 120),
        Case(start: day(2026, 1, 15), end: day(2026, 2, 14), months: 0, extraDays: 30, days: 30),
        Case(start: day(2026, 1, 15), end: day(2026, 2, 15), months: 1, extraDays: 0, days: 31),
        // Month ends: a month from Jan 31 is reached on the last day of February.
        Case(start: day(2026, 1, 31), end: day(2026, 2, 27), months: 0, extraDays: 27, days: 27),
        Case(start: day(2026, 1, 31), end: day(2026, 2, 28), months: 1, extraDays: 0, days: 28),
        Case(start: day(2026, 1, 31), end: day(2026, 3, 1), months: 1, extraDays: 1, days: 29),
        Case(start: day(2026, 1, 31), end: day(2026, 3, 30), months: 1, extraDays: 30, days: 58),
        Case(start: day(2026, 1, 31), end: day(2026, 3, 31), months: 2, extraDays: 0, days: 59),
        Case(start: day(2026, 1, 31), end: day(2026, 5, 30), months: 3, extraDays: 30, days: 119),
        Case(start: day(2026, 1, 31), end: day(2026, 5, 31), months: 4, extraDays: 0, days: 120),
        Case(start: day(2026, 3, 31), end: day(2026, 4, 30), months: 1, extraDays: 0, days: 30),
        // Leap years: 2024 has Feb 29, 2100 does not, 2000 does.
        Case(start: day(2024, 1, 31), end: day(2024, 2, 28), months: 0, extraDays: 28, days: 28),
        Case(start: day(2024, 1, 31), end: day(2024, 2, 29), months: 1, extraDays: 0, days: 29),
        Case(start: day(2024, 1, 31), end: day(2024, 3, 1), months: 1, extraDays: 1, days: 30),
        Case(start: day(2024, 2, 29), end: day(2025, 2, 28), months: 12, extraDays: 0, days: 365),
        Case(start: day(2024, 2, 29), end: day(2025, 3, 1), months: 12, extraDays: 1, days: 366),
        Case(start: day(2023, 11, 1), end: day(2024, 3, 1), months: 4, extraDays: 0, days: 121),
        Case(start: day(2022, 11, 1), end: day(2023, 3, 1), months: 4, extraDays: 0, days: 120),
        Case(start: day(2099, 12, 1), end: day(2100, 3, 1), months: 3, extraDays: 0, days: 90),
        Case(start: day(1999, 12, 1), end: day(2000, 3, 1), months: 3, extraDays: 0, days: 91),
        // Across a year end.
        Case(start: day(2025, 9, 1), end: day(2026, 6, 1), months: 9, extraDays: 0, days: 273),
        Case(start: day(2025, 10, 31), end: day(2026, 2, 28), months: 4, extraDays: 0, days: 120),
        Case(start: day(2025, 12, 31), end: day(2026, 1, 30), months: 0, extraDays: 30, days: 30),
    ]

    @Test("满4个月: completed calendar months, extra days and days across month ends and leap years", arguments: cases)
    func monthsAndDays(_ c: Case) throws {
        let g = try Gestation(start: c.start, end: c.end)
        #expect(g.completedMonths == c.months)
        #expect(g.extraDays == c.extraDays)
        #expect(g.days == c.days)
        #expect(g.weeks == c.days / 7)
        // The parts add back up: start + months + extra days = end.
        #expect(c.end.daysSince(c.start.adding(months: c.months)) == c.extraDays)
    }

    @Test("weeks are whole weeks: 83 days = 11 weeks, 84 = 12, 111 = 15, 112 = 16, 195 = 27, 196 = 28",
          arguments: [(day(2026, 3, 25), 11), (day(2026, 3, 26), 12), (day(2026, 4, 22), 15), (day(2026, 4, 23), 16),
                      (day(2026, 7, 15), 27), (day(2026, 7, 16), 28)])
    func weeks(_ end: CalendarDate, _ weeks: Int) throws {
        #expect(try Gestation(start: day(2026, 1, 1), end: end).weeks == weeks)
    }

    @Test("CalendarDate.adding(months:) keeps the day, clamped to a shorter month's end",
          arguments: [(day(2026, 1, 31), 1, day(2026, 2, 28)), (day(2024, 1, 31), 1, day(2024, 2, 29)),
                      (day(2026, 1, 31), 3, day(2026, 4, 30)), (day(2026, 1, 31), 4, day(2026, 5, 31)),
                      (day(2025, 11, 30), 3, day(2026, 2, 28)), (day(2026, 5, 15), 12, day(2027, 5, 15)),
                      (day(2026, 3, 31), -1, day(2026, 2, 28)), (day(2026, 1, 10), 0, day(2026, 1, 10)),
                      (day(2024, 2, 29), 12, day(2025, 2, 28)), (day(2024, 2, 29), 48, day(2028, 2, 29))])
    func addingMonths(_ start: CalendarDate, _ months: Int, _ expected: CalendarDate) {
        #expect(start.adding(months: months) == expected)
    }

    @Test("CalendarDate.daysSince counts Gregorian days, leap days included",
          arguments: [(day(2024, 1, 1), day(2025, 1, 1), 366), (day(2023, 1, 1), day(2024, 1, 1), 365),
                      (day(2100, 2, 28), day(2100, 3, 1), 1), (day(2000, 2, 28), day(2000, 3, 1), 2),
                      (day(1900, 2, 28), day(1900, 3, 1), 1), (day(2026, 12, 31), day(2027, 1, 1), 1),
                      (day(2026, 6, 1), day(2026, 6, 1), 0), (day(2026, 6, 2), day(2026, 6, 1), -1),
                      (day(1970, 1, 1), day(2026, 1, 1), 20454)])
    func daysSince(_ from: CalendarDate, _ to: CalendarDate, _ days: Int) {
        #expect(to.daysSince(from) == days)
        #expect(from.daysSince(to) == -days)
    }

    @Test("daysSince agrees with day-by-day counting over 2023–2025 (every day against 2023-01-01)")
    func daysSinceExhaustive() {
        let origin = day(2023, 1, 1)
        var n = 0
        for y in 2023...2025 {
            for m in 1...12 {
                for d in 1...CalendarDate.daysIn(year: y, month: m) {
                    #expect(day(y, m, d).daysSince(origin) == n)
                    n += 1
                }
            }
        }
        #expect(n == 365 + 366 + 365)
    }

    @Test("a gestation's start must be before its end (reason.gestation.order)",
          arguments: [(day(2026, 5, 1), day(2026, 5, 1)), (day(2026, 5, 2), day(2026, 5, 1)), (day(2027, 1, 1), day(2026, 12, 31))])
    func order(_ start: CalendarDate, _ end: CalendarDate) {
        let error = #expect(throws: FieldError.self) { try Gestation(start: start, end: end) }
        #expect(error?.reason == Message("reason.gestation.order", texts: start.description, end.description))
    }

    // MARK: MaternityEvent

    private func birth(_ babies: Int) throws -> Birth {
        Birth(babies: babies, delivery: .natural, dystocia: false, gestation: try Gestation(start: day(2025, 9, 1), end: day(2026, 6, 1)))
    }

    @Test("an event needs a birth, a miscarriage or an operation (error.event.empty)")
    func emptyEvent() {
        #expect(throws: DomainError("error.event.empty")) { try MaternityEvent(date: day(2026, 6, 1)) }
        #expect(throws: DomainError("error.event.empty")) { try MaternityEvent(date: day(2026, 6, 1), operations: []) }
    }

    @Test("one event cannot be both a birth and a miscarriage (error.event.birthAndMiscarriage)")
    func birthAndMiscarriage() throws {
        let g = try Gestation(start: day(2026, 1, 1), end: day(2026, 3, 1))
        #expect(throws: DomainError("error.event.birthAndMiscarriage")) {
            try MaternityEvent(date: day(2026, 6, 1), birth: try birth(1), miscarriage: g)
        }
        #expect(throws: DomainError("error.event.birthAndMiscarriage")) {
            try MaternityEvent(date: day(2026, 6, 1), birth: try birth(1), miscarriage: g, operations: [.tubalLigation])
        }
    }

    @Test("babies outside 1…9 are refused (reason.babies.range)", arguments: [0, -1, 10, 100])
    func babiesOutOfRange(_ babies: Int) throws {
        let b = try birth(babies)
        #expect(throws: FieldError(.babies, "reason.babies.range", texts: String(babies))) {
            try MaternityEvent(date: day(2026, 6, 1), birth: b)
        }
    }

    @Test("babies 1…9 are accepted", arguments: 1...9)
    func babiesInRange(_ babies: Int) throws {
        let event = try MaternityEvent(date: day(2026, 6, 1), birth: try birth(babies))
        #expect(event.birth?.babies == babies)
    }

    @Test("valid events: a birth, a miscarriage, operations alone, or either with operations")
    func validEvents() throws {
        let g = try Gestation(start: day(2026, 1, 1), end: day(2026, 3, 1))
        let d = day(2026, 6, 1)
        #expect(try MaternityEvent(date: d, birth: try birth(1)).operations.isEmpty)
        #expect(try MaternityEvent(date: d, miscarriage: g).miscarriage == g)
        #expect(try MaternityEvent(date: d, operations: [.vasectomy]).operations == [.vasectomy])
        #expect(try MaternityEvent(date: d, birth: try birth(2), operations: [.tubalLigation]).birth?.babies == 2)
        #expect(try MaternityEvent(date: d, miscarriage: g, operations: [.iudInsertion, .iudRemoval]).operations.count == 2)
    }

    // MARK: decoding keeps the invariants (as CalendarDate, YearMonth and Sourced do)

    @Test("a Gestation decoded from JSON round-trips, and one with start ≥ end is refused like the initialiser refuses it")
    func gestationDecoding() throws {
        let g = try Gestation(start: day(2026, 1, 31), end: day(2026, 5, 31))
        let data = try JSONEncoder().encode(g)
        #expect(try JSONDecoder().decode(Gestation.self, from: data) == g)
        let reversed = Data(#"{"start":"2026-05-31","end":"2026-01-31"}"#.utf8)
        #expect(throws: (any Error).self) { try JSONDecoder().decode(Gestation.self, from: reversed) }
    }

    @Test("a MaternityEvent decoded from JSON round-trips, and one the initialiser refuses is refused on decoding too")
    func eventDecoding() throws {
        let event = try MaternityEvent(date: day(2026, 6, 1), birth: try birth(2), operations: [.tubalLigation])
        let data = try JSONEncoder().encode(event)
        #expect(try JSONDecoder().decode(MaternityEvent.self, from: data) == event)
        let empty = Data(#"{"date":"2026-06-01","operations":[]}"#.utf8)
        #expect(throws: (any Error).self) { try JSONDecoder().decode(MaternityEvent.self, from: empty) }
        let zeroBabies = Data(#"""
            {"date":"2026-06-01","operations":[],
             "birth":{"babies":0,"delivery":"natural","dystocia":false,"gestation":{"start":"2025-09-01","end":"2026-06-01"}}}
            """#.utf8)
        #expect(throws: (any Error).self) { try JSONDecoder().decode(MaternityEvent.self, from: zeroBabies) }
    }
}

@Suite("Day arithmetic")
struct DayArithmeticTests {
    @Test("adding(days:) is the inverse of daysSince across month ends, leap days and centuries")
    func roundTrip() {
        let base = CalendarDate(year: 1899, month: 12, day: 25)!
        var d = base
        for n in 0..<(366 * 205) {
            #expect(base.adding(days: n) == d)
            #expect(d.daysSince(base) == n)
            d = d.day < CalendarDate.daysIn(year: d.year, month: d.month) ? CalendarDate(year: d.year, month: d.month, day: d.day + 1)!
                : (d.month < 12 ? CalendarDate(year: d.year, month: d.month + 1, day: 1)! : CalendarDate(year: d.year + 1, month: 1, day: 1)!)
        }
        #expect(CalendarDate(year: 2026, month: 11, day: 20)!.adding(days: -280) == CalendarDate(year: 2026, month: 2, day: 13)!)
    }
}
