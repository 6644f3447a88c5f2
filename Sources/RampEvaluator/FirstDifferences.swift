import RampKube

/// Collects the differences of a comparison and keeps the first of them in
/// the order of source atom, destination atom and protocol, up to a limit.
///
/// Two sets can differ on a number of pairs that grows with the square of
/// the atoms, so a comparison with a limit keeps at most twice that many in
/// memory. Whenever the kept differences reach twice the limit, they are
/// sorted and cut back to the limit. Every later difference that sorts after
/// the last one kept is then dropped.
struct FirstDifferences {
    /// At least 1, or nil to keep every difference.
    let limit: Int?
    private var firstKept: [AtomPairDifference] = []
    /// The order of the last difference kept after the latest cut.
    private var last: Order?

    private struct Order: Comparable {
        let source: Int
        let destination: Int
        let `protocol`: NetworkProtocol

        init(source: Int, destination: Int, protocol networkProtocol: NetworkProtocol) {
            self.source = source
            self.destination = destination
            self.protocol = networkProtocol
        }

        init(_ difference: AtomPairDifference) {
            self.init(source: difference.source, destination: difference.destination, protocol: difference.protocol)
        }

        static func < (left: Order, right: Order) -> Bool {
            (left.source, left.destination, left.protocol) < (right.source, right.destination, right.protocol)
        }
    }

    /// Makes an empty collection. A limit below 1 keeps one difference, so
    /// that a caller always has an example when the sets differ.
    init(limit: Int?) {
        self.limit = limit.map { max($0, 1) }
    }

    /// Returns whether a difference of this pair and protocol would be kept,
    /// so that a caller can skip building one that would not.
    func keeps(source: Int, destination: Int, protocol networkProtocol: NetworkProtocol) -> Bool {
        guard let last else { return true }
        return Order(source: source, destination: destination, protocol: networkProtocol) < last
    }

    mutating func add(_ difference: AtomPairDifference) {
        guard keeps(source: difference.source, destination: difference.destination, protocol: difference.protocol) else { return }
        firstKept.append(difference)
        if let limit, firstKept.count >= 2 * limit { cut(to: limit) }
    }

    mutating func add(_ differences: [AtomPairDifference]) {
        for difference in differences { add(difference) }
    }

    /// Returns the differences kept, in order.
    func ordered() -> [AtomPairDifference] {
        var copy = self
        copy.cut(to: limit ?? firstKept.count)
        return copy.firstKept
    }

    private mutating func cut(to size: Int) {
        firstKept.sort { Order($0) < Order($1) }
        if firstKept.count > size { firstKept.removeSubrange(size...) }
        if let limit, firstKept.count == limit, let final = firstKept.last { last = Order(final) }
    }
}
