import RampIR
import RampKube

/// The lowering that is obviously correct: one object per namespace posture
/// and, for every dependency, one object per isolated subject and direction
/// holding just that dependency's rule. DNS gets one object per
/// egress-isolated subject. Optimization passes start from this plan.
public struct ReferenceLowering {
    let program: Program
    let subjects: Subjects
    let encoding: PeerEncoding
    var objects: [PlanObject] = []
    var counters: [String: Int] = [:]

    public static func lower(_ program: Program) -> PolicyPlan {
        var lowering = ReferenceLowering(program: program)
        lowering.addPostures()
        lowering.addDependencies()
        lowering.addDNS()
        return PolicyPlan(objects: lowering.objects)
    }

    init(program: Program) {
        self.program = program
        self.subjects = Subjects(program: program)
        self.encoding = PeerEncoding(program: program)
    }

    private mutating func addPostures() {
        for subject in subjects.ordered {
            guard case .namespace = subject.key else { continue }
            objects.append(PlanObject(
                namespace: subject.namespace, name: subject.name, podSelector: subject.podSelector,
                policyTypes: subject.policyTypes, origins: [subject.origin]
            ))
        }
    }

    private mutating func addDependencies() {
        for dependency in program.dependencies {
            let origin = dependency.origin.locationDescription
            for subject in subjects.isolated(in: dependency.server, direction: .ingress) {
                add(peer: dependency.client, ports: dependency.ports, origin: origin, subject: subject, direction: .ingress)
            }
            for subject in subjects.isolated(in: dependency.client, direction: .egress) {
                add(peer: dependency.server, ports: dependency.ports, origin: origin, subject: subject, direction: .egress)
            }
        }
    }

    private mutating func add(
        peer: Endpoint, ports: PortSet, origin: String, subject: Subjects.Subject, direction: NetworkPolicy.PolicyType
    ) {
        let rule = PlanRule(
            peers: encoding.peers(for: peer, from: subject.namespace),
            ports: PeerEncoding.ports(for: ports),
            origins: [origin]
        )
        let ruleText = PlanPrinter.peers(rule.peers) + " ports " + PlanPrinter.ports(rule.ports)
        var object = PlanObject(
            namespace: subject.namespace, name: nextName(subject, suffix: direction.rawValue.lowercased(), content: ruleText),
            subject: subject.name, podSelector: subject.podSelector, policyTypes: [direction], origins: [subject.origin]
        )
        object.setRules([rule], direction)
        objects.append(object)
    }

    private mutating func addDNS() {
        for namespace in program.namespaces where namespace.dnsEnabled {
            for subject in subjects.isolated(in: namespace, direction: .egress) {
                let origin = (namespace.dnsOrigin ?? namespace.postureOrigin)?.locationDescription ?? subject.location
                let rules = ClusterDNS.rules(program.environment.profile, origins: [origin + " cluster DNS for egress-isolated pods"])
                objects.append(PlanObject(
                    namespace: subject.namespace, name: nextName(subject, suffix: "dns", content: ""), subject: subject.name,
                    podSelector: subject.podSelector, policyTypes: [.egress], egress: rules, origins: [subject.origin]
                ))
            }
        }
    }

    /// Names objects `<subject>-<suffix>-<hash of the rule>`, so that a
    /// contract change renames no other object; a repeated rule gets `-2`,
    /// `-3` and so on.
    private mutating func nextName(_ subject: Subjects.Subject, suffix: String, content: String) -> String {
        let base = content.isEmpty ? "\(subject.name)-\(suffix)" : "\(subject.name)-\(suffix)-\(ReferenceLowering.shortHash(content))"
        let key = subject.namespace + "/" + base
        counters[key, default: 0] += 1
        let count = counters[key]!
        return count == 1 ? base : "\(base)-\(count)"
    }

    /// Returns eight hex digits of the 64-bit FNV-1a hash of `text`: stable
    /// across runs and platforms, unlike Swift's seeded `Hasher`.
    static func shortHash(_ text: String) -> String {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        let hex = String(hash >> 32, radix: 16)
        return String(repeating: "0", count: 8 - hex.count) + hex
    }
}
