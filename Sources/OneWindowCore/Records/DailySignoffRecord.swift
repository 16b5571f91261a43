/// A supervisor's sign-off of a counter day (日结), once: who, when (the audit clock's UTC text), and the
/// figures as signed, as a digest and as the office's totals (JSON, the service layer owns the shape).
public struct DailySignoff: Codable, Sendable, Equatable {
    public var day: String
    public var signedBy: String
    public var signedAt: String
    public var digest: String
    public var totals: String

    public init(day: CalendarDate, signedBy: String, signedAt: String, digest: String, totals: String) {
        self.day = day.description
        self.signedBy = signedBy
        self.signedAt = signedAt
        self.digest = digest
        self.totals = totals
    }
}
