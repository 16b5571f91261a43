/// What a claim pays: the allowance (生育津贴) or the maternity medical costs (生育医疗费用).
/// A birth bundle files both on one receipt.
public enum ClaimKind: String, Sendable, Codable, CaseIterable {
    case allowance, medical
    public var messageKey: String { "claimKind.\(rawValue)" }
}

/// submitted (receipt no.) → approved | rejected | returned for documents → paid; cancelled before a decision.
/// A returned claim goes back to submitted when the documents arrive.
public enum ClaimStatus: String, Sendable, Codable, CaseIterable {
    case submitted, approved, rejected, returned, paid, cancelled
    public var messageKey: String { "claimStatus.\(rawValue)" }
    /// Still waiting for a supervisor.
    public var awaitsDecision: Bool { self == .submitted }
    /// The states that no longer count against a second claim for the same event or the same bill.
    public static let ended: [ClaimStatus] = [.rejected, .cancelled]
    /// Counts against a second claim for the same event or the same bill.
    public var isLive: Bool { !Self.ended.contains(self) }
}

/// The supervisor's reasons for rejecting, a fixed list (free text adds detail, never replaces it).
public enum RejectReason: String, Sendable, Codable, CaseIterable {
    case notEligible, duplicateClaim, notCovered, documentsInvalid, falseInformation, other
    public var messageKey: String { "rejectReason.\(rawValue)" }
}

/// Who receives the money: the insured person, or her employer when it advanced the wages during leave.
public enum Payee: String, Sendable, Codable, CaseIterable {
    case person, employer
    public var messageKey: String { "payee.\(rawValue)" }
}

/// A bank account number as entered at the counter: digits only (spaces and dashes dropped), 12–30 long.
public struct BankAccount: Sendable, Hashable, Codable, CustomStringConvertible {
    public let value: String

    public init(_ raw: String) throws {
        let digits = raw.trimmingSpaces.filter { $0 != " " && $0 != "-" && $0 != "\u{3000}" }
        guard !digits.isEmpty else { throw FieldError(.account, "reason.required") }
        guard digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { throw FieldError(.account, "reason.account.digits") }
        guard (12...30).contains(digits.count) else { throw FieldError(.account, "reason.account.length", texts: String(digits.count)) }
        value = digits
    }

    public init(from decoder: any Decoder) throws { try self.init(decoder.singleValueContainer().decode(String.self)) }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(value)
    }

    /// On screens and receipts only the last four digits show.
    public var masked: String { "****" + String(value.suffix(4)) }
    public var description: String { masked }
}

/// 受理回执号: SY + submission date + a four-digit sequence of that day, e.g. SY20261122-0007.
public struct ReceiptNumber: Sendable, Hashable, Codable, CustomStringConvertible {
    public let value: String

    public init(date: CalendarDate, sequence: Int) {
        let seq = String(sequence)
        value = "SY" + date.description.filter { $0 != "-" } + "-" + String(repeating: "0", count: max(0, 4 - seq.count)) + seq
    }

    public init(_ raw: String) throws {
        let v = raw.trimmingSpaces.uppercased()
        let parts = v.split(separator: "-")
        guard v.hasPrefix("SY"), parts.count == 2, parts[0].count == 10, parts[1].count == 4,
              (parts[0].dropFirst(2) + parts[1]).allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw FieldError(.receipt, "reason.receipt.format", texts: raw)
        }
        value = v
    }

    public init(from decoder: any Decoder) throws { try self.init(decoder.singleValueContainer().decode(String.self)) }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(value)
    }

    public var description: String { value }
}

