import RampAdoption
import RampChecks
import RampDiagnostics
import RampKube
import RampSource

struct DriftOptions {
    var contracts: [String] = []
    var live: [String] = []
    var environment: String?
    var allNamespaces = false
    var reporting = ReportingOptions()
}

/// `ramp drift`: compare a cluster export with what the contracts compile to.
struct DriftCommand {
    let options: DriftOptions
    let driver: Driver

    func run() -> Driver.ExitStatus {
        var compilation = Compilation()
        compilation.environment = options.environment
        let sources = ContractInputs.read(options.contracts, diagnostics: compilation.diagnostics)
        let liveFiles = ManifestInputs.read(options.live, diagnostics: compilation.diagnostics)
        if compilation.diagnostics.hasErrors {
            _ = driver.emit(compilation.diagnostics.sorted(), reporting: options.reporting)
            return .usageOrIOError
        }

        compilation.compile(sources)
        let diagnostics = compilation.diagnostics
        var live = ManifestInputs.policies(liveFiles, diagnostics: diagnostics)
        defer { ProcessLifetime.keep(compilation, liveFiles, live) }
        guard !diagnostics.hasErrors, let program = compilation.program else {
            let report = driver.emit(diagnostics.sorted(), reporting: options.reporting)
            return .failure(reporting: report.diagnostics)
        }

        // Namespaces that no contract declares are not ramp's to govern.
        let governed = Set(program.namespaces.map(\.name))
        let ignored = live.filter { !governed.contains($0.policy.namespace) }.count
        if !options.allNamespaces { live.removeAll { !governed.contains($0.policy.namespace) } }

        let count: Int
        do {
            count = try DriftAnalysis(
                live: live, contracts: compilation.policies, contractSources: compilation.sources,
                namespaceLabels: AssertionAnalysis.declaredLabels([program]), diagnostics: diagnostics
            ).run()
        } catch {
            standardErrorLine("ramp: error: \(error.description)")
            return .usageOrIOError
        }
        let report = driver.emit(diagnostics.sorted(), reporting: options.reporting)
        var summary = count == 0
            ? "no drift: the cluster allows exactly the connections that the contracts allow"
            : count > DriftAnalysis.maximumDifferences
            ? "drift: more than \(DriftAnalysis.maximumDifferences) differences between the cluster and the contracts; the first \(DriftAnalysis.maximumDifferences) are reported"
            : "drift: \(count) difference\(count == 1 ? "" : "s") between the cluster and the contracts"
        if ignored > 0, !options.allNamespaces {
            summary += "; \(ignored) polic\(ignored == 1 ? "y in a namespace that no contract declares was" : "ies in namespaces that no contract declares were") not compared"
        }
        // Warnings that -Werror promotes fail a run without drift. The
        // summary adds that, or "no drift" would read as a pass.
        if count == 0, report.hasErrors { summary += "; the errors above fail the run" }
        driver.inform(summary + "\n", reporting: options.reporting)
        return count > 0 || report.hasErrors ? .contractErrors : .success
    }

    private func standardErrorLine(_ text: String) {
        driver.standardError(text + "\n")
    }
}
