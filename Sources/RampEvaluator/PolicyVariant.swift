import RampKube

/// A variant of one of two compared policy sets, such as the build of one
/// environment with the other's settings. Where the variant allows the
/// same ports as the other compared set, it explains their difference, and
/// a caller that reads only unexplained differences can leave the pair out.
public struct PolicyVariant: Sendable {
    /// The compared set that the variant changes.
    public let side: PolicySetSide
    let policies: [EffectivePolicy]

    /// Makes a variant of the set on `side` from the policies of `evaluator`.
    public init(of side: PolicySetSide, _ evaluator: NetworkPolicyEvaluator) {
        self.side = side
        policies = evaluator.effectivePolicies
    }
}

extension PolicyVariant {
    /// Returns whether the variant decides every connection as the
    /// policies of `other` do (see `decidesAlike(_:)` for policies).
    public func decidesAlike(_ other: NetworkPolicyEvaluator) -> Bool {
        decidesAlike(other.effectivePolicies)
    }

    /// Returns whether the variant decides every connection as `target`
    /// does, because every namespace contains policies of the same effect in
    /// both. A connection reads only the policies of its endpoints'
    /// namespaces, and no rule reads another policy.
    func decidesAlike(_ target: [EffectivePolicy]) -> Bool {
        namespaces(unlike: target).isEmpty
    }

    /// Returns the namespaces whose policies differ in effect between the
    /// variant and `target`, including those that only one of them has
    /// policies in.
    func namespaces(unlike target: [EffectivePolicy]) -> Set<String> {
        let own = Dictionary(grouping: policies, by: \.namespace)
        let other = Dictionary(grouping: target, by: \.namespace)
        var unlike = Set(own.keys).symmetricDifference(other.keys)
        for (namespace, list) in own {
            guard let targetList = other[namespace] else { continue }
            let alike = targetList.count == list.count && zip(list, targetList).allSatisfy { $0.hasSameEffect(as: $1) }
            if !alike { unlike.insert(namespace) }
        }
        return unlike
    }
}
