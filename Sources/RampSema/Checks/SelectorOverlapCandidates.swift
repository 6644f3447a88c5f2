/// The services of one namespace, grouped by the keys of their
/// `matchLabels`. Two selectors that require different values for one key
/// cannot overlap, and the index lets the overlap check skip most such
/// pairs, which are every pair in a namespace of `[app=name]` services.
struct SelectorOverlapCandidates {
    /// The services whose `matchLabels` have exactly one set of keys.
    private struct Group {
        let keys: Set<String>
        var members: [Int] = []
        /// The members by key and then by the value they require for it.
        var membersByLabel: [String: [String: [Int]]] = [:]
    }

    private var groups: [Group] = []
    private var groupIndex: [Set<String>: Int] = [:]

    /// Adds the service at `index`, which must be greater than the index of
    /// every service added before it.
    mutating func insert(_ matchLabels: [String: String], index: Int) {
        let keys = Set(matchLabels.keys)
        let position: Int
        if let existing = groupIndex[keys] {
            position = existing
        } else {
            position = groups.count
            groupIndex[keys] = position
            groups.append(Group(keys: keys))
        }

        groups[position].members.append(index)
        for (key, value) in matchLabels {
            groups[position].membersByLabel[key, default: [:]][value, default: []].append(index)
        }
    }

    /// Returns, in ascending order, the indices of the added services whose
    /// selectors may overlap a selector with `matchLabels`. The result
    /// contains every service whose `matchLabels` agree on all shared keys,
    /// and some that disagree on a second shared key, so the caller still
    /// compares each pair.
    ///
    /// NOTE: the cost grows with the number of groups, so services that
    /// each use a different set of keys are still compared pairwise.
    func candidates(for matchLabels: [String: String]) -> [Int] {
        var result: [Int] = []
        for group in groups {
            result += members(of: group, agreeingWith: matchLabels)
        }
        result.sort()
        return result
    }

    /// Returns the members of `group` that require the value in
    /// `matchLabels` for one key that both contain, or every member when no
    /// key is shared. Members of one group contain the same keys, so they
    /// may still disagree on another shared key, which the caller tests.
    private func members(of group: Group, agreeingWith matchLabels: [String: String]) -> [Int] {
        for (key, value) in matchLabels where group.keys.contains(key) {
            return group.membersByLabel[key]?[value] ?? []
        }
        return group.members
    }
}
