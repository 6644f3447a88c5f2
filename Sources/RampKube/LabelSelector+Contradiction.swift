extension LabelSelector {
    /// The first key, in sorted order, whose requirements no set of
    /// labels satisfies together, so that the selector matches no object,
    /// or nil when some labels satisfy every requirement.
    ///
    /// The keys are independent of each other. On one key, `DoesNotExist`
    /// contradicts any requirement that needs the key, and the values that
    /// equality and `In` allow, less those that `NotIn` excludes, must leave
    /// one. `Exists` and `NotIn` alone always leave a value, as values are
    /// unbounded.
    public var contradictingKey: String? {
        var allowed: [String: Set<String>] = [:]
        var excluded: [String: Set<String>] = [:]
        var present: Set<String> = []
        var absent: Set<String> = []
        func allow(_ key: String, _ values: Set<String>) {
            allowed[key] = allowed[key].map { $0.intersection(values) } ?? values
            present.insert(key)
        }
        for (key, value) in matchLabels { allow(key, [value]) }
        for requirement in matchExpressions {
            switch requirement.operator {
            case .in: allow(requirement.key, Set(requirement.values))
            case .notIn: excluded[requirement.key, default: []].formUnion(requirement.values)
            case .exists: present.insert(requirement.key)
            case .doesNotExist: absent.insert(requirement.key)
            }
        }

        let keys = present.union(absent).union(excluded.keys).sorted()
        return keys.first { key in
            if absent.contains(key) && present.contains(key) { return true }
            guard let values = allowed[key] else { return false }
            return values.subtracting(excluded[key] ?? []).isEmpty
        }
    }
}
