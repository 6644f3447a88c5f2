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
        var splits = indices.map { table.splits(ofPeer: $0) }
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

    /// Numbers for the groups of one rule's peers, so that each merge step
    /// compares integers instead of selectors. Groups of table peers keep
    /// the split table's numbers, and groups of merged peers that the table
    /// lacks are numbered after those.
    private struct GroupNumbers {
        let table: SplitTable
        /// Groups of merged peers that the table lacks, numbered after the table's.
        var extraKeys: [GroupKey] = []
        var extraNumbers: [GroupKey: Int] = [:]

        init(table: SplitTable) {
            self.table = table
        }

        func key(_ number: Int) -> GroupKey {
            number < table.groupKeys.count ? table.groupKeys[number] : extraKeys[number - table.groupKeys.count]
        }

        /// Returns the splits of a merged peer with their groups as numbers.
        mutating func number(_ splits: [(key: GroupKey, values: [String])]) -> [(group: Int, values: [String])] {
            splits.map { key, values in (number(key), values) }
        }

        private mutating func number(_ key: GroupKey) -> Int {
            if let number = table.groupNumbers[key] ?? extraNumbers[key] { return number }
            let number = table.groupKeys.count + extraKeys.count
            extraNumbers[key] = number
            extraKeys.append(key)
            return number
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
            self.fingerprint = PeerKey.combine(fingerprint, split.fingerprint)
        }

        func hash(into hasher: inout Hasher) {
            hasher.combine(fingerprint)
        }

        static func == (lhs: GroupKey, rhs: GroupKey) -> Bool {
            guard lhs.fingerprint == rhs.fingerprint, lhs.split == rhs.split else { return false }

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
        // Group numbers run over the whole plan, so the rule's numbers are
        // counted in sorted order instead of in a table of every group.
        var sortedGroups: [Int] = []
        sortedGroups.reserveCapacity(splitsOfPeers.count * 2)
        for splits in splitsOfPeers {
            for split in splits { sortedGroups.append(split.group) }
        }
        sortedGroups.sort()
        guard zip(sortedGroups, sortedGroups.dropFirst()).contains(where: { $0 == $1 }) else { return nil }

        // The peers in rule order meet the groups in order of first
        // appearance, so keeping only a strictly larger count picks the
        // earliest group on a tie.
        var best: (group: Int, count: Int)?
        for splits in splitsOfPeers {
            for split in splits {
                let count = CompactSelectors.count(of: split.group, inSorted: sortedGroups)
                if count >= 2 && count > (best?.count ?? 0) { best = (split.group, count) }
            }
        }
        guard let (group, count) = best else { return nil }

        var members: [Int] = []
        var values: [String] = []
        members.reserveCapacity(count)
        values.reserveCapacity(count)
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

    /// Returns how often `group` appears in the ascending `sortedGroups`.
    private static func count(of group: Int, inSorted sortedGroups: [Int]) -> Int {
        firstIndex(notBelow: group + 1, inSorted: sortedGroups) - firstIndex(notBelow: group, inSorted: sortedGroups)
    }

    /// Returns the index of the first element not below `value`, by binary search.
    private static func firstIndex(notBelow value: Int, inSorted sortedGroups: [Int]) -> Int {
        var low = 0
        var high = sortedGroups.count
        while low < high {
            let middle = (low + high) / 2
            if sortedGroups[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
