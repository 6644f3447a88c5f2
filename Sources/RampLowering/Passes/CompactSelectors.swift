import RampKube

/// Joins the peers of a rule that differ only in one label's value into one
/// peer with an `In` expression: `pod{app=a}, pod{app=b}` becomes
/// `pod{app in (a, b)}`. Pod selectors are joined among peers with the same
/// namespace selector, and namespace selectors among peers with the same pod
/// selector.
///
/// Exact: `(N and k=a) or (N and k=b)` is `N and k in (a, b)`.
public struct CompactSelectors: PlanPass {
    public let name = "compact-selectors"

    public init() {}

    public func run(_ plan: inout PolicyPlan) {
        let table = SplitTable(plan)
        plan.rewriteEachObject { object in
            object.ingress = object.ingress.map { compact($0, table: table) }
            object.egress = object.egress.map { compact($0, table: table) }
        }
    }

    private func compact(_ rule: PlanRule, table: SplitTable) -> PlanRule {
        // One peer has nothing to join with.
        guard var peers = rule.peers, peers.count >= 2 else { return rule }

        // The splits of a peer change only when the peer does, so each merge
        // recomputes just the merged peer's.
        var groups = GroupNumbers(table: table)
        var splits = peers.map { groups.number(table.splits(of: $0)) }
        while let merge = bestMerge(splits, groups: groups) {
            let first = merge.members[0]
            peers[first] = merge.peer
            splits[first] = groups.number(CompactSelectors.splits(merge.peer))
            for member in merge.members.dropFirst().reversed() {
                peers.remove(at: member)
                splits.remove(at: member)
            }
        }
        var result = rule
        result.peers = peers
        return result
    }

    /// Numbers the groups of one rule's peers in order of first appearance,
    /// so that each merge step compares integers instead of selectors.
    ///
    /// The split table numbers the groups of the plan's peers once, so a rule
    /// maps those numbers instead of hashing and comparing its groups again.
    /// Only the groups of merged peers go through their keys.
    private struct GroupNumbers {
        let table: SplitTable
        /// The table's number of each group of the rule, by its local number.
        var tableNumbers: [Int] = []
        var localNumbers: [Int: Int] = [:]
        /// Groups of merged peers that the table lacks, numbered after the table's.
        var extraKeys: [GroupKey] = []
        var extraNumbers: [GroupKey: Int] = [:]

        init(table: SplitTable) {
            self.table = table
        }

        var count: Int { tableNumbers.count }

        func key(_ local: Int) -> GroupKey {
            let number = tableNumbers[local]
            return number < table.groupKeys.count ? table.groupKeys[number] : extraKeys[number - table.groupKeys.count]
        }

        /// Returns the splits of a table peer with their groups as local numbers.
        mutating func number(_ splits: [(group: Int, values: [String])]) -> [(group: Int, values: [String])] {
            splits.map { group, values in (local(group), values) }
        }

        /// Returns the splits of any peer with their groups as local numbers.
        mutating func number(_ splits: [(key: GroupKey, values: [String])]) -> [(group: Int, values: [String])] {
            splits.map { key, values in (local(tableNumber(key)), values) }
        }

        private mutating func tableNumber(_ key: GroupKey) -> Int {
            if let number = table.groupNumbers[key] ?? extraNumbers[key] { return number }
            let number = table.groupKeys.count + extraKeys.count
            extraNumbers[key] = number
            extraKeys.append(key)
            return number
        }

        private mutating func local(_ number: Int) -> Int {
            if let local = localNumbers[number] { return local }
            localNumbers[number] = tableNumbers.count
            tableNumbers.append(number)
            return tableNumbers.count - 1
        }
    }

    /// The splits of every peer in the plan's rules of two or more peers,
    /// computed once per distinct peer, with their groups numbered once. The
    /// rules of many objects name the same peer, and making its splits costs
    /// far more than a lookup.
    private struct SplitTable {
        private let indices: [PeerKey: Int]
        private let splitsOfPeers: [[(group: Int, values: [String])]]
        let groupKeys: [GroupKey]
        let groupNumbers: [GroupKey: Int]

