public enum Sex: String, Sendable, Codable, CaseIterable {
    case male, female
}

/// 居民身份证号码, GB 11643-1999: 6-digit region, birth date YYYYMMDD, 3-digit sequence
/// (odd = male, even = female), check character by ISO 7064 MOD 11-2.
public struct CitizenID: Hashable, Sendable, CustomStringConvertible {
    /// Always 18 characters, check character upper-case.
    public let value: String
    /// The 15-digit legacy number this was upgraded from, so the clerk can be shown both.
    public let upgradedFrom: String?

    static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    static let checkChars: [Character] = ["1", "0", "X", "9", "8", "7", "6", "5", "4", "3", "2"]

    /// The check character for the first 17 digits (GB 11643 §5, MOD 11-2).
    public static func checkCharacter(for body: some StringProtocol) -> Character? {
        let digits = body.compactMap(\.wholeNumberValue)
        guard body.count == 17, digits.count == 17, body.allSatisfy(\.isASCIIDigit) else { return nil }
        let sum = zip(digits, weights).reduce(0) { $0 + $1.0 * $1.1 }
        return checkChars[sum % 11]
    }

    /// Validates and normalises a typed number. `today` bounds the birth date (no future births).
    /// Accepts a lower-case `x` and surrounding spaces; upgrades a 15-digit legacy number.
    public init(_ raw: String, today: CalendarDate) throws {
        let text = String(raw.trimmingSpaces.map(\.halfWidth)).uppercased()
        guard !text.isEmpty else { throw FieldError(.citizenID, "reason.required") }
        var upgraded: String? = nil
        var full = text
        if text.count == 15 {
            guard text.allSatisfy(\.isASCIIDigit) else { throw FieldError(.citizenID, "reason.id.chars") }
            // GB 11643 upgrade of the 1980s 15-digit number: the year gains "19", then a check character.
            let body = String(text.prefix(6)) + "19" + String(text.dropFirst(6))
            full = body + String(CitizenID.checkCharacter(for: body)!)
            upgraded = text
        }
        guard full.count == 18 else {
            throw FieldError(.citizenID, "reason.id.length", texts: String(text.count))
        }
        let body = full.prefix(17)
        guard body.allSatisfy(\.isASCIIDigit), let last = full.last, last.isASCIIDigit || last == "X" else {
            throw FieldError(.citizenID, "reason.id.chars")
        }
        guard Self.hasProvince(full) else {
            throw FieldError(.citizenID, "reason.id.region", texts: String(full.prefix(6)))
        }
        let birthText = full.dropFirst(6).prefix(8)
        guard let y = Int(birthText.prefix(4)), let m = Int(birthText.dropFirst(4).prefix(2)),
              let d = Int(birthText.suffix(2)), let birth = CalendarDate(year: y, month: m, day: d) else {
            throw FieldError(.citizenID, "reason.id.birthDate", texts: String(birthText))
        }
        guard birth <= today else {
            throw FieldError(.citizenID, "reason.id.birthFuture", texts: birth.description)
        }
        guard y >= 1880 else {
            throw FieldError(.citizenID, "reason.id.birthDate", texts: String(birthText))
        }
        let expected = CitizenID.checkCharacter(for: body)!
        guard last == expected else {
            throw FieldError(.citizenID, "reason.id.checksum", texts: String(expected))
        }
        value = full
        upgradedFrom = upgraded
    }

    /// GB/T 2260 province-level codes (and 71 台湾, 81 香港, 82 澳门, 83 台湾居民居住证): a number's first two
    /// digits are one of them, or (外国人永久居留身份证, 2023 edition) a 9 followed by one. So 000000 or 999999 is no region.
    static let provinces: Set<String> = ["11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36",
                                         "37", "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62",
                                         "63", "64", "65", "71", "81", "82", "83"]

    static func hasProvince(_ id: String) -> Bool {
        let head = Array(id.prefix(3))
        guard head.count == 3 else { return false }
        return provinces.contains(String(head[0...1])) || (head[0] == "9" && provinces.contains(String(head[1...2])))
    }

    /// For values read back from the store, already validated when written.
    public init(trusted value: String) {
        self.value = value
        self.upgradedFrom = nil
    }

    public var regionCode: String { String(value.prefix(6)) }

    public var birthDate: CalendarDate {
        let b = value.dropFirst(6).prefix(8)
        return CalendarDate(year: Int(b.prefix(4))!, month: Int(b.dropFirst(4).prefix(2))!, day: Int(b.suffix(2))!)!
    }

    /// GB 11643 §4.3: the 17th digit is odd for men, even for women.
    public var sex: Sex {
        let seq = value.dropFirst(16).first!.wholeNumberValue!
        return seq % 2 == 1 ? .male : .female
    }

    /// Masked for screens and the audit log: region code and last four stay, the birth date is hidden.
    public var masked: String { String(value.prefix(6)) + "********" + String(value.suffix(4)) }

    public var description: String { masked }
}

extension String {
    /// Trims ASCII and full-width (ideographic) spaces: IMEs often type U+3000.
    public var trimmingSpaces: String {
        // CR LF is one Character (a Windows line end, a pasted line): compared as itself, not as CR or LF.
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\u{3000}" || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
        guard let start = firstIndex(where: { !isSpace($0) }) else { return "" }
        let end = lastIndex(where: { !isSpace($0) })!
        return String(self[start...end])
    }
}

extension CitizenID {
    /// `text` with every full citizen ID in it masked (`masked`): whatever field an ID arrives in (a name
    /// typed at sign-on, a note, a file line), the audit log keeps only the masked form. An ID here is a run
    /// of 17 digits and a check character that is right (MOD 11-2), not part of a longer run of digits.
    public static func maskingIDs(in text: String) -> String {
        let chars = Array(text)
        guard chars.count >= 18 else { return text }
        var out = ""
        var i = 0
        while i < chars.count {
            if i + 18 <= chars.count, i == 0 || !chars[i - 1].isASCIIDigit, i + 18 == chars.count || !chars[i + 18].isASCIIDigit,
               chars[i..<(i + 17)].allSatisfy(\.isASCIIDigit),
               let check = checkCharacter(for: String(chars[i..<(i + 17)])), chars[i + 17].uppercased() == String(check) {
                out += CitizenID(trusted: String(chars[i..<(i + 18)]).uppercased()).masked
                i += 18
            } else {
                out.append(chars[i])
                i += 1
            }
        }
        return out
    }
}
