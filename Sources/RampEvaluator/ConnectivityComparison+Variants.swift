import RampKube
import RampSource

extension ConnectivityComparison {
    /// Returns the atom pairs, with their protocols, on which each variant
    /// allows other ports than the compared set it is a variant towards.
    /// Every other difference has a variant that explains it.
    ///
    /// Each variant is compared as any two sets are, group by group, and
    /// lists only the pairs where it differs. So when the variants explain
    /// most differences, the pairs listed stay few, however many pairs the
    /// two compared sets differ on. The variants are compared on all
    /// processor cores, each with its own copies of the port set table and
    /// the peer index, because a comparison adds sets to both.
    func pairsUnexplained(by variants: [PolicyVariant], peerIndex: PeerAtomIndex) -> [AtomPair: Set<NetworkProtocol>] {
        // Safe to share: each comparison reads this one and forms port sets
        // only in its own table.
        nonisolated(unsafe) let comparison = self
        let results = variants.concurrentMap { variant in comparison.pairsDiffering(from: variant, peerIndex: peerIndex) }
        guard var unexplained = results.first else { return [:] }
        for other in results.dropFirst() {
            var unexplainedByBoth: [AtomPair: Set<NetworkProtocol>] = [:]
            for (pair, protocols) in other {
                let both = protocols.intersection(unexplained[pair] ?? [])
                if !both.isEmpty { unexplainedByBoth[pair] = both }
            }
            unexplained = unexplainedByBoth
        }
        return unexplained
    }

    /// Returns the atom pairs, with their protocols, on which a variant
    /// allows other ports than the compared set it is a variant towards.
    private func pairsDiffering(from variant: PolicyVariant, peerIndex: PeerAtomIndex) -> [AtomPair: Set<NetworkProtocol>] {
        let table = table.copy()
        var peerIndex = peerIndex
        let access = PolicySetAccess(policies: variant.policies, abstraction: abstraction, table: table, peerIndex: &peerIndex)
        let comparison = ConnectivityComparison(
            abstraction: abstraction, table: table,
            first: access, second: (variant.side == .first ? second : first).using(table),
            wideSets: peerIndex.wideSets
        )
        var differing: [AtomPair: Set<NetworkProtocol>] = [:]
        for difference in comparison.differences(limit: nil) {
            differing[difference.pair, default: []].insert(difference.protocol)
        }
        return differing
    }

    /// Returns the differences on the given atom pairs and protocols alone,
    /// ordered and limited as `firstDifferences(limit:)` orders and limits them.
    func firstDifferences(on pairs: [AtomPair: Set<NetworkProtocol>], limit: Int?) -> FirstDifferences {
        var found = FirstDifferences(limit: limit)
        var templates: [PortsKey: [AtomPairDifference]] = [:]
        for (pair, protocols) in pairs {
            let key = portsKey(from: pair.source, to: pair.destination)
            for difference in template(for: key, in: &templates) where protocols.contains(difference.protocol) {
                found.add(AtomPairDifference(
                    source: pair.source, destination: pair.destination, protocol: difference.protocol, ports: difference.ports
                ))
            }
        }
        return found
    }
}
