import RampIR
import RampKube
import RampSource

/// Finds the contract text behind the generated objects, rules, peers and
/// ports, for source maps and `ramp explain`.
///
/// The lowering records where each object and rule came from as origin
/// strings, `path:line:column` with an optional description, and the passes
/// carry them along when they merge objects and rules. This type maps them
/// back to the ranges of the declarations in the program. Every range it
/// maps starts at a distinct position, so the mapping is exact. Peers and
/// ports are attributed to the dependencies of their rule whose endpoints
/// and ports intersect them, so a merged rule names, for each peer and port,
/// the dependencies it serves.
public struct Provenance {
    /// A contract span and what it is to the generated text.
    public struct Source: Hashable, Sendable {
        public enum Role: String, Sendable {
            /// A service declaration, which gives an object its pod selector.
            case service
            /// A namespace's `deny` statement.
            case posture
            /// The statement or default that adds cluster DNS.
            case dns
            /// The client and the target of a dependency.
            case client
            case target
        }

        public let range: SourceRange
        public let role: Role
        /// A short phrase for people, such as `dependency 'web -> api:http'`.
        public let description: String
    }

    private enum Declaration {
        case dependencies([Dependency])
        case service(Service)
        case posture(Namespace)
        case dns(Namespace)
    }

    private let program: Program
    private let encoding: PeerEncoding
    private var declarations: [String: [Declaration]] = [:]

    public init(program: Program) {
        self.program = program
        self.encoding = PeerEncoding(program: program)
        // One statement with many targets gives many dependencies at one
        // location, so they are grouped before they become declarations.
        var dependencies: [String: [Dependency]] = [:]
        for dependency in program.dependencies {
            dependencies[dependency.origin.locationDescription, default: []].append(dependency)
        }
        for (key, list) in dependencies {
            declarations[key] = [.dependencies(list)]
        }
        for namespace in program.namespaces {
            for service in namespace.services {
                declarations[service.origin.locationDescription, default: []].append(.service(service))
            }
            if let origin = namespace.postureOrigin {
                declarations[origin.locationDescription, default: []].append(.posture(namespace))
            }
            if let origin = namespace.dnsOrigin {
                declarations[origin.locationDescription, default: []].append(.dns(namespace))
            }
        }
    }

    // MARK: - Objects and rules

    /// Returns the sources of an object's origins.
    public func objectSources(_ policy: NetworkPolicy) -> [Source] {
        unique(policy.comments.flatMap { sources(ofOrigin: $0, dependencies: { _ in true }) })
    }

    /// Returns the sources of one rule of `policy`: for a dependency, its
    /// client and target, restricted to the pairs whose pods of the policy's
    /// side are selected by the policy and whose other side meets the rule's peers.
    public func ruleSources(_ rule: NetworkPolicyRule, direction: NetworkPolicy.PolicyType, in policy: NetworkPolicy) -> [Source] {
        // A set, because a rule of thousands of origins looks up each one's dependencies.
        let dependencies = Set(ruleDependencies(rule, direction: direction, in: policy))
        let found = unique(rule.comments.flatMap { sources(ofOrigin: $0, dependencies: { dependencies.contains($0) }) })
        // When no dependency fits, the rule still came from its origins, so they are returned whole.
        return found.isEmpty ? unique(rule.comments.flatMap { sources(ofOrigin: $0, dependencies: { _ in true }) }) : found
    }

    /// Returns the sources of one peer of a rule: those of the rule's
    /// dependencies whose endpoint on the peer side meets the peer, or all of
    /// the rule's sources when no dependency produced the rule.
    public func peerSources(
        _ peer: NetworkPolicyPeer, of rule: NetworkPolicyRule, direction: NetworkPolicy.PolicyType, in policy: NetworkPolicy
    ) -> [Source] {
        let dependencies = ruleDependencies(rule, direction: direction, in: policy)
        guard !dependencies.isEmpty else { return ruleSources(rule, direction: direction, in: policy) }
        let matching = Set(dependencies.filter { dependency in
            let endpoint = direction == .ingress ? dependency.client : dependency.server
            return encoding.peers(for: endpoint, from: policy.namespace).contains { meet($0, peer, namespace: policy.namespace) }
        })
        return unique(rule.comments.flatMap { sources(ofOrigin: $0, dependencies: { matching.contains($0) }) })
    }

    /// Returns the sources of one port of a rule: those of the rule's
    /// dependencies whose ports include some port of the entry, or all of
    /// the rule's sources when no dependency produced the rule.
    public func portSources(
        _ port: NetworkPolicyPort, of rule: NetworkPolicyRule, direction: NetworkPolicy.PolicyType, in policy: NetworkPolicy
    ) -> [Source] {
        let dependencies = ruleDependencies(rule, direction: direction, in: policy)
        guard !dependencies.isEmpty else { return ruleSources(rule, direction: direction, in: policy) }
        let matching = Set(dependencies.filter { Provenance.ports($0.ports, meet: port) })
        return unique(rule.comments.flatMap { sources(ofOrigin: $0, dependencies: { matching.contains($0) }) })
    }

    // MARK: - Origins

    /// Splits an origin string into the location key of a declaration and
    /// the description after it. A path may contain spaces, so each space is
    /// tried as the end of the location.
    private func lookup(_ origin: String) -> (declarations: [Declaration], description: String)? {
        if let found = declarations[origin] { return (found, "") }
        for index in origin.indices where origin[index] == " " {
            if let found = declarations[String(origin[..<index])] {
                return (found, String(origin[origin.index(after: index)...]))
            }
        }
        return nil
    }

