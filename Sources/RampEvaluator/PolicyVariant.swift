import RampKube

/// A variant of one of two compared policy sets, such as the build of one
/// environment with the other's settings. Where the variant allows the
/// same ports as the other compared set, it explains their difference, and
/// a caller that reads only unexplained differences can leave the pair out.
public struct PolicyVariant: Sendable {
    /// The compared set that the variant changes.
    public let side: PolicySetSide
    let policies: [EffectivePolicy]

    /// Makes a variant of the set on `side` from the policies of `evaluator`.
    public init(of side: PolicySetSide, _ evaluator: NetworkPolicyEvaluator) {
        self.side = side
        policies = evaluator.effectivePolicies
    }
}

extension PolicyVariant {
    /// Returns whether the variant decides every connection as the
    /// policies of `other` do (see `decidesAlike(_:)` for policies).
    public func decidesAlike(_ other: NetworkPolicyEvaluator) -> Bool {
        decidesAlike(other.effectivePolicies)
    }

    /// Returns whether the variant decides every connection as `target`
    /// does, because every namespace contains policies of the same effect in
    /// both. A connection reads only the policies of its endpoints'
    /// namespaces, and no rule reads another policy.
    func decidesAlike(_ target: [EffectivePolicy]) -> Bool {
        let own = Dictionary(grouping: policies, by: \.namespace)
        let other = Dictionary(grouping: target, by: \.namespace)
        guard own.count == other.count else { return false }
        return own.allSatisfy { namespace, list in
            guard let targetList = other[namespace], targetList.count == list.count else { return false }
            return zip(list, targetList).allSatisfy { $0.hasSameEffect(as: $1) }
        }
    }
}

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
                result.append(AtomPairDifference(source: pair.source, destination: pair.destination, protocol: difference.protocol, ports: difference.ports))
            }
        }
        return ConnectivityComparison.ordered(result, limit: limit)
    }
}

extension AtomPairDifference {
    var pair: AtomPair { AtomPair(source: source, destination: destination) }
}
