import RampKube

// MARK: - Queries

/// A set of endpoints given by NetworkPolicy peers: the pods and addresses
/// that at least one peer matches or, as a complement, every endpoint that
/// no peer matches.
///
/// A pod peer must carry a namespace selector, because there is no policy
/// namespace for it to default to. `NetworkPolicyPeer(namespaceSelector:
/// .everything)` is every pod of the cluster.
public struct EndpointSet: Hashable, Sendable {
    public let peers: [NetworkPolicyPeer]
    /// True when the set contains every endpoint that no peer matches.
    public let isComplement: Bool

    public static func matching(_ peers: [NetworkPolicyPeer]) -> EndpointSet {
        EndpointSet(peers: peers, isComplement: false)
    }

    public static func notMatching(_ peers: [NetworkPolicyPeer]) -> EndpointSet {
        EndpointSet(peers: peers, isComplement: true)
    }
}

/// The connections from one endpoint set to another on a set of ports.
public struct ReachabilityQuery: Hashable, Sendable {
    public var sources: EndpointSet
    public var destinations: EndpointSet
    /// Ports as a rule lists them. Nil or empty means every port of every protocol.
    public var ports: [NetworkPolicyPort]?
    /// The container ports of every destination pod, when they are known.
    /// Named ports then resolve through these entries only. Nil lets a
    /// destination pod give any number any name, as in `equivalence`.
    public var destinationContainerPorts: [ContainerPort]?

    public init(sources: EndpointSet, destinations: EndpointSet, ports: [NetworkPolicyPort]?, destinationContainerPorts: [ContainerPort]? = nil) {
        self.sources = sources
        self.destinations = destinations
        self.ports = ports
        self.destinationContainerPorts = destinationContainerPorts
    }
}

// MARK: - Results

/// Connections from one source class to one destination class over one
/// protocol that the policies treat alike: all allowed, or all denied.
public struct ConnectionClass: Sendable, CustomStringConvertible {
    public let source: EndpointClass
    public let destination: EndpointClass
    public let `protocol`: NetworkProtocol
    /// Sorted, disjoint and never empty.
    public let ports: [ClosedRange<Int>]
    /// Container port names that the destination pod gives each of `ports`.
    /// Empty when it names none of them, and when the query states the
    /// destination's container ports.
    public let namedPorts: [String]
    /// One concrete connection for each part of `ports` that every rule
    /// treats alike, with the evaluator's verdict, so that together they
    /// name every rule that admits some connection of the class.
    public let examples: [Verdict]

    public var description: String {
        let portText = ports.map { $0.count == 1 ? "\($0.lowerBound)" : "\($0.lowerBound)-\($0.upperBound)" }.joined(separator: ",")
        let names = namedPorts.isEmpty ? "" : " named " + namedPorts.joined(separator: ", ")
        return "\(source) -> \(destination) \(self.protocol.rawValue): \(portText)\(names)"
    }
}

// MARK: - Analysis

/// Computes which connections between sets of endpoints one set of
/// policies allows, in every possible cluster.
///
/// It uses the abstraction of `equivalence`, split further by the peers of
/// the endpoint sets to be queried, so that every atom lies wholly inside or
/// outside each set. A query then visits the atom pairs of its two sets.
/// Connections between two addresses outside the cluster are never listed,
/// because no NetworkPolicy governs them. Each example is checked against
/// `NetworkPolicyEvaluator`, and a mismatch, which would be a bug in this
/// module, stops the program.
public struct Reachability {
    private let abstraction: ClusterAbstraction
    private let table = PortSetTable()
    private let access: PolicySetAccess
    private let evaluator: NetworkPolicyEvaluator
    /// For each protocol, the sorted port numbers at which some rule's ports start or end.
    private let boundaries: [NetworkProtocol: [Int]]
    private let registeredPeers: Set<NetworkPolicyPeer>

    /// Validates the policies and prepares queries over `endpointSets`.
    /// Every query must use only sets listed here. `namespaceLabels` gives
    /// the labels that the named namespaces carry, and leaves out the
    /// clusters where they carry others.
    public init(
        policies: [NetworkPolicy], endpointSets: [EndpointSet], namespaceLabels: [String: [String: String]] = [:]
    ) throws(PolicyValidationError) {
        try self.init(
            policies: policies, endpointSets: endpointSets, namespaceLabels: namespaceLabels, wideThreshold: PeerAtomIndex.defaultWideThreshold
        )
    }

    /// Prepares queries as the public initializer does, storing each rule's
    /// side of more than `wideThreshold` atoms as a wide set. Tests compare
    /// thresholds, which must not change any result.
    init(
        policies: [NetworkPolicy], endpointSets: [EndpointSet], namespaceLabels: [String: [String: String]], wideThreshold: Int
    ) throws(PolicyValidationError) {
        evaluator = try NetworkPolicyEvaluator(policies: policies)
        let effective = policies.map(EffectivePolicy.init)
        let peers = Array(Set(endpointSets.flatMap(\.peers)))
        abstraction = try ClusterAbstraction(policies: effective, extraPeers: peers, namespaceLabels: namespaceLabels)
        registeredPeers = Set(peers)
        var peerIndex = PeerAtomIndex(abstraction, wideThreshold: wideThreshold)
        access = PolicySetAccess(policies: effective, abstraction: abstraction, table: table, peerIndex: &peerIndex)
        boundaries = Reachability.portBoundaries(of: effective)
    }

