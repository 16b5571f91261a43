/// 统一社会信用代码, GB 32100-2015: 18 characters over 0-9 and 26 letters less I O Z S V,
/// positions 3–8 an administrative division code, check character MOD 31.
public struct CreditCode: Hashable, Sendable, CustomStringConvertible, Comparable {
    public let value: String

    static let alphabet: [Character] = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
    static let weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

    static func code(of c: Character) -> Int? { alphabet.firstIndex(of: c) }

    /// The check character for the first 17 characters (GB 32100 §4.3).
    public static func checkCharacter(for body: some StringProtocol) -> Character? {
        guard body.count == 17 else { return nil }
        var sum = 0
        for (c, w) in zip(body, weights) {
            guard let v = code(of: c) else { return nil }
            sum += v * w
        }
        return alphabet[(31 - sum % 31) % 31]
    }

    public init(_ raw: String) throws {
        let text = String(raw.trimmingSpaces.map(\.halfWidth)).uppercased()
        guard !text.isEmpty else { throw FieldError(.creditCode, "reason.required") }
        guard text.count == 18 else {
            throw FieldError(.creditCode, "reason.code.length", texts: String(text.count))
        }
        if let bad = text.first(where: { CreditCode.code(of: $0) == nil }) {
            throw FieldError(.creditCode, "reason.code.char", texts: String(bad))
        }
        guard text.dropFirst(2).prefix(6).allSatisfy(\.isASCIIDigit) else {
            throw FieldError(.creditCode, "reason.code.division")
        }
        let expected = CreditCode.checkCharacter(for: text.prefix(17))!
        guard text.last == expected else {
            throw FieldError(.creditCode, "reason.code.checksum", texts: String(expected))
        }
        value = text
    }

    public init(trusted value: String) { self.value = value }

    public var description: String { value }
    public static func < (a: CreditCode, b: CreditCode) -> Bool { a.value < b.value }
}
