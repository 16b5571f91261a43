/// How each `Style` looks on a real terminal, as plain values the ncurses driver turns into colour
/// pairs and attributes (so the table is tested without a terminal).
public enum StyleTable {
    /// The eight basic terminal colours; nil in a `Look` means the terminal's own default.
    public enum Colour: Sendable, Equatable { case black, red, green, yellow, blue, magenta, cyan, white }

    public enum Attribute: Sendable, Hashable { case bold, reverse, underline, dim }

    public struct Look: Sendable, Equatable {
        public var fg: Colour?
        public var bg: Colour?
        public var attributes: Set<Attribute>
        public init(_ fg: Colour?, _ bg: Colour?, _ attributes: Set<Attribute> = []) {
            self.fg = fg
            self.bg = bg
            self.attributes = attributes
        }
    }

    /// Monochrome (and NO_COLOR): meaning carried by attributes alone, the TRAINING text marker on every screen.
    public static let monochrome: [Style: Set<Attribute>] = [
        .normal: [], .header: [.reverse], .label: [], .input: [.underline], .inputFocused: [.reverse, .underline],
        .inputError: [.reverse, .bold], .message: [.bold], .error: [.bold], .keyBar: [.reverse], .keyName: [.reverse, .bold],
        .selected: [.reverse], .heading: [.bold], .ok: [], .warning: [.bold], .dim: [.dim], .training: [.reverse, .bold],
    ]

    /// In colour: the header and key bar white on blue, key names bold yellow; on a training store black
    /// on yellow instead (README "Training mode"), key names bold black so they stand out from the yellow.
    public static func colour(training: Bool) -> [Style: Look] {
        let bar: Colour = training ? .yellow : .blue
        let barText: Colour = training ? .black : .white
        let keyName: Colour = training ? .black : .yellow
        return [
            .normal: Look(nil, nil), .header: Look(barText, bar, [.bold]), .label: Look(nil, nil),
            .input: Look(.cyan, nil, [.underline]), .inputFocused: Look(.black, .cyan),
            .inputError: Look(.white, .red, [.bold]), .message: Look(nil, nil, [.bold]),
            .error: Look(.red, nil, [.bold]), .keyBar: Look(barText, bar), .keyName: Look(keyName, bar, [.bold]),
            .selected: Look(.black, .white), .heading: Look(nil, nil, [.bold]),
            .ok: Look(.green, nil, [.bold]), .warning: Look(.yellow, nil, [.bold]), .dim: Look(nil, nil, [.dim]),
            .training: Look(.black, .yellow, [.bold]),
        ]
    }
}
