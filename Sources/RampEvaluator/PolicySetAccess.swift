import RampKube

/// The ports one policy set admits between atoms of a `ClusterAbstraction`, per
/// side, as port set IDs of a shared `PortSetTable`.
///
/// The ports that a source's egress admits towards a destination are the
/// union of three parts:
/// - the source's default ports: every port when it is not isolated, and
///   otherwise the ports of rules that admit every peer;
/// - grants, from rules of which one side is a wide set (see
///   `PeerAtomIndex`): held by the source for a wide set of destinations,
///   or by the destination for a wide set of sources;
/// - the specific entry for the pair, from rules whose sides are both small.
///
/// Ingress is the mirror image. Specific entries are sparse, so a comparison
/// can visit them one by one. Every other pair depends only on the defaults
/// and grants of its ends and on which wide sets hold them, so a comparison
/// can treat such pairs in groups.
struct PolicySetAccess {
    private(set) var egressDefault: [Int]
    private(set) var ingressDefault: [Int]
    /// For each atom as a source: egress grants for wide sets of destinations.
    private(set) var egressOut: [[PeerGrant]]
    /// For each atom as a destination: egress grants from wide sets of sources.
    private(set) var egressIn: [[PeerGrant]]
    /// For each atom as a destination: ingress grants for wide sets of sources.
    private(set) var ingressIn: [[PeerGrant]]
    /// For each atom as a source: ingress grants into wide sets of destinations.
    private(set) var ingressOut: [[PeerGrant]]
    /// For each source atom: destination atom to ports.
    private(set) var egressSpecific: [[Int: Int]]
    /// For each destination atom: source atom to ports.
    private(set) var ingressSpecific: [[Int: Int]]
    private let abstraction: ClusterAbstraction
    private var table: PortSetTable
    /// The members of every wide set this policy set's grants name.
    private var wideSets: [BitSet] = []

    init(policies: [EffectivePolicy], abstraction: ClusterAbstraction, table: PortSetTable, peerIndex: inout PeerAtomIndex) {
        self.abstraction = abstraction
        self.table = table
        let count = abstraction.atomCount
        egressDefault = Array(repeating: PortSetTable.allID, count: count)
        ingressDefault = Array(repeating: PortSetTable.allID, count: count)
        egressOut = Array(repeating: [], count: count)
        egressIn = Array(repeating: [], count: count)
        ingressIn = Array(repeating: [], count: count)
        ingressOut = Array(repeating: [], count: count)
        egressSpecific = Array(repeating: [:], count: count)
        ingressSpecific = Array(repeating: [:], count: count)

        let selected = policies.map { abstraction.selectedAtoms(namespace: $0.namespace, podSelector: $0.podSelector) }
        isolate(policies, selected: selected)
        for (policy, atoms) in zip(policies, selected) {
            for rule in policy.egress { add(rule, .egress, policyNamespace: policy.namespace, selected: atoms, peerIndex: &peerIndex) }
            for rule in policy.ingress { add(rule, .ingress, policyNamespace: policy.namespace, selected: atoms, peerIndex: &peerIndex) }
        }
        // Read once the rules have named their sets.
        wideSets = peerIndex.wideSets
    }

