import RampDiagnostics
import RampIR
import RampKube

/// Warns about two services of one namespace whose selectors can match the
/// same pod. Policies add up, so such a pod may make and accept the
/// connections of both services, which is more than the contract of either
/// allows.
///
/// Overlap is decided exactly (`LabelSelector.commonMatch(with:)`): the
/// warning comes with a label set that both selectors match.
struct OverlappingSelectorsCheck: SemanticCheck {
    let name = "overlapping-selectors"

    func run(_ context: CheckContext) {
        for namespace in context.program.namespaces {
            let services = namespace.services.sorted { $0.origin < $1.origin }
            let selectors = services.map(\.selector)
            var candidates = SelectorOverlapCandidates()
            for (index, selector) in selectors.enumerated() {
                for earlier in candidates.candidates(for: selector.matchLabels) where !OverlappingSelectorsCheck.conflict(selectors[earlier], selector) {
                    guard let labels = selectors[earlier].commonMatch(with: selector) else { continue }
                    report(services[earlier], services[index], labels: labels, namespace: namespace.name, context: context)
                }
                candidates.insert(selector.matchLabels, index: index)
            }
        }
    }

    private func report(_ earlier: Service, _ later: Service, labels: [String: String], namespace: String, context: CheckContext) {
        let range = context.syntax.services[later.id]?.selector.range ?? later.origin
        context.diagnostics.emit(
            .overlappingSelectors(earlier.id.name, later.id.name, namespace: namespace), at: range,
            notes: [
                Note("\(OverlappingSelectorsCheck.describe(labels)) matches both selectors"),
                Note("service '\(earlier.id.name)' is declared here", at: context.syntax.services[earlier.id]?.selector.range ?? earlier.origin),
            ]
        )
    }

    /// Returns whether the selectors require different values for one
    /// `matchLabels` key, which no pod has, so they cannot overlap. Most
    /// pairs of services differ this way, and the test is cheaper than
    /// `commonMatch(with:)`.
    private static func conflict(_ first: LabelSelector, _ second: LabelSelector) -> Bool {
        first.matchLabels.contains { key, value in
            second.matchLabels[key].map { $0 != value } ?? false
        }
    }

    static func describe(_ labels: [String: String]) -> String {
        guard !labels.isEmpty else { return "a pod without labels" }
        let pairs = labels.sorted { $0.key < $1.key }.map { pair in
            pair.value.isEmpty ? "\(pair.key)=\"\"" : "\(pair.key)=\(pair.value)"
        }
        return "a pod labelled " + pairs.joined(separator: ", ")
    }
}
