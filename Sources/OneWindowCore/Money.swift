/// An amount of money in integer fen (分). Never floating point: every rounding is explicit.
public struct Money: Hashable, Comparable, Sendable, Codable, CustomStringConvertible, AdditiveArithmetic {
    public let fen: Int64

    public init(fen: Int64) { self.fen = fen }
    public init(yuan: Int64) { self.fen = yuan * 100 }

    public static let zero = Money(fen: 0)
    /// 10 亿元: far above any base, allowance or bill; keeps every product with a rate inside Int64.
    public static let maximum = Money(fen: 100_000_000_000)

    /// Parses a yuan amount as typed at the counter: `8000`, `8000.5`, `8,000.50`, `８０００` (full-width).
    /// At most two decimals: fen are never rounded away silently. Negative amounts are refused.
    public static func parseYuan(_ raw: String, field: Field = .amount) throws -> Money {
        let typed = String(raw.trimmingSpaces.map(\.halfWidth))
        guard !typed.isEmpty else { throw FieldError(field, "reason.required") }
        // Commas only as thousands separators in the whole part ("8,000.50"), never anywhere else.
        let whole = typed.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)[0]
        if typed.contains(","), whole.split(separator: ",", omittingEmptySubsequences: false).enumerated()
            .contains(where: { i, g in g.isEmpty || g.count > 3 || (i > 0 && g.count != 3) }) || typed.split(separator: ".").dropFirst().contains(where: { $0.contains(",") }) {
            throw FieldError(field, "reason.money.format", texts: raw)
        }
        let text = typed.filter { $0 != "," }
        if text.hasPrefix("-") { throw FieldError(field, "reason.money.negative") }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, !parts[0].isEmpty, parts[0].allSatisfy { $0.isASCIIDigit },
              parts.count == 1 || (parts[1].allSatisfy { $0.isASCIIDigit } && !parts[1].isEmpty) else {
            throw FieldError(field, "reason.money.format", texts: raw)
        }
        if parts.count == 2, parts[1].count > 2 { throw FieldError(field, "reason.money.decimals") }
        guard parts[0].count <= 10, let whole = Int64(parts[0]) else {
            throw FieldError(field, "reason.money.tooLarge")
        }
        let decimals = parts.count == 2 ? Int64(rightPad(parts[1], 2))! : 0
        let money = Money(fen: whole * 100 + decimals)
        guard money <= maximum else { throw FieldError(field, "reason.money.tooLarge") }
        return money
    }

    /// `1234.50`: plain yuan with two decimals, as in files and JSON-facing text.
    public var yuanText: String {
        let sign = fen < 0 ? "-" : ""
        let a = fen.magnitude
        return "\(sign)\(a / 100).\(pad(Int(a % 100), 2))"
    }

    /// `12,345.67`: grouped for screens and receipts.
    public var grouped: String {
        let sign = fen < 0 ? "-" : ""
        let a = fen.magnitude
        var whole = String(a / 100)
        var groups: [String] = []
        while whole.count > 3 {
            groups.insert(String(whole.suffix(3)), at: 0)
            whole.removeLast(3)
        }
        groups.insert(whole, at: 0)
        return "\(sign)\(groups.joined(separator: ",")).\(pad(Int(a % 100), 2))"
    }

    public var description: String { yuanText }

    public static func + (a: Money, b: Money) -> Money { Money(fen: a.fen + b.fen) }
    public static func - (a: Money, b: Money) -> Money { Money(fen: a.fen - b.fen) }
    public static func < (a: Money, b: Money) -> Bool { a.fen < b.fen }

    public init(from decoder: any Decoder) throws {
        fen = try decoder.singleValueContainer().decode(Int64.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(fen)
    }

    public func clamped(to floor: Money, _ cap: Money) -> Money { max(floor, min(cap, self)) }

    /// Amount = round-half-up(fen × rate_bp / 10 000): one multiplication, one rounding (domain: 统一征缴).
    public func applying(_ rate: Rate) -> Money {
        Money(fen: Rounding.halfUp(fen * Int64(rate.basisPoints), 10_000))
    }
}

/// "5" → "50": decimals typed with fewer digits than the unit has.
func rightPad(_ s: Substring, _ width: Int) -> String {
    String(s) + String(repeating: "0", count: max(0, width - s.count))
}

extension Character {
    /// Full-width digits, comma, dot and minus typed by a Chinese IME, folded to ASCII.
    public var halfWidth: Character {
        guard let s = unicodeScalars.first, unicodeScalars.count == 1,
              (0xFF01...0xFF5E).contains(s.value) else { return self }
        return Character(Unicode.Scalar(s.value - 0xFEE0)!)
    }
}

/// The one rounding rule of the product: half away from zero ("四舍五入") to the nearest fen,
/// applied once, after the exact product is formed.
public enum Rounding {
    public static func halfUp(_ numerator: Int64, _ denominator: Int64) -> Int64 {
        precondition(denominator > 0)
        let q = numerator / denominator
        let r = numerator % denominator
        if r.magnitude * 2 >= denominator.magnitude { return numerator < 0 ? q - 1 : q + 1 }
        return q
    }
}

/// A rate in basis points of the base (1 bp = 0.01 %): 8 % is 800.
public struct Rate: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let basisPoints: Int

    public init(basisPoints: Int) { self.basisPoints = basisPoints }

    public static let zero = Rate(basisPoints: 0)

    /// Parses a percentage as typed: `8`, `8.5`, `0.45` (at most two decimals).
    public static func parsePercent(_ raw: String, field: Field = .rate) throws -> Rate {
        var text = String(raw.trimmingSpaces.map(\.halfWidth))
        if text.hasSuffix("%") { text.removeLast() }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard !text.isEmpty, parts.count <= 2, !parts[0].isEmpty, parts[0].count <= 3,
              parts.allSatisfy({ $0.allSatisfy { $0.isASCIIDigit } }),
              parts.count == 1 || (1...2).contains(parts[1].count), let whole = Int(parts[0]) else {
            throw FieldError(field, "reason.rate.format", texts: raw)
        }
        let frac = parts.count == 2 ? Int(rightPad(parts[1], 2))! : 0
        let bp = whole * 100 + frac
        guard bp <= 10_000 else { throw FieldError(field, "reason.rate.range", texts: raw) }
        return Rate(basisPoints: bp)
    }

    public static func + (a: Rate, b: Rate) -> Rate { Rate(basisPoints: a.basisPoints + b.basisPoints) }
    public static func < (a: Rate, b: Rate) -> Bool { a.basisPoints < b.basisPoints }

    /// `8.50%`
    public var description: String { "\(basisPoints / 100).\(pad(basisPoints % 100, 2))%" }

    public init(from decoder: any Decoder) throws {
        basisPoints = try decoder.singleValueContainer().decode(Int.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(basisPoints)
    }
}
