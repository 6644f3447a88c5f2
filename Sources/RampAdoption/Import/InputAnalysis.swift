import RampDiagnostics
import RampKube
import RampSource

/// The position of an input rule: its policy, field path and source range.
struct Origin: Hashable {
    /// `namespace/name` of the policy.
    let policy: String
    /// Such as `spec.ingress[0]`.
    let path: String
    let range: SourceRange

    var description: String { "\(policy) \(path)" }
}

/// One peer of one rule of an isolating policy: its subject admits the
/// region on the ports, in one direction.
struct Entry {
    let subject: Subject
    let direction: NetworkPolicy.PolicyType
    let region: Region
    let ports: PortSpec
    let origin: Origin
}

/// The isolation and the admitted connections of the input policies, as
/// subjects, regions and port sets.
struct InputAnalysis {
    private(set) var entries: [Entry] = []
    /// Directions that a policy with an empty pod selector isolates, by namespace.
    private(set) var posture: [String: Set<NetworkPolicy.PolicyType>] = [:]
    /// Subjects with a pod selector that some policy isolates, by direction.
    private(set) var isolated: [NetworkPolicy.PolicyType: [Subject: Origin]] = [.ingress: [:], .egress: [:]]
    /// Every namespace that has a policy.
    private(set) var namespaces: Set<String> = []
    /// Port names that `--workloads` resolved to numbers, as contract comments.
    private(set) var resolutions: [String] = []

    init(_ policies: [DecodedNetworkPolicy], inventory: WorkloadInventory) {
        for decoded in policies {
            add(decoded, inventory: inventory)
        }
    }

    /// Adds a policy once per piece of its pod selector (see `expandingIn`),
    /// so that `app in (a, b)` becomes the services `app=a` and `app=b`.
    private mutating func add(_ decoded: DecodedNetworkPolicy, inventory: WorkloadInventory) {
        namespaces.insert(decoded.policy.namespace)
        let pieces = decoded.policy.podSelector.isEmpty ? [LabelSelector()] : decoded.policy.podSelector.expandingIn()
        for selector in pieces {
            add(decoded, subject: Subject(namespace: decoded.policy.namespace, selector: selector), inventory: inventory)
        }
    }

    private mutating func add(_ decoded: DecodedNetworkPolicy, subject: Subject, inventory: WorkloadInventory) {
        let policy = decoded.policy
        let name = policy.namespace + "/" + policy.name
        for direction in Set(policy.policyTypes).sorted() {
            let objectOrigin = Origin(policy: name, path: "spec.podSelector", range: decoded.ranges.podSelector ?? decoded.ranges.object)
            if subject.selector == nil {
                posture[policy.namespace, default: []].insert(direction)
            } else if isolated[direction]![subject] == nil {
                isolated[direction]![subject] = objectOrigin
            }
            let key = direction == .ingress ? "ingress" : "egress"
            let ruleRanges = direction == .ingress ? decoded.ranges.ingress : decoded.ranges.egress
            for (index, rule) in ((direction == .ingress ? policy.ingress : policy.egress) ?? []).enumerated() {
                let range = ruleRanges.flatMap { index < $0.count ? $0[index].rule : nil } ?? decoded.ranges.object
                let origin = Origin(policy: name, path: "spec.\(key)[\(index)]", range: range)
                addRule(rule, subject: subject, direction: direction, origin: origin, inventory: inventory)
            }
        }
    }

    private mutating func addRule(
        _ rule: NetworkPolicyRule, subject: Subject, direction: NetworkPolicy.PolicyType, origin: Origin, inventory: WorkloadInventory
    ) {
        var regions: [Region] = []
        if let peers = rule.peers, !peers.isEmpty {
            var blocks: [IPBlock] = []
            for peer in peers {
                if let block = peer.ipBlock {
                    blocks.append(block)
                } else {
                    let namespaceSets = peer.namespaceSelector.map { selector in
                        (selector.isEmpty ? [selector] : selector.expandingIn()).map(NamespaceSet.init)
                    } ?? [.named(subject.namespace)]
                    let pods = peer.podSelector ?? LabelSelector()
                    for namespaces in namespaceSets {
                        for piece in pods.isEmpty ? [pods] : pods.expandingIn() {
                            regions.append(.pods(PodSet(namespaces: namespaces, pods: piece)))
                        }
                    }
                }
            }
            if !blocks.isEmpty { regions.append(.addresses(Array(Set(blocks)).sorted { $0.cidr < $1.cidr })) }
        } else {
            regions = [.allPods, .allAddresses]
        }
        for region in regions {
            let ports = resolveNames(PortSpec(rule.ports), destination: direction == .ingress ? .pods(subject.podSet) : region, inventory: inventory)
            entries.append(Entry(subject: subject, direction: direction, region: region, ports: ports, origin: origin))
        }
    }

