import OneWindowCore

/// A designated hospital's list of bills it settled directly with the fund, as CSV read through CSV.swift
/// (quoted fields, commas inside quotes). The header names the columns, in English or in Chinese; a bad
/// line is named by its physical line number in the file (blank lines and line breaks inside quotes count).
enum SettlementFile {
    static let header = ["hospital", "billno", "citizenid", "settledon", "amountyuan"]
    static let headerZh = ["医院", "票据号", "身份证号码", "结算日期", "金额（元）"]

    static func rows(_ text: String, today: CalendarDate) throws -> [DirectSettlement] {
        let file: (header: [String], rows: [[String]])
        do { file = try CSVFile.records(text) } catch { throw DomainError("error.csv.malformed") }
        let names = file.header.map { $0.trimmingSpaces.lowercased() }
        guard names == header || names == headerZh else {
            throw DomainError("error.csv.header", texts: file.header.joined(separator: ","))
        }
        var rows: [DirectSettlement] = []
        var line = 2
        for f in file.rows.map({ $0.map(\.trimmingSpaces) }) {
            defer { line += 1 + f.reduce(0) { $0 + $1.filter(\.isNewline).count } }
            if f.allSatisfy(\.isEmpty) { continue }
            do {
                guard f.count == 5 else { throw DomainError("error.csv.columns") }
                rows.append(DirectSettlement(hospital: try FreeText.validated(f[0], field: .hospital),
                                             billNo: try FreeText.validated(f[1], field: .billNo, maxLength: 64),
                                             person: try CitizenID(f[2], today: today),
                                             settledOn: try CalendarDate.parse(f[3]), amount: try Money.parseYuan(f[4])))
            } catch let e as UserFacingError {
                throw DomainError(Message("error.csv.line", [.text(String(line)), .message(e.message)]))
            }
        }
        return rows
    }
}
