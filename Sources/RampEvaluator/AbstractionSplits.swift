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
        insert(policies)
        // An extra pod peer carries its own namespace selector, so the
        // policy namespace it would default to never matters.
        for peer in extraPeers {
            for split in AbstractionSplits.splits(of: peer, policyNamespace: "") { splits.insert(split) }
        }
    }

    /// Adds the splits of more policies.
    mutating func insert(_ policies: [EffectivePolicy]) {
        for policy in policies {
            splits.insert(.policy(namespace: policy.namespace, podSelector: policy.podSelector.normalized))
            for rule in policy.ingress + policy.egress {
                for peer in rule.peers ?? [] {
                    for split in AbstractionSplits.splits(of: peer, policyNamespace: policy.namespace) { splits.insert(split) }
                }
            }
        }
    }

    /// Returns whether every split of a policy, read as `EffectivePolicy`
    /// reads it, is one of these, without building the `EffectivePolicy`.
    func covers(_ policy: NetworkPolicy) -> Bool {
        guard splits.contains(.policy(namespace: policy.namespace, podSelector: policy.podSelector.normalized)) else { return false }
        let isolated = EffectivePolicy.isolatedDirections(of: policy)
        let rules = (isolated.ingress ? policy.ingress ?? [] : []) + (isolated.egress ? policy.egress ?? [] : [])
        return rules.allSatisfy { rule in
            (rule.peers ?? []).allSatisfy { peer in
                AbstractionSplits.splits(of: peer, policyNamespace: policy.namespace).allSatisfy(splits.contains)
            }
        }
    }

    private static func splits(of peer: NetworkPolicyPeer, policyNamespace: String) -> [Split] {
        if let block = peer.ipBlock {
            return ([block.cidr] + block.except).map(Split.block)
        }
        let podSelector = peer.podSelector.flatMap { $0.isEmpty ? nil : $0.normalized }
        return [.peer(namespacePart: peer.namespacePart(policyNamespace: policyNamespace).normalized, podSelector: podSelector)]
    }

    /// Returns whether every split of each policy set is one of these.
    func covers(_ policySets: [[EffectivePolicy]]) -> Bool {
        policySets.allSatisfy { AbstractionSplits(policies: $0).splits.isSubset(of: splits) }
    }
}