    private mutating func resolveNames(_ ports: PortSpec, destination: Region, inventory: WorkloadInventory) -> PortSpec {
        let (resolved, notes) = NamedPortResolution.resolve(ports, destination: destination, inventory: inventory)
        for note in notes where !resolutions.contains(note) { resolutions.append(note) }
        return resolved
    }
}

/// The replacement of container port names by numbers with `--workloads`.
enum NamedPortResolution {
    /// Replaces the names whose destination is the pods of one selector in
    /// one namespace, when every workload there gives the name the same
    /// number. Returns the ports and a note per replaced name.
    static func resolve(_ ports: PortSpec, destination: Region, inventory: WorkloadInventory) -> (PortSpec, [String]) {
        guard ports.hasNames, case .pods(let pods) = destination, case .named(let namespace) = pods.namespaces, !pods.pods.isEmpty else {
            return (ports, [])
        }
        let workloads = inventory.workloads(in: namespace, matching: pods.pods)
        guard !workloads.isEmpty else { return (ports, []) }
        var resolved = ports
        var notes: [String] = []
        for case .name(let name, let networkProtocol) in ports.items {
            let numbers = Set(workloads.flatMap { workload in
                workload.ports.filter { $0.name == name && $0.protocol == networkProtocol }.map(\.number)
            })
            let allDefine = workloads.allSatisfy { $0.ports.contains { $0.name == name && $0.protocol == networkProtocol } }
            guard numbers.count == 1, allDefine, let number = numbers.first else { continue }
            resolved = resolved.resolving(name, protocol: networkProtocol, to: number)
            let names = workloads.map(\.description).joined(separator: ", ")
            notes.append("port name \(QuotedText.quote(name)) is \(number)/\(networkProtocol.rawValue) on \(SelectorText.bracketed(pods.pods)) in \(namespace) (\(names))")
        }
        return (resolved, notes)
    }

    /// Returns the policies with the same replacements that the analysis
    /// makes, so that the imported contract is compared with what it states.
    /// An egress rule with names is split into one rule per peer first,
    /// which admits the same connections.
    static func resolve(_ policies: [NetworkPolicy], inventory: WorkloadInventory) -> [NetworkPolicy] {
        guard !inventory.isEmpty else { return policies }
        return policies.map { policy in
            var result = policy
            let subject = Subject(namespace: policy.namespace, selector: policy.podSelector)
            result.ingress = policy.ingress?.map { rule in
                var copy = rule
                copy.ports = networkPorts(resolve(PortSpec(rule.ports), destination: .pods(subject.podSet), inventory: inventory).0, original: rule.ports)
                return copy
            }
            result.egress = policy.egress?.flatMap { rule -> [NetworkPolicyRule] in
                guard PortSpec(rule.ports).hasNames, let peers = rule.peers, !peers.isEmpty else { return [rule] }
                return peers.map { peer in
                    let region: Region = peer.ipBlock.map { .addresses([$0]) } ?? .pods(PodSet(
                        namespaces: peer.namespaceSelector.map(NamespaceSet.init) ?? .named(policy.namespace),
                        pods: peer.podSelector ?? LabelSelector()
                    ))
                    let ports = resolve(PortSpec(rule.ports), destination: region, inventory: inventory).0
                    return NetworkPolicyRule(peers: [peer], ports: networkPorts(ports, original: rule.ports))
                }
            }
            return result
        }
    }

    /// Writes a port set back as rule ports; every port stays as it was written.
    static func networkPorts(_ ports: PortSpec, original: [NetworkPolicyPort]?) -> [NetworkPolicyPort]? {
        guard !ports.isAll else { return original }
        return ports.items.map { item in
            switch item {
            case let .range(range, networkProtocol):
                return NetworkPolicyPort(protocol: networkProtocol, port: .number(range.lowerBound),
                                         endPort: range.count > 1 ? range.upperBound : nil)
            case let .name(name, networkProtocol):
                return NetworkPolicyPort(protocol: networkProtocol, port: .name(name))
            }
        }
    }
}