        init(_ plan: PolicyPlan) {
            // Fingerprinting the peers is the costly part of numbering them, so it runs on all cores.
            let keysOfObjects = plan.mapEachObject { object in
                (object.ingress + object.egress).flatMap { rule -> [PeerKey] in
                    guard let peers = rule.peers, peers.count >= 2 else { return [] }
                    return peers.map(PeerKey.init)
                }
            }
            var indices: [PeerKey: Int] = [:]
            var peers: [NetworkPolicyPeer] = []
            for keys in keysOfObjects {
                for key in keys where indices[key] == nil {
                    indices[key] = peers.count
                    peers.append(key.peer)
                }
            }
            self.indices = indices

            let splitsOfPeers = PolicyPlan.mapConcurrently(peers, CompactSelectors.splits)
            var groupKeys: [GroupKey] = []
            var groupNumbers: [GroupKey: Int] = [:]
            self.splitsOfPeers = splitsOfPeers.map { splits in
                splits.map { key, values in
                    if let number = groupNumbers[key] { return (number, values) }
                    groupNumbers[key] = groupKeys.count
                    groupKeys.append(key)
                    return (groupKeys.count - 1, values)
                }
            }
            self.groupKeys = groupKeys
            self.groupNumbers = groupNumbers
        }

        func splits(of peer: NetworkPolicyPeer) -> [(group: Int, values: [String])] {
            splitsOfPeers[indices[PeerKey(peer)]!]
        }
    }

    private struct Merge {
        let members: [Int]
        let peer: NetworkPolicyPeer
    }

    /// The selector of the peer that a merge changes.
    private enum Side: Hashable {
        case pod(namespaceSelector: LabelSelector?)
        case namespace(podSelector: LabelSelector?)
    }

    /// A group of peers that can join, hashed by a fingerprint computed once
    /// for the reason that `PeerKey` gives.
    private struct GroupKey: Hashable {
        let side: Side
        let split: SelectorUnion.Split
        let fingerprint: UInt64

        init(side: Side, split: SelectorUnion.Split) {
            self.side = side
            self.split = split
            var fingerprint: UInt64
            switch side {
            case .pod(let namespaceSelector): fingerprint = PeerKey.combine(1, PeerKey.fingerprint(of: namespaceSelector))
            case .namespace(let podSelector): fingerprint = PeerKey.combine(2, PeerKey.fingerprint(of: podSelector))
            }
            self.fingerprint = PeerKey.combine(fingerprint, PeerKey.fingerprint(of: split))
        }

        func hash(into hasher: inout Hasher) {
            hasher.combine(fingerprint)
        }

        static func == (lhs: GroupKey, rhs: GroupKey) -> Bool {
            lhs.fingerprint == rhs.fingerprint && lhs.side == rhs.side && lhs.split == rhs.split
        }
    }

    /// Returns the ways to join `peer` with others: for each selector of the
    /// peer, the group it can join and the label values it brings. An
    /// `ipBlock` peer joins nothing.
    private static func splits(_ peer: NetworkPolicyPeer) -> [(key: GroupKey, values: [String])] {
        guard peer.ipBlock == nil else { return [] }

        var result: [(key: GroupKey, values: [String])] = []
        if let podSelector = peer.podSelector {
            let side = Side.pod(namespaceSelector: peer.namespaceSelector.map(SelectorUnion.canonical))
            for (split, values) in SelectorUnion.splits(podSelector) {
                result.append((GroupKey(side: side, split: split), values))
            }
        }
        if let namespaceSelector = peer.namespaceSelector {
            let side = Side.namespace(podSelector: peer.podSelector.map(SelectorUnion.canonical))
            for (split, values) in SelectorUnion.splits(namespaceSelector) {
                result.append((GroupKey(side: side, split: split), values))
            }
        }
        return result
    }

    /// Returns the largest group of two or more peers that can become one,
    /// the earliest such group on a tie. `splitsOfPeers` contains the splits
    /// of each peer of the rule, in rule order.
    private func bestMerge(_ splitsOfPeers: [[(group: Int, values: [String])]], groups: GroupNumbers) -> Merge? {
        var members = [[(index: Int, values: [String])]](repeating: [], count: groups.count)
        var order: [Int] = []
        for (index, splits) in splitsOfPeers.enumerated() {
            for (group, values) in splits {
                if members[group].isEmpty { order.append(group) }
                members[group].append((index, values))
            }
        }
        guard let group = order.filter({ members[$0].count >= 2 }).max(by: { members[$0].count < members[$1].count }) else {
            return nil
        }
        let key = groups.key(group)
        let joined = SelectorUnion.join(key.split, values: members[group].flatMap(\.values))
        let peer: NetworkPolicyPeer
        switch key.side {
        case .pod(let namespaceSelector): peer = NetworkPolicyPeer(podSelector: joined, namespaceSelector: namespaceSelector)
        case .namespace(let podSelector): peer = NetworkPolicyPeer(podSelector: podSelector, namespaceSelector: joined)
        }
        return Merge(members: members[group].map(\.index).sorted(), peer: peer)
    }
}
