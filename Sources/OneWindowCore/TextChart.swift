/// Horizontal bars for a terminal, readable in monochrome: full blocks and one eighth-block end
/// (▏▎▍▌▋▊▉█), scaled so the largest value fills `width` columns; a zero or negative value draws nothing.
/// Widths are columns (each block is one column), so bars line up beside CJK labels padded by display width.
public enum TextChart {
    static let eighths: [Character] = ["▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"]

    public static func bars(_ values: [Int64], width: Int) -> [String] {
        let top = values.max() ?? 0
        guard top > 0, width > 0 else { return values.map { _ in "" } }
        return values.map { v in
            guard v > 0 else { return "" }
            // Length in eighths of a column, rounded half up; a positive value shows at least one eighth.
            let e = max(1, Int(Rounding.halfUp(v * Int64(width) * 8, top)))
            return String(repeating: "█", count: e / 8) + (e % 8 == 0 ? "" : String(eighths[e % 8 - 1]))
        }
    }
}
