/// The services of one namespace, indexed by the labels of their
/// `matchLabels`. Two selectors that require different values for one key
/// cannot overlap, and the index lets the overlap check skip most such
/// pairs, which are every pair in a namespace of `[app=name]` services.
struct SelectorOverlapCandidates {
    /// Every added service, ascending.
    private var members: [Int] = []
    /// The added services whose `matchLabels` contain a key, ascending.
    private var membersWithKey: [String: [Int]] = [:]
    /// The added services by key and then by the value they require for it.
    private var membersByLabel: [String: [String: [Int]]] = [:]

    /// Adds the service at `index`, which must be greater than the index of
    /// every service added before it.
    mutating func insert(_ matchLabels: [String: String], index: Int) {
        members.append(index)
        for (key, value) in matchLabels {
            membersWithKey[key, default: []].append(index)
            membersByLabel[key, default: [:]][value, default: []].append(index)
        }
    }

    /// Returns, in ascending order, the indices of the added services whose
    /// selectors may overlap a selector with `matchLabels`: those that lack
    /// one of its keys or require its value for that key. They may still
    /// disagree on another key, so the caller compares each pair.
    ///
    /// The sequence is lazy, so a caller that stops early pays only for
    /// what it reads. The key is the one most added services have, which
    /// leaves out the most services.
    func candidates(for matchLabels: [String: String]) -> Candidates {
        guard let key = keyLeavingOutMost(of: matchLabels) else {
            return Candidates(agreeing: [], others: members[...], skipping: [])
        }
        let withKey = membersWithKey[key] ?? []
        // When every added service has the key, no service lacks it, and
        // the walk over all of them to find one is skipped.
        let others = withKey.count == members.count ? [] : members[...]
        return Candidates(agreeing: membersByLabel[key]?[matchLabels[key]!] ?? [], others: others, skipping: withKey[...])
    }

    /// Returns the key of `matchLabels` that the most added services have,
    /// the first in name order on a tie, or nil when there is none.
    private func keyLeavingOutMost(of matchLabels: [String: String]) -> String? {
        var best: (key: String, count: Int)?
        for key in matchLabels.keys {
            let count = membersWithKey[key]?.count ?? 0
            if let current = best, current.count > count || (current.count == count && current.key < key) { continue }
            best = (key, count)
        }
        return best?.key
    }

    /// The services that require the same value for the chosen key, merged
    /// in ascending order with the services that lack the key.
    struct Candidates: Sequence, IteratorProtocol {
        fileprivate var agreeing: ArraySlice<Int>
        /// The services to walk. Those also in `skipping` have the key and are passed over.
        fileprivate var others: ArraySlice<Int>
        fileprivate var skipping: ArraySlice<Int>
        private var pendingOther: Int?

        fileprivate init(agreeing: [Int], others: ArraySlice<Int>, skipping: ArraySlice<Int>) {
            self.agreeing = agreeing[...]
            self.others = others
            self.skipping = skipping
        }

        mutating func next() -> Int? {
            if pendingOther == nil { pendingOther = nextWithoutKey() }
            guard let other = pendingOther else { return agreeing.popFirst() }
            if let first = agreeing.first, first < other { return agreeing.popFirst() }
            pendingOther = nil
            return other
        }

        /// Returns the next service that lacks the key. Both lists ascend,
        /// so one walk over each finds them.
        ///
        /// TODO: when a few services lack the key, this walks over all the
        /// others to find them, once per query.
        private mutating func nextWithoutKey() -> Int? {
            while let member = others.popFirst() {
                while let skipped = skipping.first, skipped < member { skipping.removeFirst() }
                if skipping.first == member {
                    skipping.removeFirst()
                    continue
                }
                return member
            }
            return nil
        }
    }
}
