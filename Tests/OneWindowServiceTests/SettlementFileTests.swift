import Foundation
import OneWindowCore
import OneWindowService
import Testing

@Suite("Direct-settlement file through CSV.swift: header, quoted commas, physical lines, ranges, --partial")
struct SettlementFileTests {
    static let head = "hospital,billNo,citizenID,settledOn,amountYuan\n"
    static func line(_ bill: String, date: String = "2026-10-09", amount: String = "3000", id: String = Fixture.lina.value) -> String {
        "天津市妇产科医院,\(bill),\(id),\(date),\(amount)\n"
    }
    static func refused(_ line: Int, _ reason: FieldError) -> FieldError {
        FieldError(.settlementFile, Message("reason.settlement.refused", [.text(String(line)), .message(reason.message)]))
    }

    @Test("A quoted hospital name with a comma is one field; a Chinese header works too")
    func quoted() throws {
        let f = try Fixture()
        let csv = "医院,票据号,身份证号码,结算日期,金额（元）\r\n\"天津市妇产科医院, 南院\",B1,\(Fixture.lina.value),2026-10-09,3000\r\n"
        #expect(try BenefitService(f.clerk).importSettlements(csv: csv) == .init(inserted: 1, alreadyKnown: 0))
        #expect(try BenefitService(f.clerk).directlySettled(hospital: "天津市妇产科医院, 南院", billNo: "B1"))
    }

    @Test("A file without its header is refused, not read from its second record; nothing is imported")
    func header() throws {
        let f = try Fixture()
        let first = Self.line("B1").dropLast()
        #expect(throws: FieldError(.settlementFile, "reason.settlement.header", texts: String(first))) {
            _ = try BenefitService(f.clerk).importSettlements(csv: Self.line("B1") + Self.line("B2"))
        }
        #expect(try f.count("directSettlement") == 0)
    }

    @Test("A bad line is refused with its line in the file and its field; blank lines count; a line break in a name is refused")
    func physicalLines() throws {
        let f = try Fixture()
        let s = BenefitService(f.clerk)
        #expect(throws: Self.refused(5, FieldError(.date, "reason.date.impossible", texts: "2026-13-09"))) {
            _ = try s.importSettlements(csv: Self.head + "\n" + Self.line("B1") + "\n" + Self.line("B2", date: "2026-13-09"))
        }
        #expect(throws: Self.refused(3, FieldError(.hospital, "reason.text.control"))) {
            _ = try s.importSettlements(csv: Self.head + "\n\"天津市\n妇产科医院\",B1,\(Fixture.lina.value),2026-10-09,3000\n")
        }
        #expect(try f.count("directSettlement") == 0)
    }

    @Test("Out of range: amount 0, a settlement date to come or before the person's birth, an ESC in a bill number, a person not registered (when asked)")
    func ranges() throws {
        let f = try Fixture()
        let s = BenefitService(f.clerk)
        #expect(throws: Self.refused(2, FieldError(.amount, "reason.money.zero"))) { _ = try s.importSettlements(csv: Self.head + Self.line("B1", amount: "0")) }
        #expect(throws: Self.refused(2, FieldError(.date, "reason.date.future", texts: "2030-01-01"))) {
            _ = try s.importSettlements(csv: Self.head + Self.line("B1", date: "2030-01-01"))
        }
        #expect(throws: Self.refused(2, FieldError(.billNo, "reason.text.control"))) { _ = try s.importSettlements(csv: Self.head + Self.line("B\u{1B}1")) }
        #expect(throws: Self.refused(2, FieldError(.date, "reason.settlement.beforeBirth", texts: "1990-03-06", "1990-03-07"))) {
            _ = try s.importSettlements(csv: Self.head + Self.line("B1", date: "1990-03-06"))
        }
        let stranger = Self.head + Self.line("B1", id: Fixture.wei.value)
        #expect(throws: Self.refused(2, FieldError(.citizenID, "reason.settlement.unknownPerson", texts: Fixture.wei.masked))) {
            _ = try s.importSettlements(csv: stranger, knownPersonsOnly: true)
        }
        #expect(try f.count("directSettlement") == 0)
        #expect(try s.importSettlements(csv: stranger) == .init(inserted: 1, alreadyKnown: 0))   // not asked: imported
    }

    @Test("--partial imports the good lines and lists the bad ones with their lines; nothing good is still a refusal")
    func partial() throws {
        let f = try Fixture()
        let s = BenefitService(f.clerk)
        let csv = Self.head + Self.line("B1") + Self.line("B2", amount: "0") + Self.line("B3") + Self.line("B4", date: "2030-01-01")
        let r = try s.importSettlements(csv: csv, partial: true)
        #expect(r.inserted == 2 && r.alreadyKnown == 0)
        #expect(r.rejected.map { $0.reason.args.first } == [.text("3"), .text("5")])
        #expect(try f.count("directSettlement") == 2)
        let none = Self.head + Self.line("B9", amount: "0") + "a,b\n"
        let zero = FieldError(.amount, "reason.money.zero").message
        #expect(throws: FieldError(.settlementFile, Message("reason.settlement.noneGood", [.text("2"), .text("2"), .message(zero)]))) {
            _ = try s.importSettlements(csv: none, partial: true)
        }
        // A line wrong as a whole (its columns) is named by its line alone, the file not named twice.
        let columns = #expect(throws: FieldError.self) { _ = try s.importSettlements(csv: Self.head + "a,b\n") }
        #expect(try FileFuzz.tables[1].render(#require(columns).message)
                == "direct-settlement file: line 2: 5 columns expected, 2 found (nothing was imported; --partial imports the good lines)")
    }

    @Test("Not UTF-8: refused with the line and byte of the first bad byte, never read with replacement characters")
    func notUTF8() throws {
        var data = Data((Self.head + "天津").utf8)
        data.append(contentsOf: [0xC4, 0xE3])   // GBK for 你
        #expect(throws: FieldError(.settlementFile, "reason.file.notUTF8", texts: "2", String(Data((Self.head + "天津").utf8).count + 1))) {
            _ = try CSVFile.text(data, field: .settlementFile)
        }
    }
}
