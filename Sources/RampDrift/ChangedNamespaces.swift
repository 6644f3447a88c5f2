import RampEvaluator
import RampKube

/// The namespaces whose policies differ between a build and the same build
/// with one part substituted.
///
/// The evaluator decides a connection from the policies of the source's
/// namespace (egress) and of the destination's namespace (ingress) alone,
/// and an endpoint outside the cluster has no policies. A substituted build
/// whose policies are unchanged in both namespaces therefore decides the
/// connection exactly as the build without the substitution does.
struct ChangedNamespaces {
    let names: Set<String>

    init(base: [NetworkPolicy], substituted: [NetworkPolicy]) {
        let before = ChangedNamespaces.byNamespace(base)
        let after = ChangedNamespaces.byNamespace(substituted)
        var names: Set<String> = []
        for namespace in Set(before.keys).union(after.keys) where before[namespace] != after[namespace] {
            names.insert(namespace)
        }
        self.names = names
    }

    /// Returns the namespace whose policies decide one side of a
    /// connection, or nil for an endpoint outside the cluster.
    static func namespace(of endpoint: Endpoint) -> String? {
        guard case .pod(let pod) = endpoint else { return nil }
        return pod.namespace.name
    }

    private static func byNamespace(_ policies: [NetworkPolicy]) -> [String: [NetworkPolicy]] {
        var result: [String: [NetworkPolicy]] = [:]
        for policy in policies { result[policy.namespace, default: []].append(policy) }
        return result
    }
}
