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
        plan.rewriteEachObject { index, object in
            // The table lists the peers of the object's rules of two or more
            // peers, ingress rules first, in the order the loops visit them.
            var peerIndices = table.peerIndices(ofObject: index)[...]
            object.ingress = object.ingress.map { compact($0, peerIndices: &peerIndices, table: table) }
            object.egress = object.egress.map { compact($0, peerIndices: &peerIndices, table: table) }
        }
    }

    /// `peerIndices` starts with the table indices of the rule's peers when
    /// the rule has two or more; they are removed from it.
    private func compact(_ rule: PlanRule, peerIndices: inout ArraySlice<Int>, table: SplitTable) -> PlanRule {
        // One peer has nothing to join with.
        guard var peers = rule.peers, var fingerprints = rule.peerFingerprints, peers.count >= 2 else { return rule }

        let indices = peerIndices.prefix(peers.count)
        peerIndices = peerIndices.dropFirst(peers.count)
        guard table.hasSharedGroup(indices) else { return rule }

        // The splits of a peer change only when the peer does, so each merge
        // recomputes just the merged peer's.
        var groups = GroupNumbers(table: table)
        var splits = indices.map { groups.number(table.splits(ofPeer: $0)) }
        // A rule left with one peer has nothing more to join, so the
        // splits of the merged peer are computed only when others remain.
        while peers.count >= 2, let merge = bestMerge(splits, groups: groups) {
            let first = merge.members[0]
            peers[first] = merge.peer
            fingerprints[first] = PeerKey.fingerprint(of: merge.peer)
            for member in merge.members.dropFirst().reversed() {
                peers.remove(at: member)
                fingerprints.remove(at: member)
                splits.remove(at: member)
            }
            splits[first] = peers.count >= 2 ? groups.number(CompactSelectors.splits(merge.peer)) : []
        }
        var result = rule
        result.setPeers(peers, fingerprints: fingerprints)
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
        /// The local number of each table number, filled once the rule has
        /// more than `scanLimit` groups. Rules have few groups, and a scan
        /// of a few integers costs less than hashing one.
        var localNumbers: [Int: Int] = [:]
        static let scanLimit = 16
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
            if let local = knownLocal(number) { return local }
            if !localNumbers.isEmpty { localNumbers[number] = tableNumbers.count }
            tableNumbers.append(number)
            return tableNumbers.count - 1
        }

        private mutating func knownLocal(_ number: Int) -> Int? {
            guard tableNumbers.count > GroupNumbers.scanLimit else { return tableNumbers.firstIndex(of: number) }

            if localNumbers.isEmpty {
                for (local, known) in tableNumbers.enumerated() { localNumbers[known] = local }
            }
            return localNumbers[number]
        }
    }

    /// The splits of every peer in the plan's rules of two or more peers,
    /// computed once per distinct peer, with their groups numbered once. The
    /// rules of many objects name the same peer, and making its splits costs
    /// far more than a lookup.
    private struct SplitTable {
        private let splitsOfPeers: [[(group: Int, values: [String])]]
        /// The index of each peer of the rules of two or more peers, per object.
        private let indicesOfObjects: [[Int]]
        let groupKeys: [GroupKey]
        let groupNumbers: [GroupKey: Int]

        init(_ plan: PolicyPlan) {
            // The rules carry the fingerprints of their peers, so numbering
            // the peers only looks them up.
            var numbering = AtomNumbering<NetworkPolicyPeer>(capacity: 0, areEqual: PeerKey.areEqual)
            indicesOfObjects = plan.objects.map { object in
                var indices: [Int] = []
                for rules in [object.ingress, object.egress] {
                    for rule in rules {
                        guard let peers = rule.peers, let fingerprints = rule.peerFingerprints, peers.count >= 2 else { continue }
                        for (peer, fingerprint) in zip(peers, fingerprints) {
                            indices.append(numbering.number(of: peer, fingerprint: fingerprint))
                        }
                    }
                }
                return indices
            }

            let splitsOfPeers = PolicyPlan.mapConcurrently(numbering.values, CompactSelectors.splits)
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

        func peerIndices(ofObject index: Int) -> [Int] {
            indicesOfObjects[index]
        }

        func splits(ofPeer index: Int) -> [(group: Int, values: [String])] {
            splitsOfPeers[index]
        }

        /// Returns whether two of the peers can join: whether a group
        /// appears in the splits of more than one of them. A peer's splits are
        /// in different groups, because each one drops a different key or
        /// changes a different selector.
        func hasSharedGroup(_ peerIndices: ArraySlice<Int>) -> Bool {
            var groups: [Int] = []
            for index in peerIndices {
                for split in splitsOfPeers[index] { groups.append(split.group) }
            }
            groups.sort()
            return zip(groups, groups.dropFirst()).contains { $0 == $1 }
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
            guard lhs.fingerprint == rhs.fingerprint, lhs.split.key == rhs.split.key,
                PeerKey.areEqual(lhs.split.rest, rhs.split.rest)
            else { return false }

            switch (lhs.side, rhs.side) {
            case let (.pod(lhsSelector), .pod(rhsSelector)): return PeerKey.areEqual(lhsSelector, rhsSelector)
            case let (.namespace(lhsSelector), .namespace(rhsSelector)): return PeerKey.areEqual(lhsSelector, rhsSelector)
            default: return false
            }
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
        // Counting first spares collecting the members of every group.
        var counts = [Int](repeating: 0, count: groups.count)
        for splits in splitsOfPeers {
            for split in splits { counts[split.group] += 1 }
        }
        // The peers in rule order meet the groups in order of first
        // appearance, so keeping only a strictly larger count picks the
        // earliest group on a tie.
        var best: (group: Int, count: Int)?
        for splits in splitsOfPeers {
            for split in splits where counts[split.group] >= 2 && counts[split.group] > (best?.count ?? 0) {
                best = (split.group, counts[split.group])
            }
        }
        guard let group = best?.group else { return nil }

        var members: [Int] = []
        var values: [String] = []
        members.reserveCapacity(counts[group])
        values.reserveCapacity(counts[group])
        for (index, splits) in splitsOfPeers.enumerated() {
            for split in splits where split.group == group {
                members.append(index)
                values += split.values
            }
        }
        let key = groups.key(group)
        let joined = SelectorUnion.join(key.split, values: values)
        let peer: NetworkPolicyPeer
        switch key.side {
        case .pod(let namespaceSelector): peer = NetworkPolicyPeer(podSelector: joined, namespaceSelector: namespaceSelector)
        case .namespace(let podSelector): peer = NetworkPolicyPeer(podSelector: podSelector, namespaceSelector: joined)
        }
        return Merge(members: members, peer: peer)
    }
}
