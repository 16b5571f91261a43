import Testing
@testable import OneWindowCore

@Suite("DisplayWidth: terminal columns")
struct DisplayWidthTests {
    @Test("ASCII takes one column", arguments: ["a", "Z", "0", " ", "~", "X"])
    func ascii(_ s: String) {
        #expect(DisplayWidth.of(s) == 1)
    }

    @Test("CJK, kana, Hangul and full-width forms take two columns",
          arguments: ["中", "医", "保", "额", "鉴", "一", "龥", "\u{9FFF}", "㐀", "\u{4DBF}", "〔", "〕", "：", "，", "。", "あ", "カ",
                      "한", "가", "힣", "８", "Ｘ", "\u{3000}", "𠀀", "￥", "豈"])
    func wide(_ s: String) {
        #expect(DisplayWidth.of(s) == 2)
    }

    @Test("half-width katakana, Latin with accents and ambiguous-width symbols take one column",
          arguments: ["ｱ", "é", "°", "±", "·", "–", "Ä"])
    func narrow(_ s: String) {
        #expect(DisplayWidth.of(s) == 1)
    }

    @Test("combining marks add nothing; a lone combining mark or zero-width character is 0")
    func combining() {
        #expect(DisplayWidth.of("e\u{0301}") == 1)
        #expect(DisplayWidth.of("\u{0301}") == 0)
        #expect(DisplayWidth.of("\u{200B}") == 0)
        #expect(DisplayWidth.of("\u{200D}") == 0)
        #expect(DisplayWidth.of("a\u{0300}\u{0301}\u{0302}b") == 2)
        #expect(DisplayWidth.of("") == 0)
    }

    @Test("emoji take two columns, however many scalars the cluster holds",
          arguments: ["😀", "✅", "🏥", "👶", "👩‍👩‍👧", "👍🏽", "❤️", "1️⃣"])
    func emoji(_ s: String) {
        #expect(s.count == 1)
        #expect(DisplayWidth.of(s) == 2)
    }

    @Test("a flag (two regional indicators) is an emoji: two columns, as wcwidth and terminals draw it",
          arguments: ["🇨🇳", "🇭🇰", "🇺🇳"])
    func flags(_ s: String) {
        #expect(s.count == 1)
        #expect(DisplayWidth.of(s) == 2)
    }

    @Test("control characters take no column", arguments: ["\u{0007}", "\u{001B}", "\u{007F}", "\u{0085}"])
    func controls(_ s: String) {
        #expect(DisplayWidth.of(s) == 0)
    }

    @Test("mixed strings add up",
          arguments: [("张三 Zhang", 10), ("职工医保 8.00%", 14), ("110105********002X", 18), ("天津市 Tianjin", 14),
                      ("身份证号码：", 12), ("a中b文c", 7), ("国办发〔2019〕10号", 18), ("😀ok", 4)])
    func mixed(_ s: String, _ width: Int) {
        #expect(DisplayWidth.of(s) == width)
    }

    @Test("prefix(fitting:) never splits a wide character",
          arguments: [("中文abc", 3, "中"), ("中文abc", 4, "中文"), ("中文abc", 5, "中文a"), ("中文abc", 7, "中文abc"),
                      ("中文abc", 99, "中文abc"), ("中文abc", 1, ""), ("中文abc", 0, ""), ("ab中", 3, "ab"),
                      ("😀😀", 3, "😀"), ("e\u{0301}x", 1, "e\u{0301}"), ("", 5, "")])
    func prefixFitting(_ s: String, _ columns: Int, _ expected: String) {
        let p = DisplayWidth.prefix(s, fitting: columns)
        #expect(p == expected)
        #expect(DisplayWidth.of(p) <= columns)
    }

    @Test("prefix(fitting:) on random mixed text: always a prefix, always fits, and the next character would not fit")
    func prefixProperty() {
        let alphabet: [Character] = ["a", "B", "1", " ", "中", "文", "医", "😀", "é", "Ｘ", "-"]
        var rng = SplitMix64(seed: 42)
        for _ in 0..<500 {
            let length = Int.random(in: 0...12, using: &rng)
            let s = String((0..<length).map { _ in alphabet.randomElement(using: &rng)! })
            let columns = Int.random(in: 0...20, using: &rng)
            let p = DisplayWidth.prefix(s, fitting: columns)
            #expect(s.hasPrefix(p))
            #expect(DisplayWidth.of(p) <= columns)
            if p.count < s.count {
                let next = s[s.index(s.startIndex, offsetBy: p.count)]
                #expect(DisplayWidth.of(p) + DisplayWidth.of(next) > columns, "\(s) in \(columns)")
            }
        }
    }

    @Test("padded(to:) pads to display columns and never cuts",
          arguments: [("中", 4, "中  "), ("ab", 4, "ab  "), ("中文", 4, "中文"), ("abcdef", 3, "abcdef"), ("", 2, "  "),
                      ("身份证", 8, "身份证  ")])
    func padded(_ s: String, _ columns: Int, _ expected: String) {
        let p = DisplayWidth.padded(s, to: columns)
        #expect(p == expected)
        #expect(DisplayWidth.of(p) == max(columns, DisplayWidth.of(s)))
    }

    @Test("fit then pad gives exact columns for table cells")
    func fitThenPad() {
        for s in ["经办机构 One Window", "ab", "中文中文中文", "😀a😀"] {
            for columns in 0...12 {
                let cell = DisplayWidth.padded(DisplayWidth.prefix(s, fitting: columns), to: columns)
                #expect(DisplayWidth.of(cell) == columns, "\(s) in \(columns)")
            }
        }
    }
}
