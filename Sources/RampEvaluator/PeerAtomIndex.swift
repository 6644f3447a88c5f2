import RampKube

/// Caches the atoms each peer matches, shared by both policy sets of a
/// comparison, and numbers the wide sets of atoms that rules name.
///
/// A rule stores one entry per pair of an atom it selects and an atom its
/// peers match. When either side has more than `wideThreshold` atoms,
/// such as the pods of every namespace that a namespace selector matches or
/// every pod of a large namespace, the pairs would grow with the square of
/// the namespaces. That side is numbered here as a wide set instead, and the
/// rule stores one `PeerGrant` per atom of the other side.
struct PeerAtomIndex {
    /// Sides of more atoms than this are wide. Small enough that pair
    /// entries stay cheap, large enough that ordinary service-to-service
    /// rules stay pairs, which a comparison visits one by one.
    static let defaultWideThreshold = 32

    private struct Key: Hashable {
        let peer: NetworkPolicyPeer
        let policyNamespace: String
    }

    private let abstraction: ClusterAbstraction
    let wideThreshold: Int
    private var cache: [Key: [Int]] = [:]
    private var wideIDs: [[Int]: Int] = [:]
    /// The members of each wide set, by number.
    private(set) var wideSets: [BitSet] = []

    init(_ abstraction: ClusterAbstraction, wideThreshold: Int = PeerAtomIndex.defaultWideThreshold) {
        self.abstraction = abstraction
        self.wideThreshold = wideThreshold
    }

    /// Returns the number of a wide set of atoms, given in increasing order.
    mutating func number(of atoms: [Int]) -> Int {
        if let id = wideIDs[atoms] { return id }
        wideSets.append(BitSet(atoms))
        wideIDs[atoms] = wideSets.count - 1
        return wideSets.count - 1
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

/// Ports that rules admit between one atom and every atom of a wide set.
struct PeerGrant: Hashable, Sendable {
    /// The number of the wide set in `PeerAtomIndex`.
    let set: Int
    /// A port set ID of the shared `PortSetTable`.
    var ports: Int
}
