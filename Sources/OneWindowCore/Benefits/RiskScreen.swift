/// What a supervisor should look at twice (domain.md, "Claims, approval, payment"). A flag never
/// refuses a claim: it is computed at submission and shown with the claim in the approval queue.
public enum RiskFlag: String, Sendable, Codable, CaseIterable {
    case duplicateEvent, recentEnrolment, baseRaised, afterTermination, sharedAccount
    public var messageKey: String { "riskFlag.\(rawValue)" }
}

public struct RiskFlagHit: Sendable, Equatable, Codable {
    public let flag: RiskFlag
    public let detail: Message
    public init(_ flag: RiskFlag, _ detail: Message) {
        self.flag = flag
        self.detail = detail
    }
}

/// Screening thresholds. They are the office's review heuristics, not benefit rules, so they are not
/// region policy data; they are here, named, so a change is one reviewed line.
public struct RiskRules: Sendable, Equatable {
    /// Maternity enrolment that began fewer months than this before the event (a pregnancy is ~10 months).
    public var recentEnrolmentMonths = 10
    /// The base in force at the event is this many percent or more above the lowest base of the window.
    public var baseRaisePercent: Int64 = 50
    public var baseRaiseWindowMonths = 12
    /// Two births or ended pregnancies of one person this close together are one event claimed twice.
    public var duplicateEventDays = 180
    public init() {}
}

public enum RiskScreen {
    public struct Facts: Sendable {
        public var event: MaternityEvent
        public var kind: ClaimKind
        public var submittedOn: CalendarDate
        /// First month of the maternity enrolment that covers the event.
        public var maternityFrom: YearMonth?
        /// Last month of cover when the person is no longer insured at submission.
        public var coverEndedAt: YearMonth?
        /// The person's base history (from month, fen), oldest first.
        public var bases: [(from: YearMonth, fen: Int64)]
        /// Events of the person's other live claims of the same kind.
        public var otherEvents: [MaternityEvent]
        /// Masked IDs of unrelated claimants whose claims name the same account.
        public var accountSharedWith: [String]

        public init(event: MaternityEvent, kind: ClaimKind, submittedOn: CalendarDate, maternityFrom: YearMonth?,
                    coverEndedAt: YearMonth?, bases: [(from: YearMonth, fen: Int64)], otherEvents: [MaternityEvent],
                    accountSharedWith: [String]) {
            self.event = event
            self.kind = kind
            self.submittedOn = submittedOn
            self.maternityFrom = maternityFrom
            self.coverEndedAt = coverEndedAt
            self.bases = bases
            self.otherEvents = otherEvents
            self.accountSharedWith = accountSharedWith
        }
    }

    public static func flags(_ f: Facts, rules r: RiskRules = RiskRules()) -> [RiskFlagHit] {
        var hits: [RiskFlagHit] = []
        let month = f.event.date.yearMonth
        if let twin = f.otherEvents.first(where: { sameEvent($0, f.event, days: r.duplicateEventDays) }) {
            hits.append(RiskFlagHit(.duplicateEvent, Message("risk.duplicateEvent", texts: twin.date.description)))
        }
        if let from = f.maternityFrom, from > month.advanced(by: -r.recentEnrolmentMonths) {
            hits.append(RiskFlagHit(.recentEnrolment, Message("risk.recentEnrolment", texts: from.description, String(from.distance(to: month)))))
        }
        if let raise = baseRaise(f.bases, at: month, rules: r) {
            hits.append(RiskFlagHit(.baseRaised, Message("risk.baseRaised", [
                .text(Money(fen: raise.low).grouped), .text(Money(fen: raise.high).grouped), .text(String(r.baseRaiseWindowMonths))])))
        }
        if let end = f.coverEndedAt {
            hits.append(RiskFlagHit(.afterTermination, Message("risk.afterTermination", texts: end.description)))
        }
        if !f.accountSharedWith.isEmpty {
            hits.append(RiskFlagHit(.sharedAccount, Message("risk.sharedAccount", texts: f.accountSharedWith.joined(separator: "、"))))
        }
        return hits
    }

    /// Births and ended pregnancies within `days` of each other are the same event; an operation-only
    /// event is the same when it falls on the same day. The one definition behind both the duplicate
    /// flag and the counter's duplicate guard (ClaimService.earlierClaims).
    public static func sameEvent(_ a: MaternityEvent, _ b: MaternityEvent, days: Int) -> Bool {
        let pregnancy = { (e: MaternityEvent) in e.birth != nil || e.miscarriage != nil }
        if pregnancy(a) && pregnancy(b) { return abs(a.date.daysSince(b.date)) < days }
        return a.date == b.date
    }

    static func baseRaise(_ bases: [(from: YearMonth, fen: Int64)], at month: YearMonth, rules r: RiskRules) -> (low: Int64, high: Int64)? {
        func base(at m: YearMonth) -> Int64? { bases.last(where: { $0.from <= m })?.fen }
        guard let high = base(at: month) else { return nil }
        let window = (1...r.baseRaiseWindowMonths).compactMap { base(at: month.advanced(by: -$0)) }
        guard let low = window.min(), low > 0, high * 100 >= low * (100 + r.baseRaisePercent) else { return nil }
        return (low, high)
    }
}
