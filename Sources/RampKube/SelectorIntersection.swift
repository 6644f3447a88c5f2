/// Decides whether two label selectors can match one label set, and names
/// such a set.
///
/// The result is exact for every selector form the API has. A label set
/// gives each key either no value or one value, independently of the other
/// keys, so two selectors share a match exactly when, for every key, the
/// requirements of both on that key allow a common state. On one key the
/// allowed states are "absent" or not, and a set of values that is either
/// finite (`=`, `In`) or everything except a finite set (`NotIn`, `Exists`).
/// Intersections of those stay in that form, and a co-finite set is never
/// empty, because there are more label values than any selector lists.
extension LabelSelector {
    /// Returns whether some label set satisfies both selectors.
    public func intersects(_ other: LabelSelector) -> Bool {
        commonMatch(with: other) != nil
    }

    /// Returns a small label set that both selectors match, or nil when no
    /// label set does. Keys that may be absent are left out, and a key that
    /// must hold a value outside a list gets a value made up to avoid it.
    public func commonMatch(with other: LabelSelector) -> [String: String]? {
        var constraints: [String: KeyConstraint] = [:]
        for requirement in requirements + other.requirements {
            constraints[requirement.key, default: .unconstrained].intersect(requirement.constraint)
        }
        var labels: [String: String] = [:]
        for (key, constraint) in constraints {
            switch constraint.witness() {
            case .none: return nil
            case .some(.absent): continue
            case .some(.value(let value)): labels[key] = value
            }
        }
        return labels
    }

    /// `matchLabels` and `matchExpressions` as one list of requirements.
    private var requirements: [LabelSelectorRequirement] {
        matchLabels.map { LabelSelectorRequirement(key: $0.key, operator: .in, values: [$0.value]) } + matchExpressions
    }
}

/// The states one label key may take under some requirements.
private struct KeyConstraint {
    enum Values {
        /// Exactly these values.
        case only(Set<String>)
        /// Every value except these.
        case allExcept(Set<String>)
    }

    enum Witness {
        case absent
        case value(String)
    }

    var allowsAbsent: Bool
    var values: Values

    static let unconstrained = KeyConstraint(allowsAbsent: true, values: .allExcept([]))

    mutating func intersect(_ other: KeyConstraint) {
        allowsAbsent = allowsAbsent && other.allowsAbsent
        switch (values, other.values) {
        case let (.only(left), .only(right)): values = .only(left.intersection(right))
        case let (.only(left), .allExcept(right)): values = .only(left.subtracting(right))
        case let (.allExcept(left), .only(right)): values = .only(right.subtracting(left))
        case let (.allExcept(left), .allExcept(right)): values = .allExcept(left.union(right))
        }
    }

    /// Returns a state that satisfies the constraint, preferring an absent
    /// key, then the smallest listed value; nil when none exists.
    func witness() -> Witness? {
        if allowsAbsent { return .absent }
        switch values {
        case .only(let allowed):
            return allowed.min().map { .value($0) }
        case .allExcept(let excluded):
            var candidate = "x"
            var number = 2
            while excluded.contains(candidate) {
                candidate = "x\(number)"
                number += 1
            }
            return .value(candidate)
        }
    }
}

extension LabelSelectorRequirement {
    fileprivate var constraint: KeyConstraint {
        switch self.operator {
        case .in: return KeyConstraint(allowsAbsent: false, values: .only(Set(values)))
        case .notIn: return KeyConstraint(allowsAbsent: true, values: .allExcept(Set(values)))
        case .exists: return KeyConstraint(allowsAbsent: false, values: .allExcept([]))
        case .doesNotExist: return KeyConstraint(allowsAbsent: true, values: .only([]))
        }
    }
}
