import RampDiagnostics

/// The part of `ramp check --all-environments` that compares each
/// environment's subdirectory with a fresh build. It also reports generated
/// files left in the subdirectory of an environment that is no longer declared.
struct EnvironmentFilesStep: CheckStep {
    func run(_ context: CheckCommand.Context, diagnostics: DiagnosticEngine) -> String? {
        guard context.options.allEnvironments else { return nil }
        let compile = context.options.compile
        let builds = context.environmentBuilds.builds(
            context.compilation.sources, optimizationLevel: compile.optimizationLevel, kubernetesVersion: compile.kubernetesVersion
        )
        let directory = context.options.outputDirectory
        let command = context.options.buildCommand

        var environments: Set<String> = []
        var comparisons: [(GeneratedFileComparison, files: [String: ManifestLayout.ManifestFile])] = []
        for case let (environment?, compilation) in builds.compilations {
            environments.insert(environment)
            // The drift step reports the errors of an environment's build.
            guard !compilation.diagnostics.hasErrors, let program = compilation.program else { continue }
            let files = ManifestLayout.manifestFiles(compilation.renderedPolicies, program: program, version: Driver.version, addingMetadata: true)
            comparisons.append((GeneratedFileComparison(directory: directory + "/" + environment, command: command), files))
        }

        // The comparison's thread writes the files' YAML while the drift step runs.
        context.background.start { [environments, comparisons] diagnostics in
            for (comparison, files) in comparisons { comparison.compare(ManifestLayout.contents(of: files), diagnostics: diagnostics) }
            for file in EnvironmentDirectories(directory: directory).generatedFiles(keeping: environments) {
                diagnostics.emit(.generatedFileExtra(file.path, command: command, environment: file.environment), at: nil)
            }
        }
        guard !environments.isEmpty else { return nil }
        return "\(environments.count) environment director\(environments.count == 1 ? "y is" : "ies are") up to date"
    }
}
