import OneWindowCore

/// One synthetic employer: who it is, where, whether it is on unified registration yet, and the wage
/// level its employees' bases and its declared average wage are drawn around.
struct SyntheticEmployer {
    enum Kind { case enterprise, agency, institution, provincial }

    let index: Int
    let code: CreditCode
    let name: String
    let region: SyntheticNames.Region
    let kind: Kind
    let unifiedFrom: YearMonth?
    let wageLevel: Money

    var employerKind: EmployerKind {
        switch kind {
        case .enterprise: .enterprise
        case .agency, .institution: .government
        case .provincial: .provincial
        }
    }

    func unified(in month: YearMonth) -> Bool { unifiedFrom.map { $0 <= month } ?? false }
}

extension SyntheticPopulation {
    /// The plan's employers, the same list for the same seed and count (a larger count extends it).
    /// Credit codes are unique by construction; names are kept distinct within the list.
    func makeEmployers(count: Int) throws -> [SyntheticEmployer] {
        var usedCodes: Set<String> = []
        var usedNames: Set<String> = []
        var result: [SyntheticEmployer] = []
        result.reserveCapacity(count)
        for j in 0..<count {
            var rng = SplitMix64(seed: plan.seed, stream: SyntheticStream.employer.rawValue, index: j)
            let region = rng.weighted(SyntheticNames.regions.map { ($0, $0.weight) })
            let kind = rng.weighted([(SyntheticEmployer.Kind.enterprise, 85), (.agency, 5), (.institution, 8), (.provincial, 2)])
            let district = rng.pick(region.districts)
            let (prefix, division) = switch kind {
            case .enterprise: ("91", district.code)
            case .agency: ("11", district.code)
            case .institution: ("12", district.code)
            case .provincial: ("12", region.provinceDivision)
            }
            var code = SyntheticIdentifiers.creditCode(prefix: prefix, division: division, &rng)
            while !usedCodes.insert(code.value).inserted {
                code = SyntheticIdentifiers.creditCode(prefix: prefix, division: division, &rng)
            }
            var name = ""
            for attempt in 0..<20 {
                name = switch kind {
                case .enterprise: SyntheticNames.enterpriseName(region, &rng)
                case .agency: SyntheticNames.governmentName(region, agency: true, district: district.name, &rng)
                case .institution: SyntheticNames.governmentName(region, agency: false, district: district.name, &rng)
                case .provincial: SyntheticNames.provincialName(region, &rng)
                }
                if attempt == 19 { name += "（\(j)）" }
                if usedNames.insert(name).inserted { break }
            }
            let floor = try rules(region.code, plan.anchor).baseFloor.value
            let wage = Self.roundedTo10Yuan(floor.fen * Int64(rng.within(110...300)) / 100)
            result.append(SyntheticEmployer(index: j, code: code, name: name, region: region, kind: kind,
                                            unifiedFrom: unifiedFrom(region.code, kind, &rng), wageLevel: wage))
        }
        return result
    }

    /// Unified registration: everywhere from 2020, except Shantou's staged migration (provincial units,
    /// then government bodies and institutions, then enterprises, some of which still pay the old channels).
    func unifiedFrom(_ region: String, _ kind: SyntheticEmployer.Kind, _ rng: inout SplitMix64) -> YearMonth? {
        let month: YearMonth?
        if region == "shantou" {
            switch kind {
            case .provincial: month = YearMonth(year: 2020, month: 1)
            case .agency, .institution: month = YearMonth(year: 2021, month: 7)
            case .enterprise: month = rng.chance(70) ? YearMonth(year: 2023, month: 1) : nil
            }
        } else {
            month = YearMonth(year: 2020, month: 1)
        }
        // A sandbox anchored before a migration date has that employer still on the old channels.
        return month.flatMap { $0 <= plan.anchor ? $0 : nil }
    }

    static func roundedTo10Yuan(_ fen: Int64) -> Money { Money(fen: (fen + 500) / 1000 * 1000) }
}
