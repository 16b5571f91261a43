import Testing
@testable import OneWindowCore

@Suite("统一社会信用代码 (GB 32100-2015)")
struct CreditCodeTests {
    func reason(_ raw: String) -> Message? {
        do {
            _ = try CreditCode(raw)
            return nil
        } catch let e as FieldError {
            #expect(e.field == .creditCode, "every credit code refusal names the creditCode field")
            return e.reason
        } catch {
            Issue.record("unexpected error type \(error)")
            return nil
        }
    }

    @Test("GB 32100 MOD 31 check character: widely cited valid codes are accepted",
          arguments: ["91350100M000100Y43", "91110000600037341L", "91440300708461136T", "91320400MA1MXXXX0Q"])
    func validExamples(_ raw: String) throws {
        let code = try CreditCode(raw)
        #expect(code.value == raw)
        #expect(code.description == raw)
        #expect(CreditCode.checkCharacter(for: raw.prefix(17)) == raw.last)
        #expect(mod31Check(String(raw.prefix(17))) == raw.last)
    }

    @Test("GB 32100 MOD 31 worked by hand for 91350100M000100Y4 → 3")
    func workedCheck() {
        // Values: 9 1 3 5 0 1 0 0 M=21 0 0 0 1 0 0 Y=30 4
        let values = [9, 1, 3, 5, 0, 1, 0, 0, 21, 0, 0, 0, 1, 0, 0, 30, 4]
        let weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
        let sum = zip(values, weights).reduce(0) { $0 + $1.0 * $1.1 }
        #expect((31 - sum % 31) % 31 == 3)
        #expect(CreditCode.checkCharacter(for: "91350100M000100Y4") == "3")
    }

    @Test("GB 32100 alphabet: 0-9 and A-Z less I O Z S V, 31 characters")
    func alphabet() {
        #expect(String(CreditCode.alphabet) == "0123456789ABCDEFGHJKLMNPQRTUWXY")
        #expect(CreditCode.weights == [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28])
    }

    @Test("GB 32100 never uses I O Z S V: refused with reason.code.char naming the letter",
          arguments: ["I", "O", "Z", "S", "V"])
    func forbiddenLetters(_ letter: String) {
        // Replace the M (9th character) of a valid code.
        let raw = "91350100" + letter + "000100Y43"
        #expect(reason(raw) == Message("reason.code.char", texts: letter))
        // Also as the check character itself.
        #expect(reason("91350100M000100Y4" + letter) == Message("reason.code.char", texts: letter))
    }

    @Test("GB 32100: punctuation and inner spaces are not in the alphabet",
          arguments: ["91350100M000100Y4-", "91350100M00010 Y43", "91350100M000100Y4。"])
    func otherBadCharacters(_ raw: String) {
        #expect(reason(raw)?.key == "reason.code.char")
    }

    @Test("Full-width characters typed by an input method are folded to ASCII")
    func fullWidthFolded() throws {
        #expect(try CreditCode("９１３５０１００Ｍ０００１００Ｙ４３").value == "91350100M000100Y43")
    }

    @Test("GB 32100 MOD 31: a wrong check character is refused with reason.code.checksum naming the right one",
          arguments: ["91350100M000100Y40", "91350100M000100Y44", "91350100M000100Y4Y", "91110000600037341K"])
    func wrongCheck(_ raw: String) throws {
        let expected = try #require(CreditCode.checkCharacter(for: raw.prefix(17)))
        #expect(reason(raw) == Message("reason.code.checksum", texts: String(expected)))
    }

    @Test("GB 32100 MOD 31 catches every single-character substitution of a valid code")
    func singleSubstitutions() {
        let good = Array("91350100M000100Y43")
        for position in 0..<17 {
            for c in CreditCode.alphabet where c != good[position] {
                // Positions 3–8 must stay digits, or the division check answers first.
                if (2...7).contains(position), !c.isASCIIDigit { continue }
                var chars = good
                chars[position] = c
                #expect(reason(String(chars))?.key == "reason.code.checksum", "\(String(chars))")
            }
        }
    }

    @Test("GB 32100: 18 characters exactly (reason.code.length)",
          arguments: ["91350100M000100Y4", "91350100M000100Y433", "9"])
    func wrongLength(_ raw: String) {
        #expect(reason(raw) == Message("reason.code.length", texts: String(raw.count)))
    }

    @Test("empty input is reason.required", arguments: ["", "  ", "\u{3000}"])
    func empty(_ raw: String) {
        #expect(reason(raw) == Message("reason.required"))
    }

    @Test("GB 32100: characters 3–8 are an administrative division code (reason.code.division)")
    func division() {
        let body = "9135A100M000100Y4"
        #expect(reason(body + String(mod31Check(body))) == Message("reason.code.division"))
    }

    @Test("lower-case input is accepted and stored upper-case; spaces around are trimmed",
          arguments: ["91350100m000100y43", "  91350100M000100Y43\u{3000}", "91320400ma1mxxxx0q"])
    func normalises(_ raw: String) throws {
        let code = try CreditCode(raw)
        #expect(code.value == raw.trimmingSpaces.uppercased())
    }

    @Test("codes compare by value (stable employer lists)")
    func ordering() {
        #expect(Employers.b < Employers.a)
        #expect(Employers.a < Employers.c)
        #expect(Employers.all.sorted() == [Employers.b, Employers.a, Employers.c])
    }
}
