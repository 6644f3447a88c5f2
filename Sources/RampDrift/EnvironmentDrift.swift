import RampChecks
import RampDiagnostics
import RampEvaluator
import RampIR
import RampSema
import RampSource
import RampSyntax

/// The drift check of `ramp check`: every pair of declared environments may
/// differ only in what their profiles, parameters and enforcement explain,
/// and in the connections that statements with `only in` state.
///
/// Any other difference is undeclared drift. It is reported as an error at
/// each statement with `only in` that causes it, with the count of
/// connections it changes and one example. A difference that nothing
/// explains is reported at the first environment's declaration.
public enum EnvironmentDrift {
    /// Returns the drift errors of the contracts. Environments that do not
    /// compile are skipped; compile each one first to report why. A pair
    /// that the evaluator cannot compare is an error at the first
    /// environment's declaration, because its drift goes unchecked.
    /// Environments in `compiled` are not compiled again. With a
    /// `classLimit`, each pair of environments attributes at most that many
    /// classes of differing connections, and an error reports that it stopped.
    public static func check(
        _ files: [ContractFile], compiled: [String: CompiledEnvironment] = [:], classLimit: Int? = nil
    ) -> [Diagnostic] {
        let names = Resolver.environmentNames(files)
        // Each comparison is summed up as soon as it is made, because the
        // differences of several pairs of large environments take
        // gigabytes together.
        var findings = Findings()
        var uncompared: [Diagnostic] = []
        for (index, first) in names.enumerated() {
            for second in names[(index + 1)...] {
                do throws(PolicyValidationError) {
                    if let comparison = try EnvironmentComparison.compare(
                        files, first, second, compiled: compiled, onlyUndeclaredDrift: true, classLimit: classLimit
                    ) {
                        findings.add(comparison, files: files)
                    }
                } catch {
                    uncompared.append(uncomparedPair(first, second, error, files: files))
                }
            }
        }
        return uncompared + findings.diagnostics()
    }

    private static func uncomparedPair(_ first: String, _ second: String, _ error: PolicyValidationError, files: [ContractFile]) -> Diagnostic {
        Diagnostic(error.diagnosticMessage, at: declaration(of: first, files: files), notes: [
            Note("the drift check cannot compare environments \(QuotedText.quote(first)) and \(QuotedText.quote(second)), so the drift between them is not checked"),
        ])
    }

    /// Returns where an environment is declared, where errors about a pair
    /// of environments are reported.
    fileprivate static func declaration(of environment: String, files: [ContractFile]) -> SourceRange? {
        Resolver.resolve(files, environment: environment, diagnostics: DiagnosticEngine()).environment.origin
    }

    /// Returns the number of classes of differing connections that the drift
    /// check attributes per pair of environments by default: at least
    /// `minimumClassLimit`, and more for larger contracts.
    ///
    /// Attributing a class takes roughly 20 microseconds on two cores (an
    /// estimate from the benchmark's ring of namespaces). So a class per 20
    /// bytes keeps the check near a second per megabyte of contracts, and the
    /// minimum still checks small contracts of many differences in full.
    public static func defaultClassLimit(_ files: [ContractFile]) -> Int {
        let bytes = files.reduce(0) { $0 + $1.source.bytes.count }
        return max(minimumClassLimit, bytes / bytesPerClass)
    }

    public static let minimumClassLimit = 100_000
    static let bytesPerClass = 20

    /// Returns the drift errors of comparisons already made, each statement
    /// reported once over all of them.
    public static func diagnostics(_ comparisons: [EnvironmentComparison], files: [ContractFile]) -> [Diagnostic] {
        var findings = Findings()
        for comparison in comparisons { findings.add(comparison, files: files) }
        return findings.diagnostics()
    }
}

/// Undeclared drift collected over every pair, by statement.
private struct Findings {
    struct Effect {
        /// The environment the statement applies in, and the one it does not.
        let environment: String
        let other: String
        var blocked: Int = 0
        var allowed: Int = 0
        var example: String = ""
        /// Whether the counts are lower bounds, because the comparison of
        /// the two environments stopped at its limit of classes.
        var atLeast = false
    }

    var byStatement: [SourceRange: [Effect]] = [:]
    /// The errors of pairs of environments rather than of statements.
    var unexplained: [Diagnostic] = []

