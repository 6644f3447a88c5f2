import RampKube

/// Joins label selectors that differ only in the value of one key, where
/// each requires that key to equal a value (`k=v`) or lie in a set
/// (`k In (...)`): the union of their matches is the selector with
/// `k In (all values)`, because In is a disjunction of equalities.
enum SelectorUnion {
    /// A selector seen as its requirement on `key` and the rest.
    ///
    /// The rest is not built for each key: a selector with k requirements
    /// has k splits, and k copies of k - 1 requirements grow with the square
    /// of k. A split keeps the whole selector, and its fingerprint and
    /// equality leave the requirement on `key` out.
    struct Split: Hashable {
        /// The whole selector, in canonical order.
        let selector: LabelSelector
        let key: String
        /// The index in `selector.matchExpressions` of the requirement on
        /// `key`, or nil when `matchLabels` contains it.
        let expressionIndex: Int?
        /// A fingerprint of the rest and the key, for the reason that `PeerKey` gives.
        let fingerprint: UInt64

        /// The selector without its requirement on `key`, in canonical order.
        var rest: LabelSelector {
            var rest = selector
            if let expressionIndex {
                rest.matchExpressions.remove(at: expressionIndex)
            } else {
                rest.matchLabels[key] = nil
            }
            return rest
        }

        func hash(into hasher: inout Hasher) {
            hasher.combine(fingerprint)
        }

        static func == (lhs: Split, rhs: Split) -> Bool {
            lhs.fingerprint == rhs.fingerprint && lhs.key == rhs.key
                && lhs.restLabelCount == rhs.restLabelCount
                && lhs.selector.matchLabels.allSatisfy { key, value in key == lhs.key || rhs.hasLabel(key, value) }
                && lhs.restExpressions.elementsEqual(rhs.restExpressions)
        }

        /// Returns whether the selector requires `key=value`. A scan of the
        /// few labels of most selectors compares strings without hashing them.
        private func hasLabel(_ key: String, _ value: String) -> Bool {
            let labels = selector.matchLabels
            guard labels.count > 8 else { return labels.contains { $0.key == key && $0.value == value } }
            return labels[key] == value
        }

        private var restLabelCount: Int {
            selector.matchLabels.count - (expressionIndex == nil ? 1 : 0)
        }

        private var restExpressions: some Sequence<LabelSelectorRequirement> {
            selector.matchExpressions.enumerated().lazy.filter { $0.offset != expressionIndex }.map(\.element)
        }
    }

    /// Returns, for each key the selector constrains only by equality or
    /// In, the rest of the selector and the values allowed for the key.
    static func splits(_ selector: LabelSelector) -> [(split: Split, values: [String])] {
        let selector = canonical(selector)
        let expressions = selector.matchExpressions
        let expressionKeys = keyCounts(expressions)
        let hashes = EntryHashes(selector)

        var result: [(split: Split, values: [String])] = []
        for (key, value) in selector.matchLabels where expressionKeys[key] == nil {
            let fingerprint = PeerKey.combine(hashes.total &- hashes.label(key, value), PeerKey.fnv1a(key))
            result.append((Split(selector: selector, key: key, expressionIndex: nil, fingerprint: fingerprint), [value]))
        }
        for (index, requirement) in expressions.enumerated() where requirement.operator == .in
            && selector.matchLabels[requirement.key] == nil && expressionKeys[requirement.key] == 1 {
            let fingerprint = PeerKey.combine(hashes.total &- hashes.expressions[index], PeerKey.fnv1a(requirement.key))
            result.append((Split(selector: selector, key: requirement.key, expressionIndex: index, fingerprint: fingerprint), requirement.values))
        }
        // The keys differ, so the order is total.
        if result.count > 1 { result.sort { $0.split.key < $1.split.key } }
        return result
    }

    /// The hash of each requirement of a selector and their sum, which stays
    /// the same in any order, so that leaving one out is a subtraction.
    private struct EntryHashes {
        let expressions: [UInt64]
        let total: UInt64

        init(_ selector: LabelSelector) {
            var total: UInt64 = 0
            for (key, value) in selector.matchLabels { total = total &+ EntryHashes.label(key, value) }
            expressions = selector.matchExpressions.map(EntryHashes.expression)
            for hash in expressions { total = total &+ hash }
            self.total = total
        }

        func label(_ key: String, _ value: String) -> UInt64 {
            EntryHashes.label(key, value)
        }

        private static func label(_ key: String, _ value: String) -> UInt64 {
            PeerKey.combine(PeerKey.fnv1a(key), PeerKey.fnv1a(value))
        }

        private static func expression(_ requirement: LabelSelectorRequirement) -> UInt64 {
            var hash = PeerKey.combine(PeerKey.fnv1a(requirement.key), PeerKey.fnv1a(requirement.operator.rawValue))
            for value in requirement.values { hash = PeerKey.combine(hash, PeerKey.fnv1a(value)) }
            return hash
        }
    }

    /// Returns how many expressions constrain each key.
    private static func keyCounts(_ requirements: [LabelSelectorRequirement]) -> [String: Int] {
        var counts: [String: Int] = [:]
        for requirement in requirements { counts[requirement.key, default: 0] += 1 }
        return counts
    }

    /// Returns the selector that matches `rest` and any of `values` for `key`.
    static func join(_ split: Split, values: [String]) -> LabelSelector {
        var selector = split.rest
        let unique = sortedUnique(values)
        if unique.count == 1 {
            selector.matchLabels[split.key] = unique[0]
        } else {
            selector.matchExpressions.append(LabelSelectorRequirement(key: split.key, operator: .in, values: unique))
        }
        return canonical(selector)
    }

    /// Orders expressions by key, operator and values so that equal selectors compare equal.
    static func canonical(_ selector: LabelSelector) -> LabelSelector {
        // Most selectors are canonical already, and checking costs less than building sets and sorting.
        guard !isCanonical(selector.matchExpressions) else { return selector }

        var result = selector
        result.matchExpressions = selector.matchExpressions
            .map { LabelSelectorRequirement(key: $0.key, operator: $0.operator, values: sortedUnique($0.values)) }
            .sorted { ($0.key, $0.operator.rawValue, $0.values) < ($1.key, $1.operator.rawValue, $1.values) }
        return result
    }

    /// Returns the distinct values in ascending order. Sorting and dropping
    /// repeats costs less than hashing every value into a set.
    private static func sortedUnique(_ values: [String]) -> [String] {
        var unique: [String] = []
        unique.reserveCapacity(values.count)
        for value in values.sorted() where unique.last != value { unique.append(value) }
        return unique
    }

    /// Returns whether `canonical` would keep the expressions as they are:
    /// each one's values strictly ascending, and the expressions in order.
    /// Expressions that compare equal are identical, so sorting keeps them.
    private static func isCanonical(_ requirements: [LabelSelectorRequirement]) -> Bool {
        for requirement in requirements {
            for (value, next) in zip(requirement.values, requirement.values.dropFirst()) where !(value < next) { return false }
        }
        for (requirement, next) in zip(requirements, requirements.dropFirst())
        where (next.key, next.operator.rawValue, next.values) < (requirement.key, requirement.operator.rawValue, requirement.values) {
            return false
        }
        return true
    }
}

extension Array: @retroactive Comparable where Element == String {
    public static func < (lhs: [String], rhs: [String]) -> Bool {
        lhs.lexicographicallyPrecedes(rhs)
    }
}
