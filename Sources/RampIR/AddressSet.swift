import RampKube

/// The addresses of a list of IP blocks as sorted, disjoint intervals per
/// family: each CIDR's range with its excepts cut out.
///
/// Building the set sorts each block's excepts once and cuts them out in
/// one sweep. Comparing two sets walks both lists once. So a network of many
/// excepts, or a check that compares many networks, stays linear in size.
public struct AddressSet: Equatable, Sendable {
    private var ipv4: [ClosedRange<UInt128>] = []
    private var ipv6: [ClosedRange<UInt128>] = []

    public init(_ blocks: [IPBlock]) {
        var raw: (ipv4: [ClosedRange<UInt128>], ipv6: [ClosedRange<UInt128>]) = ([], [])
        for block in blocks {
            let pieces = AddressSet.pieces(of: block)
            switch block.cidr.family {
            case .ipv4: raw.ipv4 += pieces
            case .ipv6: raw.ipv6 += pieces
            }
        }
        ipv4 = AddressSet.joined(raw.ipv4)
        ipv6 = AddressSet.joined(raw.ipv6)
    }

    public func contains(_ address: UInt128, family: IPFamily) -> Bool {
        let ranges = intervals(family)
        // The intervals are sorted and disjoint: find the last one that
        // starts at or before the address.
        var low = 0
        var high = ranges.count
        while low < high {
            let middle = (low + high) / 2
            if ranges[middle].lowerBound <= address { low = middle + 1 } else { high = middle }
        }
        return low > 0 && ranges[low - 1].contains(address)
    }

    public func isSubset(of other: AddressSet) -> Bool {
        AddressSet.isSubset(ipv4, of: other.ipv4) && AddressSet.isSubset(ipv6, of: other.ipv6)
    }

    private func intervals(_ family: IPFamily) -> [ClosedRange<UInt128>] {
        switch family {
        case .ipv4: return ipv4
        case .ipv6: return ipv6
        }
    }

    /// Returns whether every interval of `inner` lies in one of `outer`.
    /// Both are sorted and disjoint, and joined intervals are never
    /// adjacent, so an inner interval lies in at most one outer interval,
    /// the first that does not end before it.
    private static func isSubset(_ inner: [ClosedRange<UInt128>], of outer: [ClosedRange<UInt128>]) -> Bool {
        var next = 0
        for range in inner {
            while next < outer.count && outer[next].upperBound < range.lowerBound { next += 1 }
            guard next < outer.count, outer[next].lowerBound <= range.lowerBound, range.upperBound <= outer[next].upperBound else {
                return false
            }
        }
        return true
    }

    /// Returns the ranges of a block's CIDR that its excepts leave, in order.
    private static func pieces(of block: IPBlock) -> [ClosedRange<UInt128>] {
        let whole = block.cidr.first...block.cidr.last
        var pieces: [ClosedRange<UInt128>] = []
        var start: UInt128? = whole.lowerBound
        for cut in block.except.map({ $0.first...$0.last }).sorted(by: { $0.lowerBound < $1.lowerBound }) {
            guard let current = start else { break }
            guard cut.overlaps(whole) else { continue }
            if cut.lowerBound > current { pieces.append(current...(cut.lowerBound - 1)) }
            // Past the end of the address space nothing is left to keep.
            if cut.upperBound == UInt128.max {
                start = nil
            } else {
                start = max(current, cut.upperBound + 1)
            }
        }
        if let current = start, current <= whole.upperBound { pieces.append(current...whole.upperBound) }
        return pieces
    }

    /// Joins overlapping and adjacent intervals, so that containment in the
    /// union is containment in one interval.
    private static func joined(_ ranges: [ClosedRange<UInt128>]) -> [ClosedRange<UInt128>] {
        var result: [ClosedRange<UInt128>] = []
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = result.last, last.upperBound == UInt128.max || range.lowerBound <= last.upperBound + 1 {
                result[result.count - 1] = last.lowerBound...max(last.upperBound, range.upperBound)
            } else {
                result.append(range)
            }
        }
        return result
    }
}
