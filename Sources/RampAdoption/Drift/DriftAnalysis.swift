import RampDiagnostics
import RampEvaluator
import RampKube
import RampSource

/// Compares the NetworkPolicies of a cluster export with the policies the
/// contracts compile to, by what they allow, and reports each difference
/// with the objects responsible on both sides.
///
/// Names, comments, key order, labels, `managedFields` and `status` do not
/// matter: the evaluator compares the allowed connections in every possible
/// cluster. A connection that only the cluster allows is a security finding,
/// and one that only the contracts allow is a risk of an outage.
public struct DriftAnalysis {
    let live: [DecodedNetworkPolicy]
    let contracts: [NetworkPolicy]
    let contractSources: [SourceFile]
    let diagnostics: DiagnosticEngine
    /// The labels that the contracts declare for their namespaces. The
    /// contracts place their rules by them, so the comparison considers the
    /// clusters where those namespaces carry them.
    let namespaceLabels: [String: [String: String]]

    public init(
        live: [DecodedNetworkPolicy], contracts: [NetworkPolicy], contractSources: [SourceFile],
        namespaceLabels: [String: [String: String]] = [:], diagnostics: DiagnosticEngine
    ) {
        self.live = live
        self.contracts = contracts
        self.contractSources = contractSources
        self.namespaceLabels = namespaceLabels
        self.diagnostics = diagnostics
    }

    /// The maximum number of differences reported. Unrelated policies in
    /// many namespaces differ in millions of connection classes, which no
    /// reader can use and which took gigabytes to collect.
    public static let maximumDifferences = 10_000

    /// Reports every difference, up to `maximumDifferences`, and returns how
    /// many there are: `maximumDifferences + 1` stands for more than that.
    @discardableResult
    public func run() throws(PolicyValidationError) -> Int {
        let differences = try connectivityDifferences(
            between: live.map(\.policy), and: contracts, limit: DriftAnalysis.maximumDifferences + 1, namespaceLabels: namespaceLabels
        )
        let findings = differences.prefix(DriftAnalysis.maximumDifferences).map(finding)
        // Differences past the limit may belong to any line, so each count becomes a lower bound.
        let truncated = differences.count > DriftAnalysis.maximumDifferences
        for group in DriftAnalysis.groupedByLine(findings) {
            report(group, truncated: truncated)
        }
        return differences.count
    }

    /// One difference, placed at the live object responsible when there is
    /// one, else at the contract that states the connection.
    private struct Finding {
        let message: DiagnosticMessage
        let connection: String
        let primary: SourceRange?
        let notes: [Note]
    }

    /// The number of other differences that a grouped diagnostic names.
    static let namedOthers = 3

    /// Groups findings by the line they are reported at, in the order of
    /// their first finding. A rule such as `namespaceSelector: {}` admits
    /// many differing classes at once, and one error per line is what
    /// editors show, so the others become a note of that error instead of
    /// vanishing.
    private static func groupedByLine(_ findings: [Finding]) -> [[Finding]] {
        var groups: [[Finding]] = []
        var indexByLine: [String: Int] = [:]
        for finding in findings {
            guard let range = finding.primary else {
                groups.append([finding])
                continue
            }
            let line = "\(range.file.lineIndex(of: range.start)) \(range.file.path)"
            if let index = indexByLine[line] {
                groups[index].append(finding)
            } else {
                indexByLine[line] = groups.count
                groups.append([finding])
            }
        }
        return groups
    }

    private func report(_ group: [Finding], truncated: Bool) {
        let first = group[0]
        var notes = first.notes
        let others = group.dropFirst()
        if !others.isEmpty {
            let count = (truncated ? "at least " : "") + "\(others.count)"
            var text = "the same line is responsible for \(count) more difference\(others.count == 1 ? "" : "s"): "
            text += others.prefix(DriftAnalysis.namedOthers).map(\.connection).joined(separator: "; ")
            if others.count > DriftAnalysis.namedOthers { text += "; and \(others.count - DriftAnalysis.namedOthers) more" }
            notes.append(Note(text))
        }
        diagnostics.emit(first.message, at: first.primary, notes: notes)
    }