    /// Returns the connections of the query that the policies allow, by
    /// source atom, destination atom and protocol. With `limit`, returns at
    /// most that many classes.
    public func allowedConnections(_ query: ReachabilityQuery, limit: Int? = nil) -> [ConnectionClass] {
        classes(query, allowed: true, limit: limit)
    }

    /// Returns the connections of the query that the policies deny, in the
    /// same order. An empty result means every source reaches every
    /// destination on every port of the query.
    public func deniedConnections(_ query: ReachabilityQuery, limit: Int? = nil) -> [ConnectionClass] {
        classes(query, allowed: false, limit: limit)
    }

    // MARK: - Visiting atom pairs

    private func classes(_ query: ReachabilityQuery, allowed: Bool, limit: Int?) -> [ConnectionClass] {
        let sources = atoms(of: query.sources)
        let destinations = atoms(of: query.destinations)
        let queryPorts = PortSet(query.ports?.isEmpty == true ? nil : query.ports)
        var cache: [AnalysisKey: [NetworkProtocol: [QueryPorts.Part]]] = [:]
        var result: [ConnectionClass] = []
        for source in sources {
            for destination in destinations where abstraction.canPair(source, destination) {
                if abstraction.isAddress(source) && abstraction.isAddress(destination) { continue }
                let key = AnalysisKey(
                    egress: access.egress(from: source, to: destination),
                    ingress: access.ingress(from: source, to: destination),
                    toAddress: abstraction.isAddress(destination)
                )
                if cache[key] == nil {
                    cache[key] = analyze(key, queryPorts: queryPorts, containerPorts: query.destinationContainerPorts, allowed: allowed)
                }
                for networkProtocol in NetworkProtocol.allCases {
                    for part in cache[key]![networkProtocol] ?? [] {
                        result.append(connectionClass(
                            source: source, destination: destination, protocol: networkProtocol, part: part,
                            containerPorts: key.toAddress ? nil : query.destinationContainerPorts, allowed: allowed
                        ))
                        if let limit, result.count >= max(limit, 1) { return result }
                    }
                }
            }
        }
        return result
    }

    private struct AnalysisKey: Hashable {
        let egress: Int
        let ingress: Int
        let toAddress: Bool
    }

    private func analyze(
        _ key: AnalysisKey, queryPorts: PortSet, containerPorts: [ContainerPort]?, allowed: Bool
    ) -> [NetworkProtocol: [QueryPorts.Part]] {
        let query = key.toAddress ? queryPorts.withoutNames : queryPorts
        var parts: [NetworkProtocol: [QueryPorts.Part]] = [:]
        for networkProtocol in NetworkProtocol.allCases {
            let sides = QueryPorts(
                egress: table[key.egress][networkProtocol],
                ingress: table[key.ingress][networkProtocol],
                query: query[networkProtocol]
            )
            if key.toAddress {
                parts[networkProtocol] = sides.parts(knownNames: [:], allowed: allowed)
            } else if let containerPorts {
                parts[networkProtocol] = sides.parts(knownNames: QueryPorts.names(of: containerPorts, networkProtocol), allowed: allowed)
            } else {
                parts[networkProtocol] = sides.parts(allowed: allowed)
            }
        }
        return parts
    }

    /// Returns the atoms of a set, in increasing order.
    private func atoms(of set: EndpointSet) -> [Int] {
        var members: Set<Int> = []
        for peer in set.peers {
            precondition(registeredPeers.contains(peer), "a query uses a peer that the Reachability was not built with")
            members.formUnion(abstraction.peerAtoms(peer, policyNamespace: ""))
        }
        let all = 0..<abstraction.atomCount
        return set.isComplement ? all.filter { !members.contains($0) } : members.sorted()
    }

    // MARK: - Examples

    private func connectionClass(
        source: Int, destination: Int, protocol networkProtocol: NetworkProtocol, part: QueryPorts.Part,
        containerPorts: [ContainerPort]?, allowed: Bool
    ) -> ConnectionClass {
        var atoms = AtomEndpoints(abstraction: abstraction)
        var examples: [Verdict] = []
        for piece in pieces(of: part.ports, protocol: networkProtocol) {
            let port = piece.lowerBound
            let destinationPorts = containerPorts
                ?? part.names.map { ContainerPort(name: $0, protocol: networkProtocol, containerPort: port) }
            let (sourceEndpoint, destinationEndpoint) = atoms.endpoints(
                source: source, destination: destination, containerPorts: destinationPorts
            )
            let verdict = evaluator.evaluate(Connection(from: sourceEndpoint, to: destinationEndpoint, protocol: networkProtocol, port: port))
            // The abstraction and the concrete evaluator must agree on the example.
            precondition(verdict.isAllowed == allowed, "reachability example \(verdict.connection) disagrees with the concrete evaluator")
            examples.append(verdict)
        }
        return ConnectionClass(
            source: atoms.endpointClass(of: source),
            destination: atoms.endpointClass(of: destination),
            protocol: networkProtocol,
            ports: part.ports.ranges,
            namedPorts: part.names,
            examples: examples
        )
    }

