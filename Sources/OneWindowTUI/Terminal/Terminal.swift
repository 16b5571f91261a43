/// What the application needs from a terminal; ncurses in production, `VirtualTerminal` in tests.
public protocol Terminal: AnyObject {
    var size: Size { get }
    /// Shows a finished frame and puts the real cursor on `canvas.cursor` (hidden when nil).
    func present(_ canvas: Canvas)
    /// The next key, or nil when the input is exhausted (end of a scripted test, closed terminal).
    func nextKey() -> Key?
    /// Keys already typed and waiting, without blocking: read when the window shrinks, since those were
    /// typed on a screen the clerk could see.
    func pendingKeys() -> [Key]
    /// An audible signal: a key was refused (held back while the window is too small, or not an answer).
    func beep()
    /// Whether to use colours (false on monochrome terminals and under NO_COLOR).
    var hasColor: Bool { get }
}

/// An in-memory terminal for tests: keys are scripted, every presented frame is kept.
public final class VirtualTerminal: Terminal {
    public var size: Size
    public var hasColor: Bool
    public private(set) var frames: [Canvas] = []
    var keys: [Key]
    /// Where the typist paused: keys after a pause were not yet typed when the ones before it were read.
    var pauses: Set<Int> = []
    public private(set) var beeps = 0
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
        pauses = Set(pauses.compactMap { $0 > 0 ? $0 - 1 : nil })
        beforeKey?(self, key)
        return key
    }

    /// The keys typed before the next pause (or a resize): what a real terminal has buffered right now.
    public func pendingKeys() -> [Key] {
        var out: [Key] = []
        while let k = keys.first, !pauses.contains(0), k != .resize { out.append(k); _ = nextKey() }
        return out
    }

    public func beep() { beeps += 1 }

    public func type(_ text: String) { keys += text.map { .char($0) } }
    public func press(_ k: Key...) { keys += k }
    /// The typist stops here: keys pressed later are not yet waiting when earlier ones are read.
    public func pause() { pauses.insert(keys.count) }
}
