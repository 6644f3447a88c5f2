import RampKube

/// Joins label selectors that differ only in the value of one key, where
/// each requires that key to equal a value (`k=v`) or lie in a set
/// (`k In (...)`): the union of their matches is the selector with
/// `k In (all values)`, because In is a disjunction of equalities.
enum SelectorUnion {
    struct Split: Hashable {
        /// The selector without its requirement on `key`, in canonical order.
        let rest: LabelSelector
        let key: String
    }

    /// Returns, for each key the selector constrains only by equality or
    /// In, the rest of the selector and the values allowed for the key.
    static func splits(_ selector: LabelSelector) -> [(split: Split, values: [String])] {
        var result: [(split: Split, values: [String])] = []
        // A selector has few expressions, so scans find them faster than a dictionary by key would.
        let expressions = selector.matchExpressions
        for (key, value) in selector.matchLabels where !expressions.contains(where: { $0.key == key }) {
            var rest = selector
            rest.matchLabels[key] = nil
            result.append((Split(rest: canonical(rest), key: key), [value]))
        }
        for (index, requirement) in expressions.enumerated() where requirement.operator == .in
            && selector.matchLabels[requirement.key] == nil && !hasOtherRequirement(on: requirement.key, than: index, in: expressions) {
            var rest = selector
            rest.matchExpressions.remove(at: index)
            result.append((Split(rest: canonical(rest), key: requirement.key), requirement.values))
        }
        // The keys differ, so the order is total.
        if result.count > 1 { result.sort { $0.split.key < $1.split.key } }
        return result
    }

    private static func hasOtherRequirement(on key: String, than index: Int, in requirements: [LabelSelectorRequirement]) -> Bool {
        requirements.indices.contains { $0 != index && requirements[$0].key == key }
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
