/// A `metav1.LabelSelector`. An empty selector selects everything.
public struct LabelSelector: Hashable, Sendable {
    /// Equality requirements, kept sorted by key so output is deterministic.
    public var matchLabels: [String: String]
    public var matchExpressions: [LabelSelectorRequirement]

    public init(matchLabels: [String: String] = [:], matchExpressions: [LabelSelectorRequirement] = []) {
        self.matchLabels = matchLabels
        self.matchExpressions = matchExpressions
    }

    public static let everything = LabelSelector()

    public var isEmpty: Bool { matchLabels.isEmpty && matchExpressions.isEmpty }

    /// Returns whether a set of labels satisfies every requirement, with the
    /// API's semantics: `NotIn` and `DoesNotExist` also match when the key is
    /// absent.
    public func matches(_ labels: [String: String]) -> Bool {
        for (key, value) in matchLabels where labels[key] != value { return false }
        return matchExpressions.allSatisfy { $0.matches(labels) }
    }
}

/// One set-based requirement of a label selector.
public struct LabelSelectorRequirement: Hashable, Sendable {
    public enum Operator: String, Sendable, Hashable {
        case `in` = "In"
        case notIn = "NotIn"
        case exists = "Exists"
        case doesNotExist = "DoesNotExist"
    }

    public var key: String
    public var `operator`: Operator
    /// Sorted values; empty for `Exists` and `DoesNotExist`.
    public var values: [String]

    public init(key: String, operator: Operator, values: [String] = []) {
        self.key = key
        self.operator = `operator`
        self.values = values
    }

    public func matches(_ labels: [String: String]) -> Bool {
        switch self.operator {
        case .in: return labels[key].map(values.contains) ?? false
        case .notIn: return labels[key].map { !values.contains($0) } ?? true
        case .exists: return labels[key] != nil
        case .doesNotExist: return labels[key] == nil
        }
    }
}
