import Foundation
import OneWindowCore
import OneWindowStore

/// 费率动态调整: a supervisor or admin adds an effective-dated contribution period without editing files.
/// Past months never change: the new period starts this month or later, after every month already charged.
public struct PolicyService: Sendable {
    let ctx: ServiceContext
    public init(_ ctx: ServiceContext) { self.ctx = ctx }

    /// Only the figures given change; the rest carry over from the period in force before `from`.
    public struct Changes: Sendable {
        public var employerMedicalRate, maternityRate, individualMedicalRate, flexibleRate, retireeRate, unemployedRate: Rate?
        public var baseFloor, baseCap: Money?
        public init() {}
        public var isEmpty: Bool {
            [employerMedicalRate, maternityRate, individualMedicalRate, flexibleRate, retireeRate, unemployedRate]
                .allSatisfy { $0 == nil } && baseFloor == nil && baseCap == nil
        }
    }

    public func addPeriod(region: String, from month: YearMonth, changes: Changes, source rawSource: String?) throws -> ContributionRules {
        try ctx.require(.setPolicy)
        guard !changes.isEmpty else { throw DomainError("error.policy.nothingToChange") }
        guard month >= ctx.clock.currentMonth else {
            throw FieldError(.fromMonth, "reason.policy.past", texts: ctx.clock.currentMonth.description)
        }
        let policy = try ctx.policies.policy(region)
        guard let base = policy.period(for: month) else {
            throw DomainError("error.policy.noPeriodForMonth", texts: region, month.description)
        }
        let source = rawSource?.trimmingSpaces.nilIfEmpty
        func sourced<T>(_ old: Sourced<T>, _ new: T?) -> Sourced<T> {
            guard let new else { return old }
            // A figure typed at the counter is confirmed only when the operator names its document.
            return Sourced(new, source: source.map { "\($0)（\(ctx.session.operatorName)）" }, grade: nil, confirmed: source != nil)
        }
        var rules = base.contribution
        rules.employerMedicalRate = sourced(rules.employerMedicalRate, changes.employerMedicalRate)
        rules.maternityRate = sourced(rules.maternityRate, changes.maternityRate)
        rules.individualMedicalRate = sourced(rules.individualMedicalRate, changes.individualMedicalRate)
        rules.flexibleRate = sourced(rules.flexibleRate, changes.flexibleRate)
        rules.retireeRate = sourced(rules.retireeRate, changes.retireeRate)
        rules.unemployedRate = sourced(rules.unemployedRate, changes.unemployedRate)
        rules.baseFloor = sourced(rules.baseFloor, changes.baseFloor)
        rules.baseCap = sourced(rules.baseCap, changes.baseCap)
        try rules.validate(region: region, from: month)
        let json = AuditEntry.json(rules)
        try ctx.write { tx, audit in
            if let charged = try tx.contributions.latestMonth(region: region), month <= charged {
                throw FieldError(.fromMonth, "reason.reg.monthCharged", texts: charged.description)
            }
            let existing = try tx.policyAmendments.find(region: region, from: month)
            var row = PolicyAmendment(region: region, from: month, contributionJSON: json, addedBy: ctx.session.operatorName)
            row.id = existing?.id
            try tx.policyAmendments.save(&row)
            audit.append(AuditEntry(action: "policy.addPeriod", entity: "policy:\(region):\(month)",
                                    before: existing?.contributionJSON, after: json))
        }
        return rules
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
