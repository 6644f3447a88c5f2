import RampDrift
import RampLowering

extension Compilation {
    /// The compiled environment for a comparison, which compiles at the
    /// standard optimization level and the profile's Kubernetes version.
    /// Nil when this compilation has errors, was made with other options,
    /// or dropped its program after lowering.
    var comparedEnvironment: CompiledEnvironment? {
        guard let program, !diagnostics.hasErrors, optimizationLevel == .standard, requestedKubernetesVersion == nil else { return nil }
        return CompiledEnvironment(program: program, policies: policies)
    }
}
