import Foundation
import RampChecks
import RampDiagnostics
import RampEvaluator
import RampIR
import RampKube
import RampLowering
import RampSource

/// `ramp check`: the one command a CI job or a pre-commit hook runs. It
/// passes only when the contracts compile without errors (which proves
/// every invariant), every expectation passes, and the generated directory
/// is byte-identical to a fresh build.
struct CheckCommand {
    let options: CheckOptions
    let driver: Driver

    /// The options and the compilation that every step reads.
    struct Context {
        let options: CheckOptions
        let compilation: Compilation
        let program: Program
        let plan: PolicyPlan
        /// The builds of every declared environment, compiled once for all
        /// steps, with the check's own build as the one without `--env`.
        let environmentBuilds: EnvironmentBuildsCache
        /// The work that steps leave to other threads.
        let background = BackgroundFindings()
    }

    /// The steps that run after a compilation without errors, in order.
    /// Each reports its findings as diagnostics. A new check, such as drift
    /// between environments, is one more step here.
    static let steps: [any CheckStep] = [ExpectationStep(), GeneratedFilesStep(), EnvironmentFilesStep(), EnvironmentDriftStep()]

    func run() -> Driver.ExitStatus {
        var compilation = Compilation()
        options.compile.configure(&compilation)
        let sources = ContractInputs.read(options.inputs, diagnostics: compilation.diagnostics)
        if compilation.diagnostics.hasErrors {
            _ = driver.emit(compilation.diagnostics.sorted(), reporting: options.reporting)
            return .usageOrIOError
        }
        compilation.compile(sources)
        defer { ProcessLifetime.keep(compilation) }
        // Further steps compare against a build, which these errors would stop.
        guard !compilation.diagnostics.hasErrors, let program = compilation.program, let plan = compilation.plan else {
            let report = driver.emit(compilation.diagnostics.sorted(), reporting: options.reporting)
            return .failure(reporting: report.diagnostics)
        }

        let context = Context(
            options: options, compilation: compilation, program: program, plan: plan,
            environmentBuilds: EnvironmentBuildsCache(compiled: compilation)
        )
        // The environment builds are the largest part of what the steps keep.
        defer { ProcessLifetime.keep(context) }
        var summaries: [String] = []
        var stepDiagnostics: [DiagnosticEngine] = []
        for (index, step) in CheckCommand.steps.enumerated() {
            context.background.currentStep = index
            let diagnostics = DiagnosticEngine()
            if let summary = step.run(context, diagnostics: diagnostics) { summaries.append(summary) }
            stepDiagnostics.append(diagnostics)
        }
        // Reported in step order, so the output does not depend on which
        // work finished first.
        for (index, diagnostics) in stepDiagnostics.enumerated() {
            for diagnostic in diagnostics.diagnostics + context.background.diagnostics(ofStep: index) {
                compilation.diagnostics.emit(diagnostic)
            }
        }
        let report = driver.emit(compilation.diagnostics.sorted(), reporting: options.reporting)
        guard !report.hasErrors else { return .contractErrors }

        let invariants = program.invariants.count
        let lines = ["\(invariants) invariant\(invariants == 1 ? " holds" : "s hold")"] + summaries
        driver.inform("ramp check passed: " + lines.joined(separator: ", ") + "\n", reporting: options.reporting)
        return .success
    }
}

/// One part of `ramp check`.
protocol CheckStep: Sendable {
    /// Reports problems into `diagnostics` and returns a short summary of
    /// what passed, such as `12 expectations pass`, or nil for none. Work
    /// that only reads files can go to `context.background`.
    func run(_ context: CheckCommand.Context, diagnostics: DiagnosticEngine) -> String?
}

// MARK: - Steps

/// Every expectation must pass on the generated policies, and each one
/// limited with `only in` on the policies of the environments it names.
struct ExpectationStep: CheckStep {
    func run(_ context: CheckCommand.Context, diagnostics: DiagnosticEngine) -> String? {
        var count = context.program.expectations.count
        evaluate(context.program, context.compilation.policies, context.plan, "the generated policies", diagnostics: diagnostics)

        // An expectation limited with `only in` exists only in the builds of
        // its environments, so each of those builds evaluates its own.
        let everywhere = Set(context.program.expectations.map(\.origin))
        let builds = context.environmentBuilds.builds(context.compilation.sources, optimizationLevel: .standard, kubernetesVersion: nil)
        var reported: Set<String> = []
        for case let (environment?, compilation) in builds.compilations {
            guard let program = compilation.program, let plan = compilation.plan else { continue }
            let limited = program.expectations.filter { !everywhere.contains($0.origin) }
            guard !limited.isEmpty else { continue }
            count += limited.count
            let found = DiagnosticEngine()
            evaluate(
                program, compilation.policies, plan, "the generated policies of environment \(QuotedText.quote(environment))",
                where: { !everywhere.contains($0.origin) }, diagnostics: found
            )
            for diagnostic in found.diagnostics where reported.insert(diagnostic.message + "\(diagnostic.range.map(\.start) ?? -1)").inserted {
                diagnostics.emit(diagnostic)
            }
        }
        guard count > 0 else { return nil }
        return "\(count) expectation\(count == 1 ? " passes" : "s pass")"
    }

    private func evaluate(
        _ program: Program, _ policies: [NetworkPolicy], _ plan: PolicyPlan, _ description: String,
        where included: (Expectation) -> Bool = { _ in true }, diagnostics: DiagnosticEngine
    ) {
        guard program.expectations.contains(where: included) else { return }
        do throws(PolicyValidationError) {
            let analysis = try AssertionAnalysis(
                program: program, policies: policies, sources: GeneratedPolicySources(plan: plan, program: program),
                policiesDescription: description
            )
            for result in analysis.runExpectations(where: included) {
                if let diagnostic = analysis.diagnostic(for: result) { diagnostics.emit(diagnostic) }
            }
        } catch {
            diagnostics.emit(error.diagnosticMessage, at: nil)
        }
    }
}

/// The output directory must hold exactly what `ramp build` writes there:
/// every generated file byte for byte, and no file from an earlier build
/// that a fresh build deletes. Files without ramp's header are not compared.
struct GeneratedFilesStep: CheckStep {
    func run(_ context: CheckCommand.Context, diagnostics: DiagnosticEngine) -> String? {
        // Writing the files' YAML is left to the comparison's thread, as
        // nothing else reads it.
        let files = ManifestLayout.manifestFiles(
            context.compilation.renderedPolicies, program: context.program, version: Driver.version, layout: context.options.layout,
            addingMetadata: true
        )
        let directory = context.options.outputDirectory
        let comparison = GeneratedFileComparison(directory: directory, command: context.options.buildCommand)
        context.background.start { comparison.compare(ManifestLayout.contents(of: files), diagnostics: $0) }
        return "\(directory) is up to date (\(files.count) file\(files.count == 1 ? "" : "s"))"
    }
}
