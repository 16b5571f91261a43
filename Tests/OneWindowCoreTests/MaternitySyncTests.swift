import Testing
@testable import OneWindowCore

@Suite("应保尽保: MaternitySync reconciliation")
struct MaternitySyncTests {
    let sync = MaternitySync(flexibleInMaternity: tianjinOnly)

    func period(_ scheme: Scheme, _ category: PersonCategory, _ employer: CreditCode?,
                region: String = "shenyang", _ from: YearMonth, _ to: YearMonth? = nil) -> EnrolmentPeriod {
        EnrolmentPeriod(scheme: scheme, category: category, employer: employer, region: region, from: from, to: to)
    }

    /// An employee of employer A in Shenyang.
    func period(_ scheme: Scheme, _ from: YearMonth, _ to: YearMonth? = nil) -> EnrolmentPeriod {
        period(scheme, .employee, Employers.a, from, to)
    }

    @Test("in step: identical months in both schemes is no mismatch")
    func inStep() {
        let med1 = period(.medical, ym(2020, 1), ym(2023, 5))
        let med2 = period(.medical, .employee, Employers.b, ym(2023, 6))
        let periods = [med1, med2, med1.mirrored(in: .maternity), med2.mirrored(in: .maternity)]
        #expect(sync.mismatch(in: periods, horizon: ym(2026, 1)) == nil)
        #expect(sync.mismatch(in: [], horizon: ym(2026, 1)) == nil)
        // Why a period ended does not matter, only its span.
        var ended = med1.mirrored(in: .maternity)
        ended.endReason = .reconciled
        #expect(sync.mismatch(in: [med1, ended], horizon: ym(2026, 1)) == nil)
    }

    @Test("国办发〔2019〕10号: an employee's missing maternity months are listed as ranges, expected mirrors medical")
    func missingMaternity() throws {
        let med = period(.medical, ym(2020, 1))
        let mat = period(.maternity, ym(2020, 1), ym(2022, 6))
        let mismatch = try #require(sync.mismatch(in: [med, mat], horizon: ym(2026, 1)))
        #expect(mismatch.missingMaternity == [MonthRange(from: ym(2022, 7), to: ym(2026, 1))])
        #expect(mismatch.missingMaternity.map(\.description) == ["2022-07–2026-01"])
        #expect(mismatch.extraMaternity.isEmpty)
        #expect(mismatch.expected == [med.mirrored(in: .maternity)])
    }

    @Test("国办发〔2019〕10号: medical with no maternity at all is missing over every month up to the horizon")
    func noMaternityAtAll() throws {
        let med1 = period(.medical, ym(2020, 3), ym(2020, 3))
        let med2 = period(.medical, .employee, Employers.b, ym(2021, 1), ym(2021, 12))
        let mismatch = try #require(sync.mismatch(in: [med2, med1], horizon: ym(2026, 1)))
        #expect(mismatch.missingMaternity.map(\.description) == ["2020-03", "2021-01–2021-12"])
        #expect(mismatch.extraMaternity.isEmpty)
        #expect(mismatch.expected == [med1.mirrored(in: .maternity), med2.mirrored(in: .maternity)])
    }

    @Test("domain: maternity months without medical, or for a retiree, are extra")
    func extraMaternity() throws {
        let med = period(.medical, ym(2020, 1), ym(2023, 12))
        let mat = period(.maternity, ym(2020, 1), ym(2024, 2))
        let retiree = period(.medical, .retiree, nil, ym(2024, 1))
        let retireeMat = period(.maternity, .retiree, nil, ym(2024, 3), ym(2024, 5))
        let mismatch = try #require(sync.mismatch(in: [med, mat, retiree, retireeMat], horizon: ym(2026, 1)))
        // 2024-01–02 outlive the employee period, 2024-03–05 belong to a retiree: one run of extra months.
        #expect(mismatch.extraMaternity.map(\.description) == ["2024-01–2024-05"])
        #expect(mismatch.missingMaternity.isEmpty)
        #expect(mismatch.expected == [med.mirrored(in: .maternity)])
    }

    @Test("domain: an open maternity period for an unemployment-benefit recipient is extra up to the horizon")
    func extraOpenMaternity() throws {
        let med = period(.medical, .unemployed, nil, ym(2025, 10))
        let mat = period(.maternity, .unemployed, nil, ym(2025, 10))
        let mismatch = try #require(sync.mismatch(in: [med, mat], horizon: ym(2026, 1)))
        #expect(mismatch.extraMaternity == [MonthRange(from: ym(2025, 10), to: ym(2026, 1))])
        #expect(mismatch.missingMaternity.isEmpty)
        #expect(mismatch.expected.isEmpty)
    }

