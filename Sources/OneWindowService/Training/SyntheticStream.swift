import OneWindowCore

/// Stream numbers keep the kinds of things apart under one seed.
enum SyntheticStream: UInt64 {
    case employer = 1, person, payer, cast, plant, claims, fund
}

extension String {
    /// FNV-1a: a stable hash of a text (Swift's `hashValue` changes from run to run).
    var stableHash: UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in utf8 { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        return h
    }
}
