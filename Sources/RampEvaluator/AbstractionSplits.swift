import RampKube

/// The inputs that split the atoms of a `ClusterAbstraction`: each
/// policy's namespace and pod selector, each selector peer's namespace part
/// and pod selector, and each block of an ipBlock peer.
///
/// When the splits of another policy set lie within those of the policies
/// an abstraction was built from, adding that set would split no atom. So
/// the abstraction decides that set exactly, and `PolicySetAccess` can read
/// it without a new abstraction.
struct AbstractionSplits {
    private enum Split: Hashable {
        case policy(namespace: String, podSelector: LabelSelector)
        case peer(namespacePart: LabelSelector, podSelector: LabelSelector?)
        case block(CIDR)
    }

    private var splits: Set<Split> = []

    init(policies: [EffectivePolicy], extraPeers: [NetworkPolicyPeer] = []) {
        for policy in policies {
            splits.insert(.policy(namespace: policy.namespace, podSelector: policy.podSelector.normalized))
            for rule in policy.ingress + policy.egress {
                for peer in rule.peers ?? [] { insert(peer, policyNamespace: policy.namespace) }
            }
        }
        // An extra pod peer carries its own namespace selector, so the
        // policy namespace it would default to never matters.
        for peer in extraPeers { insert(peer, policyNamespace: "") }
    }

    private mutating func insert(_ peer: NetworkPolicyPeer, policyNamespace: String) {
        if let block = peer.ipBlock {
            for cidr in [block.cidr] + block.except { splits.insert(.block(cidr)) }
            return
        }
        let podSelector = peer.podSelector.flatMap { $0.isEmpty ? nil : $0.normalized }
        splits.insert(.peer(namespacePart: peer.namespacePart(policyNamespace: policyNamespace).normalized, podSelector: podSelector))
    }

    /// Returns whether every split of each policy set is one of these.
    func covers(_ policySets: [[EffectivePolicy]]) -> Bool {
        policySets.allSatisfy { AbstractionSplits(policies: $0).splits.isSubset(of: splits) }
    }
}
