/// A small, fast, reproducible generator (Steele, Lea, Flood 2014). The synthetic data never uses the
/// system generator: the same seed must give every trainee the same people on every machine.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }

    /// A generator for one numbered thing (a person, an employer) of one kind under a seed: the i-th
    /// person is the same whether she is written in the first batch or added by a later top-up.
    init(seed: UInt64, stream: UInt64, index: Int) {
        var mix = SplitMix64(seed: seed ^ (stream &* 0xD1B5_4A32_D192_ED03))
        state = mix.next() ^ (UInt64(bitPattern: Int64(index)) &* 0x9E37_79B9_7F4A_7C15)
        _ = next()
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// 0 ..< n (n > 0). The modulo bias is far below anything a trainee could notice.
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }

    /// lower ... upper, both included.
    mutating func within(_ range: ClosedRange<Int>) -> Int { range.lowerBound + below(range.count) }

    /// True with probability `percent` / 100.
    mutating func chance(_ percent: Int) -> Bool { below(100) < percent }

    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

    /// An item by integer weights.
    mutating func weighted<T>(_ items: [(T, Int)]) -> T {
        var n = below(items.reduce(0) { $0 + $1.1 })
        for (item, weight) in items {
            if n < weight { return item }
            n -= weight
        }
        return items[items.count - 1].0
    }
}

/// Stream numbers keep the kinds of things apart under one seed.
enum SyntheticStream: UInt64 {
    case employer = 1, person, payer, cast, plant, claims
}

extension String {
    /// FNV-1a: a stable hash of a text (Swift's `hashValue` changes from run to run).
    var stableHash: UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in utf8 { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        return h
    }
}
