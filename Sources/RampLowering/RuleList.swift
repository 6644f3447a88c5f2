import RampKube
import RampSource

/// The rules of one direction of a subject, in the order they were first
/// added. Two dependencies that ask for the same peers and ports give one
/// rule that carries both locations.
struct RuleList {
    private(set) var rules: [NetworkPolicyRule] = []
    /// The position of each rule by its peers and ports, so that finding
    /// the rule to merge into is a lookup, not a scan.
    private var positions: [RuleInterner.RuleKey: Int] = [:]
    /// The comments and origins of each rule that was merged into, so that
    /// merging the n-th dependency into one rule does not scan n comments.
    private var mergedComments: [Int: Set<String>] = [:]
    private var mergedOrigins: [Int: Set<SourceRange>] = [:]

    var isEmpty: Bool { rules.isEmpty }

    /// Adds a rule whose peers and ports `key` numbers, or merges its
    /// comments and origins into the rule that has them.
    mutating func add(_ rule: NetworkPolicyRule, key: RuleInterner.RuleKey) {
        // One lookup for a new rule, the common case; a merge puts the first position back.
        guard let index = positions.updateValue(rules.count, forKey: key) else {
            rules.append(rule)
            return
        }
        positions[key] = index
        for comment in rule.comments where mergedComments[index, default: Set(rules[index].comments)].insert(comment).inserted {
            rules[index].comments.append(comment)
        }
        for origin in rule.origins where mergedOrigins[index, default: Set(rules[index].origins)].insert(origin).inserted {
            rules[index].origins.append(origin)
        }
    }
}
