/// The services of one namespace, indexed by the labels of their
/// `matchLabels`. Two selectors that require different values for one key
/// cannot overlap, and the index lets the overlap check skip most such
/// pairs, which are every pair in a namespace of `[app=name]` services.
///
/// Services are numbered 0, 1, 2, … in the order they are added.
struct SelectorOverlapCandidates {
    /// The number of added services, which is also the index of the next one.
    private var count = 0
    private var keys: [String: KeyIndex] = [:]

    /// The part of the index for one `matchLabels` key.
    private struct KeyIndex {
        /// The services that have the key, by the value they require for it, each list ascending.
        var membersByValue: [String: [Int]] = [:]
        var memberCount = 0
        /// The services that lack the key, as ascending runs of consecutive
        /// indices, up to the last service that has it. Every later service
        /// lacks it too, so that run is left implicit.
        var gaps: [Range<Int>] = []
        /// The index after the last service that has the key.
        var lastMemberEnd = 0

        mutating func add(_ index: Int, value: String) {
            if lastMemberEnd < index { gaps.append(lastMemberEnd..<index) }
            lastMemberEnd = index + 1
            memberCount += 1
            membersByValue[value, default: []].append(index)
        }
    }

    /// Adds the next service, whose index is the number of services added
    /// before it.
    mutating func insert(_ matchLabels: [String: String]) {
        for (key, value) in matchLabels {
            keys[key, default: KeyIndex()].add(count, value: value)
        }
        count += 1
    }

    /// Returns, in ascending order, the indices of the added services whose
    /// selectors may overlap a selector with `matchLabels`: those that lack
    /// one of its keys or require its value for that key. They may still
    /// disagree on another key, so the caller compares each pair.
    ///
    /// The sequence is lazy, so a caller that stops early pays only for
    /// what it reads. The key is the one most added services have, which
    /// leaves out the most services. The services that lack it come from its
    /// runs, so finding them never walks over the services that have it.
    func candidates(for matchLabels: [String: String]) -> Candidates {
        guard let key = keyLeavingOutMost(of: matchLabels), let keyIndex = keys[key] else {
            return Candidates(agreeing: [], gaps: [], lastGap: 0..<count)
        }
        let agreeing = keyIndex.membersByValue[matchLabels[key]!] ?? []
        return Candidates(agreeing: agreeing, gaps: keyIndex.gaps, lastGap: keyIndex.lastMemberEnd..<count)
    }

    /// Returns the key of `matchLabels` that the most added services have,
    /// the first in name order on a tie, or nil when there is none.
    private func keyLeavingOutMost(of matchLabels: [String: String]) -> String? {
        var best: (key: String, memberCount: Int)?
        for key in matchLabels.keys {
            let memberCount = keys[key]?.memberCount ?? 0
            if let current = best, current.memberCount > memberCount || (current.memberCount == memberCount && current.key < key) {
                continue
            }
            best = (key, memberCount)
        }
        return best?.key
    }

    /// The services that require the same value for the chosen key, merged
    /// in ascending order with the services that lack the key.
    struct Candidates: Sequence, IteratorProtocol {
        private var agreeing: ArraySlice<Int>
        /// The runs of services that lack the key, before `lastGap`.
        private var gaps: ArraySlice<Range<Int>>
        private var lastGap: Range<Int>
        /// The rest of the run being read.
        private var lacking: Range<Int> = 0..<0

        fileprivate init(agreeing: [Int], gaps: [Range<Int>], lastGap: Range<Int>) {
            self.agreeing = agreeing[...]
            self.gaps = gaps[...]
            self.lastGap = lastGap
        }

        mutating func next() -> Int? {
            guard let other = nextLacking() else { return agreeing.popFirst() }
            if let first = agreeing.first, first < other { return agreeing.popFirst() }
            lacking.removeFirst()
            return other
        }

        /// Returns the next service that lacks the key without consuming it.
        private mutating func nextLacking() -> Int? {
            while lacking.isEmpty {
                if let gap = gaps.popFirst() {
                    lacking = gap
                } else if !lastGap.isEmpty {
                    lacking = lastGap
                    lastGap = lastGap.upperBound..<lastGap.upperBound
                } else {
                    return nil
                }
            }
            return lacking.first
        }
    }
}
