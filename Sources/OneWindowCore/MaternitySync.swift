/// "应保尽保" reconciliation: the maternity periods a person should have are derived from the medical
/// ones (medical is the master record under the merger); any difference is a legacy mismatch.
public struct MaternitySync {
    public let flexibleInMaternity: FlexibleMaternityRule

    public init(flexibleInMaternity: @escaping FlexibleMaternityRule) {
        self.flexibleInMaternity = flexibleInMaternity
    }

    public func expectedMaternity(for periods: [EnrolmentPeriod]) -> [EnrolmentPeriod] {
        periods
            .filter { $0.scheme == .medical && $0.category.hasMaternity(flexibleInMaternity: flexibleInMaternity($0.region, $0.from)) }
            .map { $0.mirrored(in: .maternity) }
            .sorted { $0.from < $1.from }
    }

    /// nil when in step; otherwise what differs, month by month, up to `horizon` for open periods.
    public func mismatch(in periods: [EnrolmentPeriod], horizon: YearMonth) -> SyncMismatch? {
        let expected = expectedMaternity(for: periods)
        let actual = periods.filter { $0.scheme == .maternity }.sorted { $0.from < $1.from }
        let inStep = expected.count == actual.count && zip(expected, actual).allSatisfy { $0.sameSpan(as: $1) }
        if inStep { return nil }
        let want = Self.months(expected, horizon: horizon)
        let have = Self.months(actual, horizon: horizon)
        return SyncMismatch(
            missingMaternity: MonthRange.ranges(of: want.subtracting(have)),
            extraMaternity: MonthRange.ranges(of: have.subtracting(want)),
            expected: expected)
    }

    static func months(_ periods: [EnrolmentPeriod], horizon: YearMonth) -> Set<YearMonth> {
        var set = Set<YearMonth>()
        for p in periods {
            let end = p.to ?? max(horizon, p.from)
            if p.from <= end { set.formUnion(p.from...end) }
        }
        return set
    }
}

public struct SyncMismatch: Sendable, Equatable {
    /// Months with medical (as an employee) but no maternity.
    public let missingMaternity: [MonthRange]
    /// Months with maternity but no medical, or in a category that carries none.
    public let extraMaternity: [MonthRange]
    /// The maternity periods the fix writes.
    public let expected: [EnrolmentPeriod]

    /// Same months in both schemes, but the maternity periods name another employer, category or region.
    public var detailsOnly: Bool { missingMaternity.isEmpty && extraMaternity.isEmpty }
}

public struct MonthRange: Sendable, Equatable, CustomStringConvertible {
    public let from: YearMonth
    public let to: YearMonth

    public var description: String { from == to ? from.description : "\(from)–\(to)" }

    public static func ranges(of months: Set<YearMonth>) -> [MonthRange] {
        var result: [MonthRange] = []
        for m in months.sorted() {
            if let last = result.last, last.to.next == m {
                result[result.count - 1] = MonthRange(from: last.from, to: m)
            } else {
                result.append(MonthRange(from: m, to: m))
            }
        }
        return result
    }
}
