/// A run of months in one scheme under one category (and employer): `from` through `to`, both
/// inclusive; `to == nil` means open (still enrolled).
public struct EnrolmentPeriod: Hashable, Sendable, Codable {
    public var scheme: Scheme
    public var category: PersonCategory
    public var employer: CreditCode?
    public var region: String
    public var from: YearMonth
    public var to: YearMonth?
    public var endReason: EndReason?

    public init(scheme: Scheme, category: PersonCategory, employer: CreditCode?, region: String,
                from: YearMonth, to: YearMonth? = nil, endReason: EndReason? = nil) {
        self.scheme = scheme
        self.category = category
        self.employer = employer
        self.region = region
        self.from = from
        self.to = to
        self.endReason = endReason
    }

    public var isOpen: Bool { to == nil }

    public func covers(_ month: YearMonth) -> Bool {
        from <= month && (to.map { month <= $0 } ?? true)
    }

    /// The same months and owner in the other scheme: how a maternity period mirrors a medical one.
    public func mirrored(in scheme: Scheme) -> EnrolmentPeriod {
        var copy = self
        copy.scheme = scheme
        return copy
    }

    /// Same months, category, employer and region, ignoring scheme and why it ended.
    func sameSpan(as other: EnrolmentPeriod) -> Bool {
        from == other.from && to == other.to && category == other.category
            && employer == other.employer && region == other.region
    }
}

extension CreditCode: Codable {
    public init(from decoder: any Decoder) throws {
        try self.init(decoder.singleValueContainer().decode(String.self))
    }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(value)
    }
}
