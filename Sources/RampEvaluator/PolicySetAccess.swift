import RampKube

/// The ports one policy set admits between atoms of a `ClusterAbstraction`, per
/// side, as port set IDs of a shared `PortSetTable`.
///
/// The ports that a source's egress admits towards a destination are its
/// default ports plus the specific entry for that destination. The default
/// is every port when the source is not isolated, and otherwise the ports of
/// rules that admit every peer. Specific entries come from rules whose peers
/// match the destination. Ingress is the mirror image. Specific entries are sparse, so a comparison can visit them one
/// by one and treat all other pairs by their defaults alone.
// TODO: a rule whose namespace selector matches many namespaces adds one
// entry per pair of atoms. Where such rules let every service reach every
// other, memory and time grow with the square of the namespaces: comparing
// two versions of 4,000 services (330 KB) took 4 s and 0.9 GB. Entries could
// be kept per group of peers that the rules treat alike.
struct PolicySetAccess {
    private(set) var egressDefault: [Int]
    private(set) var ingressDefault: [Int]
    /// For each source atom: destination atom to ports.
    private(set) var egressSpecific: [[Int: Int]]
    /// For each destination atom: source atom to ports.
    private(set) var ingressSpecific: [[Int: Int]]
    private let abstraction: ClusterAbstraction
    private let table: PortSetTable

    init(policies: [EffectivePolicy], abstraction: ClusterAbstraction, table: PortSetTable, peerIndex: inout PeerAtomIndex) {
        self.abstraction = abstraction
        self.table = table
        let count = abstraction.atomCount
        egressDefault = Array(repeating: PortSetTable.allID, count: count)
        ingressDefault = Array(repeating: PortSetTable.allID, count: count)
        egressSpecific = Array(repeating: [:], count: count)
        ingressSpecific = Array(repeating: [:], count: count)

        let selected = policies.map { abstraction.selectedAtoms(namespace: $0.namespace, podSelector: $0.podSelector) }
        isolate(policies, selected: selected)
        for (policy, atoms) in zip(policies, selected) {
            for rule in policy.egress { addEgress(rule, policyNamespace: policy.namespace, sources: atoms, peerIndex: &peerIndex) }
            for rule in policy.ingress { addIngress(rule, policyNamespace: policy.namespace, destinations: atoms, peerIndex: &peerIndex) }
        }
    }

    /// Starts every isolated atom from no ports at all, before rules add theirs.
    private mutating func isolate(_ policies: [EffectivePolicy], selected: [[Int]]) {
        for (policy, atoms) in zip(policies, selected) {
            for atom in atoms {
                if policy.isolatesEgress { egressDefault[atom] = PortSetTable.emptyID }
                if policy.isolatesIngress { ingressDefault[atom] = PortSetTable.emptyID }
            }
        }
    }

    private mutating func addEgress(_ rule: EffectiveRule, policyNamespace: String, sources: [Int], peerIndex: inout PeerAtomIndex) {
        let ports = table.id(of: PortSet(rule.ports))
        guard let peers = rule.peers else {
            for source in sources { egressDefault[source] = table.union(egressDefault[source], ports) }
            return
        }
        let destinations = peerIndex.atoms(matchingAny: peers, policyNamespace: policyNamespace)
        let portsWithoutNames = table.withoutNames(ports)
        for source in sources {
            for destination in destinations {
                let added = abstraction.isAddress(destination) ? portsWithoutNames : ports
                egressSpecific[source][destination] = table.union(egressSpecific[source][destination] ?? PortSetTable.emptyID, added)
            }
        }
    }

    private mutating func addIngress(_ rule: EffectiveRule, policyNamespace: String, destinations: [Int], peerIndex: inout PeerAtomIndex) {
        let ports = table.id(of: PortSet(rule.ports))
        guard let peers = rule.peers else {
            for destination in destinations { ingressDefault[destination] = table.union(ingressDefault[destination], ports) }
            return
        }
        let sources = peerIndex.atoms(matchingAny: peers, policyNamespace: policyNamespace)
        for destination in destinations {
            for source in sources {
                ingressSpecific[destination][source] = table.union(ingressSpecific[destination][source] ?? PortSetTable.emptyID, ports)
            }
        }
    }

    // MARK: - Queries

    /// Returns the ports the source's egress admits towards the destination.
    /// Port names are dropped for an address destination, which has no container ports.
    func egress(from source: Int, to destination: Int) -> Int {
        var ports = egressDefault[source]
        if let specific = egressSpecific[source][destination] { ports = table.union(ports, specific) }
        return abstraction.isAddress(destination) ? table.withoutNames(ports) : ports
    }

    /// Returns the ports the destination's ingress admits from the source.
    func ingress(from source: Int, to destination: Int) -> Int {
        var ports = ingressDefault[destination]
        if let specific = ingressSpecific[destination][source] { ports = table.union(ports, specific) }
        return ports
    }

    /// Returns whether the pair has a specific entry on either side.
    func hasSpecificEntry(from source: Int, to destination: Int) -> Bool {
        egressSpecific[source][destination] != nil || ingressSpecific[destination][source] != nil
    }

    /// Returns whether both sets store the same default and specific ports
    /// for the pair, which means they allow the same there. This check is
    /// cheaper than comparing the allowed ports.
    func storesSameEntries(as other: PolicySetAccess, from source: Int, to destination: Int) -> Bool {
        egressDefault[source] == other.egressDefault[source]
            && ingressDefault[destination] == other.ingressDefault[destination]
            && egressSpecific[source][destination] == other.egressSpecific[source][destination]
            && ingressSpecific[destination][source] == other.ingressSpecific[destination][source]
    }
}

/// Caches the atoms each peer matches, shared by both policy sets of a comparison.
struct PeerAtomIndex {
    private struct Key: Hashable {
        let peer: NetworkPolicyPeer
        let policyNamespace: String
    }

    private let abstraction: ClusterAbstraction
    private var cache: [Key: [Int]] = [:]

    init(_ abstraction: ClusterAbstraction) {
        self.abstraction = abstraction
    }

    /// Returns the atoms that at least one of the peers matches, in increasing order.
    mutating func atoms(matchingAny peers: [NetworkPolicyPeer], policyNamespace: String) -> [Int] {
        if peers.count == 1 { return atoms(matching: peers[0], policyNamespace: policyNamespace) }
        var result: Set<Int> = []
        for peer in peers { result.formUnion(atoms(matching: peer, policyNamespace: policyNamespace)) }
        return result.sorted()
    }

    private mutating func atoms(matching peer: NetworkPolicyPeer, policyNamespace: String) -> [Int] {
        // A peer with a namespace selector does not depend on the policy's namespace.
        let key = Key(peer: peer, policyNamespace: peer.namespaceSelector == nil ? policyNamespace : "")
        if let cached = cache[key] { return cached }
        let atoms = abstraction.peerAtoms(peer, policyNamespace: policyNamespace)
        cache[key] = atoms
        return atoms
    }
}
