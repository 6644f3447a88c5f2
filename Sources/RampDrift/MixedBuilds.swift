import RampDiagnostics
import RampEvaluator
import RampIR
import RampKube
import RampLowering
import RampSema
import RampSyntax

/// Builds one environment with parts of a second one substituted, and
/// caches each build with the evaluator of its policies.
///
/// To bound memory, the cache keeps of each build only what attribution
/// reads: the program of the build without substitutions, the policies of
/// builds with at most one part substituted, and the evaluator of every build.
struct MixedBuilds {
    /// A class, so that reading a build from the cache copies no arrays.
    final class Build: Sendable {
        /// Empty for a build with several parts substituted.
        let policies: [NetworkPolicy]
        let evaluator: NetworkPolicyEvaluator

        init(policies: [NetworkPolicy], evaluator: NetworkPolicyEvaluator) {
            self.policies = policies
            self.evaluator = evaluator
        }
    }

    let files: [ContractFile]
    let environment: String
    let other: String
    /// The program of `environment` without substitutions, which names the
    /// endpoints of a difference and finds the connections statements state.
    let program: Program
    let base: Build
    private var cache: [Set<EnvironmentPart>: Build?] = [:]

    /// Compiles `environment` without substitutions, and returns nil when it
    /// does not compile.
    init?(files: [ContractFile], environment: String, other: String) {
        guard let (program, base) = MixedBuilds.compile(files, EnvironmentMix(environment: environment, substituting: [], from: other)) else {
            return nil
        }
        self.files = files
        self.environment = environment
        self.other = other
        self.program = program
        self.base = base
        cache[[]] = base
    }

    /// Compiles the builds with each one of `parts` substituted on all
    /// processor cores, so that `build(substituting:)` finds them cached.
    mutating func compileSingleParts(_ parts: [EnvironmentPart]) {
        compile(parts.map { [$0] })
    }

    /// Compiles the builds of the mixes not yet cached on all processor
    /// cores, so that `build(substituting:)` finds them cached.
    mutating func compile(_ mixes: [Set<EnvironmentPart>]) {
        let missing = mixes.filter { cache[$0] == nil }
        let (files, environment, other) = (files, environment, other)
        let builds = missing.concurrentMap { parts in
            MixedBuilds.compile(files, EnvironmentMix(environment: environment, substituting: parts, from: other))?.build
        }
        for (parts, build) in zip(missing, builds) { store(build, for: parts) }
    }

    /// Returns the build of `environment` with `parts` taken from `other`, or
    /// nil when that mix does not compile, which happens when a substituted
    /// part leaves a statement without something it uses.
    mutating func build(substituting parts: Set<EnvironmentPart>) -> Build? {
        if let cached = cache[parts] { return cached }
        let build = MixedBuilds.compile(files, EnvironmentMix(environment: environment, substituting: parts, from: other))?.build
        return store(build, for: parts)
    }

    /// Returns whether the cache contains the build of a mix, or the fact that it does not compile.
    func isCached(_ parts: Set<EnvironmentPart>) -> Bool {
        cache[parts] != nil
    }

    /// Caches a build without the policies that no caller reads.
    @discardableResult
    private mutating func store(_ build: Build?, for parts: Set<EnvironmentPart>) -> Build? {
        var stored = build
        if parts.count > 1, let full = build {
            stored = Build(policies: [], evaluator: full.evaluator)
        }
        cache[parts] = stored
        return stored
    }

    /// Compiles one mix with the optimized lowering, which allows the same
    /// connections as the reference lowering, at the Kubernetes version of
    /// the environment's profile.
    private static func compile(_ files: [ContractFile], _ mix: EnvironmentMix) -> (program: Program, build: Build)? {
        let diagnostics = DiagnosticEngine()
        let program = Resolver.resolve(files, mix: mix, diagnostics: diagnostics)
        guard !diagnostics.hasErrors else { return nil }
        let version = program.environment.profile.kubernetesVersion ?? .defaultTarget
        let policies = Pipeline.lower(program, level: .standard, kubernetesVersion: version).networkPolicies
        guard let evaluator = try? NetworkPolicyEvaluator(policies: policies) else { return nil }
        return (program, Build(policies: policies, evaluator: evaluator))
    }
}
