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
    /// Environments in `compiled` are not compiled again.
    public static func check(_ files: [ContractFile], compiled: [String: CompiledEnvironment] = [:]) -> [Diagnostic] {
        let names = Resolver.environmentNames(files)
        // Each comparison is summed up as soon as it is made, because the
        // differences of several pairs of large environments take
        // gigabytes together.
        var findings = Findings()
        var uncompared: [Diagnostic] = []
        for (index, first) in names.enumerated() {
            for second in names[(index + 1)...] {
                do throws(PolicyValidationError) {
                    if let comparison = try EnvironmentComparison.compare(files, first, second, compiled: compiled, onlyUndeclaredDrift: true) {
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
        let program = Resolver.resolve(files, environment: first, diagnostics: DiagnosticEngine())
        return Diagnostic(error.diagnosticMessage, at: program.environment.origin, notes: [
            Note("the drift check cannot compare environments \(QuotedText.quote(first)) and \(QuotedText.quote(second)), so the drift between them is not checked"),
        ])
    }

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
    }

    var byStatement: [SourceRange: [Effect]] = [:]
    var unexplained: [Diagnostic] = []

    mutating func add(_ comparison: EnvironmentComparison, files: [ContractFile]) {
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
            let program = Resolver.resolve(files, environment: comparison.first, diagnostics: DiagnosticEngine())
            unexplained.append(Diagnostic(
                .unexplainedDrift(comparison.first, comparison.second, count: unexplainedLines.count, example: Findings.describe(unexplainedLines[0])),
                at: program.environment.origin
            ))
        }
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
                    environment: effect.environment, other: effect.other, blocked: effect.blocked, allowed: effect.allowed, example: effect.example
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
                .undeclaredDrift(environment: first.environment, other: first.other, blocked: first.blocked, allowed: first.allowed, example: first.example),
                at: statement, notes: notes
            ))
        }
        return result
    }
}
