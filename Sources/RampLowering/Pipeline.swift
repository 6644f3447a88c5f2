import RampIR
import RampKube

/// A Kubernetes minor version, such as 1.25, which decides what the API
/// accepts.
public struct KubernetesVersion: Comparable, Sendable, CustomStringConvertible {
    public let major: Int
    public let minor: Int

    public init(major: Int, minor: Int) {
        self.major = major
        self.minor = minor
    }

    /// Parses `1.25` or `v1.25`; a patch number is accepted and ignored.
    public init?(_ text: String) {
        let digits = text.hasPrefix("v") ? text.dropFirst() : Substring(text)
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3, let major = Int(parts[0]), let minor = Int(parts[1]),
              parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) }) else { return nil }
        self.init(major: major, minor: minor)
    }

    /// `endPort` became stable in 1.25.
    public static let endPortStable = KubernetesVersion(major: 1, minor: 25)
    /// The default when no version is given: the oldest minor version that
    /// the Kubernetes project still supported when this release was written.
    public static let defaultTarget = KubernetesVersion(major: 1, minor: 32)

    public var description: String { "\(major).\(minor)" }

    public static func < (lhs: KubernetesVersion, rhs: KubernetesVersion) -> Bool {
        (lhs.major, lhs.minor) < (rhs.major, rhs.minor)
    }
}

/// How much the lowering optimizes.
public enum OptimizationLevel: String, Sendable, CaseIterable {
    /// `-O0`: the reference lowering, one object per dependency and subject.
    case none = "0"
    /// `-O` (the default): every pass whose result is exact on its own, for
    /// each object alone. No pass relies on another object's existence.
    case standard = "1"
    /// `-Otrust-ingress`: also widens a client's egress to namespaces whose
    /// ingress is isolated, which stays exact only while those namespaces'
    /// ingress policies are in place. Fewer rules, weaker defence in depth.
    case trustIngress = "trust-ingress"
}

/// Runs the lowering and the passes that the options select.
public enum Pipeline {
    public static func passes(level: OptimizationLevel, kubernetesVersion: KubernetesVersion) -> [any PlanPass] {
        switch level {
        case .none:
            return []
        case .standard:
            return PassRegistry.all.filter { pass in
                pass.name != PortRanges().name || kubernetesVersion >= .endPortStable
            }
        case .trustIngress:
            // The relaxation runs after grouping and before rules merge, so the
            // widened rules join the others.
            var passes = self.passes(level: .standard, kubernetesVersion: kubernetesVersion)
            passes.insert(RelaxEgressToIsolatedNamespaces(), at: 1)
            return passes
        }
    }

    public static func lower(
        _ program: Program, level: OptimizationLevel = .standard, kubernetesVersion: KubernetesVersion = .defaultTarget
    ) -> PolicyPlan {
        var plan = ReferenceLowering.lower(program)
        for pass in passes(level: level, kubernetesVersion: kubernetesVersion) {
            pass.run(&plan)
        }
        return plan
    }

    /// Lowers to one policy per workload and one rule per dependency, as
    /// generators that map each edge to a rule do. `--stats` compares
    /// against this baseline.
    public static func perWorkloadBaseline(_ program: Program) -> PolicyPlan {
        var plan = ReferenceLowering.lower(program)
        GroupBySubject().run(&plan)
        return plan
    }
}
