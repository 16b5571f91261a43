import OneWindowCore
import OneWindowStore

/// One order of a payment run as the bank is asked to pay it.
public struct BankBatchLine: Sendable, Equatable {
    /// What the bank echoes back in its return file: `OW` + the order's id (`BankReference`).
    public let reference: String
    public let orderID: Int64
    public let payeeName: String
    /// The full account, for the bank's file only; people see `account.masked`.
    public let account: BankAccount
    public let amount: Money
    public let claimID: Int64
    public let receiptNo: ReceiptNumber
    /// `.paid`, or `.failed` when the bank has returned it since the run.
    public let status: PaymentStatus
}

/// The reference a bank file carries for an order, and reads back: `OW` + the order's id (`OW12`).
/// Stable: the same order always has the same reference, whichever file it is in.
public enum BankReference {
    public static let prefix = "OW"

    public static func of(_ orderID: Int64) -> String { prefix + String(orderID) }

    /// The order id of a reference (`OW12`, `ow12`, spaces around), nil when it is not one of ours.
    public static func orderID(_ text: String) -> Int64? {
        let t = text.trimmingSpaces
        guard t.count > prefix.count, t.prefix(prefix.count).uppercased() == prefix else { return nil }
        let digits = t.dropFirst(prefix.count)
        guard digits.allSatisfy({ $0.isASCII && $0.isNumber }), let id = Int64(digits), id > 0 else { return nil }
        return id
    }
}

/// The bank's file formats: fixed column names (an interface, so the same whatever the operator's language).
public enum BankFileFormat {
    /// The batch file of a payment run (UTF-8 CSV): one line per order paid that day.
    public static let batchHeader = ["参考号", "收款人", "账号", "账号（脱敏）", "金额（元）", "申领号", "回执号"]

    /// A batch line as the file has it: the full account for the bank, the masked one for whoever checks it by
    /// eye, the amount as plain yuan (`1234.50`).
    public static func batchRow(_ l: BankBatchLine) -> [String] {
        [l.reference, l.payeeName, l.account.value, l.account.masked, l.amount.yuanText, String(l.claimID), l.receiptNo.value]
    }
}

extension PaymentService {
    /// The bank batch of the payment run of `date`: every order paid that day, by id (those the bank has
    /// returned since included, so the batch of a day is always the same file). Audited as an export (who,
    /// which day, how many, how much; never an account). An empty day is refused: there is nothing to send.
    public func bankBatch(paidOn date: CalendarDate) throws -> [BankBatchLine] {
        try ctx.require(.runPayments)
        guard date <= ctx.clock.today else { throw FieldError(.date, "reason.date.future", texts: date.description) }
        return try ctx.write { tx, audit in
            let orders = try tx.paymentOrders.paid(on: date)
            guard !orders.isEmpty else { throw DomainError("error.bank.nothingPaid", texts: date.description) }
            let claims = Dictionary(uniqueKeysWithValues: try tx.claims.find(ids: orders.map(\.claimID)).map { ($0.id!, $0) })
            let lines = try orders.map { o -> BankBatchLine in
                guard let claim = claims[o.claimID] else { throw FieldError(.claim, "reason.claim.unknown", texts: String(o.claimID)) }
                return BankBatchLine(reference: BankReference.of(o.id!), orderID: o.id!, payeeName: o.payeeName, account: o.account,
                                     amount: o.amount, claimID: o.claimID, receiptNo: claim.receiptNo, status: o.status)
            }
            let total = lines.reduce(Money.zero) { $0 + $1.amount }
            audit.append(AuditEntry(action: "payment.export", entity: "payments:\(date)", before: nil as String?,
                                    after: ["date": date.description, "orders": String(lines.count), "totalFen": String(total.fen),
                                            "first": BankReference.of(orders.first!.id!), "last": BankReference.of(orders.last!.id!)]))
            return lines
        }
    }
}
