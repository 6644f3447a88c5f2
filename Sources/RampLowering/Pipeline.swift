import RampIR
import RampKube

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
    /// `portRangesEnforced` is false for a network plugin that ignores
    /// `endPort`, where a joined range would admit only its first port.
    public static func passes(
        level: OptimizationLevel, kubernetesVersion: KubernetesVersion, portRangesEnforced: Bool = true
    ) -> [any PlanPass] {
        switch level {
        case .none:
            return []
        case .standard:
            return PassRegistry.all.filter { pass in
                pass.name != PortRanges().name || (kubernetesVersion >= .endPortStable && portRangesEnforced)
            }
        case .trustIngress:
            // The relaxation runs after grouping and before rules merge, so the
            // widened rules join the others.
            var passes = self.passes(level: .standard, kubernetesVersion: kubernetesVersion, portRangesEnforced: portRangesEnforced)
            passes.insert(RelaxEgressToIsolatedNamespaces(), at: 1)
            return passes
        }
    }

    public static func lower(
        _ program: Program, level: OptimizationLevel = .standard, kubernetesVersion: KubernetesVersion = .defaultTarget
    ) -> PolicyPlan {
        let portRangesEnforced = program.environment.profile.enforcesPortRanges
        var passes = passes(level: level, kubernetesVersion: kubernetesVersion, portRangesEnforced: portRangesEnforced)
        var plan: PolicyPlan
        // Building the grouped plan directly skips naming one object per rule.
        if passes.first?.name == GroupBySubject().name {
            plan = ReferenceLowering.lowerGrouped(program)
            passes.removeFirst()
        } else {
            plan = ReferenceLowering.lower(program)
        }
        for pass in passes {
            pass.run(&plan)
        }
        return plan
    }

    /// Lowers to one policy per workload and one rule per dependency, as
    /// generators that map each edge to a rule do. `--stats` compares
    /// against this baseline.
    public static func perWorkloadBaseline(_ program: Program) -> PolicyPlan {
        ReferenceLowering.lowerGrouped(program)
    }
}