    mutating func add(_ comparison: EnvironmentComparison, files: [ContractFile]) {
        if let limit = comparison.reachedClassLimit {
            unexplained.append(Findings.limitReached(comparison, limit: limit, files: files))
        }
        let report = ComparisonReport(comparison, including: \.isUndeclaredDrift)
        var unexplainedLines: [ComparisonReport.Line] = []
        for group in report.groups {
            guard !group.cause.statements.isEmpty else {
                unexplainedLines += group.lines
                continue
            }
            for statement in group.cause.statements {
                record(group.lines, statement: statement, comparison: comparison)
            }
        }
        if !unexplainedLines.isEmpty {
            unexplained.append(Diagnostic(
                .unexplainedDrift(
                    comparison.first, comparison.second, count: unexplainedLines.count, example: Findings.describe(unexplainedLines[0]),
                    atLeast: comparison.reachedClassLimit != nil
                ),
                at: EnvironmentDrift.declaration(of: comparison.first, files: files)
            ))
        }
    }

    private static func limitReached(_ comparison: EnvironmentComparison, limit: Int, files: [ContractFile]) -> Diagnostic {
        Diagnostic(
            .driftLimitReached(comparison.first, comparison.second, limit: limit),
            at: EnvironmentDrift.declaration(of: comparison.first, files: files),
            notes: [
                Note("connections differ this widely when pods are isolated in one environment only; isolate them in every environment, for example with a 'deny' posture, and the drift errors of the attributed classes name the statements to look at first"),
                Note("or raise the limit with '--drift-limit <n>', or lift it with '--drift-limit 0', and expect the check to take longer"),
            ]
        )
    }


    /// Counts the lines of one pair against the statement, from the side of
    /// the environment it applies in.
    private mutating func record(_ lines: [ComparisonReport.Line], statement: SourceRange, comparison: EnvironmentComparison) {
        let applies = comparison.settings.first { $0.location == statement }?.first == SettingDifference.applies
        let environment = applies ? comparison.first : comparison.second
        let other = applies ? comparison.second : comparison.first
        var effects = byStatement[statement, default: []]
        var index = effects.firstIndex { $0.environment == environment && $0.other == other }
        if index == nil {
            effects.append(Effect(environment: environment, other: other))
            index = effects.count - 1
        }
        for line in lines {
            if line.allowedIn == environment { effects[index!].allowed += 1 } else { effects[index!].blocked += 1 }
        }
        if comparison.reachedClassLimit != nil { effects[index!].atLeast = true }
        if effects[index!].example.isEmpty, let example = Findings.example(lines) {
            effects[index!].example = Findings.describe(example)
        }
        byStatement[statement] = effects
    }

    /// Picks the line that reads best as an example: the first between two
    /// different services, else the first with one service, else the first.
    static func example(_ lines: [ComparisonReport.Line]) -> ComparisonReport.Line? {
        func services(_ line: ComparisonReport.Line) -> Int {
            guard line.source != line.destination else { return 0 }
            return [line.source, line.destination].count { $0.contains("/") && !$0.contains(" ") }
        }
        return lines.first { services($0) == 2 } ?? lines.first { services($0) == 1 } ?? lines.first
    }

    static func describe(_ line: ComparisonReport.Line) -> String {
        // Generated from validated names, so the example is written in full.
        "'\(line.sourceText) -> \(line.destinationText)' on \(ComparisonReport.describe(line.ports))"
    }

    func diagnostics() -> [Diagnostic] {
        var result = unexplained
        for statement in byStatement.keys.sorted() {
            let effects = byStatement[statement]!
            let first = effects[0]
            var notes = effects.dropFirst().map { effect in
                Note(DiagnosticMessage.undeclaredDrift(
                    environment: effect.environment, other: effect.other, blocked: effect.blocked, allowed: effect.allowed, example: effect.example,
                    atLeast: effect.atLeast
                ).text)
            }
            notes.append(Note(
                "environments may differ only in their profiles, parameters and enforcement, and in the connections that 'only in' statements state"
            ))
            if first.blocked > 0 {
                notes.append(Note(
                    "the statement isolates pods in \(QuotedText.quote(first.environment)) only, which blocks their other connections there; isolate them in every environment, for example with a 'deny' posture, or let the statement apply everywhere"
                ))
            }
            result.append(Diagnostic(
                .undeclaredDrift(
                    environment: first.environment, other: first.other, blocked: first.blocked, allowed: first.allowed, example: first.example,
                    atLeast: first.atLeast
                ),
                at: statement, notes: notes
            ))
        }
        return result
    }
}
