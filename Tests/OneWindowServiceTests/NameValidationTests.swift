import OneWindowCore
import OneWindowService
import Testing

@Suite("Names: no invisible or control characters, at least one letter")
struct NameValidationTests {
    @Test("A zero-width space, a bidi override or an escape is refused, nothing written; a name with a middle dot is fine",
          arguments: ["\u{200B}", "李\u{202E}娜", "李\u{1B}[31m娜", "···"])
    func refused(_ name: String) throws {
        let f = try Fixture().withEmployers()
        #expect(throws: FieldError(.name, "reason.name.invalid")) {
            try RegistrationService(f.clerk).enrol(id: Fixture.lina, name: name, category: .employee, employer: Fixture.tianjinCo,
                                                   base: yuan(8000), from: month("2026-01"))
        }
        #expect(try f.count("person") == 0)
    }

    @Test("Ethnic names with a middle dot and Latin names pass")
    func accepted() throws {
        let f = try Fixture().withEmployers()
        try RegistrationService(f.clerk).enrol(id: Fixture.lina, name: "阿依古丽·买买提", category: .employee, employer: Fixture.tianjinCo,
                                               base: yuan(8000), from: month("2026-01"))
        #expect(try f.count("person") == 1)
    }
}
