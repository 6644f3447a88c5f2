import RampKube
import RampLowering
import RampSource

/// The environment builds of one `ramp check` run, shared by its steps:
/// the step that compares environment directories and the drift step
/// compile the same environments, and with the same options one set of
/// builds serves both.
final class EnvironmentBuildsCache {
    private var cached: (optimizationLevel: OptimizationLevel, kubernetesVersion: KubernetesVersion?, builds: EnvironmentBuilds)?

    /// Returns the builds of every environment with these options,
    /// compiling them on the first request.
    func builds(_ sources: [SourceFile], optimizationLevel: OptimizationLevel, kubernetesVersion: KubernetesVersion?) -> EnvironmentBuilds {
        if let cached, cached.optimizationLevel == optimizationLevel, cached.kubernetesVersion == kubernetesVersion {
            return cached.builds
        }
        let builds = EnvironmentBuilds(sources, optimizationLevel: optimizationLevel, kubernetesVersion: kubernetesVersion)
        cached = (optimizationLevel, kubernetesVersion, builds)
        return builds
    }
}
