import Foundation
import RampDiagnostics
import RampSource

/// The `ramp` command: parses arguments, runs a command and returns the
/// exit status. Output goes through the two closures so tests can capture it.
public struct Driver {
    public static let version = "0.1.0"

    public enum ExitStatus: Int32 {
        case success = 0
        case contractErrors = 1
        case usageOrIOError = 2
    }

    let standardOutput: (String) -> Void
    let standardError: (String) -> Void
    let environment: [String: String]
    let standardErrorIsTerminal: Bool
    /// Whether commands leave their results in memory until the process
    /// exits instead of freeing them, which saves time when the process is
    /// about to exit anyway. Only the `ramp` executable turns it on, and it
    /// holds for the whole process (see `ProcessLifetime`).
    public var keepsResultsUntilExit: Bool {
        get { ProcessLifetime.keepsValuesUntilExit }
        nonmutating set { ProcessLifetime.keepsValuesUntilExit = newValue }
    }

    public init(
        standardOutput: @escaping (String) -> Void,
        standardError: @escaping (String) -> Void,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        standardErrorIsTerminal: Bool = isatty(STDERR_FILENO) != 0
    ) {
        self.standardOutput = standardOutput
        self.standardError = standardError
        self.environment = environment
        self.standardErrorIsTerminal = standardErrorIsTerminal
    }

    public func run(_ arguments: [String]) -> ExitStatus {
        let command: Command
        do {
            command = try CommandLineOptions.parse(arguments)
        } catch {
            standardError(error.report)
            return .usageOrIOError
        }
        switch command {
        case .help(let text):
            standardOutput(text)
            return .success
        case .version:
            standardOutput("ramp \(Driver.version)\n")
            return .success
        case .build(let options):
            return BuildCommand(options: options, driver: self).run()
        case .explain(let options):
            return ExplainCommand(options: options, driver: self).run()
        case .test(let options):
            return TestCommand(options: options, driver: self).run()
        case .check(let options):
            return CheckCommand(options: options, driver: self).run()
        case .diff(let options):
            return DiffCommand(options: options, driver: self).run()
        case .lint(let options):
            return LintCommand(options: options, driver: self).run()
        case .drift(let options):
            return DriftCommand(options: options, driver: self).run()
        case .importPolicies(let options):
            return ImportCommand(options: options, driver: self).run()
        case .environmentDiff(let options):
            return EnvironmentDiffCommand(options: options, driver: self).run()
        }
    }

    /// Writes a report: text goes to standard error beside the normal
    /// output; machine formats go to standard output, where CI reads them.
    func emit(_ diagnostics: [Diagnostic], reporting: ReportingOptions) -> DiagnosticReport {
        let colored = reporting.color.resolve(isTerminal: standardErrorIsTerminal, environment: environment)
        let reporter = DiagnosticReporter(
            format: reporting.format, color: colored, options: reporting.diagnostics, toolVersion: Driver.version
        )
        let report = reporter.render(diagnostics)
        switch reporting.format {
        case .text:
            standardError(report.output + TextSummary.line(for: report.diagnostics))
        case .json, .sarif, .github:
            standardOutput(report.output)
        }
        return report
    }

    /// Writes a progress message where it cannot corrupt machine-readable output.
    func inform(_ message: String, reporting: ReportingOptions) {
        if reporting.format == .text { standardOutput(message) } else { standardError(message) }
    }
}

/// The closing count that clang prints: `2 errors and 1 warning generated.`
enum TextSummary {
    static func line(for diagnostics: [Diagnostic]) -> String {
        let errors = diagnostics.count { $0.severity == .error }
        let warnings = diagnostics.count { $0.severity == .warning }
        var parts: [String] = []
        if errors > 0 { parts.append("\(errors) error\(errors == 1 ? "" : "s")") }
        if warnings > 0 { parts.append("\(warnings) warning\(warnings == 1 ? "" : "s")") }
        return parts.isEmpty ? "" : parts.joined(separator: " and ") + " generated.\n"
    }
}
