import Foundation
import OneWindowService
import Testing

@Suite("CSV files an agency opens in Excel: BOM, RFC 4180 quoting, CRLF")
struct CSVFileTests {
    @Test("A field with a comma, a quote and a line break round-trips; the BOM and CRLF are there, or no BOM when asked")
    func roundTrip() throws {
        let rows = [["天津市妇产科医院, 南院", "他说\"好\"", "一行\n两行"], ["", "1234.50", "-0.01"]]
        let data = try CSVFile.data(header: ["医院", "备注", "说明"], rows: rows)
        #expect(Array(data.prefix(3)) == CSVFile.bom)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"天津市妇产科医院, 南院\",\"他说\"\"好\"\"\",\"一行\n两行\"\r\n"))
        #expect(text.hasSuffix(",1234.50,-0.01\r\n"))
        let back = try CSVFile.records(text)
        #expect(back.header == ["医院", "备注", "说明"])
        #expect(back.rows == rows)
        let plain = try CSVFile.data(header: ["a"], rows: [["b"]], bom: false)
        #expect(String(decoding: plain, as: UTF8.self) == "a\r\nb\r\n")
    }
}
