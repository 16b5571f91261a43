import Foundation
import OneWindowCore
import OneWindowResources
import OneWindowStore

/// The region rules in force: the shipped files plus the periods supervisors added at run time.
public struct PolicyBook: Sendable {
    public let regions: [String: RegionPolicy]

    public init(regions: [RegionPolicy]) {
        self.regions = Dictionary(uniqueKeysWithValues: regions.map { ($0.code, $0) })
    }

    /// Shipped policies merged with the store's added periods.
    public static func load(store: Store, shipped: [RegionPolicy]) throws -> PolicyBook {
        let added = try store.read { tx in try tx.policyAmendments.all() }
        var byCode = Dictionary(uniqueKeysWithValues: shipped.map { ($0.code, $0) })
        for row in added {
            guard var policy = byCode[row.region], let month = try? YearMonth.parse(row.fromMonth),
                  let base = policy.period(for: month) else { continue }
            var period = base
            period.from = month
            period.contribution = try JSONDecoder().decode(ContributionRules.self, from: Data(row.contributionJSON.utf8))
            period.addedBy = row.addedBy
            policy.periods.removeAll { $0.from == month }
            policy.periods.append(period)
            policy.periods.sort { $0.from < $1.from }
            byCode[row.region] = policy
        }
        return PolicyBook(regions: Array(byCode.values))
    }

    public var codes: [String] { regions.keys.sorted() }

    public func policy(_ code: String) throws -> RegionPolicy {
        guard let p = regions[code] else {
            throw FieldError(.region, Message("reason.region.unknown", [.text(code), .text(codes.joined(separator: ", "))]))
        }
        return p
    }

    public func period(_ region: String, _ month: YearMonth) throws -> PolicyPeriod {
        guard let p = try policy(region).period(for: month) else {
            throw DomainError("error.policy.noPeriodForMonth", texts: region, month.description)
        }
        return p
    }

    /// Retirement ages are national law: a region's own figures if its file has them, else the national file's.
    public func retirement(_ region: String, _ month: YearMonth) -> RetirementRules? {
        (try? period(region, month).retirement) ?? (try? period("national", month).retirement)
    }

    /// Fund risk bands: the region's own if its file has them, else the national samples.
    public func fund(_ region: String, _ month: YearMonth) -> FundRules? {
        (try? period(region, month).fund) ?? (try? period("national", month).fund)
    }

    /// The registration rule's view of the region flag; an unknown region or month carries no maternity.
    public var flexibleInMaternity: FlexibleMaternityRule {
        { region, month in (try? period(region, month).contribution.flexibleInMaternity.value) ?? false }
    }
}
