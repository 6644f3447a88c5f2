import RampDiagnostics
import RampEvaluator
import RampIR
import RampKube
import RampLowering
import RampSema
import RampSource
import RampSyntax

/// Imports NetworkPolicies as a contract whose lowering allows exactly the
/// same connections, and proves it with the evaluator before returning it.
///
/// `run` reports every rule or object that no contract states exactly, and
/// every connection on which the compiled contract and the input disagree,
/// as errors at the input's YAML. With `allowApproximate` they are warnings,
/// and the contract is returned with each approximation as a `#` comment.
public struct Importer {
    let policies: [DecodedNetworkPolicy]
    let inventory: WorkloadInventory
    let allowApproximate: Bool
    let contractPath: String
    let header: [String]
    let diagnostics: DiagnosticEngine

    public init(
        policies: [DecodedNetworkPolicy], inventory: WorkloadInventory = WorkloadInventory(), allowApproximate: Bool = false,
        contractPath: String, header: [String], diagnostics: DiagnosticEngine
    ) {
        self.policies = policies
        self.inventory = inventory
        self.allowApproximate = allowApproximate
        self.contractPath = contractPath
        self.header = header
        self.diagnostics = diagnostics
    }

    /// Connections on which the contract and the input disagree that are
    /// reported, at most.
    static let differenceLimit = 10

    /// Returns the contract text, or nil when it would not be exact and
    /// approximations are not allowed.
    public func run() -> String? {
        let analysis = InputAnalysis(policies, inventory: inventory)
        var builder = ContractBuilder(analysis: analysis, inventory: inventory)
        builder.build()

        var headerLines = header
        if !analysis.resolutions.isEmpty {
            headerLines += ["", "Port names resolved with the given workloads:"] + analysis.resolutions.map { "  " + $0 }
        }
        var writer = ContractWriter(builder: builder, inventory: inventory, header: headerLines)
        var output = writer.write()
        var problems = builder.problems + output.problems
        var approximationSummary: String?

        let expected = NamedPortResolution.resolve(policies.map(\.policy), inventory: inventory)
        switch verify(output, builder: builder, expected: expected) {
        case .failure(let message):
            diagnostics.emit(.importNotExact("the contract that ramp wrote does not compile: \(message)"), at: nil)
            return nil
        case .success(let differences):
            // Differences follow from the problems found already, so they are
            // reported only when there are none, or counted in an approximation.
            if problems.isEmpty {
                problems = differences
            } else if !differences.isEmpty {
                let count = differences.count >= Importer.differenceLimit ? "at least \(differences.count)" : "\(differences.count)"
                approximationSummary = "the compiled contract and the policies disagree on \(count) classes of connections"
            }
        }

        for problem in problems { report(problem) }
        guard problems.isEmpty || allowApproximate else { return nil }
        if !problems.isEmpty {
            let unattached = problems.filter { $0.origin == nil }.map(\.message)
            let notes = ["", "APPROXIMATE: this contract does not allow exactly what the imported policies allow."]
                + (unattached + [approximationSummary].compactMap { $0 }).map { "APPROXIMATION: " + $0 }
            output.text = insert(notes, into: output.text, after: header.count)
        }
        return output.text
    }

    private func report(_ problem: ImportProblem) {
        let message: DiagnosticMessage = allowApproximate ? .importApproximated(problem.message) : .importNotExact(problem.message)
        let notes = problem.origin.map { [Note("in \($0.description)")] } ?? []
        diagnostics.emit(message, at: problem.origin?.range, notes: notes)
    }

    private func insert(_ comments: [String], into text: String, after lineCount: Int) -> String {
        var lines = text.components(separatedBy: "\n")
        lines.insert(contentsOf: comments.map { $0.isEmpty ? "#" : "# " + $0 }, at: min(lineCount, lines.count))
        return lines.joined(separator: "\n")
    }

    // MARK: - Verification

    private enum Verification {
        case success([ImportProblem])
        case failure(String)
    }

