/// The smallest address range, per family, that contains a set of CIDRs.
///
/// Addresses inside another set lie inside its hull, so a hull that does not
/// contain another proves that the set does not contain the other. Passes and checks that
/// compare many address sets pair by pair test hulls first: two integer
/// comparisons per family, and no reference counting, reject most pairs.
public struct AddressHull: Sendable {
    private var ipv4: ClosedRange<UInt128>?
    private var ipv6: ClosedRange<UInt128>?

    public init() {}

    public init<CIDRs: Sequence<CIDR>>(_ cidrs: CIDRs) {
        for cidr in cidrs { add(cidr) }
    }

    public mutating func add(_ cidr: CIDR) {
        switch cidr.family {
        case .ipv4: ipv4 = AddressHull.joined(ipv4, cidr)
        case .ipv6: ipv6 = AddressHull.joined(ipv6, cidr)
        }
    }

    /// Returns the hull of one family's addresses, or nil when there are none.
    public func range(of family: IPFamily) -> ClosedRange<UInt128>? {
        family == .ipv4 ? ipv4 : ipv6
    }

    /// Returns false when some address of `inner` lies outside this hull,
    /// and true when every one may lie inside what this hull summarizes.
    public func mayContain(_ inner: AddressHull) -> Bool {
        AddressHull.range(ipv4, mayContain: inner.ipv4) && AddressHull.range(ipv6, mayContain: inner.ipv6)
    }

    private static func joined(_ range: ClosedRange<UInt128>?, _ cidr: CIDR) -> ClosedRange<UInt128> {
        guard let range else { return cidr.first...cidr.last }
        return min(range.lowerBound, cidr.first)...max(range.upperBound, cidr.last)
    }

    private static func range(_ outer: ClosedRange<UInt128>?, mayContain inner: ClosedRange<UInt128>?) -> Bool {
        guard let inner else { return true }
        guard let outer else { return false }
        return outer.lowerBound <= inner.lowerBound && inner.upperBound <= outer.upperBound
    }
}
