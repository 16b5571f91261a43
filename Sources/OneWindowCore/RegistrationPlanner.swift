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

    public func plan(_ event: RegistrationEvent, periods: [EnrolmentPeriod]) throws -> [RegistrationChange] {
        let medical = periods.filter { $0.scheme == .medical }
        let open = medical.first(where: \.isOpen)
        let hasOpenMaternity = periods.contains { $0.scheme == .maternity && $0.isOpen }
        let month = event.effectiveMonth

        func requireOpen() throws -> EnrolmentPeriod {
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
            let current = try requireOpen()
            guard current.category == .employee else { throw DomainError("error.reg.transferNeedsEmployee") }
            guard current.employer != employer else { throw FieldError(.employer, "reason.reg.sameEmployer") }
            return closeAll(.transferred) + openBoth(.employee, employer, region)

        case .retire:
            let current = try requireOpen()
            guard current.category != .retiree else { throw DomainError("error.reg.alreadyRetired") }
            // Retirement: medical continues as a retiree (no employer), maternity ends.
            return closeAll(.retired) + openBoth(.retiree, nil, current.region)

        case .suspend:
            _ = try requireOpen()
            return closeAll(.suspended)

        case .resume:
            guard open == nil else { throw DomainError("error.reg.alreadyEnrolled") }
            guard let last = medical.max(by: { $0.from < $1.from }), last.endReason == .suspended, let lastTo = last.to else {
                throw DomainError("error.reg.notSuspended")
            }
            guard month > lastTo else {
                throw FieldError(.fromMonth, "reason.reg.overlapsHistory", texts: lastTo.description)
            }
            return openBoth(last.category, last.employer, last.region)

        case .terminate:
            _ = try requireOpen()
            return closeAll(.terminated)
        }
    }
}
