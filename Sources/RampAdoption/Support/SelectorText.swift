import RampKube

/// Writes label selectors and ports in the contract language's syntax, which
/// messages use too: `[app=web, tier in (a, b), !canary]`.
enum SelectorText {
    /// Returns the requirements inside brackets, matchLabels first, by key.
    static func bracketed(_ selector: LabelSelector) -> String {
        "[" + requirements(selector).joined(separator: ", ") + "]"
    }

    static func requirements(_ selector: LabelSelector) -> [String] {
        var parts = selector.matchLabels.sorted { $0.key < $1.key }.map { "\($0.key)=\(value($0.value))" }
        for requirement in selector.matchExpressions.sorted(by: LabelSelector.requirementOrder) {
            let values = requirement.values.sorted().map(value)
            switch requirement.operator {
            case .in:
                parts.append("\(requirement.key) in (\(values.joined(separator: ", ")))")
            case .notIn:
                parts.append(values.count == 1 ? "\(requirement.key)!=\(values[0])" : "\(requirement.key) notin (\(values.joined(separator: ", ")))")
            case .exists:
                parts.append("\(requirement.key) exists")
            case .doesNotExist:
                parts.append("!\(requirement.key)")
            }
        }
        return parts
    }

    /// Quotes a label value that is not a contract word, which only the empty value is.
    static func value(_ text: String) -> String {
        text.isEmpty ? "\"\"" : text
    }

    /// `8080/TCP`, `30000-30100/UDP`, `http/TCP` or `every port`, for messages.
    static func ports(_ ports: [NetworkPolicyPort]?) -> String {
        guard let ports, !ports.isEmpty else { return "every port" }
        return ports.map(port).joined(separator: ", ")
    }

    static func port(_ port: NetworkPolicyPort) -> String {
        let networkProtocol = (port.protocol ?? .tcp).rawValue
        switch port.port {
        case nil: return "every \(networkProtocol) port"
        case .number(let number):
            if let end = port.endPort, end != number { return "\(number)-\(end)/\(networkProtocol)" }
            return "\(number)/\(networkProtocol)"
        case .name(let name): return "\(name)/\(networkProtocol)"
        }
    }
}

extension LabelSelector {
    /// Orders requirements by key, operator and values, so that equal selectors print alike.
    static func requirementOrder(_ lhs: LabelSelectorRequirement, _ rhs: LabelSelectorRequirement) -> Bool {
        if lhs.key != rhs.key { return lhs.key < rhs.key }
        if lhs.operator != rhs.operator { return lhs.operator.rawValue < rhs.operator.rawValue }
        return lhs.values.lexicographicallyPrecedes(rhs.values)
    }

    /// The selector with its requirements sorted and their values sorted, so
    /// that selectors written in different orders compare equal.
    var canonical: LabelSelector {
        let expressions = matchExpressions.map {
            LabelSelectorRequirement(key: $0.key, operator: $0.operator, values: Array(Set($0.values)).sorted())
        }
        return LabelSelector(matchLabels: matchLabels, matchExpressions: Array(Set(expressions)).sorted(by: LabelSelector.requirementOrder))
    }

    /// Returns whether every pod this selector matches is matched by `other`,
    /// judged by the requirements alone: true when each requirement of
    /// `other` is also a requirement of this selector.
    func isNarrower(than other: LabelSelector) -> Bool {
        let own = canonical
        for (key, value) in other.matchLabels where own.matchLabels[key] != value {
            let equivalent = LabelSelectorRequirement(key: key, operator: .in, values: [value])
            if !own.matchExpressions.contains(equivalent) { return false }
        }
        let expressions = Set(own.matchExpressions)
        return other.canonical.matchExpressions.allSatisfy { requirement in
            if expressions.contains(requirement) { return true }
            if requirement.operator == .in, let value = own.matchLabels[requirement.key] { return requirement.values.contains(value) }
            if requirement.operator == .notIn, let value = own.matchLabels[requirement.key] { return !requirement.values.contains(value) }
            if requirement.operator == .exists { return own.matchLabels[requirement.key] != nil }
            return false
        }
    }
}

extension LabelSelector {
    /// Splits every `In` requirement with several values into one selector
    /// per value, which together select the same pods. `app in (a, b)` becomes
    /// `app=a` and `app=b`. A value that contradicts `matchLabels` selects
    /// nothing and is left out. Returns the selector itself when the split
    /// would give more than `limit` selectors.
    func expandingIn(limit: Int = 32) -> [LabelSelector] {
        var result = [LabelSelector(matchLabels: matchLabels)]
        var unsplit: [LabelSelectorRequirement] = []
        for requirement in matchExpressions {
            guard requirement.operator == .in, requirement.values.count > 1 || result.first?.matchLabels[requirement.key] == nil else {
                unsplit.append(requirement)
                continue
            }
            var next: [LabelSelector] = []
            for selector in result {
                for value in requirement.values {
                    if let existing = selector.matchLabels[requirement.key], existing != value { continue }
                    var piece = selector
                    piece.matchLabels[requirement.key] = value
                    next.append(piece)
                }
            }
            result = next
            if result.count > limit { return [self] }
        }
        return result.map { LabelSelector(matchLabels: $0.matchLabels, matchExpressions: unsplit).canonical }
    }
}
