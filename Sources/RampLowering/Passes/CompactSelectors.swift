import RampKube

/// Joins the peers of a rule that differ only in one label's value into one
/// peer with an `In` expression: `pod{app=a}, pod{app=b}` becomes
/// `pod{app in (a, b)}`. Pod selectors are joined among peers with the same
/// namespace selector, and namespace selectors among peers with the same pod
/// selector.
///
/// Exact: `(N and k=a) or (N and k=b)` is `N and k in (a, b)`.
public struct CompactSelectors: PlanPass {
    public let name = "compact-selectors"

    public init() {}

    public func run(_ plan: inout PolicyPlan) {
        for index in plan.objects.indices {
            plan.objects[index].ingress = plan.objects[index].ingress.map(compact)
            plan.objects[index].egress = plan.objects[index].egress.map(compact)
        }
    }

    private func compact(_ rule: PlanRule) -> PlanRule {
        guard var peers = rule.peers else { return rule }
        while let merge = bestMerge(peers) {
            let first = merge.members[0]
            peers[first] = merge.peer
            for member in merge.members.dropFirst().reversed() { peers.remove(at: member) }
        }
        var result = rule
        result.peers = peers
        return result
    }

    private struct Merge {
        let members: [Int]
        let peer: NetworkPolicyPeer
    }

    /// The selector of the peer that a merge changes.
    private enum Side: Hashable {
        case pod(namespaceSelector: LabelSelector?)
        case namespace(podSelector: LabelSelector?)
    }

    private struct GroupKey: Hashable {
        let side: Side
        let split: SelectorUnion.Split
    }

    /// Returns the largest group of two or more peers that can become one,
    /// the earliest such group on a tie.
    private func bestMerge(_ peers: [NetworkPolicyPeer]) -> Merge? {
        var groups: [GroupKey: [(index: Int, values: [String])]] = [:]
        var order: [GroupKey] = []
        for (index, peer) in peers.enumerated() where peer.ipBlock == nil {
            if let podSelector = peer.podSelector {
                let side = Side.pod(namespaceSelector: peer.namespaceSelector.map(SelectorUnion.canonical))
                for (split, values) in SelectorUnion.splits(podSelector) {
                    let key = GroupKey(side: side, split: split)
                    if groups[key] == nil { order.append(key) }
                    groups[key, default: []].append((index, values))
                }
            }
            if let namespaceSelector = peer.namespaceSelector {
                let side = Side.namespace(podSelector: peer.podSelector.map(SelectorUnion.canonical))
                for (split, values) in SelectorUnion.splits(namespaceSelector) {
                    let key = GroupKey(side: side, split: split)
                    if groups[key] == nil { order.append(key) }
                    groups[key, default: []].append((index, values))
                }
            }
        }
        guard let key = order.filter({ groups[$0]!.count >= 2 }).max(by: { groups[$0]!.count < groups[$1]!.count }) else {
            return nil
        }
        let members = groups[key]!
        let joined = SelectorUnion.join(key.split, values: members.flatMap(\.values))
        let peer: NetworkPolicyPeer
        switch key.side {
        case .pod(let namespaceSelector): peer = NetworkPolicyPeer(podSelector: joined, namespaceSelector: namespaceSelector)
        case .namespace(let podSelector): peer = NetworkPolicyPeer(podSelector: podSelector, namespaceSelector: joined)
        }
        return Merge(members: members.map(\.index).sorted(), peer: peer)
    }
}
