import RampDiagnostics
import RampDrift

/// The part of `ramp check` that compiles every declared environment and
/// fails on drift between them that no parameter, profile setting or
/// enforcement stage explains.
struct EnvironmentDriftStep: CheckStep {
    func run(_ context: CheckCommand.Context, diagnostics: DiagnosticEngine) -> String? {
        let builds = context.environmentBuilds.builds(context.compilation.sources, optimizationLevel: .standard, kubernetesVersion: nil)
        let environments = builds.compilations.count - 1
        guard environments > 0 else { return nil }

        // The build without `--env` already reported its own diagnostics.
        let reported = Set(context.compilation.diagnostics.diagnostics.map(EnvironmentDriftStep.key))
        var found = builds.diagnostics
        if !builds.hasErrors {
            var compiled: [String: CompiledEnvironment] = [:]
            for case let (environment?, compilation) in builds.compilations { compiled[environment] = compilation.comparedEnvironment }
            let limit = context.options.driftLimit ?? EnvironmentDrift.defaultClassLimit(builds.contractFiles)
            found += EnvironmentDrift.check(builds.contractFiles, compiled: compiled, classLimit: limit == 0 ? nil : limit)
        }
        for diagnostic in EnvironmentBuilds.unique(found) where !reported.contains(EnvironmentDriftStep.key(diagnostic)) {
            diagnostics.emit(diagnostic)
        }
        return "\(environments) environment\(environments == 1 ? "" : "s") without undeclared drift"
    }

    private static func key(_ diagnostic: Diagnostic) -> String {
        let location = diagnostic.range.map { "\($0.file.path):\($0.start)" } ?? ""
        return diagnostic.id.code + location + diagnostic.message
    }
}