/// One line of a claim's computation as stored with the claim: the rule, its figure, whether the
/// region figure behind it is confirmed, and what the line decides. Stored, so a decision shows exactly
/// what was computed.
public struct ComputationLine: Sendable, Equatable, Codable {
    /// `heading` starts a section; `none` is a rule line without a figure (eligibility, totals in words).
    public enum Unit: String, Sendable, Codable { case heading, days, fen, none }
    /// What the line says about the claim: a step of the computation, a deferral of the payment (the
    /// contribution months are not yet met), or a refusal (not eligible, or no basis to compute on).
    public enum Severity: String, Sendable, Codable { case info, deferral, refusal }
    public let rule: Message
    public let amount: Int64
    public let unit: Unit
    public let confirmed: Bool
    public let severity: Severity

    public init(_ rule: Message, _ amount: Int64 = 0, unit: Unit, confirmed: Bool = true, severity: Severity = .info) {
        self.rule = rule
        self.amount = amount
        self.unit = unit
        self.confirmed = confirmed
        self.severity = severity
    }

    public init(_ line: ExplanationLine, unit: Unit) {
        self.init(line.rule, line.amount, unit: unit, confirmed: line.confirmed)
    }

    enum CodingKeys: String, CodingKey { case rule, amount, unit, confirmed, severity }

    /// Claims stored before lines carried a severity have none in their JSON: theirs is read from the
    /// verdict keys the computation used then, so an old refusal still shows as one.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        rule = try c.decode(Message.self, forKey: .rule)
        amount = try c.decode(Int64.self, forKey: .amount)
        unit = try c.decode(Unit.self, forKey: .unit)
        confirmed = try c.decode(Bool.self, forKey: .confirmed)
        severity = try c.decodeIfPresent(Severity.self, forKey: .severity) ?? Self.storedBeforeSeverity[rule.key] ?? .info
    }

    /// The verdict keys of the computation before `severity` was stored (migration 004's rows).
    static let storedBeforeSeverity: [String: Severity] = [
        "out.claim.refused": .refusal, "out.claim.noBasis": .refusal,
        "out.claim.deferred": .deferral, "out.claim.deferredLater": .deferral,
    ]
}

/// A payment order at the bank: pending until a payment run pays it, or failed when the bank returns it
/// (wrong account, closed account); a failed order is re-issued as a new order.
public enum PaymentStatus: String, Sendable, Codable, CaseIterable {
    case pending, paid, failed
    public var messageKey: String { "paymentStatus.\(rawValue)" }
}

/// One bill brought to the counter for a medical-costs claim (零星报销).
public struct MedicalBill: Sendable, Equatable {
    public var item: MedicalItem
    public var hospital: String
    public var billNo: String
    public var actual: Money

    /// Hospital and bill number as free text (no control or bidi characters; at most 100 and 64 characters),
    /// the same rules as the hospitals' direct-settlement list, so a bill typed here can be matched against it.
    public init(item: MedicalItem, hospital: String, billNo: String, actual: Money) throws {
        let hospital = try FreeText.validated(hospital, field: .hospital)
        let billNo = try FreeText.validated(billNo, field: .billNo, maxLength: 64)
        guard actual > .zero else { throw FieldError(.amount, "reason.money.zero") }
        self.item = item
        self.hospital = hospital
        self.billNo = billNo
        self.actual = actual
    }
}

extension MedicalItem {
    /// A stable name for storage and the CLI: prenatal, delivery.natural, miscarriage, iudInsertion…
    public var code: String {
        switch self {
        case .prenatal: "prenatal"
        case .delivery(let d): "delivery." + d.rawValue
        case .miscarriage: "miscarriage"
        case .operation(let o): o.rawValue
        }
    }

    public init?(code: String) {
        switch code {
        case "prenatal": self = .prenatal
        case "miscarriage": self = .miscarriage
        default:
            if code.hasPrefix("delivery."), let d = DeliveryType(rawValue: String(code.dropFirst(9))) { self = .delivery(d) }
            else if let o = FamilyPlanningOperation(rawValue: code) { self = .operation(o) }
            else { return nil }
        }
    }

    public var messageKey: String {
        switch self {
        case .prenatal: "item.prenatal"
        case .delivery(let d): d.messageKey
        case .miscarriage: "item.miscarriage"
        case .operation(let o): o.messageKey
        }
    }
}
