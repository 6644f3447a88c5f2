import RampKube

extension LabelSelector {
    /// Returns the selector of the namespace with this name, through the name
    /// label the API server sets on every namespace.
    static func namespaceNamed(_ name: String) -> LabelSelector {
        LabelSelector(matchLabels: [Namespace.nameLabel: name])
    }

    /// The same selector with requirements and values sorted and duplicates
    /// removed, so that selectors written in a different order compare equal.
    var normalized: LabelSelector {
        // Most selectors have labels alone, which need no sorting.
        if matchExpressions.isEmpty { return self }
        let requirements = Set(matchExpressions.map {
            LabelSelectorRequirement(key: $0.key, operator: $0.operator, values: Array(Set($0.values)).sorted())
        })
        return LabelSelector(matchLabels: matchLabels, matchExpressions: requirements.sorted { $0.canonicalText < $1.canonicalText })
    }

    /// A text that orders selectors independently of how they were written,
    /// such as `app=web;tier In (a,b)`.
    var canonicalText: String {
        let labels = matchLabels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        let requirements = matchExpressions.map(\.canonicalText).sorted()
        return (labels + requirements).joined(separator: ";")
    }
}

extension LabelSelectorRequirement {
    var canonicalText: String {
        "\(key) \(self.operator.rawValue) (\(values.sorted().joined(separator: ",")))"
    }
}