    /// Splits port ranges at every rule boundary of the protocol, so that
    /// each piece is admitted by the same rules throughout.
    private func pieces(of ports: PortRanges, protocol networkProtocol: NetworkProtocol) -> [ClosedRange<Int>] {
        let cuts = boundaries[networkProtocol] ?? []
        var result: [ClosedRange<Int>] = []
        for range in ports.ranges {
            var start = range.lowerBound
            for cut in cuts where cut > start && cut <= range.upperBound {
                result.append(start...(cut - 1))
                start = cut
            }
            result.append(start...range.upperBound)
        }
        return result
    }

    /// Returns, per protocol, the first port of every numeric port entry and
    /// the port after its last.
    private static func portBoundaries(of policies: [EffectivePolicy]) -> [NetworkProtocol: [Int]] {
        var cuts: [NetworkProtocol: Set<Int>] = [:]
        for policy in policies {
            for rule in policy.ingress + policy.egress {
                for port in rule.ports ?? [] {
                    guard case .number(let first) = port.port else { continue }
                    cuts[port.effectiveProtocol, default: []].formUnion([first, (port.endPort ?? first) + 1])
                }
            }
        }
        return cuts.mapValues { $0.sorted() }
    }
}

// MARK: - Ports of one atom pair

/// The ports that one source's egress and one destination's ingress admit
/// on one protocol, and the ports that a query requests.
///
/// Named ports admit whatever number the destination pod gives that name.
/// When the destination's container ports are unknown, any port number may
/// carry any set of names, so the analysis tries every set of names that
/// changes which of the three sides admits the number (at most eight
/// patterns), plus each name alone so that every named rule gets an example.
struct QueryPorts {
    struct Part: Hashable {
        let ports: PortRanges
        /// The names the destination gives every port of the part.
        let names: [String]
    }

    let egress: ProtocolPorts
    let ingress: ProtocolPorts
    let query: ProtocolPorts

    /// Returns the name-to-ports table of known container ports for one protocol.
    static func names(of containerPorts: [ContainerPort], _ networkProtocol: NetworkProtocol) -> [String: PortRanges] {
        var table: [String: PortRanges] = [:]
        for port in containerPorts where port.protocol == networkProtocol {
            guard let name = port.name else { continue }
            table[name] = (table[name] ?? .empty).union(PortRanges(port.containerPort...port.containerPort))
        }
        return table
    }

    /// Returns the allowed or denied query ports when every name resolves
    /// through `knownNames`, or through nothing for an address.
    func parts(knownNames: [String: PortRanges], allowed: Bool) -> [Part] {
        func resolve(_ ports: ProtocolPorts) -> PortRanges {
            ports.names.reduce(ports.numbers) { $0.union(knownNames[$1] ?? .empty) }
        }
        let admitted = resolve(egress).intersection(resolve(ingress))
        let requested = resolve(query)
        let ports = allowed ? admitted.intersection(requested) : requested.subtracting(admitted)
        return ports.isEmpty ? [] : [Part(ports: ports, names: [])]
    }

    /// Returns the allowed or denied query ports for every naming of the
    /// destination's ports that matters.
    func parts(allowed: Bool) -> [Part] {
        var result: [Part] = []
        var seen: Set<Part> = []
        for names in namings(includingSingleNames: allowed) {
            let admitted = numbers(egress, names).intersection(numbers(ingress, names))
            let requested = numbers(query, names)
            let ports = allowed ? admitted.intersection(requested) : requested.subtracting(admitted)
            let part = Part(ports: ports, names: names)
            if !ports.isEmpty && seen.insert(part).inserted { result.append(part) }
        }
        return result
    }

    /// Returns every port when one of `names` is admitted by name, and the numbers otherwise.
    private func numbers(_ ports: ProtocolPorts, _ names: [String]) -> PortRanges {
        names.contains(where: ports.names.contains) ? .all : ports.numbers
    }

    /// Returns the name sets to try: the empty set first, then the smallest
    /// set for each reachable pattern of admitting sides, then single names.
    private func namings(includingSingleNames: Bool) -> [[String]] {
        let allNames = egress.names.union(ingress.names).union(query.names).sorted()
        var witnesses: [Int: [String]] = [0: []]
        for name in allNames {
            let pattern = (egress.names.contains(name) ? 1 : 0) | (ingress.names.contains(name) ? 2 : 0)
                | (query.names.contains(name) ? 4 : 0)
            for (reached, names) in witnesses.sorted(by: { $0.key < $1.key }) where witnesses[reached | pattern] == nil {
                witnesses[reached | pattern] = names + [name]
            }
        }
        var result = witnesses.sorted { $0.key < $1.key }.map(\.value)
        if includingSingleNames {
            for name in allNames where !result.contains([name]) { result.append([name]) }
        }
        return result
    }
}
