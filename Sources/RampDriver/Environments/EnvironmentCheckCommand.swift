import RampDiagnostics
import RampDrift

/// A minimal `ramp check`: compile the build without `--env` and every
/// declared environment, then check for undeclared drift between the
/// environments. It writes nothing.
///
/// TODO: Check invariants, expectations and stale generated files too. A
/// `ramp check` that does takes the drift check with one call,
/// `EnvironmentDrift.check(compilation.contractFiles)`.
struct EnvironmentCheckCommand {
    let options: CheckOptions
    let driver: Driver

    func run() -> Driver.ExitStatus {
        let inputDiagnostics = DiagnosticEngine()
        let sources = ContractInputs.read(options.inputs, diagnostics: inputDiagnostics)
        if inputDiagnostics.hasErrors {
            _ = driver.emit(inputDiagnostics.sorted(), reporting: options.reporting)
            return .usageOrIOError
        }

        let builds = EnvironmentBuilds(sources, optimizationLevel: .standard, kubernetesVersion: nil)
        var diagnostics = builds.diagnostics
        if !builds.hasErrors {
            diagnostics = EnvironmentBuilds.unique(diagnostics + EnvironmentDrift.check(builds.contractFiles))
        }
        let report = driver.emit(diagnostics, reporting: options.reporting)
        guard !report.hasErrors else { return .contractErrors }

        let environments = builds.compilations.count - 1
        driver.inform("checked the build without '--env' and \(environments) environment\(environments == 1 ? "" : "s"): no errors\n", reporting: options.reporting)
        return .success
    }
}
