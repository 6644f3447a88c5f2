import RampDiagnostics
import RampIR
import RampKube

/// Warns about a service whose selector can match a pod that the selector
/// of an earlier service of its namespace matches too. Policies add up, so
/// such a pod may make and accept the connections of both services, which
/// is more than the contract of either allows.
///
/// Overlap is decided exactly (`LabelSelector.commonMatch(with:)`): the
/// warning comes with a label set that both selectors match.
///
/// Each service gets at most one warning, naming the first earlier service
/// it overlaps and a few more. Where many selectors overlap, one warning
/// per pair would grow with the square of the services, to millions of
/// warnings.
struct OverlappingSelectorsCheck: SemanticCheck {
    let name = "overlapping-selectors"
    /// How many further overlapping services a warning names.
    static let furtherNamesLimit = 3

    /// An earlier service whose selector overlaps, with a pod both match.
    private struct Overlap {
        let earlier: Int
        let labels: [String: String]
    }

    func run(_ context: CheckContext) {
        for namespace in context.program.namespaces {
            let services = namespace.services.sorted { $0.origin < $1.origin }
            let selectors = services.map(\.selector)
            var candidates = SelectorOverlapCandidates()
            for (index, selector) in selectors.enumerated() {
                let overlaps = OverlappingSelectorsCheck.overlaps(of: selector, among: candidates.candidates(for: selector.matchLabels), selectors)
                if !overlaps.isEmpty {
                    report(overlaps, of: index, services: services, namespace: namespace.name, context: context)
                }
                candidates.insert(selector.matchLabels)
            }
        }
    }

    /// Returns the first overlaps of `selector` with earlier selectors, in
    /// order. It collects one more than a warning names, so the warning can
    /// say whether more exist.
    private static func overlaps(
        of selector: LabelSelector, among earlier: SelectorOverlapCandidates.Candidates, _ selectors: [LabelSelector]
    ) -> [Overlap] {
        var found: [Overlap] = []
        for candidate in earlier where !conflict(selectors[candidate], selector) {
            guard let labels = selectors[candidate].commonMatch(with: selector) else { continue }
            found.append(Overlap(earlier: candidate, labels: labels))
            if found.count > furtherNamesLimit + 1 { break }
        }
        return found
    }

    private func report(_ overlaps: [Overlap], of index: Int, services: [Service], namespace: String, context: CheckContext) {
        let later = services[index]
        let first = services[overlaps[0].earlier]
        let range = context.syntax.services[later.id]?.selector.range ?? later.origin
        var notes = [
            Note("\(OverlappingSelectorsCheck.describe(overlaps[0].labels)) matches both selectors"),
            Note("service \(QuotedText.quote(first.id.name)) is declared here", at: context.syntax.services[first.id]?.selector.range ?? first.origin),
        ]
        let further = overlaps.dropFirst().prefix(OverlappingSelectorsCheck.furtherNamesLimit).map { QuotedText.quote(services[$0.earlier].id.name) }
        if !further.isEmpty {
            let more = overlaps.count > OverlappingSelectorsCheck.furtherNamesLimit + 1
            notes.append(Note("the selector also overlaps those of \(OverlappingSelectorsCheck.list(further, more: more))"))
        }
        context.diagnostics.emit(.overlappingSelectors(first.id.name, later.id.name, namespace: namespace), at: range, notes: notes)
    }

    /// Joins quoted names as "'a'", "'a' and 'b'" or "'a', 'b', 'c' and more services".
    private static func list(_ names: [String], more: Bool) -> String {
        if more { return names.joined(separator: ", ") + " and more services" }
        guard names.count > 1 else { return names[0] }
        return names.dropLast().joined(separator: ", ") + " and " + names[names.count - 1]
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
