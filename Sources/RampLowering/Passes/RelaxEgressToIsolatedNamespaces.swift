import RampKube

/// Replaces a direction's egress rules whose peers all lie in one namespace
/// that isolates every pod for ingress by a single rule to that whole
/// namespace on every port.
///
/// This pass relies on other objects: a connection needs both the source's
/// egress and the destination's ingress, and in such a namespace every pod's
/// ingress already admits exactly what the contracts allow, so the wider
/// egress changes no connection. It is exact for the plan as a whole but not
/// for the object alone: if the namespace's ingress policies were removed or
/// widened outside ramp, the client's egress would no longer hold the line.
/// That is why it runs only at the opt-in level `trust-ingress`.
public struct RelaxEgressToIsolatedNamespaces: PlanPass {
    public let name = "relax-egress-to-isolated-namespaces"

    public init() {}

    public func run(_ plan: inout PolicyPlan) {
        let isolated = Set(plan.objects.filter { $0.podSelector.isEmpty && $0.policyTypes.contains(.ingress) }.map(\.namespace))
        for index in plan.objects.indices {
            plan.objects[index].egress = relax(plan.objects[index].egress, from: plan.objects[index].namespace, isolated: isolated)
        }
    }

    private func relax(_ rules: [PlanRule], from namespace: String, isolated: Set<String>) -> [PlanRule] {
        var kept: [PlanRule] = []
        var relaxed: [String: PlanRule] = [:]
        var order: [String] = []
        for rule in rules {
            guard let target = soleNamespace(of: rule, from: namespace), isolated.contains(target) else {
                kept.append(rule)
                continue
            }
            if relaxed[target] == nil {
                order.append(target)
                let peer = target == namespace
                    ? NetworkPolicyPeer(podSelector: .everything)
                    : NetworkPolicyPeer(namespaceSelector: LabelSelector(matchLabels: ["kubernetes.io/metadata.name": target]))
                relaxed[target] = PlanRule(peers: [peer], ports: nil)
            }
            relaxed[target]!.addOrigins(rule.origins)
        }
        return kept + order.map { relaxed[$0]! }
    }

    /// Returns the namespace that contains every peer of the rule, when there is
    /// exactly one: pod-only peers lie in the policy's namespace, and a
    /// namespace selector must name one namespace.
    private func soleNamespace(of rule: PlanRule, from namespace: String) -> String? {
        guard let peers = rule.peers, !peers.isEmpty else { return nil }
        var found: String?
        for peer in peers {
            guard peer.ipBlock == nil else { return nil }
            let peerNamespace: String
            if let selector = peer.namespaceSelector {
                guard selector.matchExpressions.isEmpty, selector.matchLabels.count == 1,
                      let name = selector.matchLabels["kubernetes.io/metadata.name"] else { return nil }
                peerNamespace = name
            } else {
                peerNamespace = namespace
            }
            if let found, found != peerNamespace { return nil }
            found = peerNamespace
        }
        return found
    }
}
