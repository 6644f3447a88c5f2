import RampEvaluator
import RampIR
import RampKube

/// Names endpoints, classes of endpoints and ports in the terms of the
/// contracts: services, namespaces and networks.
///
/// Classes are named from a concrete member, which is exact when the
/// classes were split by `refiningPeers`: each class then lies inside or
/// outside every service, declared namespace and named address set.
public struct ContractVocabulary: Sendable {
    private struct NamedBlocks: Sendable {
        let name: String
        let blocks: [IPBlock]
    }

    private let services: [Service]
    private let declaredNamespaces: Set<String>
    private let externals: [NamedBlocks]

    /// Takes names from every program, the first program first.
    public init(programs: [Program]) {
        var services: [ServiceID: Service] = [:]
        var namespaces: Set<String> = []
        var externals: [String: NamedBlocks] = [:]
        for program in programs {
            for namespace in program.namespaces {
                namespaces.insert(namespace.name)
                for service in namespace.services where services[service.id] == nil { services[service.id] = service }
            }
            let endpoints = program.dependencies.flatMap { [$0.client, $0.server] }
                + program.invariants.flatMap { $0.clients + [$0.server] }
                + program.expectations.flatMap { [$0.client, $0.server] }
            for case let .external(name, blocks) in endpoints where externals[name] == nil {
                externals[name] = NamedBlocks(name: ContractVocabulary.externalName(name), blocks: blocks)
            }
        }
        // Every address outside the cluster is in the internet, named or not.
        if externals["internet"] == nil { externals["internet"] = NamedBlocks(name: "internet", blocks: RampIR.Endpoint.internet.blocks) }
        self.services = services.values.sorted { $0.id < $1.id }
        declaredNamespaces = namespaces
        self.externals = externals.keys.sorted().map { externals[$0]! }
    }

    /// Peers that split endpoint classes so that `describe(_:example:)` is
    /// exact: every service, every declared namespace and every named set of addresses.
    public var refiningPeers: [NetworkPolicyPeer] {
        let servicePeers = services.map {
            NetworkPolicyPeer(podSelector: $0.selector, namespaceSelector: QueryEncoding.namespaceNamed($0.id.namespace))
        }
        let namespacePeers = declaredNamespaces.sorted().map { NetworkPolicyPeer(namespaceSelector: QueryEncoding.namespaceNamed($0)) }
        let addressPeers = externals.flatMap { $0.blocks.map { NetworkPolicyPeer(ipBlock: $0) } }
        return servicePeers + namespacePeers + addressPeers
    }

    // MARK: - Contract endpoints and ports

    /// Returns the endpoint as a contract writes it, with the namespace of a service.
    public func describe(_ endpoint: RampIR.Endpoint) -> String {
        switch endpoint {
        case .service(let id): return id.description
        case .namespace(let name): return "namespace \(name)"
        case .namespaces(let selector): return "namespaces [\(ContractVocabulary.describe(selector))]"
        case .cluster: return "cluster"
        case .external(let name, _): return ContractVocabulary.externalName(name)
        }
    }

    public func describe(_ endpoints: [RampIR.Endpoint]) -> String {
        endpoints.map(describe).joined(separator: ", ")
    }

    /// Returns ports such as `TCP 80, 443 and UDP 53`, or `every port`.
    public func describe(_ ports: RampIR.PortSet) -> String {
        switch ports {
        case .all: return "every port"
        case .some(let items): return describe(items)
        }
    }

    public func describe(_ items: [PortItem]) -> String {
        let byProtocol = Dictionary(grouping: items, by: \.protocol)
        return byProtocol.keys.sorted().map { networkProtocol in
            let values = byProtocol[networkProtocol]!.sorted().map { item -> String in
                switch item.value {
                case let .range(first, last): return first == last ? "\(first)" : "\(first)-\(last)"
                case .name(let name): return "'\(name)'"
                }
            }
            return networkProtocol.rawValue + " " + values.joined(separator: ", ")
        }.joined(separator: " and ")
    }

