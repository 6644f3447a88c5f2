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
        plan.rewriteEachObject { object in
            object.ingress = MergeRules.merge(object.ingress)
            object.egress = MergeRules.merge(object.egress)
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

    /// The distinct pairs of a direction's rules, numbered in order of
    /// first appearance, with the numbers of the rules that admit each pair.
    ///
    /// A pair keeps rule numbers rather than origins, so building the table
    /// copies no strings. The rule that admits a pair first is its first
    /// rule number, because the rules are added in order.
    struct PairTable {
        let rules: [PlanRule]
        var peerAtoms: [Atom<PeerKey>] = []
        var portAtoms: [Atom<NetworkPolicyPort>] = []
        var pairs: [Pair] = []
        var rulesOfPairs: [[Int]] = []
        var numbers: [Pair: Int] = [:]

        init(_ rules: [PlanRule]) {
            self.rules = rules
            var peerIndex: [Atom<PeerKey>: Int] = [:]
            var portIndex: [Atom<NetworkPolicyPort>: Int] = [:]
            var portNumbers: [Int] = []
            // Reserving the upper bound of entries at once spares the
            // rehashing of every entry each time a table grows.
            let peerBound = rules.reduce(0) { $0 + max($1.peers?.count ?? 1, 1) }
            let portBound = rules.reduce(0) { $0 + max($1.ports?.count ?? 1, 1) }
            let pairBound = rules.reduce(0) { $0 + max($1.peers?.count ?? 1, 1) * max($1.ports?.count ?? 1, 1) }
            peerIndex.reserveCapacity(peerBound)
            portIndex.reserveCapacity(portBound)
            numbers.reserveCapacity(pairBound)
            for (ruleNumber, rule) in rules.enumerated() {
                // An empty list admits everything, like an omitted one.
                portNumbers.removeAll(keepingCapacity: true)
                if let ports = rule.ports, !ports.isEmpty {
                    for port in ports { portNumbers.append(PairTable.number(of: .value(port), in: &portAtoms, index: &portIndex)) }
                } else {
                    portNumbers.append(PairTable.number(of: .any, in: &portAtoms, index: &portIndex))
                }

                if let peers = rule.peers, !peers.isEmpty {
                    for peer in peers {
                        let p = PairTable.number(of: .value(PeerKey(peer)), in: &peerAtoms, index: &peerIndex)
                        for q in portNumbers { add(Pair(peer: p, port: q), rule: ruleNumber) }
                    }
                } else {
                    let p = PairTable.number(of: .any, in: &peerAtoms, index: &peerIndex)
                    for q in portNumbers { add(Pair(peer: p, port: q), rule: ruleNumber) }
                }
            }
        }

        private static func number<Value>(of atom: Atom<Value>, in atoms: inout [Atom<Value>], index: inout [Atom<Value>: Int]) -> Int {
            if let number = index[atom] { return number }
            atoms.append(atom)
            index[atom] = atoms.count - 1
            return atoms.count - 1
        }

        private mutating func add(_ pair: Pair, rule: Int) {
            guard let number = numbers[pair] else {
                numbers[pair] = pairs.count
                pairs.append(pair)
                rulesOfPairs.append([rule])
                return
            }
            // A rule that lists a peer or port twice adds its pairs twice.
            if rulesOfPairs[number].last != rule { rulesOfPairs[number].append(rule) }
        }
    }

    static func merge(_ rules: [PlanRule]) -> [PlanRule] {
        guard !rules.isEmpty else { return [] }

        let table = PairTable(rules)
        let cover = bestCover(table.pairs, peerCount: table.peerAtoms.count, portCount: table.portAtoms.count)
        // Rules keep the order of the first rule that admitted any of their pairs.
        let firstRules = cover.map { firstRule(of: $0, in: table) }
        let order = cover.indices.sorted { (firstRules[$0], $0) < (firstRules[$1], $1) }
        return order.map { rule(cover[$0], table: table) }
    }

    private static func firstRule(of biclique: Biclique, in table: PairTable) -> Int {
        var first = Int.max
        for p in biclique.peers {
            for q in biclique.ports { first = min(first, table.numbers[Pair(peer: p, port: q)].map { table.rulesOfPairs[$0][0] } ?? Int.max) }
        }
        return first
    }

    private static func rule(_ biclique: Biclique, table: PairTable) -> PlanRule {
        let peerNumbers = biclique.peers.sorted()
        let portNumbers = biclique.ports.sorted()
        // The origins of the pairs' rules in pair order, each once.
        var origins: [String] = []
        for p in peerNumbers {
            for q in portNumbers {
                guard let number = table.numbers[Pair(peer: p, port: q)] else { continue }
                for ruleNumber in table.rulesOfPairs[number] {
                    for origin in table.rules[ruleNumber].origins where !origins.contains(origin) { origins.append(origin) }
                }
            }
        }
        let peers = peerNumbers.map { table.peerAtoms[$0] }
        let ports = portNumbers.map { table.portAtoms[$0] }
        // `any` together with specific entries is just `any`.
        let peerList: [NetworkPolicyPeer]? = peers.contains(.any) ? nil : peers.map { if case .value(let v) = $0 { v.peer } else { fatalError() } }
        let portList: [NetworkPolicyPort]? = ports.contains(.any) ? nil : ports.map { if case .value(let v) = $0 { v } else { fatalError() } }
        return PlanRule(peers: peerList, ports: portList, origins: origins)
    }

    // MARK: - Covers

    static func bestCover(_ pairs: [Pair], peerCount: Int, portCount: Int) -> [Biclique] {
        // With one peer or one port, every peer and port form a pair, so one
        // rule covers them all. Both partitions return that rule too.
        if !pairs.isEmpty, peerCount == 1 || portCount == 1 {
            return [Biclique(peers: Array(0..<peerCount), ports: Array(0..<portCount))]
        }

        let byPeers = partitionByPeers(pairs, peerCount: peerCount)
        let byPorts = partitionByPorts(pairs, portCount: portCount)
        let best = byPeers.count <= byPorts.count ? byPeers : byPorts
        guard peerCount <= exactLimit, portCount <= exactLimit, best.count > 1 else { return best }
        return exactCover(pairs, peerCount: peerCount, portCount: portCount, bound: best.count) ?? best
    }

    /// Peers with the same set of ports form one rule.
    static func partitionByPeers(_ pairs: [Pair], peerCount: Int) -> [Biclique] {
        var portsOfPeer = Array(repeating: [Int](), count: peerCount)
        for pair in pairs { portsOfPeer[pair.peer].append(pair.port) }
        var groups: [[Int]: [Int]] = [:]
        for (peer, ports) in portsOfPeer.enumerated() where !ports.isEmpty { groups[ports.sorted(), default: []].append(peer) }
        return groups.map { Biclique(peers: $0.value, ports: $0.key) }.sorted { $0.peers[0] < $1.peers[0] }
    }

    /// Ports with the same set of peers form one rule.
    static func partitionByPorts(_ pairs: [Pair], portCount: Int) -> [Biclique] {
        var peersOfPort = Array(repeating: [Int](), count: portCount)
        for pair in pairs { peersOfPort[pair.port].append(pair.peer) }
        var groups: [[Int]: [Int]] = [:]
        for (port, peers) in peersOfPort.enumerated() where !peers.isEmpty { groups[peers.sorted(), default: []].append(port) }
        return groups.map { Biclique(peers: $0.key, ports: $0.value) }.sorted { $0.ports[0] < $1.ports[0] }
    }

    /// Returns a cover with fewer than `bound` bicliques, or nil when none
    /// exists or the search budget runs out. Candidates are the maximal
    /// bicliques: every port set that is an intersection of peers' port sets,
    /// with all peers that have those ports.
    static func exactCover(_ pairs: [Pair], peerCount: Int, portCount: Int, bound: Int) -> [Biclique]? {
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
        var search = CoverSearch(pairs: pairs, candidates: candidates, peerCount: peerCount, portCount: portCount, budget: searchBudget)
        for size in 1..<bound {
            if let found = search.find(size: size) { return found.map { candidates[$0] } }
            if search.budget <= 0 { return nil }
        }
        return nil
    }

    /// Depth-limited search for a set cover of the pairs by the candidates.
    struct CoverSearch {
        /// The candidates that cover each pair, for the pairs in (peer, port) order.
        let options: [[Int]]
        var budget: Int

        init(pairs: [Pair], candidates: [Biclique], peerCount: Int, portCount: Int, budget: Int) {
            let sorted = pairs.sorted { ($0.peer, $0.port) < ($1.peer, $1.port) }
            // At most `exactLimit` peers and ports, so a flat array indexed
            // by (peer, port) is small and spares hashing every pair.
            var coveredBy = [[Int]](repeating: [], count: peerCount * portCount)
            for (index, candidate) in candidates.enumerated() {
                for p in candidate.peers { for q in candidate.ports { coveredBy[p * portCount + q].append(index) } }
            }
            self.options = sorted.map { coveredBy[$0.peer * portCount + $0.port] }
            self.budget = budget
        }

        mutating func find(size: Int) -> [Int]? {
            var chosen: [Int] = []
            return extend(&chosen, size: size) ? chosen : nil
        }

        private mutating func extend(_ chosen: inout [Int], size: Int) -> Bool {
            budget -= 1
            if budget <= 0 { return false }
            // Branch on the uncovered pair with the fewest candidates.
            var best: [Int]?
            for pairOptions in options where !chosen.contains(where: { pairOptions.contains($0) }) {
                if best == nil || pairOptions.count < best!.count { best = pairOptions }
            }
            guard let best else { return true }
            guard chosen.count < size else { return false }
            for option in best {
                chosen.append(option)
                if extend(&chosen, size: size) { return true }
                chosen.removeLast()
            }
            return false
        }
    }
}
