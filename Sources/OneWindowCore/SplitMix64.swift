/// A small, fast, reproducible generator (Steele, Lea, Flood 2014). The synthetic data and the
/// randomised tests never use the system generator: the same seed gives the same values on every machine.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    public var state: UInt64
    public init(seed: UInt64) { state = seed }

    /// A generator for one numbered thing (a person, an employer) of one kind under a seed: the i-th
    /// person is the same whether she is written in the first batch or added by a later top-up.
    public init(seed: UInt64, stream: UInt64, index: Int) {
        var mix = SplitMix64(seed: seed ^ (stream &* 0xD1B5_4A32_D192_ED03))
        state = mix.next() ^ (UInt64(bitPattern: Int64(index)) &* 0x9E37_79B9_7F4A_7C15)
        _ = next()
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// 0 ..< n (n > 0). The modulo bias is far below anything a trainee could notice.
    public mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }

    /// lower ... upper, both included.
    public mutating func within(_ range: ClosedRange<Int>) -> Int { range.lowerBound + below(range.count) }

    /// True with probability `percent` / 100.
    public mutating func chance(_ percent: Int) -> Bool { below(100) < percent }

    public mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

    /// An item by integer weights.
    public mutating func weighted<T>(_ items: [(T, Int)]) -> T {
        var n = below(items.reduce(0) { $0 + $1.1 })
        for (item, weight) in items {
            if n < weight { return item }
            n -= weight
        }
        return items[items.count - 1].0
    }
}
