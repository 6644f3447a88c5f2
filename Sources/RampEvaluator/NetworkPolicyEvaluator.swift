import RampKube

/// Evaluates concrete connections under a set of NetworkPolicies and
/// reports which rules decide each one.
///
/// A connection is allowed when the source's egress and the destination's
/// ingress both admit it. A pod is isolated for a direction when some policy
/// in its namespace selects it and lists that direction in `policyTypes`.
/// An isolated pod admits what at least one rule of those policies admits.
///
/// `ipBlock` peers match only `Endpoint.ipAddress`, never pods. The
/// Kubernetes documentation says ipBlock should name cluster-external IPs,
/// because pod IPs are ephemeral, and leaves pod-IP matching to the network
/// plugin. Selectors, in turn, never match an external address. An IPv4
/// block never matches an IPv6 address, IPv4-mapped ones included.
///
/// Traffic from a pod to itself is evaluated like any other connection,
/// although network plugins differ there. Outside the model are traffic
/// from a pod's own node (which the API always allows), host-network pods,
/// and the translation of Service addresses to pod addresses.
public struct NetworkPolicyEvaluator: Sendable {
    private let policiesByNamespace: [String: [EffectivePolicy]]

    /// Validates the policies and indexes them by namespace.
    public init(policies: [NetworkPolicy]) throws(PolicyValidationError) {
        try PolicyValidator.validate(policies)
        var index: [String: [EffectivePolicy]] = [:]
        for policy in policies {
            index[policy.namespace, default: []].append(EffectivePolicy(policy))
        }
        policiesByNamespace = index
    }

    /// Evaluates one connection to `port` (1 to 65535) over `protocol`.
    public func isAllowed(
        from source: Endpoint,
        to destination: Endpoint,
        protocol: NetworkProtocol,
        port: Int
    ) -> Verdict {
        let connection = Connection(from: source, to: destination, protocol: `protocol`, port: port)
        return evaluate(connection)
    }

    /// Evaluates one connection.
    public func evaluate(_ connection: Connection) -> Verdict {
        Verdict(
            connection: connection,
            egress: decide(.egress, of: connection.source, connection: connection),
            ingress: decide(.ingress, of: connection.destination, connection: connection)
        )
    }

    /// Returns whether the connection is allowed, which is what
    /// `evaluate(_:).isAllowed` returns, without collecting the rules and
    /// policies that decide it. Callers that evaluate many connections and
    /// need only the answer use this.
    public func allows(_ connection: Connection) -> Bool {
        admits(.egress, of: connection.source, connection: connection)
            && admits(.ingress, of: connection.destination, connection: connection)
    }

    // MARK: - One side

    /// Returns whether one side admits the connection: the endpoint is
    /// outside the cluster, no policy isolates it, or a rule of an isolating
    /// policy admits the connection.
    private func admits(_ direction: NetworkPolicy.PolicyType, of endpoint: Endpoint, connection: Connection) -> Bool {
        guard case .pod(let pod) = endpoint, let policies = policiesByNamespace[pod.namespace.name] else { return true }
        let peer = direction == .ingress ? connection.source : connection.destination
        var isolated = false
        for policy in policies where policy.isolates(direction) && policy.podSelector.matches(pod.labels) {
            isolated = true
            for rule in policy.rules(direction)
            where rule.admitsPeer(peer, policyNamespace: policy.namespace) && rule.admitsPort(of: connection) {
                return true
            }
        }
        return !isolated
    }

    /// Decides the egress of the source or the ingress of the destination.
    private func decide(
        _ direction: NetworkPolicy.PolicyType,
        of endpoint: Endpoint,
        connection: Connection
    ) -> DirectionVerdict {
        guard case .pod(let pod) = endpoint else { return .external }
        let isolating = (policiesByNamespace[pod.namespace.name] ?? []).filter {
            $0.isolates(direction) && $0.podSelector.matches(pod.labels)
        }
        if isolating.isEmpty { return .notIsolated }

        let peer = direction == .ingress ? connection.source : connection.destination
        let admitting = isolating.flatMap { policy in
            policy.rules(direction).filter { rule in
                rule.admitsPeer(peer, policyNamespace: policy.namespace) && rule.admitsPort(of: connection)
            }
        }
        if admitting.isEmpty { return .denied(isolatedBy: isolating.map(\.reference)) }
        return .admitted(by: admitting.map(\.reference))
    }
}

// MARK: - Matching

extension EffectiveRule {
    /// Returns whether some peer of the rule matches the endpoint at the other end of the connection.
    func admitsPeer(_ endpoint: Endpoint, policyNamespace: String) -> Bool {
        guard let peers else { return true }
        return peers.contains { $0.matches(endpoint, policyNamespace: policyNamespace) }
    }

    /// Returns whether some port entry matches the connection. Named ports
    /// resolve against the destination's container ports in both directions.
    func admitsPort(of connection: Connection) -> Bool {
        guard let ports else { return true }
        return ports.contains { $0.matches(connection) }
    }
}

extension NetworkPolicyPeer {
    func matches(_ endpoint: Endpoint, policyNamespace: String) -> Bool {
        switch endpoint {
        case .ipAddress(let address):
            return ipBlock?.contains(address) ?? false
        case .pod(let pod):
            if ipBlock != nil { return false }
            let namespaceMatches = namespaceSelector.map { $0.matches(pod.namespace.effectiveLabels) }
                ?? (pod.namespace.name == policyNamespace)
            return namespaceMatches && (podSelector?.matches(pod.labels) ?? true)
        }
    }
}

extension NetworkPolicyPort {
    func matches(_ connection: Connection) -> Bool {
        guard effectiveProtocol == connection.protocol else { return false }
        switch port {
        case nil:
            return true
        case .number(let first):
            return (first...(endPort ?? first)).contains(connection.port)
        case .name(let name):
            guard case .pod(let destination) = connection.destination else { return false }
            return destination.hasNamedPort(name, protocol: connection.protocol, number: connection.port)
        }
    }
}
