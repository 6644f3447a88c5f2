import RampEvaluator
import RampKube

/// Concrete connections that usually show at once that a policy is not
/// redundant, before the exact equivalence check runs.
///
/// The evaluator decides a concrete connection exactly. So when the
/// namespace's policies decide one connection differently with and without
/// the policy, removing it changes what is allowed, and the equivalence
/// check, which builds an abstraction of every cluster, is not needed. The
/// probes are a pod that the policy selects, with a peer outside every
/// namespace, a peer in its own namespace, and a peer and port that each
/// rule of the policy admits. A policy that is the only one to admit some
/// peer, as most policies that ramp generates are, is shown by one of them.
enum RedundancyProbe {
    /// Returns whether some probe of `removed` is decided differently by
    /// the policies `with` it and `without` it.
    static func distinguishes(_ with: [NetworkPolicy], _ without: [NetworkPolicy], removed: NetworkPolicy) -> Bool {
        guard let withEvaluator = try? NetworkPolicyEvaluator(policies: with),
              let withoutEvaluator = try? NetworkPolicyEvaluator(policies: without) else { return false }
        return connections(probing: removed).contains { withEvaluator.allows($0) != withoutEvaluator.allows($0) }
    }

    /// One end of a probe with the port and protocol it is reached on.
    private struct Peer {
        let endpoint: Endpoint
        let port: Int
        let networkProtocol: NetworkProtocol
    }

    /// Returns the probe connections of a policy, or none when no pod
    /// that it selects can be written down from its selector.
    static func connections(probing policy: NetworkPolicy) -> [Connection] {
        guard let subjectLabels = witnessLabels(policy.podSelector) else { return [] }
        var connections: [Connection] = []
        for direction in isolatedDirections(policy) {
            let rules = (direction == .ingress ? policy.ingress : policy.egress) ?? []
            var peers = [
                Peer(endpoint: .ipAddress(probeAddress), port: 1, networkProtocol: .tcp),
                Peer(endpoint: .pod(Pod(name: "probe-peer", namespace: Namespace(name: policy.namespace))), port: 1, networkProtocol: .tcp),
            ]
            for rule in rules { peers += admittedPeers(rule, policyNamespace: policy.namespace) }

            for peer in peers {
                let subject = Endpoint.pod(Pod(name: "probe-subject", namespace: subjectNamespace(policy.namespace, peer: peer), labels: subjectLabels))
                connections.append(direction == .ingress
                    ? Connection(from: peer.endpoint, to: subject, protocol: peer.networkProtocol, port: peer.port)
                    : Connection(from: subject, to: peer.endpoint, protocol: peer.networkProtocol, port: peer.port))
            }
        }
        return connections
    }

    /// Returns the subject's namespace: the peer's when the peer lies in the
    /// same namespace, so that both carry the same labels in one cluster.
    private static func subjectNamespace(_ name: String, peer: Peer) -> Namespace {
        if case .pod(let pod) = peer.endpoint, pod.namespace.name == name { return pod.namespace }
        return Namespace(name: name)
    }

    /// An address of the documentation range, which real policies rarely name.
    private static let probeAddress = IPAddress(family: .ipv4, value: 0xC000_0201)

    /// Returns the directions the policy isolates, with the API's default
    /// when `policyTypes` is empty.
    private static func isolatedDirections(_ policy: NetworkPolicy) -> [NetworkPolicy.PolicyType] {
        guard policy.policyTypes.isEmpty else { return policy.policyTypes }
        return (policy.egress ?? []).isEmpty ? [.ingress] : [.ingress, .egress]
    }

    /// Returns one peer for each peer of the rule, each on the first port
    /// the rule names by number, or on port 1 when it names none.
    private static func admittedPeers(_ rule: NetworkPolicyRule, policyNamespace: String) -> [Peer] {
        let port = (rule.ports ?? []).lazy.compactMap { entry -> (Int, NetworkProtocol)? in
            guard case .number(let number) = entry.port else { return nil }
            return (number, entry.protocol ?? .tcp)
        }.first ?? (1, .tcp)
        let peers = rule.peers ?? []
        guard !peers.isEmpty else { return [Peer(endpoint: .ipAddress(probeAddress), port: port.0, networkProtocol: port.1)] }

        return peers.compactMap { peer in
            witness(of: peer, policyNamespace: policyNamespace).map { Peer(endpoint: $0, port: port.0, networkProtocol: port.1) }
        }
    }

    /// Returns an endpoint that the peer matches, or nil when its selectors
    /// or block give none that is simple to write down.
    private static func witness(of peer: NetworkPolicyPeer, policyNamespace: String) -> Endpoint? {
        if let block = peer.ipBlock {
            let address = IPAddress(family: block.cidr.family, value: block.cidr.address)
            return block.except.contains { $0.family == address.family && $0.contains(address: address.value, family: address.family) }
                ? nil : .ipAddress(address)
        }
        guard let podLabels = witnessLabels(peer.podSelector ?? .everything) else { return nil }
        guard let namespaceSelector = peer.namespaceSelector else {
            return .pod(Pod(name: "probe-peer", namespace: Namespace(name: policyNamespace), labels: podLabels))
        }
        guard var namespaceLabels = witnessLabels(namespaceSelector) else { return nil }
        let name = namespaceLabels.removeValue(forKey: Namespace.nameLabel) ?? "probe-namespace"
        let namespace = Namespace(name: name, labels: namespaceLabels)
        guard namespaceSelector.matches(namespace.effectiveLabels) else { return nil }
        return .pod(Pod(name: "probe-peer", namespace: namespace, labels: podLabels))
    }

    /// Returns labels that the selector matches, built from what it
    /// requires, or nil when the selector does not match them.
    static func witnessLabels(_ selector: LabelSelector) -> [String: String]? {
        var labels = selector.matchLabels
        for requirement in selector.matchExpressions where labels[requirement.key] == nil {
            switch requirement.operator {
            case .in: labels[requirement.key] = requirement.values.first
            case .exists: labels[requirement.key] = "probe"
            case .notIn, .doesNotExist: break
            }
        }
        return selector.matches(labels) ? labels : nil
    }
}
