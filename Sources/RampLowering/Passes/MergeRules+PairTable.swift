import RampKube

extension MergeRules {
    /// The distinct pairs of a direction's rules, numbered in order of
    /// first appearance, with the numbers of the rules that admit each pair.
    ///
    /// Peers and ports are numbered first, so that the pairs can be found
    /// in a flat matrix instead of a dictionary. A pair keeps rule numbers
    /// rather than origins, so building the table copies no strings.
    struct PairTable {
        let rules: [PlanRule]
        /// Distinct peers by number, where nil is an omitted or empty list.
        let peers: [NetworkPolicyPeer?]
        /// The `PeerKey` fingerprint of each peer, 0 for nil.
        let peerFingerprints: [UInt64]
        /// Distinct ports by number, where nil is an omitted or empty list.
        let ports: [NetworkPolicyPort?]
        private(set) var pairs: [Pair] = []
        private var numbers: PairNumbers
        /// The rules of pair `n` are `ruleNumbers[ruleStarts[n]..<ruleStarts[n + 1]]`, in rule order.
        private var ruleStarts: [Int] = []
        private var ruleNumbers: [Int] = []

        init(_ rules: [PlanRule]) {
            self.rules = rules

            // Step 1: the peer and port numbers of every rule, kept flat.
            let peerBound = rules.reduce(0) { $0 + max($1.peers?.count ?? 1, 1) }
            let portBound = rules.reduce(0) { $0 + max($1.ports?.count ?? 1, 1) }
            var peerNumbering = AtomNumbering<NetworkPolicyPeer?>(capacity: peerBound) { lhs, rhs in
                guard let lhs, let rhs else { return lhs == nil && rhs == nil }
                return PeerKey.areEqual(lhs, rhs)
            }
            var portNumbering = AtomNumbering<NetworkPolicyPort?>(capacity: portBound)
            var peerNumbers: [Int] = []
            var portNumbers: [Int] = []
            peerNumbers.reserveCapacity(peerBound)
            portNumbers.reserveCapacity(portBound)
            var peerEnds: [Int] = []
            var portEnds: [Int] = []
            peerEnds.reserveCapacity(rules.count)
            portEnds.reserveCapacity(rules.count)
            for rule in rules {
                // An empty list admits everything, like an omitted one.
                if let peers = rule.peers, let fingerprints = rule.peerFingerprints, !peers.isEmpty {
                    for (peer, fingerprint) in zip(peers, fingerprints) {
                        peerNumbers.append(peerNumbering.number(of: peer, fingerprint: fingerprint))
                    }
                } else {
                    peerNumbers.append(peerNumbering.number(of: nil, fingerprint: 0))
                }
                if let ports = rule.ports, !ports.isEmpty {
                    for port in ports {
                        portNumbers.append(portNumbering.number(of: port, fingerprint: PeerKey.fingerprint(of: port)))
                    }
                } else {
                    portNumbers.append(portNumbering.number(of: nil, fingerprint: 0))
                }
                peerEnds.append(peerNumbers.count)
                portEnds.append(portNumbers.count)
            }
            peers = peerNumbering.values
            peerFingerprints = peerNumbering.fingerprints
            ports = portNumbering.values

            // Step 2: the pairs of each rule, and the rules of each pair.
            numbers = PairNumbers(peerCount: peers.count, portCount: ports.count)
            let pairBound = rules.indices.reduce(0) { total, index in
                let peerCount = peerEnds[index] - (index == 0 ? 0 : peerEnds[index - 1])
                return total + peerCount * (portEnds[index] - (index == 0 ? 0 : portEnds[index - 1]))
            }
            var links: [(pair: Int, rule: Int)] = []
            var lastRuleOfPair: [Int] = []
            links.reserveCapacity(pairBound)
            lastRuleOfPair.reserveCapacity(pairBound)
            pairs.reserveCapacity(pairBound)
            var peerStart = 0
            var portStart = 0
            for ruleNumber in rules.indices {
                for p in peerNumbers[peerStart..<peerEnds[ruleNumber]] {
                    for q in portNumbers[portStart..<portEnds[ruleNumber]] {
                        let pair = number(of: Pair(peer: p, port: q), lastRules: &lastRuleOfPair)
                        // A rule that lists a peer or port twice adds its pairs twice.
                        if lastRuleOfPair[pair] != ruleNumber {
                            lastRuleOfPair[pair] = ruleNumber
                            links.append((pair, ruleNumber))
                        }
                    }
                }
                peerStart = peerEnds[ruleNumber]
                portStart = portEnds[ruleNumber]
            }
            groupRules(links)
        }

        /// Returns the number of `pair`, adding it if it is new.
        private mutating func number(of pair: Pair, lastRules: inout [Int]) -> Int {
            if let number = numbers[pair] { return number }
            numbers[pair] = pairs.count
            pairs.append(pair)
            lastRules.append(-1)
            return pairs.count - 1
        }

        /// Sorts the (pair, rule) links by pair, keeping rule order within a
        /// pair, into `ruleStarts` and `ruleNumbers`.
        private mutating func groupRules(_ links: [(pair: Int, rule: Int)]) {
            var starts = [Int](repeating: 0, count: pairs.count + 1)
            for link in links { starts[link.pair + 1] += 1 }
            for index in pairs.indices { starts[index + 1] += starts[index] }
            var next = starts
            var grouped = [Int](repeating: 0, count: links.count)
            for link in links {
                grouped[next[link.pair]] = link.rule
                next[link.pair] += 1
            }
            ruleStarts = starts
            ruleNumbers = grouped
        }

        /// Returns the number of the pair, or nil when no rule admits it.
        func number(peer: Int, port: Int) -> Int? {
            numbers[Pair(peer: peer, port: port)]
        }

        /// Returns the numbers of the rules that admit pair `number`, in rule order.
        func rules(ofPair number: Int) -> ArraySlice<Int> {
            ruleNumbers[ruleStarts[number]..<ruleStarts[number + 1]]
        }
    }

    /// Pair numbers by peer and port: a flat matrix while it is small, a
    /// dictionary beyond, so that a direction with many peers and many
    /// ports does not allocate their product.
    struct PairNumbers {
        /// Largest matrix, in entries. A direction of the synthetic benchmark
        /// systems needs a few dozen, by estimate.
        static let matrixLimit = 4096

        private let portCount: Int
        private var matrix: [Int]
        private var dictionary: [Pair: Int] = [:]

        init(peerCount: Int, portCount: Int) {
            self.portCount = portCount
            let entries = peerCount * portCount
            matrix = entries <= PairNumbers.matrixLimit ? [Int](repeating: -1, count: entries) : []
        }

        subscript(pair: Pair) -> Int? {
            get {
                guard !matrix.isEmpty else { return dictionary[pair] }
                let number = matrix[pair.peer * portCount + pair.port]
                return number < 0 ? nil : number
            }
            set {
                if matrix.isEmpty {
                    dictionary[pair] = newValue
                } else {
                    matrix[pair.peer * portCount + pair.port] = newValue ?? -1
                }
            }
        }
    }
}
