import Testing
@testable import OneWindowCore

@Suite("Registration warnings: base floor and cap, retiree age, first month, region of a transfer")
struct RegistrationWarningsTests {
    static let tianjin = LocalizedName(zh: "天津市", en: "Tianjin")
    static let shantou = LocalizedName(zh: "汕头市", en: "Shantou")

    /// A valid ID born on `birth` (YYYYMMDD); an odd sequence is a man, an even one a woman.
    func person(_ birth: String, male: Bool = false) -> CitizenID {
        let body = "120101" + birth + (male ? "011" : "002")
        return CitizenID(trusted: body + String(CitizenID.checkCharacter(for: body)!))
    }

    func retirement(men: Int = 60, women: Int = 50) -> RetirementRules {
        RetirementRules(menMinimumAge: Sourced(men, source: "test", confirmed: true),
                        womenMinimumAge: Sourced(women, source: nil, confirmed: false))
    }

    @Test("A base below the floor says the floor will be charged; exactly at the floor nothing is said")
    func floor() throws {
        let rules = testRules(floorFen: 400_000, capFen: 2_000_000)
        let w = try #require(RegistrationWarnings.base(Money(fen: 300_000), rules: rules, region: Self.tianjin))
        #expect(w.rule == .baseBelowFloor)
        #expect(w.message == Message("warn.reg.baseBelowFloor", [.text("3,000.00"), .name(Self.tianjin), .text("4,000.00"), .text("4,000.00")]))
        #expect(RegistrationWarnings.base(Money(fen: 400_000), rules: rules, region: Self.tianjin) == nil)
        #expect(RegistrationWarnings.base(Money(fen: 399_999), rules: rules, region: Self.tianjin)?.rule == .baseBelowFloor)
        // The figure said is the one the calculator charges.
        let subject = ContributionSubject(person: person("19900307"), category: .flexible, employer: nil, employerUnifiedFrom: nil,
                                          declaredBase: Money(fen: 300_000), hasMaternity: false, region: "tianjin")
        #expect(ContributionCalculator.lines(for: subject, month: ym(2026, 1), rules: rules).first?.base == Money(fen: 400_000))
    }

    @Test("A base above the cap says the cap will be charged; exactly at the cap nothing is said")
    func cap() throws {
        let rules = testRules(floorFen: 400_000, capFen: 2_000_000)
        let w = try #require(RegistrationWarnings.base(Money(fen: 2_000_001), rules: rules, region: Self.tianjin))
        #expect(w.rule == .baseAboveCap && w.confirmed)
        #expect(w.message == Message("warn.reg.baseAboveCap", [.text("20,000.01"), .name(Self.tianjin), .text("20,000.00"), .text("20,000.00")]))
        #expect(RegistrationWarnings.base(Money(fen: 2_000_000), rules: rules, region: Self.tianjin) == nil)
    }

    @Test("A retiree younger than the lowest retirement age for her sex is warned; from the birthday month on, not")
    func retiree() throws {
        let woman = person("19761115")          // 50 on 2026-11-15
        let w = try #require(RegistrationWarnings.retiree(woman, from: ym(2026, 11), rules: retirement()))
        #expect(w.rule == .retireeUnderAge && !w.confirmed)   // the women's figure is a sample here
        #expect(w.message == Message("warn.reg.retireeUnderAge", [.text("2026-11"), .text("49"), .message(Message("warn.reg.sex.female")), .text("50")]))
        #expect(RegistrationWarnings.retiree(woman, from: ym(2026, 12), rules: retirement()) == nil)
        #expect(RegistrationWarnings.retiree(person("19761101"), from: ym(2026, 11), rules: retirement()) == nil)   // 50 on the 1st
        let man = person("19700301", male: true)  // 56: under 60
        #expect(RegistrationWarnings.retiree(man, from: ym(2026, 11), rules: retirement())?.message.args[2] == .message(Message("warn.reg.sex.male")))
        #expect(RegistrationWarnings.retiree(man, from: ym(2026, 11), rules: retirement(men: 56)) == nil)
    }

    @Test("An enrolment before the month she turns 16 is warned; from that month on, not")
    func sixteen() {
        let young = person("20101123")           // 16 on 2026-11-23
        let before = RegistrationWarnings.enrolmentMonth(young, from: ym(2026, 10), today: day(2026, 11, 22))
        #expect(before.map(\.rule) == [.enrolBefore16])
        #expect(before[0].message == Message("warn.reg.enrolBefore16", texts: "2026-10", "2026-11"))
        // The day before her 16th birthday is in the birthday month: the month itself is fine.
        #expect(RegistrationWarnings.enrolmentMonth(young, from: ym(2026, 11), today: day(2026, 11, 22)).isEmpty)
    }

    @Test("An enrolment one month ahead is fine; two months ahead is warned")
    func ahead() {
        let p = person("19900307")
        let today = day(2026, 11, 22)
        #expect(RegistrationWarnings.enrolmentMonth(p, from: ym(2026, 12), today: today).isEmpty)
        let two = RegistrationWarnings.enrolmentMonth(p, from: ym(2027, 1), today: today)
        #expect(two.map(\.rule) == [.enrolAhead])
        #expect(two[0].message == Message("warn.reg.enrolAhead", texts: "2027-01", "2026-11", "2"))
        #expect(RegistrationWarnings.enrolmentMonth(p, from: ym(2025, 1), today: today).isEmpty)   // back months: the save's rules
    }

    @Test("A transfer within the region says nothing; to another region names both")
    func region() throws {
        #expect(RegistrationWarnings.transfer(from: Self.tianjin, currentCode: "tianjin", to: Self.tianjin, targetCode: "tianjin",
                                              employerName: "甲") == nil)
        let w = try #require(RegistrationWarnings.transfer(from: Self.tianjin, currentCode: "tianjin", to: Self.shantou,
                                                           targetCode: "shantou", employerName: "汕头某事业单位"))
        #expect(w.rule == .otherRegion)
        #expect(w.message == Message("warn.reg.otherRegion", [.text("汕头某事业单位"), .name(Self.shantou), .name(Self.tianjin)]))
    }

    @Test("Same event: births under the rule's days apart are one event; at the limit they are two")
    func sameEvent() throws {
        func birth(_ d: CalendarDate) throws -> MaternityEvent {
            try MaternityEvent(date: d, birth: Birth(babies: 1, delivery: .natural, dystocia: false,
                                                     gestation: Gestation(start: d.adding(days: -270), end: d)))
        }
        let days = RiskRules().duplicateEventDays
        let a = try birth(day(2026, 1, 1))
        #expect(RiskScreen.sameEvent(a, try birth(day(2026, 1, 1).adding(days: days - 1)), days: days))
        #expect(!RiskScreen.sameEvent(a, try birth(day(2026, 1, 1).adding(days: days)), days: days))
    }
}
