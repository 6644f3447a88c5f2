import RampDiagnostics
import RampEvaluator
import RampIR
import RampKube
import RampLowering
import RampSema
import RampSyntax

/// Builds one environment with parts of a second one substituted, and
/// caches each build with the evaluator of its policies.
struct MixedBuilds {
    struct Build {
        let program: Program
        let policies: [NetworkPolicy]
        let evaluator: NetworkPolicyEvaluator
    }

    let files: [ContractFile]
    let environment: String
    let other: String
    private var cache: [Set<EnvironmentPart>: Build?] = [:]

    init(files: [ContractFile], environment: String, other: String) {
        self.files = files
        self.environment = environment
        self.other = other
    }

    /// Returns the build of `environment` with `parts` taken from `other`, or
    /// nil when that mix does not compile, which happens when a substituted
    /// part leaves a statement without something it uses.
    mutating func build(substituting parts: Set<EnvironmentPart>) -> Build? {
        if let cached = cache[parts] { return cached }
        let build = MixedBuilds.build(files, EnvironmentMix(environment: environment, substituting: parts, from: other))
        cache[parts] = build
        return build
    }

    /// Compiles one mix with the optimized lowering, which allows the same
    /// connections as the reference lowering, at the Kubernetes version of
    /// the environment's profile.
    static func build(_ files: [ContractFile], _ mix: EnvironmentMix) -> Build? {
        let diagnostics = DiagnosticEngine()
        let program = Resolver.resolve(files, mix: mix, diagnostics: diagnostics)
        guard !diagnostics.hasErrors else { return nil }
        let version = program.environment.profile.kubernetesVersion ?? .defaultTarget
        let policies = Pipeline.lower(program, level: .standard, kubernetesVersion: version).networkPolicies
        guard let evaluator = try? NetworkPolicyEvaluator(policies: policies) else { return nil }
        return Build(program: program, policies: policies, evaluator: evaluator)
    }
}
