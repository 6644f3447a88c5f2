/// Numbers distinct values in order of first appearance, looking them up
/// by a 64-bit fingerprint that the caller computes.
///
/// Hashing a fingerprint costs far less than the synthesized hash of a
/// peer, which runs a `Hasher` over every label. Equal values must have
/// equal fingerprints. `==` still decides, so a collision costs a scan but
/// never gives two different values one number.
struct AtomNumbering<Value: Equatable> {
    private(set) var values: [Value] = []
    private(set) var fingerprints: [UInt64] = []
    private var numbers: [UInt64: Int] = [:]

    init(capacity: Int) {
        values.reserveCapacity(capacity)
        fingerprints.reserveCapacity(capacity)
        numbers.reserveCapacity(capacity)
    }

    var count: Int { values.count }

    /// Returns the number of `value`, numbering it first if it is new.
    mutating func number(of value: Value, fingerprint: UInt64) -> Int {
        if let number = numbers[fingerprint] {
            if values[number] == value { return number }

            // Different values share the fingerprint, so any of them may match.
            if let match = values.indices.first(where: { fingerprints[$0] == fingerprint && values[$0] == value }) {
                return match
            }
        } else {
            numbers[fingerprint] = values.count
        }
        values.append(value)
        fingerprints.append(fingerprint)
        return values.count - 1
    }
}
