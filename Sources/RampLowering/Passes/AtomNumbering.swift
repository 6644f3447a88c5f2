/// Numbers distinct values in order of first appearance, looking them up
/// by a 64-bit fingerprint that the caller computes.
///
/// Hashing a fingerprint costs far less than the synthesized hash of a
/// peer, which runs a `Hasher` over every label. Equal values must have
/// equal fingerprints. `areEqual` still decides, so a collision costs a
/// scan but never gives two different values one number.
struct AtomNumbering<Value: Equatable> {
    /// Up to this many values, a scan finds a fingerprint, and beyond it a
    /// dictionary does, because comparing a few integers costs less than
    /// hashing one. The limit is an estimate, not tuned.
    static var scanLimit: Int { 16 }

    private(set) var values: [Value] = []
    private(set) var fingerprints: [UInt64] = []
    /// The first number of each fingerprint, filled once there are more
    /// than `scanLimit` values.
    private var numbers: [UInt64: Int] = [:]
    /// `==`, or a faster function that returns the same.
    private let areEqual: (Value, Value) -> Bool

    init(capacity: Int, areEqual: @escaping (Value, Value) -> Bool = { $0 == $1 }) {
        values.reserveCapacity(capacity)
        fingerprints.reserveCapacity(capacity)
        self.areEqual = areEqual
    }

    var count: Int { values.count }

    /// Returns the number of `value`, numbering it first if it is new.
    mutating func number(of value: Value, fingerprint: UInt64) -> Int {
        guard values.count > AtomNumbering.scanLimit else { return scanNumber(of: value, fingerprint: fingerprint) }

        if numbers.isEmpty {
            for (number, known) in fingerprints.enumerated() where numbers[known] == nil { numbers[known] = number }
        }
        if let number = numbers[fingerprint] {
            if areEqual(values[number], value) { return number }

            // Different values share the fingerprint, so any of them may match.
            if let match = values.indices.first(where: { fingerprints[$0] == fingerprint && areEqual(values[$0], value) }) {
                return match
            }
        } else {
            numbers[fingerprint] = values.count
        }
        values.append(value)
        fingerprints.append(fingerprint)
        return values.count - 1
    }

    /// `number(of:fingerprint:)` while there are few values.
    private mutating func scanNumber(of value: Value, fingerprint: UInt64) -> Int {
        for number in fingerprints.indices where fingerprints[number] == fingerprint && areEqual(values[number], value) {
            return number
        }
        values.append(value)
        fingerprints.append(fingerprint)
        return values.count - 1
    }
}
