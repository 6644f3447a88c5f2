import RampKube
import RampLowering
import RampSource

/// The environment builds of one `ramp check` run, shared by its steps:
/// the step that compares environment directories and the drift step
/// compile the same environments, and with the same options one set of
/// builds serves both.
final class EnvironmentBuildsCache {
    private var cached: (optimizationLevel: OptimizationLevel, kubernetesVersion: KubernetesVersion?, builds: EnvironmentBuilds)?
    /// The command's own build, which serves as the build without `--env`
    /// when it has none and the requested options.
    private let compiled: Compilation?

    init(compiled: Compilation? = nil) {
        self.compiled = compiled
    }

    /// Returns the builds of every environment with these options,
    /// compiling them on the first request.
    func builds(_ sources: [SourceFile], optimizationLevel: OptimizationLevel, kubernetesVersion: KubernetesVersion?) -> EnvironmentBuilds {
        if let cached, cached.optimizationLevel == optimizationLevel, cached.kubernetesVersion == kubernetesVersion {
            return cached.builds
        }
        let base = compiled.flatMap { compilation in
            let sameOptions = compilation.environment == nil && compilation.optimizationLevel == optimizationLevel
                && compilation.requestedKubernetesVersion == kubernetesVersion
                && compilation.sources.elementsEqual(sources, by: ===)
            return sameOptions ? compilation : nil
        }
        let builds = EnvironmentBuilds(sources, optimizationLevel: optimizationLevel, kubernetesVersion: kubernetesVersion, base: base)
        cached = (optimizationLevel, kubernetesVersion, builds)
        return builds
    }
}
