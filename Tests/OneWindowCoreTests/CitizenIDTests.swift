import Testing
@testable import OneWindowCore

@Suite("居民身份证号码 (GB 11643-1999)")
struct CitizenIDTests {
    /// 17 digits plus the check character computed from the ISO 7064 definition (not the source's table).
    func complete(_ body17: String) -> String { body17 + String(mod11_2Check(body17)) }

    func reason(_ raw: String, today: CalendarDate = testToday) -> Message? {
        do {
            _ = try CitizenID(raw, today: today)
            return nil
        } catch let e as FieldError {
            #expect(e.field == .citizenID, "every citizen ID refusal names the citizenID field")
            return e.reason
        } catch {
            Issue.record("unexpected error type \(error)")
            return nil
        }
    }

    @Test("GB 11643 MOD 11-2 check character: the standard's own examples are valid",
          arguments: ["11010519491231002X", "440524188001010014"])
    func standardExamples(_ raw: String) throws {
        let id = try CitizenID(raw, today: testToday)
        #expect(id.value == raw)
        #expect(id.upgradedFrom == nil)
        #expect(CitizenID.checkCharacter(for: raw.prefix(17)) == raw.last)
    }

    @Test("GB 11643 MOD 11-2: weight table equals 2^(i-1) mod 11 and the remainder map is 1 0 X 9 8 7 6 5 4 3 2")
    func weightTable() {
        #expect(CitizenID.weights == [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2])
        #expect(String(CitizenID.checkChars) == "10X98765432")
    }

    @Test("GB 11643 MOD 11-2 check character agrees with the ISO 7064 definition for every remainder")
    func checkCharacterEveryRemainder() {
        // Vary the sequence number until each of the 11 possible check characters has been produced.
        var seen = Set<Character>()
        for seq in 0..<1000 {
            let body = "11010519900307" + String(repeating: "0", count: 3 - String(seq).count) + String(seq)
            let mine = CitizenID.checkCharacter(for: body)
            #expect(mine == mod11_2Check(body), "body \(body)")
            if let mine { seen.insert(mine) }
        }
        #expect(seen == Set("0123456789X"))
    }

    @Test("checkCharacter(for:) refuses anything but 17 ASCII digits",
          arguments: ["1101051949123100", "110105194912310021", "1101051949123100A", "１１０１０５１９４９１２３１００２"])
    func checkCharacterInput(_ body: String) {
        #expect(CitizenID.checkCharacter(for: body) == nil)
    }

    @Test("GB 11643: a lower-case x is accepted and stored as X")
    func lowerCaseX() throws {
        let id = try CitizenID("11010519491231002x", today: testToday)
        #expect(id.value == "11010519491231002X")
    }

    @Test("GB 11643 MOD 11-2: a wrong check character is refused with reason.id.checksum naming the right one",
          arguments: ["110105194912310020", "110105194912310021", "110105194912310029", "440524188001010015"])
    func wrongCheckCharacter(_ raw: String) throws {
        let expected = try #require(CitizenID.checkCharacter(for: raw.prefix(17)))
        #expect(reason(raw) == Message("reason.id.checksum", texts: String(expected)))
    }

    @Test("GB 11643 MOD 11-2: a single changed digit or two swapped digits are caught")
    func transcriptionErrors() {
        let good = "11010519491231002X"
        // Change one digit in the sequence code (keeps the birth date real).
        #expect(reason("11010519491231003X")?.key == "reason.id.checksum")
        // Swap the two differing digits of the region code "05" → "50"... region 110150 still parses.
        #expect(reason("11015019491231002X")?.key == "reason.id.checksum")
        #expect(reason(good) == nil)
    }

    @Test("GB 11643 birth date must exist: 1999-02-29 is refused with reason.id.birthDate",
          arguments: ["1101051999022900", "1101051949123200", "1101051949130100", "1101051949000100", "1101051949010000"])
    func impossibleBirthDate(_ prefix16: String) {
        // prefix16 + "2" = 17 digits (even 17th digit), then the correct check character.
        let raw = complete(prefix16 + "2")
        let birth = String(raw.dropFirst(6).prefix(8))
        #expect(reason(raw) == Message("reason.id.birthDate", texts: birth))
    }

    @Test("GB 11643 birth date: a leap day in a leap year is a real date")
    func leapDay() throws {
        let raw = complete("11010520000229002")
        let id = try CitizenID(raw, today: testToday)
        #expect(id.birthDate == day(2000, 2, 29))
    }

    @Test("domain: the birth date may not be in the future (reason.id.birthFuture)")
    func futureBirth() {
        let raw = complete("11010520260116002") // the day after testToday
        #expect(reason(raw) == Message("reason.id.birthFuture", texts: "2026-01-16"))
        // Born today is allowed.
        #expect(reason(complete("11010520260115002")) == nil)
    }

    @Test("domain: birth years before 1880 are not real numbers (reason.id.birthDate)")
    func tooOld() {
        #expect(reason(complete("11010518791231002")) == Message("reason.id.birthDate", texts: "18791231"))
        #expect(reason(complete("11010518800101002")) == nil)
    }

    @Test("GB 11643: 18 characters (or 15 legacy); other lengths refused with reason.id.length",
          arguments: ["1101051949123100", "11010519491231002", "11010519491231002X1", "1", "11010519491231002X11010519491231002X"])
    func wrongLength(_ raw: String) {
        #expect(reason(raw) == Message("reason.id.length", texts: String(raw.count)))
    }

