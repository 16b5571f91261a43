import Foundation
import OneWindowCore

/// One line of a bank's return file, checked on its own (against the orders it is checked in the import).
public struct BankReturnLine: Sendable, Equatable {
    /// The physical line of the file it starts on (the header is line 1; a quoted line break counts).
    public let line: Int
    public let orderID: Int64
    public let failed: Bool
    /// The bank's reason, for a failed line.
    public let reason: String?
    /// What the bank says it paid or returned, when the file has the amount column and the line fills it.
    public let amount: Money?
}

/// The bank's return file (银行回盘文件), read back after a payment run: UTF-8 CSV (a BOM is allowed), a header
/// line, then one line per order:
///
///     参考号,状态,原因[,金额（元）]           (or in English: reference,status,reason[,amount])
///     OW12,成功,
///     OW13,失败,账户已销户,4500.00
///
/// - reference: the batch file's `参考号` (`OW` + the order's number);
/// - status: `成功`/`success` (paid: nothing changes) or `失败`/`failed` (returned: the order fails);
/// - reason: the bank's reason, required on a failed line (at most 100 characters);
/// - amount (optional column, may be left empty on a line): yuan, must equal the order's amount.
///
/// Blank lines are skipped. A reference may appear once. Any bad line refuses the whole file, naming its line.
public enum BankReturnFile {
    public static let header = ["参考号", "状态", "原因"]
    public static let headerEnglish = ["reference", "status", "reason"]
    public static let amountColumn = "金额（元）"
    public static let amountColumnEnglish = "amount"
    /// The header as the error message shows it.
    static let expected = "参考号,状态,原因[,金额（元）] / reference,status,reason[,amount]"

    /// A file's bytes as text (not UTF-8: refused with the line and byte of the first bad byte).
    public static func text(_ data: Data) throws -> String { try CSVFile.text(data, field: .bankFile) }

    /// The file's lines, each checked on its own; the first bad one is refused with its line number.
    public static func lines(_ text: String) throws -> [BankReturnLine] {
        let records: (header: [String], rows: [(line: Int, fields: [String])])
        do { records = try CSVFile.numbered(text) } catch { throw FieldError(.bankFile, "reason.bank.unreadable") }
        let header = records.header.map(\.trimmingSpaces)
        let withAmount: Bool
        switch (matches(header, Self.header, amountColumn), matches(header, headerEnglish, amountColumnEnglish)) {
        case (let chinese?, _): withAmount = chinese
        case (nil, let english?): withAmount = english
        case (nil, nil): throw FieldError(.bankFile, "reason.bank.header", texts: records.header.joined(separator: ","), expected)
        }
        var lines: [BankReturnLine] = []
        var seen: [Int64: Int] = [:]
        for (n, row) in records.rows {
            if row.allSatisfy({ $0.trimmingSpaces.isEmpty }) { continue }
            guard row.count == header.count else {
                throw error(n, nil, Message("reason.bank.columns", texts: String(header.count), String(row.count)))
            }
            guard row.allSatisfy({ CSVFile.quotedAsWritten($0, in: text) }) else { throw error(n, nil, Message("reason.file.quote")) }
            let reference = row[0].trimmingSpaces
            guard let id = BankReference.orderID(reference) else {
                throw error(n, .bankReference, Message("reason.bank.reference", texts: reference))
            }
            if let first = seen[id] { throw error(n, .bankReference, Message("reason.bank.duplicate", texts: reference, String(first))) }
            seen[id] = n
            let failed = try status(row[1], line: n)
            var reason: String?
            if failed {
                do { reason = try FreeText.validated(row[2], field: .bankReason) } catch let e as FieldError { throw error(n, .bankReason, e.reason) }
            }
            var amount: Money?
            if withAmount, !row[3].trimmingSpaces.isEmpty {
                do { amount = try Money.parseYuan(row[3]) } catch let e as FieldError { throw error(n, .amount, e.reason) }
            }
            lines.append(BankReturnLine(line: n, orderID: id, failed: failed, reason: reason, amount: amount))
        }
        guard !lines.isEmpty else { throw FieldError(.bankFile, "reason.bank.empty") }
        return lines
    }

    /// A bad line: "第 N 行，FIELD：REASON" under the file's name (the field left out when the line as a whole is wrong).
    static func error(_ line: Int, _ field: Field?, _ reason: Message) -> FieldError {
        guard let field else { return FieldError(.bankFile, Message("reason.bank.lineOnly", [.text(String(line)), .message(reason)])) }
        return FieldError(.bankFile, Message("reason.bank.line", [.text(String(line)), .message(Message(field.messageKey)), .message(reason)]))
    }

    /// nil: not this header; false: without the amount column; true: with it.
    private static func matches(_ got: [String], _ header: [String], _ amount: String) -> Bool? {
        let typed = got.map { $0.lowercased() }
        if typed == header { return false }
        if typed == header + [amount] { return true }
        return nil
    }

    private static func status(_ raw: String, line: Int) throws -> Bool {
        switch raw.trimmingSpaces.lowercased() {
        case "成功", "success": return false
        case "失败", "failed": return true
        default: throw error(line, .bankStatus, Message("reason.bank.status", texts: raw.trimmingSpaces))
        }
    }

}
