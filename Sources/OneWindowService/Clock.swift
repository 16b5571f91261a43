import Foundation
import OneWindowCore

/// Today's date at the counter (China Standard Time) and the audit time; injected so tests can fix both.
public struct Clock: Sendable {
    public let now: @Sendable () -> Date

    public init(now: @escaping @Sendable () -> Date = Date.init) { self.now = now }

    public static func fixed(_ date: CalendarDate) -> Clock {
        var c = DateComponents()
        (c.year, c.month, c.day, c.hour) = (date.year, date.month, date.day, 10)
        let d = Calendar.china.date(from: c)!
        return Clock { d }
    }

    /// Dates at the counter are Beijing dates, whatever the server's zone.
    public var today: CalendarDate {
        let c = Calendar.china.dateComponents([.year, .month, .day], from: now())
        return CalendarDate(year: c.year!, month: c.month!, day: c.day!)!
    }

    public var currentMonth: YearMonth { today.yearMonth }
}

extension Calendar {
    static let china: Calendar = {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone(identifier: "Asia/Shanghai") ?? TimeZone(secondsFromGMT: 8 * 3600)!
        return cal
    }()
}
