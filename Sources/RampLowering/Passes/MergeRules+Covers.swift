extension MergeRules {
    static func bestCover(_ pairs: [Pair], peerCount: Int, portCount: Int) -> [Biclique] {
        // With one peer or one port, every peer and port form a pair, so one
        // rule covers them all. Both partitions return that rule too.
        if !pairs.isEmpty, peerCount == 1 || portCount == 1 {
            return [Biclique(peers: Array(0..<peerCount), ports: Array(0..<portCount))]
        }

        guard peerCount <= UInt64.bitWidth, portCount <= UInt64.bitWidth else {
            let byPeers = partitionByPeers(pairs, peerCount: peerCount, portCount: portCount)
            let byPorts = partitionByPorts(pairs, peerCount: peerCount, portCount: portCount)
            return byPeers.count <= byPorts.count ? byPeers : byPorts
        }

        // Counting the rules of each partition first builds the rules of
        // only the cover that is returned.
        var portsOfPeer = [UInt64](repeating: 0, count: peerCount)
        var peersOfPort = [UInt64](repeating: 0, count: portCount)
        for pair in pairs {
            portsOfPeer[pair.peer] |= 1 << UInt64(pair.port)
            peersOfPort[pair.port] |= 1 << UInt64(pair.peer)
        }
        let byPeersCount = distinctCount(portsOfPeer)
        let bestCount = min(byPeersCount, distinctCount(peersOfPort))
        // One rule covers the pairs only when every peer has every port, and
        // then the partition by peers is that one rule. So when the best
        // partition has two rules, the search cannot find fewer.
        if peerCount <= exactLimit, portCount <= exactLimit, bestCount > 2,
           let cover = exactCover(pairs, peerCount: peerCount, portCount: portCount, bound: bestCount) {
            return cover
        }
        if byPeersCount == bestCount {
            return groupEqualSets(portsOfPeer).map { Biclique(peers: $0.members, ports: members(of: $0.set)) }
        }
        return groupEqualSets(peersOfPort).map { Biclique(peers: members(of: $0.set), ports: $0.members) }
    }

    /// Returns the number of distinct non-empty sets, which is the number
    /// of rules of the partition that groups them.
    private static func distinctCount(_ sets: [UInt64]) -> Int {
        // A scan costs less than hashing while the sets are few.
        guard sets.count > 32 else {
            var count = 0
            for (index, set) in sets.enumerated() where set != 0 && !sets[..<index].contains(set) { count += 1 }
            return count
        }
        return Set(sets.lazy.filter { $0 != 0 }).count
    }

    // MARK: - Partitions

    /// Peers with the same set of ports form one rule. Rules are ordered by
    /// their first peer, and list peers and ports in ascending order.
    static func partitionByPeers(_ pairs: [Pair], peerCount: Int, portCount: Int) -> [Biclique] {
        guard portCount <= UInt64.bitWidth else { return partitionByPeerLists(pairs, peerCount: peerCount) }

        var portsOfPeer = [UInt64](repeating: 0, count: peerCount)
        for pair in pairs { portsOfPeer[pair.peer] |= 1 << UInt64(pair.port) }
        return groupEqualSets(portsOfPeer).map { Biclique(peers: $0.members, ports: members(of: $0.set)) }
    }

    /// Ports with the same set of peers form one rule. Rules are ordered by
    /// their first port, and list peers and ports in ascending order.
    static func partitionByPorts(_ pairs: [Pair], peerCount: Int, portCount: Int) -> [Biclique] {
        guard peerCount <= UInt64.bitWidth else { return partitionByPortLists(pairs, portCount: portCount) }

        var peersOfPort = [UInt64](repeating: 0, count: portCount)
        for pair in pairs { peersOfPort[pair.port] |= 1 << UInt64(pair.peer) }
        return groupEqualSets(peersOfPort).map { Biclique(peers: members(of: $0.set), ports: $0.members) }
    }

    /// Returns the indices of equal non-empty sets, one group per set, in
    /// order of their first index.
    private static func groupEqualSets(_ sets: [UInt64]) -> [(set: UInt64, members: [Int])] {
        var groups: [(set: UInt64, members: [Int])] = []
        // A scan of the groups costs less than hashing while they are few.
        var groupOfSet: [UInt64: Int]? = sets.count > 32 ? [:] : nil
        for (index, set) in sets.enumerated() where set != 0 {
            let existing: Int?
            if let groupOfSet {
                existing = groupOfSet[set]
            } else {
                existing = groups.firstIndex { $0.set == set }
            }

            if let existing {
                groups[existing].members.append(index)
            } else {
                groupOfSet?[set] = groups.count
                groups.append((set, [index]))
            }
        }
        return groups
    }

    /// Returns the numbers of the bits set in `set`, in ascending order.
    private static func members(of set: UInt64) -> [Int] {
        var members: [Int] = []
        var rest = set
        while rest != 0 {
            members.append(rest.trailingZeroBitCount)
            rest &= rest - 1
        }
        return members
    }

    /// `partitionByPeers` for more ports than fit in a bit set.
    private static func partitionByPeerLists(_ pairs: [Pair], peerCount: Int) -> [Biclique] {
        groupByLists(pairs.map { ($0.peer, $0.port) }, count: peerCount).map { Biclique(peers: $0.keys, ports: $0.list) }
    }

    /// `partitionByPorts` for more peers than fit in a bit set.
    private static func partitionByPortLists(_ pairs: [Pair], portCount: Int) -> [Biclique] {
        groupByLists(pairs.map { ($0.port, $0.peer) }, count: portCount).map { Biclique(peers: $0.list, ports: $0.keys) }
    }

    /// Groups the keys `0..<count` that are paired with the same sorted
    /// list of values, ordered by each group's first key.
    private static func groupByLists(_ pairs: [(key: Int, value: Int)], count: Int) -> [(keys: [Int], list: [Int])] {
        var valuesOfKey = Array(repeating: [Int](), count: count)
        for pair in pairs { valuesOfKey[pair.key].append(pair.value) }
        var groups: [[Int]: [Int]] = [:]
        for (key, values) in valuesOfKey.enumerated() where !values.isEmpty { groups[values.sorted(), default: []].append(key) }
        return groups.map { (keys: $0.value, list: $0.key) }.sorted { $0.keys[0] < $1.keys[0] }
    }

    // MARK: - Exact search

    /// Returns a cover with fewer than `bound` bicliques, or nil when none
    /// exists or the search budget runs out. Candidates are the maximal
    /// bicliques: every port set that is an intersection of peers' port sets,
    /// with all peers that have those ports.
    static func exactCover(_ pairs: [Pair], peerCount: Int, portCount: Int, bound: Int) -> [Biclique]? {
        var portsOfPeer = Array(repeating: UInt64(0), count: peerCount)
        for pair in pairs { portsOfPeer[pair.peer] |= 1 << UInt64(pair.port) }
        let portSets = closedPortSets(portsOfPeer, portCount: portCount)
        // Only the chosen candidates become bicliques.
        func candidate(_ index: Int) -> Biclique {
            let ports = portSets[index]
            let peers = (0..<peerCount).filter { portsOfPeer[$0] & ports == ports }
            return Biclique(peers: peers, ports: members(of: ports))
        }
        var search = CoverSearch(pairs: pairs, portsOfPeer: portsOfPeer, candidatePorts: portSets, budget: searchBudget)
        for size in 1..<bound {
            if let found = search.find(size: size) { return found.map(candidate) }
            if search.budget <= 0 { return nil }
        }
        return nil
    }

    /// Returns the non-empty intersections of any number of the peers' port
    /// sets, in ascending order. There are at most `exactLimit` ports, so a
    /// bit per possible set marks the sets found without hashing them.
    private static func closedPortSets(_ portsOfPeer: [UInt64], portCount: Int) -> [UInt64] {
        var found = [UInt64](repeating: 0, count: ((1 << portCount) + 63) / 64)
        var closed: [UInt64] = []
        func insert(_ set: UInt64) {
            let (word, bit) = (Int(set / 64), set % 64)
            guard found[word] & (1 << bit) == 0 else { return }
            found[word] |= 1 << bit
            closed.append(set)
        }

        for set in portsOfPeer where set != 0 { insert(set) }
        var next = 0
        while next < closed.count {
            for set in portsOfPeer where set != 0 {
                let meet = closed[next] & set
                if meet != 0 { insert(meet) }
            }
            next += 1
        }
        return closed.sorted()
    }

    /// Depth-limited search for a set cover of the pairs by the candidates.
    struct CoverSearch {
        /// The candidates that cover each pair, for the pairs in (peer, port) order.
        let options: [[Int]]
        var budget: Int
        /// Whether each candidate is in the cover being built.
        private var isChosen: [Bool]

        /// `candidatePorts` are the port sets of the candidates, each with
        /// every peer whose ports in `portsOfPeer` contain the set.
        init(pairs: [Pair], portsOfPeer: [UInt64], candidatePorts: [UInt64], budget: Int) {
            let sorted = pairs.sorted { ($0.peer, $0.port) < ($1.peer, $1.port) }
            self.options = sorted.map { pair in
                let portsOfPair = portsOfPeer[pair.peer]
                return candidatePorts.indices.filter { index in
                    let ports = candidatePorts[index]
                    return ports & (1 << UInt64(pair.port)) != 0 && portsOfPair & ports == ports
                }
            }
            self.budget = budget
            self.isChosen = [Bool](repeating: false, count: candidatePorts.count)
        }

        mutating func find(size: Int) -> [Int]? {
            var chosen: [Int] = []
            return extend(&chosen, size: size) ? chosen : nil
        }

        private mutating func extend(_ chosen: inout [Int], size: Int) -> Bool {
            budget -= 1
            if budget <= 0 { return false }

            // Branch on the uncovered pair with the fewest candidates, the first on a tie.
            var best: Int?
            for (index, pairOptions) in options.enumerated() where !pairOptions.contains(where: { isChosen[$0] }) {
                if best == nil || pairOptions.count < options[best!].count { best = index }
            }
            guard let best else { return true }
            guard chosen.count < size else { return false }

            for option in options[best] {
                chosen.append(option)
                isChosen[option] = true
                if extend(&chosen, size: size) { return true }
                isChosen[option] = false
                chosen.removeLast()
            }
            return false
        }
    }
}
