/// Tells, for each of many address hulls, whether some other hull of the
/// set may contain it, without comparing every pair.
///
/// A client that reaches thousands of disjoint networks makes thousands of
/// dependencies, and rules, that the coverage checks and passes would
/// compare pair by pair. A hull inside another hull starts at or after it
/// and ends at or before it. So no other hull can contain this one when
/// none that starts at or before it ends at or after it. Per family, the
/// hulls are sorted by their first address, with the two largest last
/// addresses of each prefix, and one binary search finds the answer.
public struct HullContainers: Sendable {
    /// Per family, the hulls' ranges by first address, with their positions.
    private struct Sweep: Sendable {
        let lowerBounds: [UInt128]
        /// For each prefix of the sorted hulls, the largest last address and
        /// its position, and the largest of the others.
        let largest: [(upper: UInt128, position: Int)]
        let secondLargest: [UInt128?]

        init(_ ranges: [(range: ClosedRange<UInt128>, position: Int)]) {
            let sorted = ranges.sorted { $0.range.lowerBound < $1.range.lowerBound }
            lowerBounds = sorted.map(\.range.lowerBound)
            var largest: [(upper: UInt128, position: Int)] = []
            var secondLargest: [UInt128?] = []
            for (range, position) in sorted {
                guard let previous = largest.last else {
                    largest.append((range.upperBound, position))
                    secondLargest.append(nil)
                    continue
                }
                if range.upperBound > previous.upper {
                    largest.append((range.upperBound, position))
                    secondLargest.append(previous.upper)
                } else {
                    largest.append(previous)
                    secondLargest.append(max(secondLargest.last! ?? range.upperBound, range.upperBound))
                }
            }
            self.largest = largest
            self.secondLargest = secondLargest
        }

        /// Returns whether a hull other than the one at `position` starts at
        /// or before `range` and ends at or after it.
        func mayContain(_ range: ClosedRange<UInt128>, other position: Int) -> Bool {
            var low = 0
            var high = lowerBounds.count
            while low < high {
                let middle = (low + high) / 2
                if lowerBounds[middle] <= range.lowerBound { low = middle + 1 } else { high = middle }
            }
            guard low > 0 else { return false }
            let top = largest[low - 1]
            let upper = top.position == position ? secondLargest[low - 1] : top.upper
            return upper.map { $0 >= range.upperBound } ?? false
        }
    }

    private let hulls: [AddressHull?]
    private let sweeps: [IPFamily: Sweep]

    public init(_ hulls: [AddressHull?]) {
        self.hulls = hulls
        var sweeps: [IPFamily: Sweep] = [:]
        for family in [IPFamily.ipv4, .ipv6] {
            let ranges = hulls.enumerated().compactMap { position, hull in hull?.range(of: family).map { (range: $0, position: position) } }
            sweeps[family] = Sweep(ranges)
        }
        self.sweeps = sweeps
    }

    /// Returns false only when no other hull can contain the one at
    /// `position`, and true for a position without a hull.
    public func mayBeContained(_ position: Int) -> Bool {
        guard let hull = hulls[position] else { return true }
        for family in [IPFamily.ipv4, .ipv6] {
            guard let range = hull.range(of: family) else { continue }
            if !sweeps[family]!.mayContain(range, other: position) { return false }
        }
        return true
    }
}
