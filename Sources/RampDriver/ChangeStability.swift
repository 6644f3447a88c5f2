import RampIR
import RampKube
import RampLowering
import RampYAML

/// Measures how many generated objects change when one dependency is
/// removed from a program: the fewer, the smaller the review diff and the
/// fewer objects a cluster reprograms for a one-line contract change.
public struct ChangeStability {
    public struct Result: Sendable {
        /// Dependencies removed, one at a time.
        public let samples: Int
        public let meanChangedObjects: Double
        public let maximumChangedObjects: Int
    }

    /// Removes each of up to `sampleLimit` dependencies (spread evenly over the
    /// program) and counts the objects whose YAML, without comments, differs:
    /// changed, added or removed.
    public static func measure(
        _ program: Program, level: OptimizationLevel, kubernetesVersion: KubernetesVersion = .defaultTarget, sampleLimit: Int = 100
    ) -> Result {
        let baseline = renderedObjects(program, level: level, kubernetesVersion: kubernetesVersion)
        let count = program.dependencies.count
        guard count > 0 else { return Result(samples: 0, meanChangedObjects: 0, maximumChangedObjects: 0) }
        let step = max(1, count / sampleLimit)
        var total = 0
        var maximum = 0
        var samples = 0
        for index in stride(from: 0, to: count, by: step) {
            var dependencies = program.dependencies
            dependencies.remove(at: index)
            let changed = Program(
                namespaces: program.namespaces, dependencies: dependencies, expectations: program.expectations,
                invariants: program.invariants, environment: program.environment, environmentNames: program.environmentNames
            )
            let objects = renderedObjects(changed, level: level, kubernetesVersion: kubernetesVersion)
            let differing = Set(baseline.keys).union(objects.keys).filter { baseline[$0] != objects[$0] }.count
            total += differing
            maximum = max(maximum, differing)
            samples += 1
        }
        return Result(samples: samples, meanChangedObjects: Double(total) / Double(samples), maximumChangedObjects: maximum)
    }

    /// Returns each object's YAML without comments, keyed by namespace and name.
    private static func renderedObjects(_ program: Program, level: OptimizationLevel, kubernetesVersion: KubernetesVersion) -> [String: String] {
        let emitter = YAMLEmitter()
        var result: [String: String] = [:]
        for policy in Pipeline.lower(program, level: level, kubernetesVersion: kubernetesVersion).networkPolicies {
            let document = policy.withoutComments.yamlDocument
            result[policy.namespace + "/" + policy.name] = emitter.emit(header: [], documents: [document])
        }
        return result
    }
}
