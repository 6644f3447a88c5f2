import RampDiagnostics
import RampEvaluator
import RampKube

/// Finds policies whose removal leaves every connection as it was, with the
/// evaluator's exact equivalence over all clusters.
///
/// A policy only selects pods of its own namespace, so the check compares
/// the policies of one namespace with and without it. When those agree, the
/// whole sets agree as well, because the other namespaces' policies are the
/// same on both sides. Policies found redundant are taken out before the
/// next one is checked, so that of two identical policies only one is reported.
struct RedundancyCheck {
    let policies: [DecodedNetworkPolicy]
    let diagnostics: DiagnosticEngine

    /// Namespaces with more policies are skipped, because each check runs
    /// one equivalence per policy and a covering search per redundant one.
    static let maximumPoliciesPerNamespace = 100

    func run() {
        let byNamespace = Dictionary(grouping: policies.indices) { policies[$0].policy.namespace }
        for namespace in byNamespace.keys.sorted() {
            let indices = byNamespace[namespace]!
            guard indices.count > 1, indices.count <= RedundancyCheck.maximumPoliciesPerNamespace else { continue }
            check(indices)
        }
    }

    private func check(_ indices: [Int]) {
        var remaining = indices
        for index in indices {
            let others = remaining.filter { $0 != index }
            let with = remaining.map { policies[$0].policy }
            let without = others.map { policies[$0].policy }
            guard RedundancyCheck.areEquivalent(with, without) else { continue }

            let covering = others.first { other in
                RedundancyCheck.areEquivalent([policies[other].policy, policies[index].policy], [policies[other].policy])
            }
            let decoded = policies[index]
            var notes: [Note] = []
            if let covering { notes.append(Note("policy '\(policies[covering].policy.name)' is here", at: policies[covering].ranges.name)) }
            diagnostics.emit(
                .lintRedundantPolicy(decoded.policy.name, coveredBy: covering.map { policies[$0].policy.name }),
                at: decoded.ranges.name ?? decoded.ranges.object, notes: notes
            )
            remaining = others
        }
    }

    /// Returns whether two sets allow the same connections. A policy that the
    /// evaluator rejects, which the decoder should have caught, counts as a difference.
    static func areEquivalent(_ first: [NetworkPolicy], _ second: [NetworkPolicy]) -> Bool {
        do {
            return try equivalence(of: first, and: second) == nil
        } catch {
            return false
        }
    }
}
