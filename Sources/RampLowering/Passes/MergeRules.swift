import RampKube

/// Rewrites the rules of each object and direction into the fewest rules.
///
/// A rule admits every pair of one of its peers and one of its ports, so a
/// direction's rules admit a set of (peer, port) pairs. Merging is allowed
/// only where the product of a new rule's peers and ports consists of pairs
/// that the old rules admitted, and the new rules together admit every such
/// pair: the allowed connections stay exactly the same. Choosing the fewest
/// such rules is a minimum biclique cover, which is NP-hard. For up to
/// `exactLimit` distinct peers and ports the search is exact. Beyond that, the
/// pass takes the smaller of two exact partitions: peers grouped by their
/// port sets, or ports grouped by their peer sets.
public struct MergeRules: PlanPass {
    public let name = "merge-rules"
    /// Largest number of distinct peers (and of ports) for the exact search.
    static let exactLimit = 12
    /// Search nodes after which the exact search gives up for the partition.
    static let searchBudget = 200_000

    public init() {}

    public func run(_ plan: inout PolicyPlan) {
        for index in plan.objects.indices {
            for direction in [NetworkPolicy.PolicyType.ingress, .egress] {
                plan.objects[index].setRules(MergeRules.merge(plan.objects[index].rules(direction)), direction)
            }
        }
    }

    // MARK: - Pairs

    /// A peer or port of a rule; `any` stands for an omitted list.
    enum Atom<Value: Hashable>: Hashable {
        case any
        case value(Value)
    }

    struct Pair: Hashable {
        let peer: Int
        let port: Int
    }

    struct Biclique {
        let peers: [Int]
        let ports: [Int]
    }

    static func merge(_ rules: [PlanRule]) -> [PlanRule] {
        var peerAtoms: [Atom<NetworkPolicyPeer>] = []
        var portAtoms: [Atom<NetworkPolicyPort>] = []
        var peerIndex: [Atom<NetworkPolicyPeer>: Int] = [:]
        var portIndex: [Atom<NetworkPolicyPort>: Int] = [:]
        var pairOrigins: [Pair: [String]] = [:]
        var pairOrder: [Pair: Int] = [:]

        for (ruleNumber, rule) in rules.enumerated() {
            // An empty list admits everything, like an omitted one.
            let peers: [Atom<NetworkPolicyPeer>] = rule.peers.flatMap { $0.isEmpty ? nil : $0.map { .value($0) } } ?? [.any]
            let ports: [Atom<NetworkPolicyPort>] = rule.ports.flatMap { $0.isEmpty ? nil : $0.map { .value($0) } } ?? [.any]
            for peer in peers {
                let p = peerIndex[peer] ?? { peerAtoms.append(peer); peerIndex[peer] = peerAtoms.count - 1; return peerAtoms.count - 1 }()
                for port in ports {
                    let q = portIndex[port] ?? { portAtoms.append(port); portIndex[port] = portAtoms.count - 1; return portAtoms.count - 1 }()
                    let pair = Pair(peer: p, port: q)
                    if pairOrder[pair] == nil { pairOrder[pair] = ruleNumber }
                    for origin in rule.origins where !(pairOrigins[pair]?.contains(origin) ?? false) {
                        pairOrigins[pair, default: []].append(origin)
                    }
                }
            }
        }
        let pairs = Set(pairOrder.keys)
        let cover = bestCover(pairs, peerCount: peerAtoms.count, portCount: portAtoms.count)
        return cover
            .map { biclique in rule(biclique, peerAtoms: peerAtoms, portAtoms: portAtoms, pairs: pairs, pairOrigins: pairOrigins) }
            .enumerated()
            .sorted { (firstPairOrder(cover[$0.offset], pairs: pairs, order: pairOrder), $0.offset) < (firstPairOrder(cover[$1.offset], pairs: pairs, order: pairOrder), $1.offset) }
            .map(\.element)
    }

    private static func firstPairOrder(_ biclique: Biclique, pairs: Set<Pair>, order: [Pair: Int]) -> Int {
        var first = Int.max
        for p in biclique.peers {
            for q in biclique.ports { first = min(first, order[Pair(peer: p, port: q)] ?? Int.max) }
        }
        return first
    }

    private static func rule(
        _ biclique: Biclique, peerAtoms: [Atom<NetworkPolicyPeer>], portAtoms: [Atom<NetworkPolicyPort>],
        pairs: Set<Pair>, pairOrigins: [Pair: [String]]
    ) -> PlanRule {
        let peers = biclique.peers.sorted().map { peerAtoms[$0] }
        let ports = biclique.ports.sorted().map { portAtoms[$0] }
        var origins: [String] = []
        for p in biclique.peers.sorted() {
            for q in biclique.ports.sorted() {
                for origin in pairOrigins[Pair(peer: p, port: q)] ?? [] where !origins.contains(origin) { origins.append(origin) }
            }
        }
        // `any` together with specific entries is just `any`.
        let peerList: [NetworkPolicyPeer]? = peers.contains(.any) ? nil : peers.map { if case .value(let v) = $0 { v } else { fatalError() } }
        let portList: [NetworkPolicyPort]? = ports.contains(.any) ? nil : ports.map { if case .value(let v) = $0 { v } else { fatalError() } }
        return PlanRule(peers: peerList, ports: portList, origins: origins)
    }

