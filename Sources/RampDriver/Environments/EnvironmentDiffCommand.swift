import RampChecks
import RampDiagnostics
import RampDrift
import RampEvaluator
import RampSource

/// `ramp diff --env A --env B`: compile both environments and print the
/// connections that one allows and the other blocks, grouped by cause.
struct EnvironmentDiffCommand {
    let options: EnvironmentDiffOptions
    let driver: Driver

    func run() -> Driver.ExitStatus {
        let inputDiagnostics = DiagnosticEngine()
        let sources = ContractInputs.read(options.inputs, diagnostics: inputDiagnostics)
        if inputDiagnostics.hasErrors {
            _ = driver.emit(inputDiagnostics.sorted(), reporting: options.reporting)
            return .usageOrIOError
        }

        var compilations: [Compilation] = []
        for environment in options.environments {
            var compilation = Compilation()
            compilation.environment = environment
            compilation.compile(sources)
            compilations.append(compilation)
        }
        defer { ProcessLifetime.keep(compilations) }
        let diagnostics = EnvironmentBuilds.unique(compilations.flatMap { $0.diagnostics.sorted() })
        let report = driver.emit(diagnostics, reporting: options.reporting)
        guard !report.hasErrors else { return .failure(reporting: report.diagnostics) }

        let (first, second) = (options.environments[0], options.environments[1])
        let compared: EnvironmentComparison?
        do throws(PolicyValidationError) {
            var compiled: [String: CompiledEnvironment] = [:]
            for (environment, compilation) in zip(options.environments, compilations) { compiled[environment] = compilation.comparedEnvironment }
            compared = try EnvironmentComparison.compare(compilations[0].contractFiles, first, second, compiled: compiled)
        } catch {
            let failure = Diagnostic(error.diagnosticMessage, at: nil, notes: [Note("environments \(QuotedText.quote(first)) and \(QuotedText.quote(second)) cannot be compared")])
            _ = driver.emit([failure], reporting: options.reporting)
            return .contractErrors
        }
        // Both environments compiled above, so this is ramp's own error.
        guard let comparison = compared else {
            driver.standardError("ramp: error: cannot compare environments \(QuotedText.quote(first)) and \(QuotedText.quote(second)): one of them does not compile for the comparison\n")
            return .usageOrIOError
        }
        defer { ProcessLifetime.keep(comparison) }
        let text = ComparisonReport(comparison)
        driver.standardOutput(options.format == .markdown ? text.markdown(limit: options.limit) : text.text(limit: options.limit))
        return .success
    }
}
