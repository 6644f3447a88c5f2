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
        var object = PlanObject(
            namespace: subject.namespace, name: nextName(subject, suffix: direction.rawValue.lowercased()),
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
                    namespace: subject.namespace, name: nextName(subject, suffix: "dns"), subject: subject.name,
                    podSelector: subject.podSelector, policyTypes: [.egress], egress: rules, origins: [subject.origin]
                ))
            }
        }
    }

    /// Names objects `<subject>-<suffix>-<n>`, counting per namespace and subject.
    private mutating func nextName(_ subject: Subjects.Subject, suffix: String) -> String {
        let key = subject.namespace + "/" + subject.name + "-" + suffix
        counters[key, default: 0] += 1
        return "\(subject.name)-\(suffix)-\(counters[key]!)"
    }
}
