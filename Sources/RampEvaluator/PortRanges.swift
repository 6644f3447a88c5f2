/// A set of port numbers from 1 to 65535, kept as sorted, disjoint and
/// non-adjacent closed ranges. The form is canonical, so two equal sets
/// compare equal with `==` and hash alike.
struct PortRanges: Hashable, Sendable {
    static let validPorts: ClosedRange<Int> = 1...65535
    static let empty = PortRanges(canonical: [])
    static let all = PortRanges(canonical: [validPorts])

    private(set) var ranges: [ClosedRange<Int>]

    private init(canonical ranges: [ClosedRange<Int>]) {
        self.ranges = ranges
    }

    /// Creates the set of the ports of `range` that lie from 1 to 65535.
    init(_ range: ClosedRange<Int>) {
        let lower = max(range.lowerBound, PortRanges.validPorts.lowerBound)
        let upper = min(range.upperBound, PortRanges.validPorts.upperBound)
        ranges = lower <= upper ? [lower...upper] : []
    }

    var isEmpty: Bool { ranges.isEmpty }
    var isAll: Bool { self == PortRanges.all }
    var first: Int? { ranges.first?.lowerBound }

    func contains(_ port: Int) -> Bool {
        ranges.contains { $0.contains(port) }
    }

    // MARK: - Set operations

    func union(_ other: PortRanges) -> PortRanges {
        if other.isEmpty || isAll { return self }
        if isEmpty || other.isAll { return other }
        let sorted = (ranges + other.ranges).sorted { $0.lowerBound < $1.lowerBound }
        var merged: [ClosedRange<Int>] = []
        for range in sorted {
            // Ranges that overlap or touch fold into one, which keeps the form canonical.
            if let last = merged.last, range.lowerBound <= last.upperBound + 1 {
                merged[merged.count - 1] = last.lowerBound...max(last.upperBound, range.upperBound)
            } else {
                merged.append(range)
            }
        }
        return PortRanges(canonical: merged)
    }

    func intersection(_ other: PortRanges) -> PortRanges {
        if isAll { return other }
        if other.isAll { return self }
        var result: [ClosedRange<Int>] = []
        var left = 0
        var right = 0
        while left < ranges.count && right < other.ranges.count {
            let a = ranges[left]
            let b = other.ranges[right]
            let lower = max(a.lowerBound, b.lowerBound)
            let upper = min(a.upperBound, b.upperBound)
            if lower <= upper { result.append(lower...upper) }
            if a.upperBound < b.upperBound { left += 1 } else { right += 1 }
        }
        return PortRanges(canonical: result)
    }

    /// The ports from 1 to 65535 that are not in the set.
    var complement: PortRanges {
        var result: [ClosedRange<Int>] = []
        var next = PortRanges.validPorts.lowerBound
        for range in ranges {
            if range.lowerBound > next { result.append(next...(range.lowerBound - 1)) }
            next = range.upperBound + 1
        }
        if next <= PortRanges.validPorts.upperBound { result.append(next...PortRanges.validPorts.upperBound) }
        return PortRanges(canonical: result)
    }

    func subtracting(_ other: PortRanges) -> PortRanges {
        if other.isEmpty { return self }
        return intersection(other.complement)
    }
}
