import OneWindowCore
import OneWindowResources
import OneWindowService
import Testing

@Suite("Registration warnings before F5: read-only previews per use case")
struct RegistrationWarningServiceTests {
    /// A valid ID born on `birth` (YYYYMMDD), a woman unless `male`.
    static func person(_ birth: String, male: Bool = false) -> CitizenID {
        let body = "120101" + birth + (male ? "011" : "002")
        return try! CitizenID(body + String(CitizenID.checkCharacter(for: body)!), today: Fixture.today)
    }

    func rules(_ f: Fixture) throws -> ContributionRules { try f.policies.period("tianjin", month("2026-11")).contribution }

    @Test("Enrolment: a base under Tianjin's floor says the floor is charged, in both languages; nothing is written")
    func enrolBase() throws {
        let f = try Fixture().withEmployers()
        let floor = try rules(f).baseFloor.value
        let audit = try f.auditCount()
        let ws = try RegistrationService(f.clerk).enrolWarnings(id: Fixture.lina, category: .employee, employer: Fixture.tianjinCo,
                                                                base: floor - Money(fen: 100_000), from: month("2026-11"))
        #expect(ws.map(\.rule) == [.baseBelowFloor])
        #expect(try StringTable(language: .zh).render(ws[0].message)
                == "缴费基数 \((floor - Money(fen: 100_000)).grouped) 元低于天津市下限 \(floor.grouped) 元，将按下限 \(floor.grouped) 元核定")
        #expect(try StringTable(language: .en).render(ws[0].message).contains("Tianjin"))
        #expect(try RegistrationService(f.clerk).enrolWarnings(id: Fixture.lina, category: .employee, employer: Fixture.tianjinCo,
                                                               base: floor, from: month("2026-11")).isEmpty)
        #expect(try f.auditCount() == audit && f.count("person") == 0)
    }

    @Test("Enrolment month: before 16, or two months ahead, is warned; the month of the 16th birthday and next month are not")
    func enrolMonth() throws {
        let f = try Fixture().withEmployers()
        let young = Self.person("20101123")
        func rules(_ id: CitizenID, _ m: String) throws -> [RegistrationWarning.Rule] {
            try RegistrationService(f.clerk).enrolWarnings(id: id, category: .flexible, employer: nil, base: yuan(8000), from: month(m)).map(\.rule)
        }
        #expect(try rules(young, "2026-10") == [.enrolBefore16])
        #expect(try rules(young, "2026-11").isEmpty)
        #expect(try rules(Fixture.lina, "2026-12").isEmpty)
        #expect(try rules(Fixture.lina, "2027-01") == [.enrolAhead])
    }

    @Test("A retiree under the national lowest retirement age is warned at enrolment and at retirement, the figure marked a sample")
    func retiree() throws {
        let f = try Fixture().withEmployers()
        let ws = try RegistrationService(f.clerk).enrolWarnings(id: Fixture.lina, category: .retiree, employer: nil, base: yuan(8000),
                                                                from: month("2026-11"))
        #expect(ws.map(\.rule) == [.retireeUnderAge] && !ws[0].confirmed)
        #expect(try StringTable(language: .zh).render(ws[0].message).contains("女职工最低退休年龄 50 岁"))
        let old = Self.person("19760101")
        #expect(try RegistrationService(f.clerk).enrolWarnings(id: old, category: .retiree, employer: nil, base: yuan(8000),
                                                               from: month("2026-11")).isEmpty)
        try RegistrationService(f.clerk).enrol(id: Fixture.lina, name: "李娜", category: .employee, employer: Fixture.tianjinCo,
                                               base: yuan(8000), from: month("2026-01"))
        #expect(try RegistrationService(f.clerk).retireWarnings(id: Fixture.lina, from: month("2026-12")).map(\.rule) == [.retireeUnderAge])
    }

    @Test("Transfer: within Tianjin nothing; to a Shantou employer the regions are named; a base over the new region's cap too")
    func transfer() throws {
        let f = try Fixture().withEmployers()
        try RegistrationService(f.clerk).enrol(id: Fixture.lina, name: "李娜", category: .employee, employer: Fixture.shantouInst,
                                               base: yuan(8000), from: month("2026-01"))
        let other = try RegistrationService(f.clerk).transferWarnings(id: Fixture.lina, to: Fixture.tianjinCo, from: month("2026-12"))
        #expect(other.map(\.rule) == [.otherRegion])
        #expect(try StringTable(language: .zh).render(other[0].message) == "转入单位 天津某某科技有限公司 属于天津市，本人现在汕头市参保：跨统筹地区须办理医保关系转移接续")
        let cap = try rules(f).baseCap.value
        let both = try RegistrationService(f.clerk).transferWarnings(id: Fixture.lina, to: Fixture.tianjinCo, from: month("2026-12"),
                                                                     base: cap + Money(fen: 1))
        #expect(both.map(\.rule) == [.otherRegion, .baseAboveCap])
        try RegistrationService(f.clerk).transfer(id: Fixture.lina, to: Fixture.tianjinCo, from: month("2026-12"))
        _ = try RegistrationService(f.clerk).registerEmployer(code: Fixture.shenyangCo, name: "天津另一单位", region: "tianjin",
                                                          kind: .enterprise, unifiedFrom: nil)
        #expect(try RegistrationService(f.clerk).transferWarnings(id: Fixture.lina, to: Fixture.shenyangCo, from: month("2027-01")).isEmpty)
    }

    @Test("Base change: checked against the region she is enrolled in; at the cap nothing")
    func baseChange() throws {
        let f = try Fixture().withEmployers()
        try RegistrationService(f.clerk).enrol(id: Fixture.lina, name: "李娜", category: .employee, employer: Fixture.tianjinCo,
                                               base: yuan(8000), from: month("2026-01"))
        let cap = try rules(f).baseCap.value
        #expect(try RegistrationService(f.clerk).baseChangeWarnings(id: Fixture.lina, base: cap, from: month("2026-12")).isEmpty)
        let ws = try RegistrationService(f.clerk).baseChangeWarnings(id: Fixture.lina, base: cap + yuan(1), from: month("2026-12"))
        #expect(ws.map(\.rule) == [.baseAboveCap])
        #expect(try StringTable(language: .zh).render(ws[0].message).hasSuffix("将按上限 \(cap.grouped) 元核定"))
    }
}
