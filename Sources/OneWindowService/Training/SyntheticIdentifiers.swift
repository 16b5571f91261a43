import OneWindowCore

/// Valid identifiers for synthetic people and employers, built the way the real ones are.
enum SyntheticIdentifiers {
    /// GB 11643: region code, birth date, a sequence whose last digit is odd for men and even for women,
    /// then the MOD 11-2 check character.
    static func citizenID(division: String, birth: CalendarDate, sex: Sex, _ rng: inout SplitMix64) -> CitizenID {
        let sequence = rng.below(500) * 2 + (sex == .male ? 1 : 0)
        let body = division + birth.description.filter(\.isNumber) + String(format: "%03d", sequence)
        return CitizenID(trusted: body + String(CitizenID.checkCharacter(for: body)!))
    }

    /// Organisation-code characters that the credit-code alphabet also allows (no I, O, Z, S, V).
    static let codeChars: [Character] = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")

    /// GB 32100: registration authority and type ("91" enterprise, "11" government body, "12" public
    /// institution), the 6-digit division, the 9-character organisation code (GB 11714, with its own
    /// check character; codes issued since 2015 start with "MA"), then the MOD 31 check character.
    static func creditCode(prefix: String, division: String, _ rng: inout SplitMix64) -> CreditCode {
        var org = ""
        if prefix == "91", rng.chance(50) {
            org = "MA" + String((0..<6).map { _ in rng.pick(codeChars) })
        } else {
            org = String((0..<8).map { _ in Character(String(rng.below(10))) })
        }
        org.append(organisationCheck(org))
        let body = prefix + division + org
        return CreditCode(trusted: body + String(CreditCode.checkCharacter(for: body)!))
    }

    /// GB 11714-1997: weights 3 7 9 10 5 8 4 2 over character values (digits, then A = 10 …),
    /// check = 11 − sum mod 11, written X for 10 and 0 for 11.
    static func organisationCheck(_ body: String) -> Character {
        let weights = [3, 7, 9, 10, 5, 8, 4, 2]
        let sum = zip(body, weights).reduce(0) { total, pair in
            let c = pair.0
            let value = c.wholeNumberValue ?? Int(c.asciiValue! - 55)  // "A" (65) is 10
            return total + value * pair.1
        }
        let check = 11 - sum % 11
        return check == 10 ? "X" : check == 11 ? "0" : Character(String(check))
    }
}
