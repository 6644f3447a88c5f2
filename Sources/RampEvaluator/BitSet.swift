/// A set of small non-negative integers, one bit each.
struct BitSet: Hashable, Sendable {
    private var words: [UInt64]

    init() {
        words = []
    }

    /// Creates the set {0, 1, …, count - 1}.
    init(allBelow count: Int) {
        words = Array(repeating: ~0, count: count / 64)
        if count % 64 != 0 { words.append((UInt64(1) << UInt64(count % 64)) - 1) }
    }

    init<S: Sequence>(_ members: S) where S.Element == Int {
        self.init()
        for member in members { insert(member) }
    }

    var isEmpty: Bool { words.allSatisfy { $0 == 0 } }

    func contains(_ member: Int) -> Bool {
        let word = member / 64
        return word < words.count && words[word] & (UInt64(1) << UInt64(member % 64)) != 0
    }

    mutating func insert(_ member: Int) {
        let word = member / 64
        if word >= words.count { words += Array(repeating: 0, count: word - words.count + 1) }
        words[word] |= UInt64(1) << UInt64(member % 64)
    }

    func intersection(_ other: BitSet) -> BitSet {
        var result = BitSet()
        result.words = zip(words, other.words).map { $0 & $1 }
        result.trim()
        return result
    }

    func union(_ other: BitSet) -> BitSet {
        var result = words.count >= other.words.count ? self : other
        let shorter = words.count >= other.words.count ? other : self
        for index in shorter.words.indices { result.words[index] |= shorter.words[index] }
        return result
    }

    /// Returns the members of `self` that are not in `other`.
    func subtracting(_ other: BitSet) -> BitSet {
        var result = self
        for index in 0..<min(words.count, other.words.count) {
            result.words[index] &= ~other.words[index]
        }
        result.trim()
        return result
    }

    func isSubset(of other: BitSet) -> Bool {
        subtracting(other).isEmpty
    }

    /// Members in increasing order.
    var members: [Int] {
        var result: [Int] = []
        for (index, word) in words.enumerated() where word != 0 {
            for bit in 0..<64 where word & (UInt64(1) << UInt64(bit)) != 0 {
                result.append(index * 64 + bit)
            }
        }
        return result
    }

    /// Drops trailing zero words, so equal sets have equal storage.
    private mutating func trim() {
        while let last = words.last, last == 0 { words.removeLast() }
    }
}
