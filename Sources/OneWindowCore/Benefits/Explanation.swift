/// One line of a computation as the counter shows it: what rule, how much, and where the figure
/// comes from, so a clerk can explain every number and see which figures are unconfirmed samples.
public struct ExplanationLine: Sendable, Equatable {
    public let rule: Message
    /// Days or fen, by context.
    public let amount: Int64
    public let source: String?
    public let confirmed: Bool

    public init<T>(_ rule: Message, _ amount: Int64, from figure: Sourced<T>) {
        self.rule = rule
        self.amount = amount
        self.source = figure.source
        self.confirmed = figure.confirmed
    }

    public init(_ rule: Message, _ amount: Int64, source: String? = nil, confirmed: Bool = true) {
        self.rule = rule
        self.amount = amount
        self.source = source
        self.confirmed = confirmed
    }
}
