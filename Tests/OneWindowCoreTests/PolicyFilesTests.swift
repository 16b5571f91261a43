import Foundation
import Testing
@testable import OneWindowCore
import OneWindowResources

@Suite("Shipped policy files (Resources/policies)")
struct PolicyFilesTests {
    static let expectedRegions = ["national", "shenyang", "changzhou", "shantou", "tianjin"]

    func policies() throws -> [RegionPolicy] { try BundledFiles.policies() }

    func nationalJSON() throws -> [String: Any] {
        let url = BundledFiles.policiesDirectory.appendingPathComponent("national.json")
        return try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    }

    func firstPeriodJSON() throws -> [String: Any] {
        let periods = try #require(try nationalJSON()["periods"] as? [[String: Any]])
        return try #require(periods.first)
    }

    func decodePeriod(_ json: [String: Any]) throws -> PolicyPeriod {
        try JSONDecoder().decode(PolicyPeriod.self, from: JSONSerialization.data(withJSONObject: json))
    }

    @Test("BundledFiles.policies() loads every shipped file and each passes validate()")
    func loadsAll() throws {
        let loaded = try policies()
        let files = try FileManager.default.contentsOfDirectory(at: BundledFiles.policiesDirectory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" }
        #expect(loaded.count == files.count)
        for policy in loaded {
            #expect(throws: Never.self, "\(policy.code)") { try policy.validate() }
        }
    }

    @Test("each file is named after its region code, codes are unique")
    func fileNames() throws {
        let files = try FileManager.default.contentsOfDirectory(at: BundledFiles.policiesDirectory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" }
            .map { $0.deletingPathExtension().lastPathComponent }
        let codes = try policies().map(\.code)
        #expect(Set(files) == Set(codes))
        #expect(Set(codes).count == codes.count)
    }

    @Test("the regions of the local plans exist", arguments: expectedRegions)
    func regionExists(_ code: String) throws {
        let policy = try #require(try policies().first { $0.code == code })
        #expect(!policy.name.zh.isEmpty && !policy.name.en.isEmpty)
        #expect(policy.divisionPrefixes.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) && $0.count <= 6 })
    }

    @Test("every region has a period in force in 2026-01")
    func periodFor2026() throws {
        for policy in try policies() {
            #expect(policy.period(for: ym(2026, 1)) != nil, "\(policy.code)")
        }
    }

    @Test("shipped periods are in strictly increasing month order")
    func periodsOrdered() throws {
        for policy in try policies() {
            let froms = policy.periods.map(\.from)
            #expect(zip(froms, froms.dropFirst()).allSatisfy { $0 < $1 }, "\(policy.code)")
        }
    }

    @Test("国办发〔2019〕10号: the unified employer rate is employer medical + maternity in every shipped period")
    func unifiedRate() throws {
        for policy in try policies() {
            for p in policy.periods {
                let c = p.contribution
                #expect(c.unifiedEmployerRate.basisPoints == c.employerMedicalRate.value.basisPoints + c.maternityRate.value.basisPoints)
                #expect(c.baseFloor.value > .zero && c.baseFloor.value <= c.baseCap.value)
            }
        }
    }

    @Test("domain: only Tianjin enrols flexible workers in maternity and keeps a maternity income line")
    func tianjinFlags() throws {
        for policy in try policies() {
            let c = try #require(policy.period(for: ym(2026, 1))).contribution
            #expect(c.flexibleInMaternity.value == (policy.code == "tianjin"), "\(policy.code)")
            #expect(c.maternityIncomeLine.value == (policy.code == "tianjin"), "\(policy.code)")
        }
    }

    @Test("domain: a figure is either confirmed with a source, or unconfirmed — every confirmed figure cites one")
    func confirmedFiguresHaveSources() throws {
        for policy in try policies() {
            for p in policy.periods {
                let c = p.contribution
                let figures: [(Bool, String?)] = [
                    (c.employerMedicalRate.confirmed, c.employerMedicalRate.source), (c.maternityRate.confirmed, c.maternityRate.source),
                    (c.individualMedicalRate.confirmed, c.individualMedicalRate.source), (c.flexibleRate.confirmed, c.flexibleRate.source),
                    (c.retireeRate.confirmed, c.retireeRate.source), (c.unemployedRate.confirmed, c.unemployedRate.source),
                    (c.baseFloor.confirmed, c.baseFloor.source), (c.baseCap.confirmed, c.baseCap.source),
                    (c.flexibleInMaternity.confirmed, c.flexibleInMaternity.source),
                    (c.maternityIncomeLine.confirmed, c.maternityIncomeLine.source),
                ]
                for (confirmed, source) in figures where confirmed {
                    #expect(!(source ?? "").trimmingSpaces.isEmpty, "\(policy.code) \(p.from)")
                }
            }
        }
    }

    @Test("shipped policies round-trip through JSON unchanged")
    func roundTrip() throws {
        for policy in try policies() {
            let data = try JSONEncoder().encode(policy)
            #expect(try JSONDecoder().decode(RegionPolicy.self, from: data) == policy, "\(policy.code)")
        }
    }

    // MARK: Sourced decoding

    @Test("a JSON period with confirmed: true and no source fails to decode")
    func confirmedWithoutSource() throws {
        var period = try firstPeriodJSON()
        #expect(throws: Never.self) { try decodePeriod(period) }
        var contribution = try #require(period["contribution"] as? [String: Any])
        contribution["employerMedicalRate"] = ["value": 600, "confirmed": true] as [String: Any]
        period["contribution"] = contribution
        #expect(throws: DecodingError.self) { try decodePeriod(period) }
    }

    @Test("a confirmed figure whose source is blank (spaces, U+3000) or null fails to decode",
          arguments: ["", "   ", "\u{3000}", nil])
    func confirmedBlankSource(_ source: String?) throws {
        var period = try firstPeriodJSON()
        var contribution = try #require(period["contribution"] as? [String: Any])
        let sourceValue: Any = source.map { $0 as Any } ?? NSNull()
        contribution["baseCap"] = ["value": 2_000_000, "confirmed": true, "source": sourceValue] as [String: Any]
        period["contribution"] = contribution
        #expect(throws: DecodingError.self) { try decodePeriod(period) }
    }

    @Test("an unconfirmed figure may go without a source (a sample the supervisor must replace)")
    func unconfirmedWithoutSource() throws {
        var period = try firstPeriodJSON()
        var contribution = try #require(period["contribution"] as? [String: Any])
        contribution["maternityRate"] = ["value": 70, "confirmed": false] as [String: Any]
        period["contribution"] = contribution
        let decoded = try decodePeriod(period)
        #expect(decoded.contribution.maternityRate == Sourced(Rate(basisPoints: 70), source: nil, confirmed: false))
    }

    @Test("Sourced requires the confirmed key")
    func confirmedKeyRequired() throws {
        let json = Data(#"{"value": 600, "source": "x"}"#.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Sourced<Rate>.self, from: json) }
        let ok = Data(#"{"value": 600, "source": "国办发〔2019〕10号", "grade": "A", "confirmed": true}"#.utf8)
        let decoded = try JSONDecoder().decode(Sourced<Rate>.self, from: ok)
        #expect(decoded == Sourced(Rate(basisPoints: 600), source: "国办发〔2019〕10号", grade: "A", confirmed: true))
    }

    // MARK: period(for:) and validate()

    func policy(_ froms: [YearMonth]) throws -> RegionPolicy {
        let template = try #require(try policies().first { $0.code == "national" }?.periods.first)
        let periods = froms.map { from -> PolicyPeriod in
            var p = template
            p.from = from
            return p
        }
        return RegionPolicy(code: "test", name: LocalizedName(zh: "测试", en: "Test"), divisionPrefixes: [], periods: periods)
    }

    @Test("费率动态调整: period(for:) picks the latest period starting on or before the month",
          arguments: [(ym(2018, 12), nil), (ym(2019, 1), ym(2019, 1)), (ym(2022, 1), ym(2019, 1)), (ym(2022, 2), ym(2022, 2)),
                      (ym(2024, 6), ym(2022, 2)), (ym(2024, 7), ym(2024, 7)), (ym(2030, 1), ym(2024, 7))] as [(YearMonth, YearMonth?)])
    func periodFor(_ month: YearMonth, _ from: YearMonth?) throws {
        // Given out of order: the initializer sorts them.
        let p = try policy([ym(2024, 7), ym(2019, 1), ym(2022, 2)])
        #expect(p.periods.map(\.from) == [ym(2019, 1), ym(2022, 2), ym(2024, 7)])
        #expect(p.period(for: month)?.from == from)
    }

    @Test("费率动态调整: in shipped Changzhou the 2022-02 period applies from its month on and never to the months before")
    func shippedPeriodFor() throws {
        let changzhou = try #require(try policies().first { $0.code == "changzhou" })
        #expect(changzhou.period(for: ym(2022, 1))?.from == ym(2019, 1))
        #expect(changzhou.period(for: ym(2022, 2))?.from == ym(2022, 2))
        #expect(changzhou.period(for: ym(2018, 12)) == nil)
    }

    @Test("validate() refuses a policy without periods (error.policy.noPeriods)")
    func validateNoPeriods() throws {
        let empty = try policy([])
        #expect(throws: DomainError("error.policy.noPeriods", texts: "test")) { try empty.validate() }
    }

    @Test("validate() refuses periods out of order or repeated, as decoded from JSON (error.policy.periodOrder)")
    func validateOrder() throws {
        var json = try nationalJSON()
        let first = try firstPeriodJSON()
        var later = first
        later["from"] = "2018-06"
        json["periods"] = [first, later]
        let decoded = try JSONDecoder().decode(RegionPolicy.self, from: JSONSerialization.data(withJSONObject: json))
        #expect(throws: DomainError("error.policy.periodOrder", texts: "national", "2018-06")) { try decoded.validate() }
        json["periods"] = [first, first]
        let repeated = try JSONDecoder().decode(RegionPolicy.self, from: JSONSerialization.data(withJSONObject: json))
        #expect(throws: DomainError("error.policy.periodOrder", texts: "national", "2019-01")) { try repeated.validate() }
    }

    @Test("validate() refuses a rate above 30 % or negative (error.policy.rateRange)", arguments: [3001, -1, 10_000])
    func validateRateRange(_ bp: Int) throws {
        var p = try policy([ym(2019, 1)])
        p.periods[0].contribution.flexibleRate = Sourced(Rate(basisPoints: bp), source: "test", confirmed: true)
        #expect(throws: DomainError("error.policy.rateRange", texts: "test", "2019-01")) { try p.validate() }
    }

    @Test("validate() refuses a floor above the cap, a zero floor, a cap above Money.maximum (error.policy.baseBounds)",
          arguments: [(Int64(500_000), Int64(400_000)), (0, 400_000), (400_000, 100_000_000_001)])
    func validateBaseBounds(_ floor: Int64, _ cap: Int64) throws {
        var p = try policy([ym(2019, 1)])
        p.periods[0].contribution.baseFloor = Sourced(Money(fen: floor), source: "test", confirmed: true)
        p.periods[0].contribution.baseCap = Sourced(Money(fen: cap), source: "test", confirmed: true)
        #expect(throws: DomainError("error.policy.baseBounds", texts: "test", "2019-01")) { try p.validate() }
    }

    @Test("validate() accepts the test helper's rules and a floor equal to the cap")
    func validateAccepts() throws {
        #expect(throws: Never.self) { try testRules().validate(region: "x", from: ym(2019, 1)) }
        #expect(throws: Never.self) { try testRules(floorFen: 500_000, capFen: 500_000).validate(region: "x", from: ym(2019, 1)) }
    }
}
