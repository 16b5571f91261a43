/// What the application needs from a terminal; ncurses in production, `VirtualTerminal` in tests.
public protocol Terminal: AnyObject {
    var size: Size { get }
    /// Shows a finished frame and puts the real cursor on `canvas.cursor` (hidden when nil).
    func present(_ canvas: Canvas)
    /// The next key, or nil when the input is exhausted (end of a scripted test, closed terminal).
    func nextKey() -> Key?
    /// Whether to use colours (false on monochrome terminals and under NO_COLOR).
    var hasColor: Bool { get }
}

/// An in-memory terminal for tests: keys are scripted, every presented frame is kept.
public final class VirtualTerminal: Terminal {
    public var size: Size
    public var hasColor: Bool
    public private(set) var frames: [Canvas] = []
    var keys: [Key]
    /// Called before each key is handed out, so a test can resize between keys.
    public var beforeKey: ((VirtualTerminal, Key) -> Void)?

    public init(size: Size = .minimum, keys: [Key] = [], hasColor: Bool = true) {
        self.size = size
        self.keys = keys
        self.hasColor = hasColor
    }

    public var screen: Canvas { frames.last ?? Canvas(size: size) }

    public func present(_ canvas: Canvas) { frames.append(canvas) }

    public func nextKey() -> Key? {
        guard !keys.isEmpty else { return nil }
        let key = keys.removeFirst()
        beforeKey?(self, key)
        return key
    }

    public func type(_ text: String) { keys += text.map { .char($0) } }
    public func press(_ k: Key...) { keys += k }
}