    /// Returns the same access reading and forming port sets in `table`, a
    /// copy of this access's table.
    func using(_ table: PortSetTable) -> PolicySetAccess {
        var copy = self
        copy.table = table
        return copy
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

    /// The storage of a rule's pairs: one side becomes a wide set, whose
    /// grant each atom of the other side keeps, or every pair gets an entry.
    private enum Storage {
        case pairs
        /// The peers form the wide set, and the selected atoms keep the grants.
        case selectedHold
        /// The selected atoms form the wide set, and the peers keep the grants.
        case peersHold
    }

    private static func storage(selected: Int, peers: Int, threshold: Int) -> Storage {
        switch (selected > threshold, peers > threshold) {
        case (false, false): return .pairs
        case (false, true): return .selectedHold
        case (true, false): return .peersHold
        case (true, true): return selected <= peers ? .selectedHold : .peersHold
        }
    }

    /// The arrays in which one direction stores what its rules admit. The
    /// atoms a policy selects are sources for egress and destinations for
    /// ingress, and the rules' peers are the other ends.
    private struct Direction {
        let defaults: WritableKeyPath<PolicySetAccess, [Int]>
        /// Grants held by selected atoms, for wide sets of peers.
        let heldBySelected: WritableKeyPath<PolicySetAccess, [[PeerGrant]]>
        /// Grants held by peers, for wide sets of selected atoms.
        let heldByPeers: WritableKeyPath<PolicySetAccess, [[PeerGrant]]>
        /// Selected atom, then peer atom, to ports.
        let specific: WritableKeyPath<PolicySetAccess, [[Int: Int]]>

        static var egress: Direction { Direction(defaults: \.egressDefault, heldBySelected: \.egressOut, heldByPeers: \.egressIn, specific: \.egressSpecific) }
        static var ingress: Direction { Direction(defaults: \.ingressDefault, heldBySelected: \.ingressIn, heldByPeers: \.ingressOut, specific: \.ingressSpecific) }
    }

    private mutating func add(
        _ rule: EffectiveRule, _ direction: Direction, policyNamespace: String, selected: [Int], peerIndex: inout PeerAtomIndex
    ) {
        let ports = table.id(of: PortSet(rule.ports))
        guard let peers = rule.peers else {
            for atom in selected { self[keyPath: direction.defaults][atom] = table.union(self[keyPath: direction.defaults][atom], ports) }
            return
        }
        let others = peerIndex.atoms(matchingAny: peers, policyNamespace: policyNamespace)
        switch PolicySetAccess.storage(selected: selected.count, peers: others.count, threshold: peerIndex.wideThreshold) {
        case .selectedHold:
            let grant = PeerGrant(set: peerIndex.number(of: others), ports: ports)
            for atom in selected { PolicySetAccess.add(grant, to: &self[keyPath: direction.heldBySelected][atom], table) }
        case .peersHold:
            let grant = PeerGrant(set: peerIndex.number(of: selected), ports: ports)
            for atom in others { PolicySetAccess.add(grant, to: &self[keyPath: direction.heldByPeers][atom], table) }
        case .pairs:
            for atom in selected {
                for other in others {
                    let stored = self[keyPath: direction.specific][atom][other] ?? PortSetTable.emptyID
                    self[keyPath: direction.specific][atom][other] = table.union(stored, ports)
                }
            }
        }
    }

    /// Adds a grant to an atom's list, which stays ordered by wide set with
    /// one grant per set, so that equal lists mean equal grants. It is
    /// static so that changing one list does not copy every atom's.
    private static func add(_ grant: PeerGrant, to list: inout [PeerGrant], _ table: PortSetTable) {
        let index = list.firstIndex { $0.set >= grant.set } ?? list.endIndex
        if index < list.endIndex && list[index].set == grant.set {
            list[index].ports = table.union(list[index].ports, grant.ports)
        } else {
            list.insert(grant, at: index)
        }
    }

    // MARK: - Queries

    /// Returns the ports the source's egress admits towards the destination.
    /// Port names are dropped for an address destination, which has no container ports.
    func egress(from source: Int, to destination: Int) -> Int {
        var ports = baseEgress(from: source, to: destination)
        if let specific = egressSpecific[source][destination] { ports = table.union(ports, specific) }
        return abstraction.isAddress(destination) ? table.withoutNames(ports) : ports
    }

    /// Returns the ports the destination's ingress admits from the source.
    func ingress(from source: Int, to destination: Int) -> Int {
        var ports = baseIngress(from: source, to: destination)
        if let specific = ingressSpecific[destination][source] { ports = table.union(ports, specific) }
        return ports
    }

    /// Returns the source's egress ports towards the destination without
    /// the pair's specific entry: the default and the grants that cover the
    /// pair. Port names are kept; `egress` drops them for an address.
    func baseEgress(from source: Int, to destination: Int) -> Int {
        var ports = granted(egressDefault[source], egressOut[source], holding: destination)
        ports = granted(ports, egressIn[destination], holding: source)
        return ports
    }

    /// Returns the destination's ingress ports from the source without the pair's specific entry.
    func baseIngress(from source: Int, to destination: Int) -> Int {
        var ports = granted(ingressDefault[destination], ingressIn[destination], holding: source)
        ports = granted(ports, ingressOut[source], holding: destination)
        return ports
    }

    private func granted(_ base: Int, _ list: [PeerGrant], holding atom: Int) -> Int {
        var ports = base
        for grant in list where wideSets[grant.set].contains(atom) { ports = table.union(ports, grant.ports) }
        return ports
    }

    /// Returns whether the pair has a specific entry on either side.
    func hasSpecificEntry(from source: Int, to destination: Int) -> Bool {
        egressSpecific[source][destination] != nil || ingressSpecific[destination][source] != nil
    }

    /// Returns whether both sets store the same defaults, grants and specific
    /// ports for the pair, which means they allow the same there. This check
    /// is cheaper than comparing the allowed ports.
    func storesSameEntries(as other: PolicySetAccess, from source: Int, to destination: Int) -> Bool {
        egressDefault[source] == other.egressDefault[source]
            && ingressDefault[destination] == other.ingressDefault[destination]
            && egressSpecific[source][destination] == other.egressSpecific[source][destination]
            && ingressSpecific[destination][source] == other.ingressSpecific[destination][source]
            && heldAsSource(source) == other.heldAsSource(source)
            && heldAsDestination(destination) == other.heldAsDestination(destination)
    }

    /// Returns the grants that pairs with the atom as their source read: of
    /// its own direction, egress, then of the other end's, ingress.
    func heldAsSource(_ atom: Int) -> [[PeerGrant]] { [egressOut[atom], ingressOut[atom]] }

    /// Returns the grants that pairs with the atom as their destination
    /// read: of its own direction, ingress, then of the other end's, egress.
    func heldAsDestination(_ atom: Int) -> [[PeerGrant]] { [ingressIn[atom], egressIn[atom]] }
}
