/// A registration event at the counter, effective from a month (the first month the change applies).
public enum RegistrationEvent: Sendable, Equatable {
    case enrol(category: PersonCategory, employer: CreditCode?, region: String, from: YearMonth)
    case transfer(employer: CreditCode, region: String, from: YearMonth)
    case retire(from: YearMonth)
    case suspend(from: YearMonth)
    case resume(from: YearMonth)
    case terminate(from: YearMonth)

    public var effectiveMonth: YearMonth {
        switch self {
        case .enrol(_, _, _, let m), .transfer(_, _, let m), .retire(let m), .suspend(let m),
             .resume(let m), .terminate(let m): m
        }
    }

    public var actionName: String {
        switch self {
        case .enrol: "enrol"
        case .transfer: "transfer"
        case .retire: "retire"
        case .suspend: "suspend"
        case .resume: "resume"
        case .terminate: "terminate"
        }
    }
}

/// A change a clerk can make to a person's registration (OW12): the planner's events after enrolment,
/// and a new contribution base, which keeps her periods and only needs one open.
public enum RegistrationAction: String, CaseIterable, Sendable {
    case transfer, base, retire, suspend, resume, terminate
}

/// One step of a registration plan. A person has at most one open period per scheme,
/// so a close is named by its scheme.
public enum RegistrationChange: Sendable, Equatable {
    case close(scheme: Scheme, lastMonth: YearMonth, reason: EndReason)
    case open(EnrolmentPeriod)
}

/// Whether flexible workers of a region are in maternity insurance in a month (a region policy flag).
public typealias FlexibleMaternityRule = (_ region: String, _ month: YearMonth) -> Bool

/// Turns a registration event into changes that keep both schemes in step
/// (国办发〔2019〕10号 "参加职工基本医疗保险的在职职工同步参加生育保险"): every medical period that
/// carries maternity opens and closes a maternity period over exactly the same months.
public struct RegistrationPlanner {
    public let flexibleInMaternity: FlexibleMaternityRule

    public init(flexibleInMaternity: @escaping FlexibleMaternityRule) {
        self.flexibleInMaternity = flexibleInMaternity
    }

    /// Why `action` cannot apply to someone with these periods in any month; nil when it can. `plan`
    /// refuses with the same errors, so the counter offers exactly the changes that would be accepted.
    public static func refusal(_ action: RegistrationAction, periods: [EnrolmentPeriod]) -> DomainError? {
        let medical = periods.filter { $0.scheme == .medical }
        let open = medical.first(where: \.isOpen)
        switch action {
        case .resume:
            if open != nil { return DomainError("error.reg.alreadyEnrolled") }
            guard let last = medical.max(by: { $0.from < $1.from }), last.endReason == .suspended, last.to != nil else {
                return DomainError("error.reg.notSuspended")
            }
            return nil
        case .transfer, .base, .retire, .suspend, .terminate:
            guard let open else { return DomainError("error.reg.notEnrolled") }
            if action == .transfer, open.category != .employee { return DomainError("error.reg.transferNeedsEmployee") }
            if action == .retire, open.category == .retiree { return DomainError("error.reg.alreadyRetired") }
            return nil
        }
    }

    /// The changes that apply to someone with these periods, in the order the counter offers them:
    /// enrolled, transfer (employees), base, retire (not retirees), suspend, terminate; not enrolled,
    /// resume after a suspension, else nothing.
    public static func applicable(to periods: [EnrolmentPeriod]) -> [RegistrationAction] {
        RegistrationAction.allCases.filter { refusal($0, periods: periods) == nil }
    }

    public func plan(_ event: RegistrationEvent, periods: [EnrolmentPeriod]) throws -> [RegistrationChange] {
        let medical = periods.filter { $0.scheme == .medical }
        let open = medical.first(where: \.isOpen)
        let hasOpenMaternity = periods.contains { $0.scheme == .maternity && $0.isOpen }
        let month = event.effectiveMonth

        /// The state checks shared with `applicable`, then the month.
        func requireOpen(_ action: RegistrationAction) throws -> EnrolmentPeriod {
            if let refused = Self.refusal(action, periods: periods) { throw refused }
            guard let open else { throw DomainError("error.reg.notEnrolled") }
            // Ending at month-1 must leave at least one month in the period: no empty or reversed spans.
            guard month > open.from else {
                throw FieldError(.fromMonth, "reason.reg.notAfterStart", texts: open.from.description)
            }
            return open
        }
        func closeAll(_ reason: EndReason) -> [RegistrationChange] {
            var changes: [RegistrationChange] = [.close(scheme: .medical, lastMonth: month.previous, reason: reason)]
            if hasOpenMaternity {
                changes.append(.close(scheme: .maternity, lastMonth: month.previous, reason: reason))
            }
            return changes
        }
        func openBoth(_ category: PersonCategory, _ employer: CreditCode?, _ region: String) -> [RegistrationChange] {
            let med = EnrolmentPeriod(scheme: .medical, category: category, employer: employer, region: region, from: month)
            var changes: [RegistrationChange] = [.open(med)]
            if category.hasMaternity(flexibleInMaternity: flexibleInMaternity(region, month)) {
                changes.append(.open(med.mirrored(in: .maternity)))
            }
            return changes
        }

        switch event {
        case let .enrol(category, employer, region, _):
            guard open == nil else { throw DomainError("error.reg.alreadyEnrolled") }
            if category.needsEmployer, employer == nil { throw FieldError(.employer, "reason.required") }
            if !category.needsEmployer, employer != nil {
                throw FieldError(.employer, "reason.reg.noEmployerForCategory")
            }
            if let lastEnd = periods.compactMap(\.to).max(), month <= lastEnd {
                throw FieldError(.fromMonth, "reason.reg.overlapsHistory", texts: lastEnd.description)
            }
            return openBoth(category, employer, region)

        case let .transfer(employer, region, _):
            let current = try requireOpen(.transfer)
            guard current.employer != employer else { throw FieldError(.employer, "reason.reg.sameEmployer") }
            return closeAll(.transferred) + openBoth(.employee, employer, region)

        case .retire:
            let current = try requireOpen(.retire)
            // Retirement: medical continues as a retiree (no employer), maternity ends.
            return closeAll(.retired) + openBoth(.retiree, nil, current.region)

        case .suspend:
            _ = try requireOpen(.suspend)
            return closeAll(.suspended)

        case .resume:
            if let refused = Self.refusal(.resume, periods: periods) { throw refused }
            guard let last = medical.max(by: { $0.from < $1.from }), let lastTo = last.to else {
                throw DomainError("error.reg.notSuspended")
            }
            guard month > lastTo else {
                throw FieldError(.fromMonth, "reason.reg.overlapsHistory", texts: lastTo.description)
            }
            return openBoth(last.category, last.employer, last.region)

        case .terminate:
            _ = try requireOpen(.terminate)
            return closeAll(.terminated)
        }
    }
}