    // MARK: - Covers

    static func bestCover(_ pairs: Set<Pair>, peerCount: Int, portCount: Int) -> [Biclique] {
        let byPeers = partitionByPeers(pairs, peerCount: peerCount)
        let byPorts = partitionByPorts(pairs, portCount: portCount)
        let best = byPeers.count <= byPorts.count ? byPeers : byPorts
        guard peerCount <= exactLimit, portCount <= exactLimit, best.count > 1 else { return best }
        return exactCover(pairs, peerCount: peerCount, portCount: portCount, bound: best.count) ?? best
    }

    /// Peers with the same set of ports form one rule.
    static func partitionByPeers(_ pairs: Set<Pair>, peerCount: Int) -> [Biclique] {
        var portsOfPeer: [Int: Set<Int>] = [:]
        for pair in pairs { portsOfPeer[pair.peer, default: []].insert(pair.port) }
        var groups: [[Int]: [Int]] = [:]
        for (peer, ports) in portsOfPeer { groups[ports.sorted(), default: []].append(peer) }
        return groups.map { Biclique(peers: $0.value.sorted(), ports: $0.key) }.sorted { $0.peers[0] < $1.peers[0] }
    }

    /// Ports with the same set of peers form one rule.
    static func partitionByPorts(_ pairs: Set<Pair>, portCount: Int) -> [Biclique] {
        var peersOfPort: [Int: Set<Int>] = [:]
        for pair in pairs { peersOfPort[pair.port, default: []].insert(pair.peer) }
        var groups: [[Int]: [Int]] = [:]
        for (port, peers) in peersOfPort { groups[peers.sorted(), default: []].append(port) }
        return groups.map { Biclique(peers: $0.key, ports: $0.value.sorted()) }.sorted { $0.ports[0] < $1.ports[0] }
    }

    /// Returns a cover with fewer than `bound` bicliques, or nil when none
    /// exists or the search budget runs out. Candidates are the maximal
    /// bicliques: every port set that is an intersection of peers' port sets,
    /// with all peers that have those ports.
    static func exactCover(_ pairs: Set<Pair>, peerCount: Int, portCount: Int, bound: Int) -> [Biclique]? {
        var portsOfPeer = Array(repeating: UInt64(0), count: peerCount)
        for pair in pairs { portsOfPeer[pair.peer] |= 1 << UInt64(pair.port) }
        var closed = Set(portsOfPeer.filter { $0 != 0 })
        var frontier = Array(closed)
        while let next = frontier.popLast() {
            for set in portsOfPeer where set != 0 {
                let meet = next & set
                if meet != 0, closed.insert(meet).inserted { frontier.append(meet) }
            }
        }
        let candidates: [Biclique] = closed.sorted().map { ports in
            let peers = (0..<peerCount).filter { portsOfPeer[$0] & ports == ports }
            return Biclique(peers: peers, ports: (0..<portCount).filter { ports & (1 << UInt64($0)) != 0 })
        }
        var search = CoverSearch(pairs: Array(pairs), candidates: candidates, budget: searchBudget)
        for size in 1..<bound {
            if let found = search.find(size: size) { return found.map { candidates[$0] } }
            if search.budget <= 0 { return nil }
        }
        return nil
    }

    /// Depth-limited search for a set cover of the pairs by the candidates.
    struct CoverSearch {
        let pairs: [Pair]
        let candidates: [Biclique]
        var budget: Int
        let coveredBy: [Pair: [Int]]

        init(pairs: [Pair], candidates: [Biclique], budget: Int) {
            self.pairs = pairs.sorted { ($0.peer, $0.port) < ($1.peer, $1.port) }
            self.candidates = candidates
            self.budget = budget
            var coveredBy: [Pair: [Int]] = [:]
            for (index, candidate) in candidates.enumerated() {
                for p in candidate.peers { for q in candidate.ports { coveredBy[Pair(peer: p, port: q), default: []].append(index) } }
            }
            self.coveredBy = coveredBy
        }

        mutating func find(size: Int) -> [Int]? {
            var chosen: [Int] = []
            return extend(&chosen, size: size) ? chosen : nil
        }

        private mutating func extend(_ chosen: inout [Int], size: Int) -> Bool {
            budget -= 1
            if budget <= 0 { return false }
            // Branch on the uncovered pair with the fewest candidates.
            var best: (pair: Pair, options: [Int])?
            for pair in pairs where !chosen.contains(where: { coveredBy[pair]!.contains($0) }) {
                let options = coveredBy[pair]!
                if best == nil || options.count < best!.options.count { best = (pair, options) }
            }
            guard let best else { return true }
            guard chosen.count < size else { return false }
            for option in best.options {
                chosen.append(option)
                if extend(&chosen, size: size) { return true }
                chosen.removeLast()
            }
            return false
        }
    }
}
