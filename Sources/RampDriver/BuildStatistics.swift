import RampIR
import RampKube
import RampLowering
import RampYAML

/// The size of a lowering, in the units that cost dataplanes and reviewers:
/// objects, rules, peers, port entries and YAML bytes without comments.
public struct PlanSize: Equatable, Sendable {
    public let objects: Int
    public let rules: Int
    public let peers: Int
    public let ports: Int
    public let bytes: Int

    public init(_ plan: PolicyPlan) {
        let rules = plan.objects.flatMap { $0.ingress + $0.egress }
        objects = plan.objects.count
        self.rules = rules.count
        peers = rules.reduce(0) { $0 + ($1.peers?.count ?? 0) }
        ports = rules.reduce(0) { $0 + ($1.ports?.count ?? 0) }
        let uncommented = plan.networkPolicies.map(\.withoutComments)
        bytes = YAMLEmitter().emit(header: [], documents: uncommented.map(\.yamlDocument)).utf8.count
    }
}

/// The table that `ramp build --stats` prints.
public struct BuildStatistics {
    public let reference: PlanSize
    public let baseline: PlanSize
    public let optimized: PlanSize

    public init(program: Program, kubernetesVersion: KubernetesVersion = .defaultTarget) {
        reference = PlanSize(Pipeline.lower(program, level: .none))
        baseline = PlanSize(Pipeline.perWorkloadBaseline(program))
        optimized = PlanSize(Pipeline.lower(program, level: .standard, kubernetesVersion: kubernetesVersion))
    }

    public var table: String {
        let rows: [(String, PlanSize)] = [
            ("reference (-O0)", reference),
            ("per-workload baseline", baseline),
            ("optimized (-O)", optimized),
        ]
        var text = pad("lowering", 24) + ["objects", "rules", "peers", "ports", "bytes"].map { padLeft($0, 9) }.joined() + "\n"
        for (name, size) in rows {
            text += pad(name, 24) + [size.objects, size.rules, size.peers, size.ports, size.bytes].map { padLeft(String($0), 9) }.joined() + "\n"
        }
        text += "optimized/baseline: rules \(ratio(optimized.rules, baseline.rules)), bytes \(ratio(optimized.bytes, baseline.bytes))\n"
        return text
    }

    private func ratio(_ part: Int, _ whole: Int) -> String {
        guard whole > 0 else { return "n/a" }
        let hundredths = Int((Double(part) / Double(whole) * 100).rounded())
        let fraction = String(hundredths % 100)
        return "\(hundredths / 100)." + (fraction.count == 1 ? "0" + fraction : fraction)
    }

    private func pad(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.count))
    }

    private func padLeft(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }
}
