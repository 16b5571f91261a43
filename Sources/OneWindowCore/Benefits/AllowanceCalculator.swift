/// 生育津贴 (社会保险法 art. 56): the employer's previous-year average monthly wage ÷ 30 × allowance days,
/// computed in fen as round-half-up(wage_fen × days / 30): multiply first, round once.
public enum AllowanceCalculator {
    public static func amount(monthlyWage: Money, days: Int) -> Money {
        Money(fen: Rounding.halfUp(monthlyWage.fen * Int64(days), 30))
    }

    /// Where the monthly wage figure comes from, so the screen can say it.
    public enum BasisSource: Sendable, Equatable {
        /// Declared by the employer for the previous year.
        case declared(year: Int)
        /// No declaration: the average of the employer's contribution bases charged that year.
        case derivedFromBases(year: Int)
        /// Flexible workers on their own previous-year base (Zhejiang).
        case ownBase
    }

    public struct EmployerFigure: Sendable, Equatable {
        public let wage: Money
        public let source: BasisSource
        /// Months the employer paid maternity contributions in the previous year.
        public let paidMonthsLastYear: Int
        /// Months the person spent with this employer in the window before the event (for weighting).
        public let monthsWithPerson: Int

        public init(wage: Money, source: BasisSource, paidMonthsLastYear: Int, monthsWithPerson: Int) {
            self.wage = wage
            self.source = source
            self.paidMonthsLastYear = paidMonthsLastYear
            self.monthsWithPerson = monthsWithPerson
        }
    }

    public struct Basis: Sendable, Equatable {
        public let monthlyWage: Money
        public let lines: [ExplanationLine]
    }

    /// The basis for a claim: the current employer's figure, with the region's variants applied
    /// (weighted average after a recent change of employer; cap at the city average when the employer
    /// paid only a few months last year). `previous` are earlier employers within the window.
    public static func basis(current: EmployerFigure, previous: [EmployerFigure] = [], rules r: AllowanceRules) -> Basis {
        var lines: [ExplanationLine] = []
        let sourceKey = switch current.source {
        case .declared(let y): Message("allowance.basis.declared", texts: String(y))
        case .derivedFromBases(let y): Message("allowance.basis.derived", texts: String(y))
        case .ownBase: Message("allowance.basis.ownBase")
        }
        var wage = current.wage
        lines.append(ExplanationLine(sourceKey, wage.fen))
        // Wuhan: an employer change within the window → average of each employer's figure, weighted by months.
        if let window = r.weightedAverageAfterEmployerChangeWithinMonths.value, window > 0, !previous.isEmpty {
            let all = [current] + previous
            let months = all.reduce(0) { $0 + Int64($1.monthsWithPerson) }
            if months > 0 {
                let weighted = all.reduce(Int64(0)) { $0 + $1.wage.fen * Int64($1.monthsWithPerson) }
                wage = Money(fen: Rounding.halfUp(weighted, months))
                lines.append(ExplanationLine(Message("allowance.basis.weighted", texts: String(all.count), String(window)),
                                             wage.fen, from: r.weightedAverageAfterEmployerChangeWithinMonths))
            }
        }
        // Zhuhai: employer paid ≤ N months last year → the basis is capped at the city average wage.
        if let n = r.capAtCityAverageWhenPaidMonthsAtMost.value, let city = r.cityAverageMonthlyWage.value,
           current.paidMonthsLastYear <= n, wage > city {
            wage = city
            lines.append(ExplanationLine(Message("allowance.basis.capped", texts: String(current.paidMonthsLastYear), String(n)),
                                         wage.fen, from: r.cityAverageMonthlyWage))
        }
        return Basis(monthlyWage: wage, lines: lines)
    }
}
