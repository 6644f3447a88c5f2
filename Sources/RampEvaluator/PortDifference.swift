import RampKube

/// One of the two compared policy sets.
public enum PolicySetSide: String, Hashable, Sendable {
    case first
    case second
}

/// Ports on which exactly one of two policy sets allows a connection.
public struct PortDifference: Hashable, Sendable, CustomStringConvertible {
    public let ports: ClosedRange<Int>
    /// Container port names that the destination pod gives the port number,
    /// with the connection's protocol. Empty means that no container port
    /// named in the rules has that number and protocol.
    public let namedPorts: [String]
    public let allowedBy: PolicySetSide

    public var description: String {
        let range = ports.count == 1 ? "\(ports.lowerBound)" : "\(ports.lowerBound)-\(ports.upperBound)"
        let names = namedPorts.isEmpty ? "" : " named " + namedPorts.joined(separator: ", ")
        return "\(range)\(names) allowed by \(allowedBy.rawValue)"
    }
}

/// Compares what two policy sets allow on one protocol between one source
/// class and one destination class, given for each set the ports the
/// source's egress admits and the ports the destination's ingress admits.
///
/// Named ports make the allowed set depend on the destination's container
/// ports. At a port number p, the only thing that matters is which of the
/// mentioned names the destination gives number p with this protocol (the
/// set Q). Each name contributes to up to four of the port sets (egress and
/// ingress of each policy set), so Q acts through a 4-bit pattern, the OR of
/// its names' patterns. The comparison tries every reachable pattern (at
/// most 16), which covers every assignment of container ports exactly.
/// That includes two names sharing one number and protocol: the API server
/// accepts such a pod and only warns about a duplicate port definition
/// (`pkg/api/pod/warnings.go` in kubernetes/kubernetes).
enum PortComparison {
    typealias Sides = (egress: ProtocolPorts, ingress: ProtocolPorts)

    private static let firstEgress = 1
    private static let firstIngress = 2
    private static let secondEgress = 4
    private static let secondIngress = 8

    /// Returns the differing ports, first those needing no named container
    /// port, then by the names needed, each group in port order.
    static func differences(first: Sides, second: Sides) -> [PortDifference] {
        var result: [PortDifference] = []
        for (pattern, names) in reachablePatterns(first: first, second: second) {
            let allowedByFirst = allowed(first, egressResolves: pattern & firstEgress != 0,
                                         ingressResolves: pattern & firstIngress != 0)
            let allowedBySecond = allowed(second, egressResolves: pattern & secondEgress != 0,
                                          ingressResolves: pattern & secondIngress != 0)
            let onlyFirst = allowedByFirst.subtracting(allowedBySecond).ranges.map {
                PortDifference(ports: $0, namedPorts: names, allowedBy: .first)
            }
            let onlySecond = allowedBySecond.subtracting(allowedByFirst).ranges.map {
                PortDifference(ports: $0, namedPorts: names, allowedBy: .second)
            }
            result += (onlyFirst + onlySecond).sorted { $0.ports.lowerBound < $1.ports.lowerBound }
        }
        return result
    }

    /// Returns the ports one set allows when the names in Q resolve to the
    /// port number. A side whose names meet Q admits every number.
    private static func allowed(_ sides: Sides, egressResolves: Bool, ingressResolves: Bool) -> PortRanges {
        let egress = egressResolves ? PortRanges.all : sides.egress.numbers
        let ingress = ingressResolves ? PortRanges.all : sides.ingress.numbers
        return egress.intersection(ingress)
    }

    /// Returns every pattern that some set of names produces, each with the
    /// smallest such set found, ordered by that set. The empty set comes first.
    private static func reachablePatterns(first: Sides, second: Sides) -> [(Int, [String])] {
        let allNames = first.egress.names.union(first.ingress.names)
            .union(second.egress.names).union(second.ingress.names).sorted()
        var witnesses: [Int: [String]] = [0: []]
        for name in allNames {
            var pattern = 0
            if first.egress.names.contains(name) { pattern |= firstEgress }
            if first.ingress.names.contains(name) { pattern |= firstIngress }
            if second.egress.names.contains(name) { pattern |= secondEgress }
            if second.ingress.names.contains(name) { pattern |= secondIngress }
            for (reached, names) in witnesses.sorted(by: { $0.key < $1.key }) where witnesses[reached | pattern] == nil {
                witnesses[reached | pattern] = names + [name]
            }
        }
        return witnesses.map { ($0.key, $0.value) }.sorted { lhs, rhs in
            if lhs.1.count != rhs.1.count { return lhs.1.count < rhs.1.count }
            return lhs.1.lexicographicallyPrecedes(rhs.1)
        }
    }
}
