/// Leave and allowance days for an event (女职工劳动保护特别规定 art. 7, plus the region's additions).
public struct LeaveBreakdown: Sendable, Equatable {
    public let lines: [ExplanationLine]
    /// Days of leave the event gives.
    public let leaveDays: Int
    /// Days the fund pays the allowance for (regional extra days only where the region says so).
    public let allowanceDays: Int
}

public enum LeaveCalculator {
    public static func compute(_ event: MaternityEvent, rules r: LeaveRules) -> LeaveBreakdown {
        var lines: [ExplanationLine] = []
        var leave = 0
        var allowance = 0
        func add<T>(_ key: String, _ days: Int, _ figure: Sourced<T>, paid: Bool = true, _ args: [String] = []) {
            guard days > 0 else { return }
            lines.append(ExplanationLine(Message(key, args.map { .text($0) }), Int64(days), from: figure))
            leave += days
            if paid { allowance += days }
        }
        if let b = event.birth {
            add("leave.birth", r.baseDays.value, r.baseDays)
            // Art. 7 "难产的，增加产假15天"; where the region counts a caesarean as dystocia, it qualifies too.
            if b.dystocia || (b.delivery.isCaesarean && r.caesareanCountsAsDystocia.value) {
                add(b.dystocia ? "leave.dystocia" : "leave.caesarean", r.dystociaExtraDays.value, r.dystociaExtraDays)
            }
            // "生育多胞胎的，每多生育1个婴儿，增加产假15天"
            add("leave.extraBabies", (b.babies - 1) * r.perExtraBabyDays.value, r.perExtraBabyDays, [String(b.babies - 1)])
            add(r.allowanceForRegionalExtraDays.value ? "leave.regional" : "leave.regionalUnpaid",
                r.regionalExtraDays.value, r.regionalExtraDays, paid: r.allowanceForRegionalExtraDays.value)
        }
        if let g = event.miscarriage {
            // "怀孕未满4个月流产的，享受15天产假；怀孕满4个月流产的，享受42天产假"
            let args = [String(g.completedMonths), String(g.extraDays)]
            if g.completedMonths >= 4 {
                add("leave.miscarriageFrom4", r.miscarriageFrom4MonthsDays.value, r.miscarriageFrom4MonthsDays, args)
            } else {
                add("leave.miscarriageBefore4", r.miscarriageBefore4MonthsDays.value, r.miscarriageBefore4MonthsDays, args)
            }
        }
        let fp = r.familyPlanning
        for op in event.operations {
            let figure: Sourced<Int> = switch op {
            case .iudInsertion: fp.iudInsertion
            case .iudRemoval: fp.iudRemoval
            case .tubalLigation: fp.tubalLigation
            case .vasectomy: fp.vasectomy
            case .recanalisation: fp.recanalisation
            }
            add("leave.\(op.rawValue)", figure.value, figure)
        }
        return LeaveBreakdown(lines: lines, leaveDays: leave, allowanceDays: allowance)
    }
}
