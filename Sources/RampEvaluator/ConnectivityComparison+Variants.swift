import RampKube

extension ConnectivityComparison {
    /// Returns the atom pairs, with their protocols, on which each variant
    /// allows other ports than the compared set it is a variant towards.
    /// Every other difference has a variant that explains it.
    ///
    /// Each variant is compared as any two sets are, group by group, and
    /// lists only the pairs where it differs. So when the variants explain
    /// most differences, the pairs listed stay few, however many pairs the
    /// two compared sets differ on.
    func pairsUnexplained(by variants: [PolicyVariant], peerIndex: inout PeerAtomIndex) -> [AtomPair: Set<NetworkProtocol>] {
        var unexplained: [AtomPair: Set<NetworkProtocol>]?
        for variant in variants {
            // Once every pair is explained, the other variants have nothing to explain.
            if unexplained?.isEmpty == true { break }
            let access = PolicySetAccess(policies: variant.policies, abstraction: abstraction, table: table, peerIndex: &peerIndex)
            let comparison = ConnectivityComparison(
                abstraction: abstraction, table: table,
                first: access, second: variant.side == .first ? second : first,
                wideSets: peerIndex.wideSets
            )
            var differing: [AtomPair: Set<NetworkProtocol>] = [:]
            for difference in comparison.differences(limit: nil) {
                if let unexplained, !(unexplained[difference.pair]?.contains(difference.protocol) ?? false) { continue }
                differing[difference.pair, default: []].insert(difference.protocol)
            }
            unexplained = differing
        }
        return unexplained ?? [:]
    }

    /// Returns the differences on the given atom pairs and protocols alone,
    /// ordered and limited as `differences(limit:)` orders and limits them.
    func differences(on pairs: [AtomPair: Set<NetworkProtocol>], limit: Int?) -> [AtomPairDifference] {
        var result: [AtomPairDifference] = []
        var templates: [PortsKey: [AtomPairDifference]] = [:]
        for (pair, protocols) in pairs {
            let key = portsKey(from: pair.source, to: pair.destination)
            for difference in template(for: key, in: &templates) where protocols.contains(difference.protocol) {
                result.append(AtomPairDifference(
                    source: pair.source, destination: pair.destination, protocol: difference.protocol, ports: difference.ports
                ))
            }
        }
        return ConnectivityComparison.ordered(result, limit: limit)
    }
}
