/// One rewrite of a plan. Every pass keeps the set of allowed connections
/// exactly as it was; it may only change how the plan is written.
public protocol PlanPass: Sendable {
    /// The name used by `--passes` listings and in tests.
    var name: String { get }
    func run(_ plan: inout PolicyPlan)
}

/// Every pass by name, in the order the optimizing pipeline runs them.
public enum PassRegistry {
    public static let all: [any PlanPass] = [
        GroupBySubject(),
        AggregateCIDRs(),
        PortRanges(),
        DropCoveredRules(),
        MergeRules(),
        CompactSelectors(),
        MergeObjects(),
    ]

    /// Passes that rely on other objects of the plan and run only when asked for.
    public static let crossObject: [any PlanPass] = [RelaxEgressToIsolatedNamespaces()]

    public static func pass(named name: String) -> (any PlanPass)? {
        (all + crossObject).first { $0.name == name }
    }
}
