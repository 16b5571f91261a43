import OneWindowCore
import Testing

@Suite("Text bars: scaled to the largest, eighth-block ends, one column per block")
struct TextChartTests {
    @Test("The largest fills the width; halves and eighths end in the matching block; nothing for zero or less")
    func bars() {
        let b = TextChart.bars([80, 40, 5, 0, -3, 1], width: 10)
        #expect(b[0] == String(repeating: "█", count: 10))
        #expect(b[1] == String(repeating: "█", count: 5))
        #expect(b[2] == "▋")                 // 5/80 of 10 columns = 5 eighths
        #expect(b[3] == "" && b[4] == "")
        #expect(b[5] == "▏")                 // the smallest positive value still shows
        #expect(b.allSatisfy { DisplayWidth.of($0) <= 10 })
        #expect(TextChart.bars([0, 0], width: 10) == ["", ""])
    }
}
