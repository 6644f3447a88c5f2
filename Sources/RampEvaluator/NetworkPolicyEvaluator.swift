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
    /// A class, so that evaluators made by `replacingPolicies(of:with:)`
    /// share the namespaces they keep instead of copying the dictionary.
    /// Each layer replaces the namespaces it contains in the layers below.
    private final class Index: Sendable {
        let byNamespace: [String: NamespacePolicies]
        let below: Index?

        init(_ byNamespace: [String: NamespacePolicies], below: Index? = nil) {
            self.byNamespace = byNamespace
            self.below = below
        }

        func policies(of namespace: String) -> NamespacePolicies? {
            byNamespace[namespace] ?? below?.policies(of: namespace)
        }

        var namespaces: Set<String> {
            Set(byNamespace.keys).union(below?.namespaces ?? [])
        }
    }

    private let index: Index
    /// The namespaces whose policies replace those in `index`.
    private let replaced: [String: NamespacePolicies]
    /// The maximum number of namespaces that a new evaluator copies from
    /// `replaced`. A larger set becomes a layer of the index instead, which
    /// evaluators made from this one share. Copying the namespaces that a
    /// setting changes everywhere for each small change took two fifths of the
    /// search for the causes of differences between large environments.
    private static let largestCopy = 64

    /// Checks the policies as the evaluator does before indexing them, for
    /// callers that need to know only whether an evaluator would accept them.
    public static func validate(_ policies: [NetworkPolicy]) throws(PolicyValidationError) {
        try PolicyValidator.validate(policies)
    }

    /// Validates the policies and indexes them by namespace.
    public init(policies: [NetworkPolicy]) throws(PolicyValidationError) {
        try PolicyValidator.validate(policies)
        index = Index(NetworkPolicyEvaluator.indexed(policies))
        replaced = [:]
    }

    private init(index: Index, replaced: [String: NamespacePolicies]) {
        self.index = index
        self.replaced = replaced
    }

    /// Returns an evaluator of the same policies, except that the policies
    /// of `namespaces` are replaced by those of `policies`, which must all
    /// lie in those namespaces. Only the new policies are validated.
    ///
    /// Evaluating a connection reads only the policies of its endpoints'
    /// namespaces, so builds that differ in a few namespaces share the
    /// index of every other one. Making one costs the size of the change.
    public func replacingPolicies(of namespaces: Set<String>, with policies: [NetworkPolicy]) throws(PolicyValidationError) -> NetworkPolicyEvaluator {
        try PolicyValidator.validate(policies)
        let indexed = NetworkPolicyEvaluator.indexed(policies)
        var changes: [String: NamespacePolicies] = [:]
        for namespace in namespaces {
            changes[namespace] = indexed[namespace] ?? .empty
        }
        return replacing(changes)
    }

    /// Returns an evaluator of the same policies, except that the policies
    /// of each namespace in a piece are those of the piece's evaluator.
    /// Nothing is validated again, as those evaluators validated their own.
    public func replacingPolicies(from pieces: [(namespaces: Set<String>, evaluator: NetworkPolicyEvaluator)]) -> NetworkPolicyEvaluator {
        var changes: [String: NamespacePolicies] = [:]
        for (namespaces, evaluator) in pieces {
            for namespace in namespaces {
                changes[namespace] = evaluator.namespacePolicies(namespace) ?? .empty
            }
        }
        return replacing(changes)
    }

    private func replacing(_ changes: [String: NamespacePolicies]) -> NetworkPolicyEvaluator {
        if replaced.count > NetworkPolicyEvaluator.largestCopy {
            return NetworkPolicyEvaluator(index: Index(replaced, below: index), replaced: changes)
        }
        return NetworkPolicyEvaluator(index: index, replaced: replaced.merging(changes) { $1 })
    }

    private static func indexed(_ policies: [NetworkPolicy]) -> [String: NamespacePolicies] {
        var effective: [String: [EffectivePolicy]] = [:]
        var portEntries: [String: Set<NetworkPolicyPort>] = [:]
        for policy in policies {
            let next = EffectivePolicy(policy)
            effective[policy.namespace, default: []].append(next)
            for rule in next.ingress + next.egress {
                portEntries[policy.namespace, default: []].formUnion(rule.ports ?? [])
            }
        }
        return effective.reduce(into: [:]) { result, entry in
            result[entry.key] = NamespacePolicies(policies: entry.value, portEntries: Array(portEntries[entry.key] ?? []))
        }
    }

    private func namespacePolicies(_ namespace: String) -> NamespacePolicies? {
        replaced[namespace] ?? index.policies(of: namespace)
    }

    /// The policies evaluated, with the API defaults applied, ordered by
    /// namespace and then as given.
    var effectivePolicies: [EffectivePolicy] {
        index.namespaces.union(replaced.keys).sorted().flatMap { namespacePolicies($0)?.policies ?? [] }
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
    /// need only the verdict use this.
    public func allows(_ connection: Connection) -> Bool {
        admits(.egress, of: connection.source, connection: connection)
            && admits(.ingress, of: connection.destination, connection: connection)
    }

    /// Returns true when `allows` is certain to return the same result for
    /// both connections. They may differ only in their port and in the
    /// container ports of their pods, and every port entry must match both
    /// or neither in each rule that could admit them: a rule of a policy
    /// that isolates the endpoint, with a peer that matches the other end.
    /// Any other rule admits neither connection, whatever its ports. Returns
    /// false otherwise, even where the results happen to agree.
    public func decidesAlike(_ first: Connection, _ second: Connection) -> Bool {
        guard first.protocol == second.protocol,
              NetworkPolicyEvaluator.sameEndpoint(first.source, second.source),
              NetworkPolicyEvaluator.sameEndpoint(first.destination, second.destination) else {
            return false
        }
        return portsAgree(.egress, of: first.source, first, second) && portsAgree(.ingress, of: first.destination, first, second)
    }

    /// Checks the rules of one side. When every port entry of the
    /// namespace agrees, which is the common case, no rule is matched.
    private func portsAgree(_ direction: NetworkPolicy.PolicyType, of endpoint: Endpoint, _ first: Connection, _ second: Connection) -> Bool {
        guard case .pod(let pod) = endpoint, let namespace = namespacePolicies(pod.namespace.name) else { return true }
        if namespace.portEntries.allSatisfy({ $0.matches(first) == $0.matches(second) }) { return true }

        let peer = direction == .ingress ? first.source : first.destination
        var peerNamespaceLabels: [String: String]?
        for policy in namespace.candidates(selecting: pod.labels) where policy.isolates(direction) && policy.podSelector.matches(pod.labels) {
            for rule in policy.rules(direction, couldAdmit: peer) {
                guard let ports = rule.ports, ports.contains(where: { $0.matches(first) != $0.matches(second) }) else { continue }
                guard let peers = rule.peers else { return false }
                if peers.contains(where: { $0.matches(peer, policyNamespace: policy.namespace, namespaceLabels: &peerNamespaceLabels) }) {
                    return false
                }
            }
        }
        return true
    }

    /// Returns the last port, from the connection's own up to `limit`,
    /// before which no port entry of a rule that could admit the connection
    /// starts or ends, as `decidesAlike(_:_:)` reads rules. A connection
    /// that differs from this one only in a port up to there gets the same
    /// verdict, if its destination names the same container ports at that
    /// port. A named entry then matches on every such port.
    public func lastPortDecidedAlike(_ connection: Connection, upTo limit: Int) -> Int {
        let egress = lastPortDecidedAlike(.egress, of: connection.source, connection, upTo: limit)
        return lastPortDecidedAlike(.ingress, of: connection.destination, connection, upTo: egress)
    }

    private func lastPortDecidedAlike(
        _ direction: NetworkPolicy.PolicyType, of endpoint: Endpoint, _ connection: Connection, upTo limit: Int
    ) -> Int {
        guard limit > connection.port, case .pod(let pod) = endpoint, let namespace = namespacePolicies(pod.namespace.name) else { return limit }
        let peer = direction == .ingress ? connection.source : connection.destination
        var peerNamespaceLabels: [String: String]?
        var last = limit
        for policy in namespace.candidates(selecting: pod.labels) where policy.isolates(direction) && policy.podSelector.matches(pod.labels) {
            for rule in policy.rules(direction, couldAdmit: peer) {
                guard let ports = rule.ports else { continue }
                if let peers = rule.peers,
                   !peers.contains(where: { $0.matches(peer, policyNamespace: policy.namespace, namespaceLabels: &peerNamespaceLabels) }) {
                    continue
                }
                for entry in ports where entry.effectiveProtocol == connection.protocol {
                    last = min(last, entry.lastPortMatchingAlike(from: connection.port))
                }
            }
        }
        return last
    }

    /// Returns what `allows` and `lastPortDecidedAlike(_:upTo:)` return,
    /// matching the peers of each rule once. A caller that reuses a verdict
    /// over a range of ports needs both, and both match the same peers
    /// against the same rules.
    public func allowsAndLastPortDecidedAlike(_ connection: Connection, upTo limit: Int) -> (allows: Bool, lastPort: Int) {
        let egress = admitsAndLastPort(.egress, of: connection.source, connection, upTo: limit)
        let ingress = admitsAndLastPort(.ingress, of: connection.destination, connection, upTo: egress.lastPort)
        return (egress.admits && ingress.admits, ingress.lastPort)
    }

    /// Returns what `admits` and `lastPortDecidedAlike` return for one side.
    private func admitsAndLastPort(
        _ direction: NetworkPolicy.PolicyType, of endpoint: Endpoint, _ connection: Connection, upTo limit: Int
    ) -> (admits: Bool, lastPort: Int) {
        guard case .pod(let pod) = endpoint, let namespace = namespacePolicies(pod.namespace.name) else { return (true, limit) }
        let peer = direction == .ingress ? connection.source : connection.destination
        var peerNamespaceLabels: [String: String]?
        var isolated = false
        var admitted = false
        var last = limit
        for policy in namespace.candidates(selecting: pod.labels) where policy.isolates(direction) && policy.podSelector.matches(pod.labels) {
            isolated = true
            for rule in policy.rules(direction, couldAdmit: peer) {
                if let peers = rule.peers,
                   !peers.contains(where: { $0.matches(peer, policyNamespace: policy.namespace, namespaceLabels: &peerNamespaceLabels) }) {
                    continue
                }
                if !admitted && rule.admitsPort(of: connection) { admitted = true }
                guard limit > connection.port, let ports = rule.ports else { continue }
                for entry in ports where entry.effectiveProtocol == connection.protocol {
                    last = min(last, entry.lastPortMatchingAlike(from: connection.port))
                }
            }
        }
        return (admitted || !isolated, last)
    }

    /// Compares two endpoints without the container ports of pods, which
    /// only the port entries read.
    private static func sameEndpoint(_ first: Endpoint, _ second: Endpoint) -> Bool {
        switch first {
        case .pod(let firstPod):
            guard case .pod(let secondPod) = second else { return false }
            return firstPod.name == secondPod.name && firstPod.namespace == secondPod.namespace && firstPod.labels == secondPod.labels
        case .ipAddress(let firstAddress):
            guard case .ipAddress(let secondAddress) = second else { return false }
            return firstAddress == secondAddress
        }
    }

    // MARK: - One side

    /// Returns whether one side admits the connection: the endpoint is
    /// outside the cluster, no policy isolates it, or a rule of an isolating
    /// policy admits the connection.
    private func admits(_ direction: NetworkPolicy.PolicyType, of endpoint: Endpoint, connection: Connection) -> Bool {
        guard case .pod(let pod) = endpoint, let namespace = namespacePolicies(pod.namespace.name) else { return true }
        let peer = direction == .ingress ? connection.source : connection.destination
        var peerNamespaceLabels: [String: String]?
        var isolated = false
        for policy in namespace.candidates(selecting: pod.labels) where policy.isolates(direction) && policy.podSelector.matches(pod.labels) {
            isolated = true
            for rule in policy.rules(direction, couldAdmit: peer) where rule.admitsPort(of: connection) {
                guard let peers = rule.peers else { return true }
                for candidate in peers
                where candidate.matches(peer, policyNamespace: policy.namespace, namespaceLabels: &peerNamespaceLabels) {
                    return true
                }
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
        let isolating = (namespacePolicies(pod.namespace.name)?.candidates(selecting: pod.labels) ?? []).filter {
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
        var namespaceLabels: [String: String]?
        return matches(endpoint, policyNamespace: policyNamespace, namespaceLabels: &namespaceLabels)
    }

    /// Matches as `matches(_:policyNamespace:)` does. `namespaceLabels`
    /// caches the effective labels of the endpoint's namespace: a nil value
    /// is filled in when a namespace selector first needs them, so that a
    /// caller matching many peers against one endpoint builds them once.
    func matches(_ endpoint: Endpoint, policyNamespace: String, namespaceLabels: inout [String: String]?) -> Bool {
        switch endpoint {
        case .ipAddress(let address):
            return ipBlock?.contains(address) ?? false
        case .pod(let pod):
            if ipBlock != nil { return false }
            let namespaceMatches: Bool
            if let namespaceSelector {
                if namespaceLabels == nil { namespaceLabels = pod.namespace.effectiveLabels }
                namespaceMatches = namespaceSelector.matches(namespaceLabels!)
            } else {
                namespaceMatches = pod.namespace.name == policyNamespace
            }
            return namespaceMatches && (podSelector?.matches(pod.labels) ?? true)
        }
    }
}

extension NetworkPolicyPort {
    /// Returns the last port from `port` on that this entry matches exactly
    /// when it matches `port`: one before its range starts or after it
    /// ends. A named entry, or one without a port, has no boundary.
    func lastPortMatchingAlike(from port: Int) -> Int {
        guard case .number(let first) = self.port else { return Int.max }
        let last = endPort ?? first
        if port < first { return first - 1 }
        if port <= last { return last }
        return Int.max
    }

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
