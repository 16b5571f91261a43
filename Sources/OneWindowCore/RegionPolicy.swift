/// The rules of one region (统筹地区), as effective-dated periods. Loaded from
/// `Resources/policies/<code>.json`; periods added at run time (费率动态调整) come from the store.
public struct RegionPolicy: Sendable, Codable, Equatable {
    public var code: String
    public var name: LocalizedName
    /// 6-digit administrative division codes (or prefixes) this region covers, for hints.
    public var divisionPrefixes: [String]
    public var periods: [PolicyPeriod]

    public init(code: String, name: LocalizedName, divisionPrefixes: [String], periods: [PolicyPeriod]) {
        self.code = code
        self.name = name
        self.divisionPrefixes = divisionPrefixes
        self.periods = periods.sorted { $0.from < $1.from }
    }

    /// The period in force in `month`: the latest one that starts on or before it.
    public func period(for month: YearMonth) -> PolicyPeriod? {
        periods.last { $0.from <= month }
    }

    /// Checks what JSON decoding cannot: periods ordered and distinct, figures in range.
    public func validate() throws {
        guard !periods.isEmpty else { throw DomainError("error.policy.noPeriods", texts: code) }
        for (a, b) in zip(periods, periods.dropFirst()) where a.from >= b.from {
            throw DomainError("error.policy.periodOrder", texts: code, b.from.description)
        }
        for p in periods {
            try p.contribution.validate(region: code, from: p.from)
            try p.fund?.validate(region: code)
        }
    }
}

public struct LocalizedName: Sendable, Codable, Equatable {
    public var zh: String
    public var en: String
    public init(zh: String, en: String) { self.zh = zh; self.en = en }
}

public struct PolicyPeriod: Sendable, Codable, Equatable {
    public var from: YearMonth
    public var contribution: ContributionRules
    public var leave: LeaveRules
    public var allowance: AllowanceRules
    public var eligibility: EligibilityRules
    public var medical: MedicalRules
    /// Retirement ages; absent in a region file, the national file's apply (they are national law).
    public var retirement: RetirementRules?
    /// Fund risk-warning bands; absent in a region file, the national file's samples apply.
    public var fund: FundRules?
    /// Who added this period at run time, with its document; nil for shipped periods.
    public var addedBy: String?

    public init(from: YearMonth, contribution: ContributionRules, leave: LeaveRules,
                allowance: AllowanceRules, eligibility: EligibilityRules, medical: MedicalRules,
                retirement: RetirementRules? = nil, fund: FundRules? = nil, addedBy: String? = nil) {
        self.from = from
        self.contribution = contribution
        self.leave = leave
        self.allowance = allowance
        self.eligibility = eligibility
        self.medical = medical
        self.retirement = retirement
        self.fund = fund
        self.addedBy = addedBy
    }
}

/// 统一征缴 figures. Base floor and cap are per month, in fen.
public struct ContributionRules: Sendable, Codable, Equatable {
    public var employerMedicalRate: Sourced<Rate>
    /// The former maternity rate: added to the employer medical rate for unified employers.
    public var maternityRate: Sourced<Rate>
    public var individualMedicalRate: Sourced<Rate>
    /// Flexible workers pay alone, at their own (original) rate.
    public var flexibleRate: Sourced<Rate>
    public var retireeRate: Sourced<Rate>
    /// Paid by the unemployment fund for benefit recipients.
    public var unemployedRate: Sourced<Rate>
    public var baseFloor: Sourced<Money>
    public var baseCap: Sourced<Money>
    public var flexibleInMaternity: Sourced<Bool>
    /// Whether the ledger keeps a separate maternity income line (Tianjin does).
    public var maternityIncomeLine: Sourced<Bool>

    public var unifiedEmployerRate: Rate { employerMedicalRate.value + maternityRate.value }

    public func validate(region: String, from: YearMonth) throws {
        let rates = [employerMedicalRate, maternityRate, individualMedicalRate, flexibleRate, retireeRate, unemployedRate]
        guard rates.allSatisfy({ (0...3000).contains($0.value.basisPoints) }) else {
            throw DomainError("error.policy.rateRange", texts: region, from.description)
        }
        guard baseFloor.value > .zero, baseFloor.value <= baseCap.value, baseCap.value <= Money.maximum else {
            throw DomainError("error.policy.baseBounds", texts: region, from.description)
        }
    }
}