    /// Compiles the contract with the reference lowering and compares it with
    /// the input by the connections both allow.
    private func verify(_ output: ContractWriter.Output, builder: ContractBuilder, expected: [NetworkPolicy]) -> Verification {
        let file = SourceFile(path: contractPath, text: output.text)
        let contractDiagnostics = DiagnosticEngine()
        let parsed = Parser.parse(file, diagnostics: contractDiagnostics)
        let program = Resolver.resolve([parsed], diagnostics: contractDiagnostics)
        if let error = contractDiagnostics.sorted().first(where: { $0.severity == .error }) {
            let position = error.range.map { "\($0.locationDescription): " } ?? ""
            return .failure(position + error.message)
        }
        let lowered = Pipeline.lower(program, level: .none).networkPolicies

        let differences: [ConnectivityDifference]
        do {
            differences = try connectivityDifferences(between: expected, and: lowered, limit: Importer.differenceLimit)
        } catch {
            return .failure(error.description)
        }
        return .success(differences.map { problem(for: $0, lowered: lowered, output: output, builder: builder) })
    }

    private func problem(for difference: ConnectivityDifference, lowered: [NetworkPolicy], output: ContractWriter.Output, builder: ContractBuilder) -> ImportProblem {
        let example = difference.example
        let ports = difference.ports.filter { $0.allowedBy == example.allowedBy }.map { port in
            port.ports.count == 1 ? "\(port.ports.lowerBound)" : "\(port.ports.lowerBound)-\(port.ports.upperBound)"
        }
        let connection = "\(difference.source) -> \(difference.destination) on \(difference.protocol.rawValue) \(ports.joined(separator: ", "))"
        if example.allowedBy == .first {
            let origin = admittingRules(example.firstVerdict).compactMap(inputOrigin).first
            return ImportProblem(message: DiagnosticMessage.importDiffers(connection, onlyByPolicies: true).text, origin: origin)
        }
        let origin = admittingRules(example.secondVerdict).lazy.compactMap { rule -> Origin? in
            guard let line = self.contractLine(of: rule, in: lowered), let index = output.dependencyLines[line] else { return nil }
            return builder.dependencies[index].origins.first
        }.first
        return ImportProblem(message: DiagnosticMessage.importDiffers(connection, onlyByPolicies: false).text, origin: origin)
    }

    private func admittingRules(_ verdict: Verdict) -> [RuleReference] {
        [verdict.egress, verdict.ingress].flatMap { side -> [RuleReference] in
            if case .admitted(let rules) = side { return rules }
            return []
        }
    }

    private func inputOrigin(_ rule: RuleReference) -> Origin? {
        guard let decoded = policies.first(where: { $0.policy.namespace == rule.policy.namespace && $0.policy.name == rule.policy.name }) else {
            return nil
        }
        let key = rule.direction == .ingress ? "ingress" : "egress"
        let ranges = rule.direction == .ingress ? decoded.ranges.ingress : decoded.ranges.egress
        let range = ranges.flatMap { rule.ruleIndex < $0.count ? $0[rule.ruleIndex].rule : nil } ?? decoded.ranges.object
        return Origin(policy: rule.policy.description, path: "spec.\(key)[\(rule.ruleIndex)]", range: range)
    }

    /// Returns the contract line that a lowered rule's comment points at.
    private func contractLine(of rule: RuleReference, in lowered: [NetworkPolicy]) -> Int? {
        guard let policy = lowered.first(where: { $0.namespace == rule.policy.namespace && $0.name == rule.policy.name }) else { return nil }
        let rules = (rule.direction == .ingress ? policy.ingress : policy.egress) ?? []
        guard rule.ruleIndex < rules.count, let comment = rules[rule.ruleIndex].comments.first else { return nil }
        let location = comment.split(separator: " ").first.map(String.init) ?? ""
        let parts = location.split(separator: ":")
        return parts.count >= 3 ? Int(parts[parts.count - 2]) : nil
    }
}