    /// Returns ports of several protocols joined by "and", or `every port`
    /// when they cover every port of every protocol.
    public func describePorts(_ portsByProtocol: [(NetworkProtocol, [ClosedRange<Int>])], namedPorts: [String] = []) -> String {
        let protocols = Set(portsByProtocol.filter { $0.1 == [1...65535] }.map(\.0))
        if namedPorts.isEmpty && protocols.count == NetworkProtocol.allCases.count { return "every port" }
        return portsByProtocol.map { describePorts($0.0, $0.1, namedPorts: namedPorts) }.joined(separator: " and ")
    }

    /// Returns ports of one protocol such as `TCP 80-81`, or `TCP ports named 'metrics'`.
    public func describePorts(_ networkProtocol: NetworkProtocol, _ ranges: [ClosedRange<Int>], namedPorts: [String] = []) -> String {
        let names = namedPorts.map { "'\($0)'" }.joined(separator: ", ")
        if ranges == [1...65535] {
            return namedPorts.isEmpty ? "every \(networkProtocol.rawValue) port" : "\(networkProtocol.rawValue) ports named \(names)"
        }
        let numbers = ranges.map { $0.count == 1 ? "\($0.lowerBound)" : "\($0.lowerBound)-\($0.upperBound)" }.joined(separator: ", ")
        return networkProtocol.rawValue + " " + numbers + (namedPorts.isEmpty ? "" : " named \(names)")
    }

    // MARK: - Concrete endpoints

    /// Returns a concrete endpoint as a member of the contracts' services,
    /// namespaces or networks, such as `a pod of shop/api`.
    public func describe(_ endpoint: RampEvaluator.Endpoint) -> String {
        switch endpoint {
        case .pod(let pod):
            let matching = services(containing: pod)
            if !matching.isEmpty { return "a pod of " + matching.map(\.description).joined(separator: " and ") }
            let labels = pod.labels.isEmpty ? "a pod without labels" : "a pod {\(ContractVocabulary.describe(pod.labels))}"
            if declaredNamespaces.contains(pod.namespace.name) { return "\(labels) of namespace '\(pod.namespace.name)'" }
            let namespaceLabels = pod.namespace.labels.filter { $0.key != RampEvaluator.Namespace.nameLabel }
            let suffix = namespaceLabels.isEmpty ? "" : " {\(ContractVocabulary.describe(namespaceLabels))}"
            return "\(labels) in undeclared namespace '\(pod.namespace.name)'\(suffix)"
        case .ipAddress(let address):
            guard let name = externalName(containing: address, through: address) else { return "\(address)" }
            return "\(address) (\(name))"
        }
    }

    /// Returns a name for a class of endpoints, given one of its members.
    public func describe(_ endpointClass: EndpointClass, example: RampEvaluator.Endpoint) -> String {
        switch (endpointClass.kind, example) {
        case let (.addresses(first, last), _):
            let range = ContractVocabulary.describeRange(first, last)
            guard let name = externalName(containing: first, through: last) else { return "addresses \(range)" }
            let wholeBlock = externals.contains { external in
                external.name == name && external.blocks.contains {
                    $0.except.isEmpty && $0.cidr.family == first.family && $0.cidr.first == first.value && $0.cidr.last == last.value
                }
            }
            return wholeBlock ? name : "\(name) (\(range))"
        case let (.pods(namespaceLabels, podLabels), .pod(pod)):
            let matching = services(containing: pod)
            if !matching.isEmpty { return matching.map(\.description).joined(separator: " and ") }
            if declaredNamespaces.contains(pod.namespace.name) {
                return "pods of namespace '\(pod.namespace.name)' outside its services"
            }
            // The name label is never missing, so its part of the description is one of
            // `k=name`, `k in (...)` or `k notin (...)`.
            let parts = ContractVocabulary.topLevelParts(namespaceLabels)
            let namePart = "\(RampEvaluator.Namespace.nameLabel)=\(pod.namespace.name)"
            let otherParts = parts.filter { !$0.hasPrefix(RampEvaluator.Namespace.nameLabel) }
            let labelled = otherParts.isEmpty ? "" : " labelled {\(otherParts.joined(separator: ","))}"
            let pods = podLabels == "(any labels)" ? "pods" : "pods {\(podLabels)}"
            if parts.contains(namePart) { return "\(pods) of namespace '\(pod.namespace.name)'\(labelled)" }
            return "\(pods) in undeclared namespaces\(labelled)"
        case (.pods, .ipAddress):
            return endpointClass.description
        }
    }

