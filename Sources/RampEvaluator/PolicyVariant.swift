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
        let own = Dictionary(grouping: policies, by: \.namespace)
        let other = Dictionary(grouping: target, by: \.namespace)
        guard own.count == other.count else { return false }
        return own.allSatisfy { namespace, list in
            guard let targetList = other[namespace], targetList.count == list.count else { return false }
            return zip(list, targetList).allSatisfy { $0.hasSameEffect(as: $1) }
        }
    }
}