    @Test("GB 11643: only digits, X only last (reason.id.chars)",
          arguments: ["11010519491231A02X", "1101051949123100XX", "X10105194912310020", "11010519491231002Y",
                      "110105-19491231002", "11010549123100A"])
    func wrongCharacters(_ raw: String) {
        #expect(reason(raw)?.key == "reason.id.chars")
    }

    @Test("Full-width digits and Ｘ typed by a Chinese input method are folded to ASCII")
    func fullWidthFolded() throws {
        let id = try CitizenID("１１０１０５１９４９１２３１００２ｘ", today: CalendarDate(year: 2026, month: 11, day: 22)!)
        #expect(id.value == "11010519491231002X")
    }

    @Test("empty input (or only spaces, incl. U+3000) is reason.required", arguments: ["", "   ", "\u{3000}", " \t\u{3000} "])
    func empty(_ raw: String) {
        #expect(reason(raw) == Message("reason.required"))
    }

    @Test("GB 11643 legacy 15-digit number: 19 inserted before the year and a check character added")
    func upgradeFifteenDigits() throws {
        let id = try CitizenID("110105491231002", today: testToday)
        #expect(id.value == "11010519491231002X")
        #expect(id.upgradedFrom == "110105491231002")
        #expect(id.birthDate == day(1949, 12, 31))
        #expect(id.sex == .female)
    }

    @Test("GB 11643 legacy 15-digit number with an impossible date is refused", arguments: ["110105990229002", "110105491331002"])
    func upgradeImpossibleDate(_ raw: String) {
        #expect(reason(raw)?.key == "reason.id.birthDate")
    }

    @Test("GB 11643 sequence code: the 17th digit is odd for men, even for women",
          arguments: [("11010519491231001", Sex.male), ("11010519491231002", .female), ("11010519491231003", .male),
                      ("11010519491231000", .female), ("11010519491231009", .male), ("11010519491231018", .female)])
    func sexFromSequence(_ body: String, _ sex: Sex) throws {
        let id = try CitizenID(complete(body), today: testToday)
        #expect(id.sex == sex)
    }

    @Test("region code and birth date are read from the number")
    func parts() {
        let id = People.standardExample
        #expect(id.regionCode == "110105")
        #expect(id.birthDate == day(1949, 12, 31))
    }

    @Test("domain: on screens the ID is masked as 110101********123X (birth date hidden)")
    func masked() throws {
        #expect(People.standardExample.masked == "110105********002X")
        let other = try CitizenID(complete("11010119900307123"), today: testToday)
        #expect(other.masked == "110101********123" + String(other.value.last!))
        #expect(other.masked.count == 18)
    }

    @Test("domain: full IDs never go to logs — description is the masked form")
    func descriptionIsMasked() {
        let id = People.standardExample
        #expect(id.description == id.masked)
        #expect(!"\(id)".contains("19491231"))
    }

    @Test("surrounding spaces are trimmed, including the ideographic space U+3000 typed by IMEs",
          arguments: ["  11010519491231002X  ", "\u{3000}11010519491231002X\u{3000}", "\t11010519491231002x\n", "\u{3000} 11010519491231002X"])
    func trimming(_ raw: String) throws {
        let id = try CitizenID(raw, today: testToday)
        #expect(id.value == "11010519491231002X")
    }

    @Test("spaces inside the number are not silently removed")
    func innerSpace() {
        #expect(reason("110105 19491231002X")?.key == "reason.id.length")
    }

    @Test("String.trimmingSpaces trims ASCII and ideographic spaces only at the ends")
    func trimmingSpaces() {
        #expect("\u{3000} a b \u{3000}".trimmingSpaces == "a b")
        #expect("\u{3000}\u{3000}".trimmingSpaces == "")
        #expect("abc".trimmingSpaces == "abc")
    }

    /// A number with `region` and a right check character (so only the region can be wrong).
    static func withRegion(_ region: String) -> String {
        let body = region + "19800101002"
        return body + String(CitizenID.checkCharacter(for: body)!)
    }

    @Test("A region code that is no province's is refused (000000, 999999); provinces, 71/81/82/83 and 9+province pass",
          arguments: [("000000", false), ("999999", false), ("100000", false), ("660101", false), ("110105", true),
                      ("650102", true), ("810000", true), ("830000", true), ("911101", true), ("990101", false)])
    func regionCodes(region: String, valid: Bool) throws {
        let today = CalendarDate(year: 2026, month: 11, day: 22)!
        if valid {
            #expect(try CitizenID(Self.withRegion(region), today: today).regionCode == region)
        } else {
            #expect(throws: FieldError(.citizenID, "reason.id.region", texts: region)) { try CitizenID(Self.withRegion(region), today: today) }
        }
    }

    @Test("maskingIDs masks every full, valid ID wherever it stands, and nothing else")
    func masking() {
        let id = "110105199003070025"
        #expect(CitizenID.maskingIDs(in: id) == "110105********0025")
        #expect(CitizenID.maskingIDs(in: "a\(id)b，\(id.lowercased())") == "a110105********0025b，110105********0025")
        #expect(CitizenID.maskingIDs(in: "11010519900307002X") == "11010519900307002X")  // wrong check character: not an ID
        #expect(CitizenID.maskingIDs(in: "1\(id)") == "1\(id)")  // part of a longer number
        #expect(CitizenID.maskingIDs(in: "6222021234567890123") == "6222021234567890123")
        #expect(CitizenID.maskingIDs(in: "短") == "短")
    }
}
