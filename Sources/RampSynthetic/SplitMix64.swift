/// The SplitMix64 pseudo-random generator (Steele, Lea and Flood, 2014):
/// tiny, fast and the same on every platform, so one seed always yields the
/// same synthetic contracts. It is not suitable for cryptography.
public struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }

    /// Returns a number in `0..<bound` by Lemire's multiply-shift, without
    /// the platform-dependent paths of the standard library's algorithms.
    public mutating func next(below bound: Int) -> Int {
        precondition(bound > 0, "the bound must be positive")
        return Int(next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// Returns true with the given chance, in percent.
    public mutating func chance(_ percent: Int) -> Bool {
        next(below: 100) < percent
    }
}