    private func finding(_ difference: ConnectivityDifference) -> Finding {
        let example = difference.example
        let portList = difference.ports.filter { $0.allowedBy == example.allowedBy }.map { port in
            let range = port.ports.count == 1 ? "\(port.ports.lowerBound)" : "\(port.ports.lowerBound)-\(port.ports.upperBound)"
            return port.namedPorts.isEmpty ? range : range + " (named " + port.namedPorts.joined(separator: ", ") + ")"
        }
        let connection = "\(difference.source) -> \(difference.destination) on \(difference.protocol.rawValue) \(portList.joined(separator: ", "))"

        // Each verdict is evaluated when read, so it is read once.
        let (clusterVerdict, contractVerdict) = (example.firstVerdict, example.secondVerdict)
        let responsible = notes(for: clusterVerdict, side: "the cluster") + notes(for: contractVerdict, side: "the contracts")
        // The live object that decides: a rule that admits what the contracts
        // deny, or a policy that denies what the contracts admit.
        let deciding = example.allowedBy == .first
            ? denyingDirections(contractVerdict).flatMap { admittingRanges(clusterVerdict, direction: $0) }
            : deniedRanges(clusterVerdict)
        let primary = deciding.first ?? responsible.first { $0.range != nil }?.range
        let notes = [Note("for example " + DriftExample.describe(example.connection))] + responsible
        let message: DiagnosticMessage = example.allowedBy == .first ? .driftLiveAllows(connection) : .driftLiveBlocks(connection)
        return Finding(message: message, connection: connection, primary: primary, notes: notes)
    }

    // MARK: - Responsible objects

    private func denyingDirections(_ verdict: Verdict) -> [NetworkPolicy.PolicyType] {
        var directions: [NetworkPolicy.PolicyType] = []
        if !verdict.egress.admits { directions.append(.egress) }
        if !verdict.ingress.admits { directions.append(.ingress) }
        return directions
    }

    private func admittingRanges(_ verdict: Verdict, direction: NetworkPolicy.PolicyType) -> [SourceRange] {
        guard case .admitted(let rules) = direction == .egress ? verdict.egress : verdict.ingress else { return [] }
        return rules.compactMap { range(of: $0, side: "the cluster") }
    }

    private func deniedRanges(_ verdict: Verdict) -> [SourceRange] {
        [verdict.egress, verdict.ingress].flatMap { directionVerdict -> [SourceRange] in
            guard case .denied(let policies) = directionVerdict else { return [] }
            return policies.compactMap { range(of: $0, side: "the cluster") }
        }
    }

    private func notes(for verdict: Verdict, side: String) -> [Note] {
        var notes: [Note] = []
        for (direction, directionVerdict) in [("egress", verdict.egress), ("ingress", verdict.ingress)] {
            switch directionVerdict {
            case .external, .notIsolated:
                continue
            case .admitted(let rules):
                for rule in rules {
                    notes.append(Note("in \(side), \(rule) admits the \(direction)", at: range(of: rule, side: side)))
                }
            case .denied(let policies):
                for policy in policies {
                    notes.append(Note("in \(side), \(policy) isolates the \(direction) and no rule admits it", at: range(of: policy, side: side)))
                }
            }
        }
        return notes
    }

    private func range(of rule: RuleReference, side: String) -> SourceRange? {
        if side == "the cluster" {
            guard let decoded = livePolicy(rule.policy) else { return nil }
            let rules = rule.direction == .ingress ? decoded.ranges.ingress : decoded.ranges.egress
            return rules.flatMap { rule.ruleIndex < $0.count ? $0[rule.ruleIndex].rule : nil } ?? decoded.ranges.object
        }
        guard let policy = contractPolicy(rule.policy) else { return nil }
        let rules = (rule.direction == .ingress ? policy.ingress : policy.egress) ?? []
        guard rule.ruleIndex < rules.count else { return nil }
        return rules[rule.ruleIndex].comments.lazy.compactMap(contractLocation).first
    }

    private func range(of reference: PolicyReference, side: String) -> SourceRange? {
        if side == "the cluster" { return livePolicy(reference).map { $0.ranges.name ?? $0.ranges.object } }
        return contractPolicy(reference)?.comments.lazy.compactMap(contractLocation).first
    }

    private func livePolicy(_ reference: PolicyReference) -> DecodedNetworkPolicy? {
        live.first { $0.policy.namespace == reference.namespace && $0.policy.name == reference.name }
    }

    private func contractPolicy(_ reference: PolicyReference) -> NetworkPolicy? {
        contracts.first { $0.namespace == reference.namespace && $0.name == reference.name }
    }

    /// Finds the contract position that a generated comment starts with, such as `shop.ramp:6:11 service 'api'`.
    private func contractLocation(_ comment: String) -> SourceRange? {
        let location = comment.split(separator: " ", maxSplits: 1).first.map(String.init) ?? ""
        let parts = location.split(separator: ":")
        guard parts.count >= 3, let line = Int(parts[parts.count - 2]), let column = Int(parts[parts.count - 1]) else { return nil }
        let path = parts.dropLast(2).joined(separator: ":")
        guard let file = contractSources.first(where: { $0.path == path }), line >= 1, line <= file.lineStarts.count else { return nil }
        let start = file.lineStarts[line - 1] + column - 1
        let end = min(file.bytes.count, start + max(1, file.lineBytes(line - 1).count - (column - 1)))
        return SourceRange(file: file, start: min(start, file.bytes.count), end: end)
    }
}
