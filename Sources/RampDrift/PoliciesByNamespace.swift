import RampEvaluator
import RampKube

/// The policies of one build grouped by namespace, each group in build order.
///
/// The evaluator decides a connection from the policies of the source's
/// namespace (egress) and of the destination's namespace (ingress) alone,
/// and an endpoint outside the cluster has no policies. A build whose
/// policies differ from another's only in other namespaces therefore
/// decides the connection exactly as the other one does.
struct PoliciesByNamespace {
    private let groups: [String: [NetworkPolicy]]
    /// The position in the build of each policy of each group.
    private let positions: [String: [Int]]
    /// The namespaces in the order of their first policy in the build.
    let namespaces: [String]

    init(_ policies: [NetworkPolicy]) {
        var groups: [String: [NetworkPolicy]] = [:]
        var positions: [String: [Int]] = [:]
        var namespaces: [String] = []
        for (position, policy) in policies.enumerated() {
            if groups[policy.namespace] == nil { namespaces.append(policy.namespace) }
            groups[policy.namespace, default: []].append(policy)
            positions[policy.namespace, default: []].append(position)
        }
        self.groups = groups
        self.positions = positions
        self.namespaces = namespaces
    }

    /// Returns the policies of one namespace, empty when it has none.
    func policies(in namespace: String) -> [NetworkPolicy] {
        groups[namespace] ?? []
    }

    /// Returns the policies of several namespaces in build order, at a cost
    /// that grows with their number rather than with the build's.
    func policies(in namespaces: Set<String>) -> [NetworkPolicy] {
        var selected: [(position: Int, policy: NetworkPolicy)] = []
        for namespace in namespaces {
            selected += zip(positions[namespace] ?? [], groups[namespace] ?? []).map { ($0, $1) }
        }
        return selected.sorted { $0.position < $1.position }.map(\.policy)
    }

    /// Returns the namespaces whose policies differ between the two builds.
    func namespaces(differingFrom other: PoliciesByNamespace) -> Set<String> {
        var names: Set<String> = []
        for namespace in Set(groups.keys).union(other.groups.keys) where groups[namespace] != other.groups[namespace] {
            names.insert(namespace)
        }
        return names
    }

    /// Returns the namespace whose policies decide one side of a
    /// connection, or nil for an endpoint outside the cluster.
    static func namespace(deciding endpoint: Endpoint) -> String? {
        guard case .pod(let pod) = endpoint else { return nil }
        return pod.namespace.name
    }
}
