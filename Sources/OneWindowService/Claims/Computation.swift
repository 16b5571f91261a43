import OneWindowCore

extension BenefitService.Estimate {
    /// The allowance part of the estimate, line by line, as stored with a claim and shown to the supervisor.
    public var allowanceComputation: [ComputationLine] {
        var out = [ComputationLine(Message("out.claim.leave"), unit: .heading)]
        out += leave.lines.map { ComputationLine($0, unit: .days) }
        out.append(ComputationLine(Message("out.claim.leaveTotal", texts: String(leave.leaveDays), String(leave.allowanceDays)),
                                   Int64(leave.allowanceDays), unit: .none))
        out += eligibility.lines.map { ComputationLine($0, unit: .none) }
        out.append(ComputationLine(verdictMessage, unit: .none, severity: verdictSeverity))
        if let b = basis, let a = allowance {
            out += b.lines.map { ComputationLine($0, unit: .fen) }
            out.append(ComputationLine(Message("out.claim.allowance", texts: b.monthlyWage.grouped, String(leave.allowanceDays), a.grouped),
                                       a.fen, unit: .none))
        } else if case .refused = eligibility.verdict {} else {
            out.append(ComputationLine(Message("out.claim.noBasis"), unit: .none, severity: .refusal))
        }
        return out
    }

    /// The medical-costs part: each bill's rule lines and the total.
    public var medicalComputation: [ComputationLine] {
        guard !medical.isEmpty else { return [] }
        var out = [ComputationLine(Message("out.claim.medical"), unit: .heading)]
        for m in medical { out += m.lines.map { ComputationLine($0, unit: .fen) } }
        out.append(ComputationLine(Message("out.claim.medicalTotal", texts: medicalTotal.grouped), medicalTotal.fen, unit: .none))
        return out
    }

    var verdictSeverity: ComputationLine.Severity {
        switch eligibility.verdict {
        case .eligible: .info
        case .deferred: .deferral
        case .refused: .refusal
        }
    }

    var verdictMessage: Message {
        switch eligibility.verdict {
        case .eligible: Message("out.claim.eligible")
        case .deferred(let m?): Message("out.claim.deferred", texts: m.description)
        case .deferred(nil): Message("out.claim.deferredLater")
        case .refused(let why): Message("out.claim.refused", [.message(why)])
        }
    }

}
