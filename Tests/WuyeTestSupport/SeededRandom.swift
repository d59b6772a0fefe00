/// A small deterministic generator, so a failing stream can be replayed.
public struct SeededRandom: RandomNumberGenerator {
    public var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func nextRaw() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    public mutating func next() -> UInt64 { nextRaw() }
    public mutating func next(in r: ClosedRange<Int>) -> Int { r.lowerBound + Int(nextRaw() % UInt64(r.count)) }
    public mutating func next(in r: Range<Int>) -> Int { r.lowerBound + Int(nextRaw() % UInt64(r.count)) }
}
