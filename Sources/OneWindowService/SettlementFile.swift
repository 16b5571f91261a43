import OneWindowCore

/// A designated hospital's list of bills it settled directly with the fund, as CSV read through CSV.swift
/// (quoted fields, commas inside quotes). The header names the columns, in English or in Chinese; a bad
/// line is named by its physical line in the file (blank lines and line breaks inside quotes count) with the
/// field and the reason. Every error is a `FieldError` on the file (exit 2 on the command line).
enum SettlementFile {
    static let header = ["hospital", "billno", "citizenid", "settledon", "amountyuan"]
    static let headerZh = ["医院", "票据号", "身份证号码", "结算日期", "金额（元）"]

    struct Line: Sendable {
        let line: Int
        let settlement: DirectSettlement
    }

    /// The good lines and the bad ones (each with its line number and what is wrong).
    static func read(_ text: String, today: CalendarDate) throws -> (good: [Line], bad: [(line: Int, reason: Message)]) {
        let file: (header: [String], rows: [(line: Int, fields: [String])])
        do { file = try CSVFile.numbered(text) } catch { throw FieldError(.settlementFile, "reason.settlement.malformed") }
        let names = file.header.map { $0.trimmingSpaces.lowercased() }
        guard names == header || names == headerZh else {
            throw FieldError(.settlementFile, "reason.settlement.header", texts: file.header.joined(separator: ","))
        }
        var good: [Line] = []
        var bad: [(line: Int, reason: Message)] = []
        for (line, raw) in file.rows {
            let f = raw.map(\.trimmingSpaces)
            if f.allSatisfy(\.isEmpty) { continue }
            do {
                // The line as a whole is wrong (no field to name): its reason stands alone after "line N".
                guard f.count == 5 else { throw DomainError("reason.settlement.columns", texts: String(f.count)) }
                guard raw.allSatisfy({ CSVFile.quotedAsWritten($0, in: text) }) else { throw DomainError("reason.file.quote") }
                let settledOn = try CalendarDate.parse(f[3], field: .date)
                guard settledOn <= today else { throw FieldError(.date, "reason.date.future", texts: settledOn.description) }
                let amount = try Money.parseYuan(f[4])
                guard amount > .zero else { throw FieldError(.amount, "reason.money.zero") }
                let person = try CitizenID(f[2], today: today)
                // A bill is settled for a person who has been born: an earlier date is a typing error in one of the two.
                guard settledOn >= person.birthDate else {
                    throw FieldError(.date, "reason.settlement.beforeBirth", texts: settledOn.description, person.birthDate.description)
                }
                good.append(Line(line: line, settlement: DirectSettlement(
                    hospital: try FreeText.validated(f[0], field: .hospital), billNo: try FreeText.validated(f[1], field: .billNo, maxLength: 64),
                    person: person, settledOn: settledOn, amount: amount)))
            } catch let e as UserFacingError {
                bad.append((line, e.message))
            }
        }
        return (good, bad)
    }

    /// "第 3 行：金额：必须大于0" under the file's name.
    static func lineError(_ line: Int, _ reason: Message, whole: Bool) -> FieldError {
        FieldError(.settlementFile, Message(whole ? "reason.settlement.refused" : "reason.settlement.line", [.text(String(line)), .message(reason)]))
    }
}
