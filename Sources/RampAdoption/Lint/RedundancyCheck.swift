import RampDiagnostics
import RampEvaluator
import RampKube
import RampSource

/// Finds policies whose removal leaves every connection as it was, with the
/// evaluator's exact equivalence over all clusters.
///
/// A policy only selects pods of its own namespace, so the check compares
/// the policies of one namespace with and without it. When those agree, the
/// whole sets agree as well, because the other namespaces' policies are the
/// same on both sides. Policies found redundant are taken out before the
/// next one is checked, so that of two identical policies only one is reported.
/// A few concrete connections are tried first (see `RedundancyProbe`), as
/// they show most policies to be needed without the equivalence check.
struct RedundancyCheck {
    let policies: [DecodedNetworkPolicy]
    let diagnostics: DiagnosticEngine

    /// Namespaces with more policies are skipped, because each check runs
    /// one equivalence per policy and a covering search per redundant one.
    static let maximumPoliciesPerNamespace = 100

    /// A redundant policy and the one that covers it alone, if any.
    private struct Finding: Sendable {
        let index: Int
        let covering: Int?
    }

    /// Checks the namespaces on all cores, because they are independent,
    /// and then reports the findings in namespace order.
    func run() {
        let byNamespace = Dictionary(grouping: policies.indices) { policies[$0].policy.namespace }
        for namespace in byNamespace.keys.sorted() where byNamespace[namespace]!.count > RedundancyCheck.maximumPoliciesPerNamespace {
            let count = byNamespace[namespace]!.count
            diagnostics.emit(
                .lintRedundancyNotChecked(namespace, policies: count, limit: RedundancyCheck.maximumPoliciesPerNamespace),
                at: policies[byNamespace[namespace]![0]].ranges.object
            )
        }
        let groups = byNamespace.keys.sorted().map { byNamespace[$0]! }.filter { indices in
            indices.count > 1 && indices.count <= RedundancyCheck.maximumPoliciesPerNamespace
        }
        let decoded = policies
        let results = ConcurrentIndices.map(count: groups.count, itemSize: 1) { group in
            RedundancyCheck.findings(groups[group], decoded)
        }
        for (group, result) in zip(groups, results) {
            switch result {
            case .findings(let findings): for finding in findings { report(finding) }
            case .tooManyLabelClasses(let limit): reportTooManyLabelClasses(group, limit: limit)
            }
        }
    }

    /// The redundant policies of one namespace, or the limit of label
    /// classes that their selectors pass, which leaves them unchecked.
    private enum NamespaceResult: Sendable {
        case findings([Finding])
        case tooManyLabelClasses(limit: Int)
    }

    private static func findings(_ indices: [Int], _ policies: [DecodedNetworkPolicy]) -> NamespaceResult {
        var findings: [Finding] = []
        var remaining = indices
        for index in indices {
            let others = remaining.filter { $0 != index }
            let with = remaining.map { policies[$0].policy }
            let without = others.map { policies[$0].policy }
            if RedundancyProbe.distinguishes(with, without, removed: policies[index].policy) { continue }
            switch comparison(with, without) {
            case .tooManyLabelClasses(let limit): return .tooManyLabelClasses(limit: limit)
            case .different: continue
            case .equivalent: break
            }

            let covering = others.first { other in
                areEquivalent([policies[other].policy, policies[index].policy], [policies[other].policy])
            }
            findings.append(Finding(index: index, covering: covering))
            remaining = others
        }
        return .findings(findings)
    }

    private func reportTooManyLabelClasses(_ indices: [Int], limit: Int) {
        let first = policies[indices[0]]
        diagnostics.emit(
            .lintRedundancyTooComplex(first.policy.namespace, policies: indices.count, labelClasses: limit),
            at: first.ranges.object
        )
    }

    private func report(_ finding: Finding) {
        let decoded = policies[finding.index]
        var notes: [Note] = []
        if let covering = finding.covering {
            notes.append(Note("policy \(QuotedText.quote(policies[covering].policy.name)) is here", at: policies[covering].ranges.name))
        }
        diagnostics.emit(
            .lintRedundantPolicy(decoded.policy.name, coveredBy: finding.covering.map { policies[$0].policy.name }),
            at: decoded.ranges.name ?? decoded.ranges.object, notes: notes
        )
    }

    /// Returns whether two sets allow the same connections. A policy that the
    /// evaluator rejects, which the decoder should have caught, counts as a difference.
    static func areEquivalent(_ first: [NetworkPolicy], _ second: [NetworkPolicy]) -> Bool {
        if case .equivalent = comparison(first, second) { return true }
        return false
    }

    private enum Comparison {
        case equivalent, different
        case tooManyLabelClasses(limit: Int)
    }

    private static func comparison(_ first: [NetworkPolicy], _ second: [NetworkPolicy]) -> Comparison {
        do {
            return try equivalence(of: first, and: second) == nil ? .equivalent : .different
        } catch {
            guard let limit = error.labelClassLimit else { return .different }
            return .tooManyLabelClasses(limit: limit)
        }
    }
}
