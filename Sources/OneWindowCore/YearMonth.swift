/// A calendar month: enrolment periods, contribution months and policy periods are counted in these.
public struct YearMonth: Hashable, Comparable, Sendable, CustomStringConvertible, Codable, Strideable {
    public let year: Int
    public let month: Int

    public init?(year: Int, month: Int) {
        guard (1...9999).contains(year), (1...12).contains(month) else { return nil }
        self.year = year
        self.month = month
    }

    init(unchecked year: Int, _ month: Int) {
        self.year = year
        self.month = month
    }

    /// Months since year 0: makes month arithmetic plain integer arithmetic.
    public var index: Int { year * 12 + (month - 1) }

    public init(index: Int) {
        self.init(unchecked: index / 12, index % 12 + 1)
    }

    /// Parses `YYYY-MM` exactly, after folding the full-width digits and minus a Chinese IME types.
    public static func parse(_ text: String, field: Field = .month) throws -> YearMonth {
        let typed = String(text.map(\.halfWidth))
        let parts = typed.split(separator: "-", omittingEmptySubsequences: false)
        guard typed.count == 7, parts.count == 2, parts[0].count == 4, parts[1].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
              let y = Int(parts[0]), let m = Int(parts[1]) else {
            throw FieldError(field, "reason.month.format", texts: text)
        }
        guard let ym = YearMonth(year: y, month: m) else {
            throw FieldError(field, "reason.month.impossible", texts: text)
        }
        return ym
    }

    public var next: YearMonth { advanced(by: 1) }
    public var previous: YearMonth { advanced(by: -1) }

    public func advanced(by n: Int) -> YearMonth { YearMonth(index: index + n) }
    public func distance(to other: YearMonth) -> Int { other.index - index }

    public var description: String { "\(pad(year, 4))-\(pad(month, 2))" }

    public static func < (a: YearMonth, b: YearMonth) -> Bool { a.index < b.index }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        self = try YearMonth.parse(text)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}
