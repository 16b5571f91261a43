/// What a cell means, not how it looks: each driver maps these to colours, or in monochrome
/// (and under NO_COLOR) to bold, reverse and underline.
public enum Style: UInt8, Sendable, CaseIterable {
    case normal, header, label, input, inputFocused, inputError, message, error, keyBar, keyName
    case selected, heading, ok, warning, dim, training
}

public struct Point: Equatable, Sendable {
    public var row: Int
    public var col: Int
    public init(row: Int, col: Int) { self.row = row; self.col = col }
}

public struct Size: Equatable, Sendable {
    public var rows: Int
    public var cols: Int
    public init(rows: Int, cols: Int) { self.rows = rows; self.cols = cols }
    /// The counter screens are laid out for 80×24 and grow from there.
    public static let minimum = Size(rows: 24, cols: 80)
    public var isUsable: Bool { rows >= Size.minimum.rows && cols >= Size.minimum.cols }
}

public struct Rect: Equatable, Sendable {
    public var row, col, rows, cols: Int
    public init(row: Int, col: Int, rows: Int, cols: Int) { (self.row, self.col, self.rows, self.cols) = (row, col, rows, cols) }
}
