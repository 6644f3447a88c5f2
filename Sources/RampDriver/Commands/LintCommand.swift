import RampAdoption
import RampDiagnostics
import RampSource

struct LintOptions {
    var inputs: [String] = []
    var workloads: [String] = []
    var reporting = ReportingOptions()
}

/// `ramp lint`: report the mistakes of hand-written NetworkPolicy at their YAML.
struct LintCommand {
    let options: LintOptions
    let driver: Driver

    func run() -> Driver.ExitStatus {
        let diagnostics = DiagnosticEngine()
        let files = ManifestInputs.read(options.inputs, diagnostics: diagnostics)
        let workloadFiles = ManifestInputs.read(options.workloads, diagnostics: diagnostics)
        if diagnostics.hasErrors {
            _ = driver.emit(diagnostics.sorted(), reporting: options.reporting)
            return .usageOrIOError
        }

        let policies = ManifestInputs.policies(files, diagnostics: diagnostics)
        let inventory = ManifestInputs.inventory(workloadFiles, diagnostics: diagnostics)
        defer { ProcessLifetime.keep(files, policies) }
        Linter(policies: policies, inventory: inventory, diagnostics: diagnostics).run()

        let report = driver.emit(diagnostics.sorted(), reporting: options.reporting)
        return report.hasErrors ? .contractErrors : .success
    }
}
