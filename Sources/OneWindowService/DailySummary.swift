import Crypto
import Foundation
import OneWindowCore

/// What one operator (or the office, summed) did at the counter on one day.
public struct CounterFigures: Sendable, Equatable, Codable {
    /// Receipts issued (受理回执), and the claims filed on them with their computed amounts.
    public var receipts = 0
    public var claims = 0
    public var claimedFen: Int64 = 0
    /// Registrations, from the audit log: employers registered, persons enrolled, and changes (transfer,
    /// retirement, suspension, resumption, termination, a new base, an employer moved to unified registration).
    public var employers = 0
    public var enrolments = 0
    public var changes = 0
    /// Contribution payments recorded, and their amounts.
    public var payments = 0
    public var paidFen: Int64 = 0

    public init() {}

    public var claimed: Money { Money(fen: claimedFen) }
    public var paid: Money { Money(fen: paidFen) }

    static func + (a: CounterFigures, b: CounterFigures) -> CounterFigures {
        var s = a
        s.receipts += b.receipts
        s.claims += b.claims
        s.claimedFen += b.claimedFen
        s.employers += b.employers
        s.enrolments += b.enrolments
        s.changes += b.changes
        s.payments += b.payments
        s.paidFen += b.paidFen
        return s
    }

    /// The figures in a fixed order, for the digest.
    var fields: [String] {
        [receipts, claims, employers, enrolments, changes, payments].map(String.init) + [String(claimedFen), String(paidFen)]
    }
}

/// One counter day (日结) of the office: the store is one office (经办机构), so its totals are the office's.
public struct DailySummary: Sendable, Equatable {
    public struct Operator: Sendable, Equatable {
        public let name: String
        public let figures: CounterFigures
    }

    /// A supervisor's sign-off as recorded: who, when (UTC text; `signedAtLocal` in Beijing time), the totals then.
    public struct Signoff: Sendable, Equatable {
        public let by: String
        public let at: String
        public let atLocal: String
        public let digest: String
        public let totals: CounterFigures
    }

    public let date: CalendarDate
    /// Operators with anything to show that day, by name.
    public let operators: [Operator]
    public let total: CounterFigures
    /// SHA-256 over the day and every operator's figures: what a sign-off keeps.
    public let digest: String
    public let signoff: Signoff?

    /// The day's figures are no longer those signed off (something was recorded on that day afterwards).
    public var changedSinceSignoff: Bool { signoff.map { $0.digest != digest } ?? false }

    init(date: CalendarDate, operators: [Operator], signoff: Signoff?) {
        self.date = date
        self.operators = operators.sorted { $0.name < $1.name }
        total = operators.reduce(CounterFigures()) { $0 + $1.figures }
        digest = Self.digest(date, self.operators)
        self.signoff = signoff
    }

    static func digest(_ date: CalendarDate, _ operators: [Operator]) -> String {
        // Unit and record separators between fields and operators, so no two different days hash alike.
        let text = ([date.description] + operators.map { ([$0.name] + $0.figures.fields).joined(separator: "\u{1F}") })
            .joined(separator: "\u{1E}")
        return SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