    /// Returns 0 for a pod of a service, 1 for another pod of a declared
    /// namespace, 2 for any other pod and 3 for an address, so that
    /// messages can list what the contracts name first.
    public func rank(of endpoint: RampEvaluator.Endpoint) -> Int {
        guard case .pod(let pod) = endpoint else { return 3 }
        if !services(containing: pod).isEmpty { return 0 }
        return declaredNamespaces.contains(pod.namespace.name) ? 1 : 2
    }

    // MARK: - Lookups

    private func services(containing pod: Pod) -> [ServiceID] {
        services.filter { $0.id.namespace == pod.namespace.name && $0.selector.matches(pod.labels) }.map(\.id)
    }

    /// Returns the name of the smallest named address set that contains the
    /// whole range, preferring a network over the internet.
    private func externalName(containing first: IPAddress, through last: IPAddress) -> String? {
        var best: (name: String, size: UInt128)?
        for external in externals {
            for block in external.blocks where ContractVocabulary.block(block, contains: first, through: last) {
                let size = block.cidr.last - block.cidr.first
                if best == nil || size < best!.size { best = (external.name, size) }
            }
        }
        return best?.name
    }

    /// Returns whether every address from `first` to `last` lies in the block and outside its `except` entries.
    private static func block(_ block: IPBlock, contains first: IPAddress, through last: IPAddress) -> Bool {
        guard block.cidr.contains(address: first.value, family: first.family),
              block.cidr.contains(address: last.value, family: last.family) else { return false }
        return !block.except.contains { $0.family == first.family && $0.first <= last.value && first.value <= $0.last }
    }

    /// Returns an address range as a CIDR when it is one, else as `first-last`.
    static func describeRange(_ first: IPAddress, _ last: IPAddress) -> String {
        if first == last { return "\(first)" }
        let count = last.value - first.value
        // A block spans 2^k addresses starting at a multiple of 2^k, so count + 1 is a power of two.
        if count == UInt128.max || (count & (count + 1) == 0 && first.value & count == 0) {
            let hostBits = count == UInt128.max ? 128 : (count + 1).trailingZeroBitCount
            return "\(first)/\(first.family.bitWidth - hostBits)"
        }
        return "\(first)-\(last)"
    }

    /// Splits a class description at the commas outside parentheses.
    static func topLevelParts(_ description: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var depth = 0
        for character in description {
            if character == "(" { depth += 1 }
            if character == ")" { depth -= 1 }
            if character == "," && depth == 0 {
                parts.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { parts.append(current) }
        return parts
    }

    static func externalName(_ name: String) -> String {
        if ["internet", "apiserver"].contains(name) || name.contains("/") { return name }
        return "network \(name)"
    }

    /// Returns a selector in contract syntax, such as `team=shop, tier in (a, b)`.
    static func describe(_ selector: LabelSelector) -> String {
        var parts = selector.matchLabels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        for requirement in selector.matchExpressions.sorted(by: { $0.key < $1.key }) {
            let values = requirement.values.joined(separator: ", ")
            switch requirement.operator {
            case .in: parts.append("\(requirement.key) in (\(values))")
            case .notIn: parts.append("\(requirement.key) notin (\(values))")
            case .exists: parts.append("\(requirement.key) exists")
            case .doesNotExist: parts.append("!\(requirement.key)")
            }
        }
        return parts.joined(separator: ", ")
    }

    static func describe(_ labels: [String: String]) -> String {
        labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")
    }
}
