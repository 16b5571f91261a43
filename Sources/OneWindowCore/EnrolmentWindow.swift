/// The months a registration may take effect from. Not before the person turns 16: 劳动法 第十五条 forbids
/// employing anyone younger, so no employee insurance can start earlier (and 0001-01 is a typo, not a
/// back payment). Not more than `monthsAhead` after the current month: a hire agreed for later is
/// registered, a year mistyped is not.
public enum EnrolmentWindow {
    public static let workingAge = 16
    public static let monthsAhead = 12

    public static func check(_ month: YearMonth, birth: CalendarDate, current: YearMonth) throws {
        let earliest = birth.yearMonth.advanced(by: workingAge * 12)
        guard month >= earliest else { throw FieldError(.fromMonth, "reason.reg.beforeWorkingAge", texts: month.description, earliest.description) }
        let latest = current.advanced(by: monthsAhead)
        guard month <= latest else { throw FieldError(.fromMonth, "reason.reg.tooFarAhead", texts: month.description, latest.description) }
    }
}
