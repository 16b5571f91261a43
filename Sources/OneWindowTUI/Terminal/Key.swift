/// A key as the screens see it, independent of the terminal that produced it.
public enum Key: Equatable, Sendable {
    case char(Character)
    case enter, tab, backTab, escape
    case up, down, left, right, home, end, pageUp, pageDown
    case backspace, delete, insert
    case function(Int)
    /// Ctrl + a letter ("q" for Ctrl-Q).
    case ctrl(Character)
    case resize
    /// Bracketed paste: everything pasted at once, newlines included.
    case paste(String)
    /// SIGINT: Ctrl-C is never allowed to lose typed data silently.
    case interrupt
}
