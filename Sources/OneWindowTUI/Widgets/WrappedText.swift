import OneWindowCore

/// Paragraph text broken into lines of at most `width` columns by display width: Chinese may break
/// between any two characters, English only at spaces (a word longer than a line is cut by characters).
/// A line never starts with a Chinese closing punctuation mark, which is kept at the end of the line before.
enum WrappedText {
    static let noLineStart: Set<Character> = ["，", "。", "、", "；", "：", "？", "！", "）", "」", "』", "》", "”", "’"]

    static func lines(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var result: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            var lineWidth = 0
            // Tokens: a run of ASCII non-space characters is one word; every other character stands alone.
            var tokens: [String] = []
            var word = ""
            for c in paragraph {
                if c.isASCII, c != " " { word.append(c); continue }
                if !word.isEmpty { tokens.append(word); word = "" }
                tokens.append(String(c))
            }
            if !word.isEmpty { tokens.append(word) }
            for token in tokens {
                let w = DisplayWidth.of(token)
                if lineWidth + w <= width {
                    if !(line.isEmpty && token == " ") { line += token; lineWidth += w }
                    continue
                }
                var carried = ""
                if token.count == 1, noLineStart.contains(token.first!), line.count > 1, let last = line.last, !last.isASCII {
                    // The mark may not start a line: the character before it moves down with it.
                    carried = String(line.removeLast())
                }
                if !line.isEmpty { result.append(trimmed(line)) }
                line = ""
                lineWidth = 0
                var rest = token == " " ? "" : carried + token
                while DisplayWidth.of(rest) > width {
                    let head = DisplayWidth.prefix(rest, fitting: width)
                    result.append(head)
                    rest = String(rest.dropFirst(head.count))
                }
                line = rest
                lineWidth = DisplayWidth.of(rest)
            }
            result.append(trimmed(line))
        }
        return result
    }

    private static func trimmed(_ s: String) -> String {
        var s = s
        while s.last == " " { s.removeLast() }
        return s
    }
}
