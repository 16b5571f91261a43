/// How a baby was delivered; decides the delivery standard and, with the region's flag, extra leave.
public enum DeliveryType: String, Sendable, Codable, CaseIterable {
    case natural, assisted, caesarean, caesareanWithOperation
    public var messageKey: String { "delivery.\(rawValue)" }
    public var isCaesarean: Bool { self == .caesarean || self == .caesareanWithOperation }
}

public enum FamilyPlanningOperation: String, Sendable, Codable, CaseIterable {
    case iudInsertion, iudRemoval, tubalLigation, vasectomy, recanalisation
    public var messageKey: String { "operation.\(rawValue)" }
}

/// Completed months and days of pregnancy, counted by calendar from its start (末次月经) to its end:
/// "满4个月" means the date four calendar months after the start has been reached.
public struct Gestation: Sendable, Equatable, Codable {
    public let start: CalendarDate
    public let end: CalendarDate

    public init(start: CalendarDate, end: CalendarDate) throws {
        guard start < end else { throw FieldError(.gestationStart, "reason.gestation.order", texts: start.description, end.description) }
        self.start = start
        self.end = end
    }

    /// Decoding runs the same check: a stored gestation is never reversed.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(start: c.decode(CalendarDate.self, forKey: .start), end: c.decode(CalendarDate.self, forKey: .end))
    }

    /// Whole calendar months completed at `end` (a month from Jan 31 is reached on Feb 28/29).
    public var completedMonths: Int {
        var months = (end.year - start.year) * 12 + (end.month - start.month)
        if start.adding(months: months) > end { months -= 1 }
        return max(0, months)
    }

    /// Days beyond the completed months.
    public var extraDays: Int { end.daysSince(start.adding(months: completedMonths)) }

    public var days: Int { end.daysSince(start) }
    public var weeks: Int { days / 7 }
}

public struct Birth: Sendable, Equatable, Codable {
    public var babies: Int
    public var delivery: DeliveryType
    /// 难产 as certified by the hospital (forceps, vacuum, breech…), whatever the delivery type.
    public var dystocia: Bool
    public var gestation: Gestation

    public init(babies: Int, delivery: DeliveryType, dystocia: Bool, gestation: Gestation) {
        self.babies = babies
        self.delivery = delivery
        self.dystocia = dystocia
        self.gestation = gestation
    }
}

/// One event at the counter: a birth or a pregnancy that ended early, and any family-planning
/// operations; several cases in one event add up (Zhuhai: "合并计算").
public struct MaternityEvent: Sendable, Equatable, Codable {
    public var date: CalendarDate
    public var birth: Birth?
    /// 流产 or 引产: the pregnancy ended before birth.
    public var miscarriage: Gestation?
    public var operations: [FamilyPlanningOperation]

    public init(date: CalendarDate, birth: Birth? = nil, miscarriage: Gestation? = nil, operations: [FamilyPlanningOperation] = []) throws {
        guard birth != nil || miscarriage != nil || !operations.isEmpty else { throw DomainError("error.event.empty") }
        guard birth == nil || miscarriage == nil else { throw DomainError("error.event.birthAndMiscarriage") }
        if let b = birth, !(1...9).contains(b.babies) { throw FieldError(.babies, "reason.babies.range", texts: String(b.babies)) }
        self.date = date
        self.birth = birth
        self.miscarriage = miscarriage
        self.operations = operations
    }

    /// Decoding runs the same checks: a stored event is never empty or contradictory.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(date: c.decode(CalendarDate.self, forKey: .date),
                      birth: c.decodeIfPresent(Birth.self, forKey: .birth),
                      miscarriage: c.decodeIfPresent(Gestation.self, forKey: .miscarriage),
                      operations: c.decode([FamilyPlanningOperation].self, forKey: .operations))
    }
}

extension Gestation {
    /// A full-term pregnancy in days (40 weeks), counted from the first day of the last period (末次月经):
    /// what the counter assumes for a birth when no pregnancy start is given.
    public static let fullTermDays = 280

    /// The start of a full-term pregnancy ending on `end`: `fullTermDays` before it. The default start
    /// of a birth's gestation at every front end (command line and counter terminal).
    public static func fullTermStart(endingOn end: CalendarDate) -> CalendarDate {
        end.adding(days: -fullTermDays)
    }
}

extension CalendarDate {
    /// The same day `months` later, clamped to the end of a shorter month.
    public func adding(months: Int) -> CalendarDate {
        let ym = YearMonth(unchecked: year, month).advanced(by: months)
        let d = min(day, CalendarDate.daysIn(year: ym.year, month: ym.month))
        return CalendarDate(year: ym.year, month: ym.month, day: d)!
    }

    /// Days from `other` to this date (proleptic Gregorian day numbers).
    public func daysSince(_ other: CalendarDate) -> Int { dayNumber - other.dayNumber }

    /// The date `days` later (earlier when negative).
    public func adding(days: Int) -> CalendarDate { CalendarDate(dayNumber: dayNumber + days) }

    /// Inverse of `dayNumber` (years counted from March, as there).
    init(dayNumber n: Int) {
        var y = (10_000 * n + 14_780) / 3_652_425
        var doy = n - (365 * y + y / 4 - y / 100 + y / 400)
        if doy < 0 {
            y -= 1
            doy = n - (365 * y + y / 4 - y / 100 + y / 400)
        }
        let mi = (100 * doy + 52) / 3_060
        let month = (mi + 2) % 12 + 1
        self.init(year: y + (mi + 2) / 12, month: month, day: doy - (mi * 306 + 5) / 10 + 1)!
    }

    var dayNumber: Int {
        // Days since 0000-03-01, so leap days fall at the end of each counted year.
        let y = month <= 2 ? year - 1 : year
        let m = month <= 2 ? month + 9 : month - 3
        return 365 * y + y / 4 - y / 100 + y / 400 + (153 * m + 2) / 5 + day - 1
    }
}
