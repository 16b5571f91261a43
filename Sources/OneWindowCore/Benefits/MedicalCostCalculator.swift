/// 生育医疗费用 at the counter (零星报销): per item, min(actual, standard) or the fixed standard,
/// less the grade-3 hospital co-pay where set; an unemployed spouse at the spouse share of it.
public enum MedicalItem: Sendable, Equatable, Codable {
    case prenatal
    case delivery(DeliveryType)
    case miscarriage
    case operation(FamilyPlanningOperation)
}

public struct MedicalClaimLine: Sendable, Equatable {
    public let item: MedicalItem
    public let actual: Money
    public let standard: Money
    public let paid: Money
    public let lines: [ExplanationLine]
}

public enum MedicalCostCalculator {
    /// `gestation` decides the prenatal cap and the miscarriage standard (4 completed months).
    public static func line(_ item: MedicalItem, actual: Money, gestation: Gestation?, grade3Hospital: Bool,
                            spouse: Bool, rules r: MedicalRules) -> MedicalClaimLine {
        let figure: Sourced<Money>
        let ruleKey: String
        switch item {
        case .prenatal:
            let weeks = gestation?.weeks ?? 40
            (figure, ruleKey) = weeks < 12 ? (r.prenatalUnder12Weeks, "medical.prenatal.under12")
                : weeks < 16 ? (r.prenatal12To16Weeks, "medical.prenatal.12to16")
                : weeks < 28 ? (r.prenatal16To28Weeks, "medical.prenatal.16to28")
                : (r.prenatalFrom28Weeks, "medical.prenatal.from28")
        case .delivery(let d):
            figure = switch d {
            case .natural: r.naturalDelivery
            case .assisted: r.assistedDelivery
            case .caesarean: r.caesarean
            case .caesareanWithOperation: r.caesareanWithOperation
            }
            ruleKey = "medical.\(d.messageKey)"
        case .miscarriage:
            let from4 = (gestation?.completedMonths ?? 0) >= 4
            (figure, ruleKey) = from4 ? (r.miscarriageFrom4Months, "medical.miscarriageFrom4") : (r.miscarriageBefore4Months, "medical.miscarriageBefore4")
        case .operation(let op):
            figure = switch op {
            case .iudInsertion: r.iudInsertion
            case .iudRemoval: r.iudRemoval
            case .tubalLigation: r.tubalLigation
            case .vasectomy: r.vasectomy
            case .recanalisation: r.recanalisation
            }
            ruleKey = "medical.\(op.messageKey)"
        }
        let standard = figure.value
        var paid = r.payMode.value == .fixedStandard ? standard : min(actual, standard)
        var lines = [ExplanationLine(Message(ruleKey, texts: actual.yuanText, standard.yuanText), paid.fen, from: figure)]
        if grade3Hospital, r.grade3CoPay.value > .zero {
            paid = paid - paid.applying(r.grade3CoPay.value)
            lines.append(ExplanationLine(Message("medical.grade3", texts: r.grade3CoPay.value.description), paid.fen, from: r.grade3CoPay))
        }
        if spouse {
            paid = paid.applying(r.spouseShare.value)
            lines.append(ExplanationLine(Message("medical.spouse", texts: r.spouseShare.value.description), paid.fen, from: r.spouseShare))
        }
        return MedicalClaimLine(item: item, actual: actual, standard: standard, paid: paid, lines: lines)
    }
}