    private func sources(ofOrigin origin: String, dependencies include: (Dependency) -> Bool) -> [Source] {
        guard let (found, description) = lookup(origin) else { return [] }
        let addsDNS = description.hasPrefix("cluster DNS")
        var result: [Source] = []
        for declaration in found {
            switch declaration {
            case .dependencies(let list):
                for dependency in list where include(dependency) {
                    result += dependencySources(dependency)
                }
            case .service(let service):
                let text = addsDNS ? description : "service '\(service.id.name)'"
                result.append(Source(range: service.origin, role: addsDNS ? .dns : .service, description: text))
            case .posture(let namespace):
                let text = addsDNS ? description : "posture of namespace '\(namespace.name)'"
                result.append(Source(range: namespace.postureOrigin!, role: addsDNS ? .dns : .posture, description: text))
            case .dns(let namespace):
                result.append(Source(range: namespace.dnsOrigin!, role: .dns, description: description.isEmpty ? "DNS setting" : description))
            }
        }
        return result
    }

    private func dependencySources(_ dependency: Dependency) -> [Source] {
        let client = dependency.clientOrigin?.text ?? "?"
        let text = "dependency '\(client) -> \(dependency.origin.text)'"
        var result: [Source] = []
        if let clientOrigin = dependency.clientOrigin {
            result.append(Source(range: clientOrigin, role: .client, description: text))
        }
        result.append(Source(range: dependency.origin, role: .target, description: text))
        return result
    }

    /// Returns the sources in order, each once. A rule of thousands of
    /// origins has thousands of sources, so they pass through a set.
    private func unique(_ sources: [Source]) -> [Source] {
        var seen: Set<Source> = []
        return sources.filter { seen.insert($0).inserted }
    }

    // MARK: - Attribution

    /// Returns the dependencies named by the rule's origins that could have
    /// produced it: the policy selects pods of the dependency's side, and
    /// the other side meets a peer of the rule.
    private func ruleDependencies(
        _ rule: NetworkPolicyRule, direction: NetworkPolicy.PolicyType, in policy: NetworkPolicy
    ) -> [Dependency] {
        var result: [Dependency] = []
        for origin in rule.comments {
            guard let (found, _) = lookup(origin) else { continue }
            for case .dependencies(let list) in found {
                result += list.filter { dependency in
                    let own = direction == .ingress ? dependency.server : dependency.client
                    let other = direction == .ingress ? dependency.client : dependency.server
                    return selects(policy, podsOf: own) && meetsPeers(other, rule, namespace: policy.namespace)
                }
            }
        }
        return result
    }

    private func selects(_ policy: NetworkPolicy, podsOf endpoint: Endpoint) -> Bool {
        switch endpoint {
        case .service(let id):
            guard id.namespace == policy.namespace else { return false }
            return encoding.selectors[id].map { $0.intersects(policy.podSelector) } ?? false
        case .namespace, .namespaces, .cluster:
            return program.endpoint(endpoint, containsNamespace: policy.namespace)
        case .external:
            return false
        }
    }

    private func meetsPeers(_ endpoint: Endpoint, _ rule: NetworkPolicyRule, namespace: String) -> Bool {
        guard let peers = rule.peers else { return true }
        let encoded = encoding.peers(for: endpoint, from: namespace)
        return encoded.contains { candidate in peers.contains { meet(candidate, $0, namespace: namespace) } }
    }

    /// Returns whether two peers, in a policy of `namespace`, can match one
    /// pod or address.
    private func meet(_ left: NetworkPolicyPeer, _ right: NetworkPolicyPeer, namespace: String) -> Bool {
        if left.ipBlock != nil || right.ipBlock != nil {
            guard let leftBlock = left.ipBlock, let rightBlock = right.ipBlock else { return false }
            return leftBlock.cidr.contains(rightBlock.cidr) || rightBlock.cidr.contains(leftBlock.cidr)
        }
        return namespacesMeet(left.namespaceSelector, right.namespaceSelector, namespace: namespace)
            && (left.podSelector.map { pods in right.podSelector.map(pods.intersects) ?? true } ?? true)
    }

    /// Returns whether two namespace selectors can match one namespace; a
    /// peer without one means the policy's own namespace.
    private func namespacesMeet(_ left: LabelSelector?, _ right: LabelSelector?, namespace: String) -> Bool {
        switch (left, right) {
        case (nil, nil):
            return true
        case let (selector?, nil), let (nil, selector?):
            let labels = program.namespace(named: namespace)?.labels ?? [Namespace.nameLabel: namespace]
            return selector.matches(labels)
        case let (leftSelector?, rightSelector?):
            return leftSelector.intersects(rightSelector)
        }
    }

    static func ports(_ ports: PortSet, meet port: NetworkPolicyPort) -> Bool {
        guard case .some(let items) = ports else { return true }
        let networkProtocol = port.protocol ?? .tcp
        return items.contains { item in
            guard item.protocol == networkProtocol else { return false }
            switch (item.value, port.port) {
            case (_, nil):
                return true
            case let (.range(first, last), .number(number)):
                return first <= (port.endPort ?? number) && number <= last
            case let (.name(name), .name(other)):
                return name == other
            default:
                return false
            }
        }
    }
}
