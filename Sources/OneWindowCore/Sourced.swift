/// A policy figure together with where it comes from. A figure either cites its source
/// (document number, clause, address) or is marked unconfirmed: a sample for training and tests
/// that a supervisor must replace with the local figure before it is relied on.
public struct Sourced<Value: Sendable & Codable & Equatable>: Sendable, Codable, Equatable {
    public var value: Value
    public var source: String?
    /// Reliability grade from the policy research (A official … D named-but-unopened).
    public var grade: String?
    public var confirmed: Bool

    public init(_ value: Value, source: String?, grade: String? = nil, confirmed: Bool) {
        self.value = value
        self.source = source
        self.grade = grade
        self.confirmed = confirmed
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        value = try c.decode(Value.self, forKey: .value)
        source = try c.decodeIfPresent(String.self, forKey: .source)
        grade = try c.decodeIfPresent(String.self, forKey: .grade)
        confirmed = try c.decode(Bool.self, forKey: .confirmed)
        // A confirmed figure without a source would be a figure nobody can check.
        if confirmed, (source ?? "").trimmingSpaces.isEmpty {
            throw DecodingError.dataCorruptedError(forKey: .source, in: c,
                debugDescription: "a confirmed figure needs a source")
        }
    }
}
