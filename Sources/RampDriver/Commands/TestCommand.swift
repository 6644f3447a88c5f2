import RampChecks
import RampDiagnostics
import RampIR
import RampSource

/// `ramp test`: evaluate every expectation against the generated policies,
/// or against manifests given with `--policies`, and print one line each.
struct TestCommand {
    let options: TestOptions
    let driver: Driver

    func run() -> Driver.ExitStatus {
        var compilation = Compilation()
        options.compile.configure(&compilation)
        // Manifests replace the generated policies, so the invariants are proved on them instead.
        compilation.checksInvariants = options.policies.isEmpty
        let sources = ContractInputs.read(options.inputs, diagnostics: compilation.diagnostics)
        if compilation.diagnostics.hasErrors {
            _ = driver.emit(compilation.diagnostics.sorted(), reporting: options.reporting)
            return .usageOrIOError
        }
        compilation.compile(sources)
        defer { ProcessLifetime.keep(compilation) }
        guard let program = compilation.program, let plan = compilation.plan else {
            let report = driver.emit(compilation.diagnostics.sorted(), reporting: options.reporting)
            return .failure(reporting: report.diagnostics)
        }

        let analysis: AssertionAnalysis
        do {
            if options.policies.isEmpty {
                analysis = try AssertionAnalysis(
                    program: program, policies: compilation.policies,
                    sources: GeneratedPolicySources(plan: plan, program: program), policiesDescription: "the generated policies"
                )
            } else {
                let manifests = PolicyInputs.read(options.policies, diagnostics: compilation.diagnostics)
                if manifests.hasUnreadablePath {
                    _ = driver.emit(compilation.diagnostics.sorted(), reporting: options.reporting)
                    return .usageOrIOError
                }
                // Policies with errors are left out, so the remaining ones would give wrong results.
                guard !compilation.diagnostics.hasErrors else {
                    _ = driver.emit(compilation.diagnostics.sorted(), reporting: options.reporting)
                    return .contractErrors
                }
                analysis = try AssertionAnalysis(
                    program: program, policies: manifests.policies.map(\.policy),
                    sources: ManifestPolicySources(manifests.policies), policiesDescription: "the policies"
                )
                analysis.checkInvariants(into: compilation.diagnostics)
            }
        } catch {
            compilation.diagnostics.emit(error.diagnosticMessage, at: nil)
            _ = driver.emit(compilation.diagnostics.sorted(), reporting: options.reporting)
            return .contractErrors
        }

        defer { ProcessLifetime.keep(analysis) }
        let results = analysis.runExpectations().sorted { $0.expectation.origin < $1.expectation.origin }
        var diagnostics = compilation.diagnostics.sorted()
        // Machine-readable formats carry the failures as diagnostics too, so that CI can annotate them.
        if options.reporting.format != .text { diagnostics += results.compactMap(analysis.diagnostic(for:)) }
        let report = driver.emit(diagnostics, reporting: options.reporting)

        driver.inform(TestCommand.lines(results, analysis: analysis), reporting: options.reporting)
        let failed = results.count { !$0.passed }
        return failed == 0 && !report.hasErrors ? .success : .contractErrors
    }

    /// Returns one line per expectation and the closing count.
    static func lines(_ results: [ExpectationResult], analysis: AssertionAnalysis) -> String {
        var text = ""
        for result in results {
            let head = "\(result.passed ? "PASS" : "FAIL") \(result.expectation.origin.locationDescription) \(analysis.describe(result.expectation))"
            if let verdict = result.counterexample {
                text += head + ": " + analysis.verdictText.describe(verdict) + "\n"
            } else {
                text += head + "\n"
            }
        }
        let failed = results.count { !$0.passed }
        text += "\(results.count - failed) passed, \(failed) failed\n"
        return text
    }
}
