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

    struct Pair: Hashable {
        let peer: Int
        let port: Int
    }

    struct Biclique {
        let peers: [Int]
        let ports: [Int]
    }

    static func merge(_ rules: [PlanRule]) -> [PlanRule] {
        guard !rules.isEmpty else { return [] }
        if rules.count == 1, isMerged(rules[0]) { return rules }
        if let rule = mergeSharingPorts(rules) { return [rule] }

        let table = PairTable(rules)
        let cover = bestCover(table.pairs, peerCount: table.peers.count, portCount: table.ports.count)
        // Rules keep the order of the first rule that admitted any of their pairs.
        let firstRules = cover.map { firstRule(of: $0, in: table) }
        let order = cover.indices.sorted { (firstRules[$0], $0) < (firstRules[$1], $1) }
        return order.map { rule(cover[$0], table: table) }
    }

    private static func firstRule(of biclique: Biclique, in table: PairTable) -> Int {
        var first = Int.max
        for p in biclique.peers {
            for q in biclique.ports {
                guard let number = table.number(peer: p, port: q) else { continue }
                first = min(first, table.rules(ofPair: number).first!)
            }
        }
        return first
    }

    private static func rule(_ biclique: Biclique, table: PairTable) -> PlanRule {
        let peerNumbers = biclique.peers.sorted()
        let portNumbers = biclique.ports.sorted()
        // The origins of the pairs' rules in pair order, each once.
        var all: [String] = []
        for p in peerNumbers {
            for q in portNumbers {
                guard let number = table.number(peer: p, port: q) else { continue }
                for ruleNumber in table.rules(ofPair: number) { all += table.rules[ruleNumber].origins }
            }
        }
        var origins: [String] = []
        PlanRule.append(all, toUnique: &origins)
        let peers = list(peerNumbers, of: table.peers)
        // The pair table has the fingerprints of the peers already.
        let peerFingerprints = peers == nil ? nil : peerNumbers.map { table.peerFingerprints[$0] }
        return PlanRule(peers: peers, peerFingerprints: peerFingerprints, ports: list(portNumbers, of: table.ports), origins: origins)
    }

    /// Returns the values with the given numbers, or nil when one of them
    /// is nil: every peer or port together with specific ones is just every one.
    private static func list<Value>(_ numbers: [Int], of values: [Value?]) -> [Value]? {
        var list: [Value] = []
        list.reserveCapacity(numbers.count)
        for number in numbers {
            guard let value = values[number] else { return nil }
            list.append(value)
        }
        return list
    }
}
