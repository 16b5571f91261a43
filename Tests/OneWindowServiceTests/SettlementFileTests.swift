import OneWindowCore
import OneWindowService
import Testing

@Suite("Direct-settlement file through CSV.swift: header checked, quoted commas kept, physical line numbers")
struct SettlementFileTests {
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
        let csv = "天津市妇产科医院,B1,\(Fixture.lina.value),2026-10-09,3000\n天津市妇产科医院,B2,\(Fixture.lina.value),2026-10-09,3000\n"
        #expect(throws: DomainError("error.csv.header", texts: "天津市妇产科医院,B1,\(Fixture.lina.value),2026-10-09,3000")) {
            _ = try BenefitService(f.clerk).importSettlements(csv: csv)
        }
        #expect(try f.count("directSettlement") == 0)
    }

    @Test("A bad line is named by its line in the file, blank lines counted; a line break inside a name is refused on its line")
    func physicalLines() throws {
        let f = try Fixture()
        func refusal(_ csv: String) throws -> Message? {
            do { _ = try BenefitService(f.clerk).importSettlements(csv: csv) } catch let e as DomainError { return e.message }
            return nil
        }
        let head = "hospital,billNo,citizenID,settledOn,amountYuan\n"
        let good = "\"天津市妇产科医院, 南院\",B1,\(Fixture.lina.value),2026-10-09,3000\n"
        let badDate = "天津市妇产科医院,B2,\(Fixture.lina.value),2026-13-09,3000\n"
        #expect(try refusal(head + "\n" + good + "\n" + badDate)?.args.first == .text("5"))
        let broken = try refusal(head + "\n\"天津市\n妇产科医院\",B1,\(Fixture.lina.value),2026-10-09,3000\n")
        #expect(broken == Message("error.csv.line", [.text("3"), .message(FieldError(.hospital, "reason.text.control").message)]))
        #expect(try f.count("directSettlement") == 0)
    }
}