/// 产假 / allowance days (女职工劳动保护特别规定 art. 7 plus the region's additions).
public struct LeaveRules: Sendable, Codable, Equatable {
    public var baseDays: Sourced<Int>
    public var dystociaExtraDays: Sourced<Int>
    public var caesareanCountsAsDystocia: Sourced<Bool>
    public var perExtraBabyDays: Sourced<Int>
    public var miscarriageBefore4MonthsDays: Sourced<Int>
    public var miscarriageFrom4MonthsDays: Sourced<Int>
    /// Days the province adds to a birth (延长产假 / 奖励假).
    public var regionalExtraDays: Sourced<Int>
    /// Whether the fund pays the allowance for the regional extra days too.
    public var allowanceForRegionalExtraDays: Sourced<Bool>
    public var familyPlanning: FamilyPlanningDays
}

public struct FamilyPlanningDays: Sendable, Codable, Equatable {
    public var iudRemoval: Sourced<Int>
    public var iudInsertion: Sourced<Int>
    public var tubalLigation: Sourced<Int>
    public var vasectomy: Sourced<Int>
    public var recanalisation: Sourced<Int>
}

/// 生育津贴 basis variants (社会保险法 art. 56 and regional practice).
public struct AllowanceRules: Sendable, Codable, Equatable {
    /// Zhuhai: cap the basis at the city average when the employer paid ≤ this many months last year.
    public var capAtCityAverageWhenPaidMonthsAtMost: Sourced<Int?>
    public var cityAverageMonthlyWage: Sourced<Money?>
    /// Wuhan: weighted average of the employers' figures after a change within this many months.
    public var weightedAverageAfterEmployerChangeWithinMonths: Sourced<Int?>
    /// Zhejiang: flexible workers on their own previous-year base.
    public var flexibleOnOwnBase: Sourced<Bool>
    /// Payee may be the employer when it advanced the wages (Guangdong practice).
    public var employerMayBePayee: Sourced<Bool>
}

public struct EligibilityRules: Sendable, Codable, Equatable {
    public var continuousMonths: Sourced<Int>
    /// A break of up to this many months still counts as continuous.
    public var gapToleranceMonths: Sourced<Int>
    /// Short of months: the claim waits and is paid once the months are reached.
    public var deferredPaymentAllowed: Sourced<Bool>
}

/// The youngest age at which an ordinary pension starts, by sex. Since 2025 the statutory ages rise
/// gradually (to 63 / 55 / 58), but flexible early retirement may go back to the former statutory age
/// and never below it: below these ages a retiree is an exception (special work types, illness) to check.
public struct RetirementRules: Sendable, Codable, Equatable {
    public var menMinimumAge: Sourced<Int>
    public var womenMinimumAge: Sourced<Int>

    public init(menMinimumAge: Sourced<Int>, womenMinimumAge: Sourced<Int>) {
        self.menMinimumAge = menMinimumAge
        self.womenMinimumAge = womenMinimumAge
    }

    public func minimumAge(_ sex: Sex) -> Sourced<Int> { sex == .male ? menMinimumAge : womenMinimumAge }
}

/// 生育医疗费用 standards for claims at the counter (零星报销): what the fund pays per item.
public struct MedicalRules: Sendable, Codable, Equatable {
    public enum PayMode: String, Sendable, Codable {
        /// Pays the actual amount up to the standard.
        case upToStandard
        /// Pays the standard whatever the bill (按病种/按单元 fixed amounts).
        case fixedStandard
    }
    public var payMode: Sourced<PayMode>
    /// Prenatal checks, capped by the gestation at which the pregnancy ended.
    public var prenatalUnder12Weeks: Sourced<Money>
    public var prenatal12To16Weeks: Sourced<Money>
    public var prenatal16To28Weeks: Sourced<Money>
    public var prenatalFrom28Weeks: Sourced<Money>
    public var naturalDelivery: Sourced<Money>
    public var assistedDelivery: Sourced<Money>
    public var caesarean: Sourced<Money>
    /// Caesarean together with another operation (myoma, cyst, hysterectomy, appendix).
    public var caesareanWithOperation: Sourced<Money>
    public var miscarriageBefore4Months: Sourced<Money>
    public var miscarriageFrom4Months: Sourced<Money>
    public var iudInsertion: Sourced<Money>
    public var iudRemoval: Sourced<Money>
    public var tubalLigation: Sourced<Money>
    public var vasectomy: Sourced<Money>
    public var recanalisation: Sourced<Money>
    /// Share the person pays at a grade-3 (三级) hospital, in basis points of what the fund would pay.
    public var grade3CoPay: Sourced<Rate>
    /// An unemployed spouse of a male employee is paid this share of the standard (resident standard).
    public var spouseShare: Sourced<Rate>
}
