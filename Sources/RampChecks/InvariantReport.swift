import RampDiagnostics
import RampEvaluator
import RampIR
import RampKube
import RampSource

extension AssertionAnalysis {
    /// The maximum number of connections that one violation lists in its notes besides the first.
    static let listedConnectionLimit = 8

    /// Checks every invariant and reports each violated statement once, at
    /// the statement. The message names the first connection that breaks it.
    /// The notes give an example connection with both verdicts, point at
    /// every rule that admits a breaking connection, and list the other
    /// breaking connections.
    public func checkInvariants(into diagnostics: DiagnosticEngine) {
        var order: [SourceRange] = []
        var violations: [SourceRange: [(Invariant, [ConnectionClass])]] = [:]
        for invariant in program.invariants {
            let query = AssertionAnalysis.query(for: invariant, encoding)
            let classes = reachability.allowedConnections(query, limit: AssertionAnalysis.classLimit)
            guard !classes.isEmpty else { continue }
            if violations[invariant.origin] == nil { order.append(invariant.origin) }
            violations[invariant.origin, default: []].append((invariant, classes))
        }
        for origin in order {
            diagnostics.emit(diagnostic(for: violations[origin]!))
        }
    }

    // MARK: - One statement

    private func diagnostic(for unordered: [(Invariant, [ConnectionClass])]) -> Diagnostic {
        let violations = unordered.map { ($0.0, ordered($0.1)) }
        let invariant = violations[0].0
        let summaries = violations.flatMap { summarize($0.1) }
        let first = summaries[0]
        let message: DiagnosticMessage = invariant.kind == .never
            ? .neverViolated(policies: policiesDescription, source: first.source, destination: first.destination, ports: first.portText)
            : .onlyViolated(policies: policiesDescription, source: first.source, destination: first.destination, ports: first.portText)

        let classes = violations.flatMap(\.1)
        let examples = classes.flatMap(\.examples)
        var notes: [Note] = []
        if let example = examples.first { notes.append(Note("for example, " + verdictText.describe(example))) }
        notes += admittingNotes(examples)
        notes += unisolatedNotes(examples, includingSources: invariant.kind == .never)
        notes += summaries.dropFirst().prefix(AssertionAnalysis.listedConnectionLimit).map {
            Note("also allows \($0.source) to reach \($0.destination) on \($0.portText)")
        }
        let unlisted = summaries.count - 1 - AssertionAnalysis.listedConnectionLimit
        if unlisted > 0 { notes.append(Note("and \(unlisted) more connection\(unlisted == 1 ? "" : "s")")) }
        if violations.contains(where: { $0.1.count >= AssertionAnalysis.classLimit }) {
            notes.append(Note("the check stopped after \(AssertionAnalysis.classLimit) classes of connections, so there may be more"))
        }
        return Diagnostic(message, at: invariant.origin, notes: notes)
    }

    /// Returns a note at every statement or manifest rule that admits one of the connections, in source order.
    private func admittingNotes(_ examples: [Verdict]) -> [Note] {
        var notes: [SourceRange: String] = [:]
        var unplaced: [String] = []
        for verdict in examples {
            for (text, range) in deciding(verdict) {
                if let range {
                    notes[range] = notes[range] ?? text
                } else if !unplaced.contains(text) {
                    unplaced.append(text)
                }
            }
        }
        return notes.keys.sorted().map { Note(notes[$0]!, at: $0) } + unplaced.map { Note($0) }
    }

    /// Returns a note for each side that admits everything because no policy
    /// isolates it, when its namespace is declared and so ramp could isolate
    /// it: destinations first, then sources when isolating their egress would
    /// be a fix, as it is for `never`.
    private func unisolatedNotes(_ examples: [Verdict], includingSources: Bool) -> [Note] {
        var sides = examples.map { ($0.ingress, $0.connection.destination, "ingress") }
        if includingSources { sides += examples.map { ($0.egress, $0.connection.source, "egress") } }

        struct Key: Hashable {
            let namespace: String
            let direction: String
        }
        var order: [Key] = []
        var endpoints: [Key: [String]] = [:]
        for (side, endpoint, direction) in sides {
            guard side == .notIsolated, case .pod(let pod) = endpoint,
                  program.namespace(named: pod.namespace.name) != nil else { continue }
            let key = Key(namespace: pod.namespace.name, direction: direction)
            let name = vocabulary.describe(endpoint)
            if endpoints[key] == nil { order.append(key) }
            if !(endpoints[key] ?? []).contains(name) { endpoints[key, default: []].append(name) }
        }
        return order.map { key in
            let names = endpoints[key]!
            let fix = "add 'deny \(key.direction)' to namespace '\(key.namespace)' to isolate"
            guard names.count > 1 else {
                return Note("\(names[0]) is not isolated for \(key.direction), so it admits every connection; \(fix) it")
            }
            let listed = names.prefix(2).joined(separator: ", ") + (names.count > 2 ? " and \(names.count - 2) more" : "")
            return Note("pods of namespace '\(key.namespace)' (\(listed)) are not isolated for \(key.direction), "
                + "so they admit every connection; \(fix) them")
        }
    }

    // MARK: - Summaries

    /// Returns the classes with those between services first and those from
    /// or to addresses last, otherwise in the order found.
    private func ordered(_ classes: [ConnectionClass]) -> [ConnectionClass] {
        func rank(_ connections: ConnectionClass) -> [Int] {
            guard let example = connections.examples.first?.connection else { return [4, 4] }
            return [vocabulary.rank(of: example.source), vocabulary.rank(of: example.destination)]
        }
        return classes.enumerated().sorted { lhs, rhs in
            let (left, right) = (rank(lhs.element), rank(rhs.element))
            return left != right ? left.lexicographicallyPrecedes(right) : lhs.offset < rhs.offset
        }.map(\.element)
    }

    struct ConnectionSummary {
        let source: String
        let destination: String
        let portText: String
    }

    /// Merges classes that the contracts name alike, keeping the order of their first class.
    private func summarize(_ classes: [ConnectionClass]) -> [ConnectionSummary] {
        struct Key: Hashable {
            let source: String
            let destination: String
            let namedPorts: [String]
        }
        var order: [Key] = []
        var ranges: [Key: [NetworkProtocol: [ClosedRange<Int>]]] = [:]
        for connections in classes {
            guard let example = connections.examples.first?.connection else { continue }
            let key = Key(
                source: vocabulary.describe(connections.source, example: example.source),
                destination: vocabulary.describe(connections.destination, example: example.destination),
                namedPorts: connections.namedPorts
            )
            if ranges[key] == nil { order.append(key) }
            ranges[key, default: [:]][connections.protocol, default: []] += connections.ports
        }
        return order.map { key in
            let byProtocol = ranges[key]!.keys.sorted().map { ($0, AssertionAnalysis.merge(ranges[key]![$0]!)) }
            return ConnectionSummary(
                source: key.source,
                destination: key.destination,
                portText: vocabulary.describePorts(byProtocol, namedPorts: key.namedPorts)
            )
        }
    }

    /// Returns the ranges sorted, with overlapping and adjacent ones joined.
    static func merge(_ ranges: [ClosedRange<Int>]) -> [ClosedRange<Int>] {
        var merged: [ClosedRange<Int>] = []
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = merged.last, range.lowerBound <= last.upperBound + 1 {
                merged[merged.count - 1] = last.lowerBound...max(last.upperBound, range.upperBound)
            } else {
                merged.append(range)
            }
        }
        return merged
    }
}