    @Test("flexible workers: Tianjin expects maternity, Shenyang does not")
    func flexibleByRegion() throws {
        let tj = period(.medical, .flexible, nil, region: "tianjin", ym(2025, 1))
        let tjMismatch = try #require(sync.mismatch(in: [tj], horizon: ym(2025, 3)))
        #expect(tjMismatch.missingMaternity.map(\.description) == ["2025-01–2025-03"])
        #expect(tjMismatch.expected == [tj.mirrored(in: .maternity)])

        let sy = period(.medical, .flexible, nil, region: "shenyang", ym(2025, 1))
        #expect(sync.mismatch(in: [sy], horizon: ym(2025, 3)) == nil)
        let syMismatch = try #require(sync.mismatch(in: [sy, sy.mirrored(in: .maternity)], horizon: ym(2025, 3)))
        #expect(syMismatch.extraMaternity.map(\.description) == ["2025-01–2025-03"])
    }

    @Test("both missing and extra months in one person; expected is sorted by month")
    func missingAndExtra() throws {
        let medA = period(.medical, ym(2021, 1), ym(2021, 6))
        let medB = period(.medical, .employee, Employers.b, ym(2022, 1), ym(2022, 3))
        let mat = period(.maternity, ym(2021, 4), ym(2021, 9))
        let mismatch = try #require(sync.mismatch(in: [medB, mat, medA], horizon: ym(2026, 1)))
        #expect(mismatch.missingMaternity.map(\.description) == ["2021-01–2021-03", "2022-01–2022-03"])
        #expect(mismatch.extraMaternity.map(\.description) == ["2021-07–2021-09"])
        #expect(mismatch.expected == [medA.mirrored(in: .maternity), medB.mirrored(in: .maternity)])
    }

    @Test("same months under the wrong employer is still a mismatch, and the fix carries the medical employer")
    func wrongOwner() throws {
        let med = period(.medical, .employee, Employers.b, ym(2024, 1), ym(2024, 12))
        let mat = period(.maternity, .employee, Employers.a, ym(2024, 1), ym(2024, 12))
        let mismatch = try #require(sync.mismatch(in: [med, mat], horizon: ym(2026, 1)))
        #expect(mismatch.expected.map(\.employer) == [Employers.b])
        #expect(mismatch.expected.allSatisfy { $0.scheme == .maternity })
    }

    @Test("expectedMaternity mirrors every medical period that carries maternity, in month order")
    func expected() {
        let a = period(.medical, ym(2019, 1), ym(2019, 12))
        let b = period(.medical, .retiree, nil, ym(2020, 1), ym(2020, 12))
        let c = period(.medical, .flexible, nil, region: "tianjin", ym(2021, 1))
        let ignored = period(.maternity, ym(2018, 1))
        let expected = sync.expectedMaternity(for: [c, ignored, b, a])
        #expect(expected == [a.mirrored(in: .maternity), c.mirrored(in: .maternity)])
    }

    @Test("MonthRange.ranges groups consecutive months across year ends")
    func monthRanges() {
        let months: Set<YearMonth> = [ym(2025, 11), ym(2025, 12), ym(2026, 1), ym(2026, 3), ym(2026, 5), ym(2026, 6)]
        #expect(MonthRange.ranges(of: months).map(\.description) == ["2025-11–2026-01", "2026-03", "2026-05–2026-06"])
        #expect(MonthRange.ranges(of: []).isEmpty)
    }

    @Test("mirrored(in:) changes only the scheme")
    func mirrored() {
        var p = period(.medical, ym(2020, 1), ym(2020, 5))
        p.endReason = .transferred
        let m = p.mirrored(in: .maternity)
        #expect(m.scheme == .maternity)
        #expect(m.from == p.from && m.to == p.to && m.category == p.category && m.employer == p.employer
                && m.region == p.region && m.endReason == p.endReason)
        #expect(p.covers(ym(2020, 1)) && p.covers(ym(2020, 5)) && !p.covers(ym(2020, 6)) && !p.covers(ym(2019, 12)))
        #expect(period(.medical, ym(2020, 1)).covers(ym(2099, 1)))
    }
}
