import RampIR
import RampKube
import RampSource

/// Lowers a program to NetworkPolicy objects: per namespace, one object for
/// its posture and namespace-wide rules, and one per service that the
/// contracts isolate.
///
/// Isolation follows the contract semantics: a namespace's posture isolates
/// every pod in it; a service named as the server of a dependency is
/// isolated for ingress, and one named as a client for egress. Each
/// dependency becomes an ingress rule on every isolated subject among its
/// servers and an egress rule on every isolated subject among its clients;
/// subjects that are not isolated already admit it.
public struct Lowering {
    /// The name of the object holding a namespace's posture.
    public static let namespacePolicyName = "namespace-default"

    let program: Program
    let encoding: PeerEncoding
    var subjects: [SubjectKey: Subject] = [:]
    var interner = RuleInterner()
    var subjectCache: [SubjectQuery: [SubjectKey]] = [:]

    public static func lower(_ program: Program) -> [NetworkPolicy] {
        var lowering = Lowering(program: program)
        lowering.createSubjects()
        lowering.addDependencyRules()
        lowering.addDNSRules()
        return lowering.policies()
    }

    init(program: Program) {
        self.program = program
        self.encoding = PeerEncoding(program: program)
    }

    // MARK: - Subjects

    /// What a policy object selects: every pod of a namespace, or a service.
    enum SubjectKey: Hashable {
        case namespace(String)
        case service(ServiceID)

        var namespace: String {
            switch self {
            case .namespace(let name): return name
            case .service(let id): return id.namespace
            }
        }
    }

    struct Subject {
        let namespace: String
        var policyTypes: Set<NetworkPolicy.PolicyType>
        var ingress = RuleList()
        var egress = RuleList()

        /// Adds a rule whose peers and ports `key` numbers.
        mutating func add(_ rule: NetworkPolicyRule, key: RuleInterner.RuleKey, direction: NetworkPolicy.PolicyType) {
            switch direction {
            case .ingress: ingress.add(rule, key: key)
            case .egress: egress.add(rule, key: key)
            }
        }
    }

    private mutating func createSubjects() {
        let serviceCount = program.namespaces.reduce(0) { $0 + $1.services.count }
        var servers = Set<ServiceID>(minimumCapacity: serviceCount)
        var clients = Set<ServiceID>(minimumCapacity: serviceCount)
        subjects.reserveCapacity(serviceCount + program.namespaces.count)
        for dependency in program.dependencies {
            if case .service(let id) = dependency.server { servers.insert(id) }
            if case .service(let id) = dependency.client { clients.insert(id) }
        }
        for namespace in program.namespaces {
            if !namespace.posture.isEmpty {
                subjects[.namespace(namespace.name)] = Subject(namespace: namespace.name, policyTypes: namespace.posture)
            }
            for service in namespace.services {
                var types: Set<NetworkPolicy.PolicyType> = []
                if servers.contains(service.id) { types.insert(.ingress) }
                if clients.contains(service.id) { types.insert(.egress) }
                if !types.isEmpty {
                    subjects[.service(service.id)] = Subject(namespace: namespace.name, policyTypes: types)
                }
            }
        }
    }

    /// Returns the subjects whose pods lie in `endpoint` and are isolated for
    /// `direction`. Pods of undeclared namespaces are not ramp's to govern.
    func isolatedSubjects(of endpoint: Endpoint, direction: NetworkPolicy.PolicyType) -> [SubjectKey] {
        switch endpoint {
        case .service(let id):
            return [.service(id)]
        case .namespace(let name):
            return program.namespace(named: name).map { isolatedSubjects(in: $0, direction: direction) } ?? []
        case .namespaces(let selector):
            return program.namespaces.filter { selector.matches($0.labels) }.flatMap { isolatedSubjects(in: $0, direction: direction) }
        case .cluster:
            return program.namespaces.flatMap { isolatedSubjects(in: $0, direction: direction) }
        case .external:
            return []
        }
    }

    /// Every pod of a namespace: the namespace subject covers them all when
    /// the posture isolates the direction; otherwise only the services that
    /// are isolated need the rule, and the other pods admit anything.
    private func isolatedSubjects(in namespace: Namespace, direction: NetworkPolicy.PolicyType) -> [SubjectKey] {
        if namespace.posture.contains(direction) { return [.namespace(namespace.name)] }
        return namespace.services
            .filter { subjects[.service($0.id)]?.policyTypes.contains(direction) == true }
            .map { .service($0.id) }
    }

    // MARK: - Rules

    private mutating func addDependencyRules() {
        for dependency in program.dependencies {
            let comment = dependency.origin.locationDescription
            for key in cachedIsolatedSubjects(of: dependency.server, direction: .ingress) {
                add(peer: dependency.client, ports: dependency.ports, comment: comment, origin: dependency.origin, to: key, direction: .ingress)
            }
            for key in cachedIsolatedSubjects(of: dependency.client, direction: .egress) {
                add(peer: dependency.server, ports: dependency.ports, comment: comment, origin: dependency.origin, to: key, direction: .egress)
            }
        }
    }

    private mutating func add(
        peer: Endpoint, ports: PortSet, comment: String, origin: SourceRange, to key: SubjectKey, direction: NetworkPolicy.PolicyType
    ) {
        let encodedPeers = interner.peers(for: peer, from: key.namespace, encoding: encoding)
        let encodedPorts = interner.ports(for: ports)
        let rule = NetworkPolicyRule(peers: encodedPeers.peers, ports: encodedPorts.ports, comments: [comment], origins: [origin])
        let ruleKey = RuleInterner.RuleKey(peers: encodedPeers.number, ports: encodedPorts.number)
        subjects[key]!.add(rule, key: ruleKey, direction: direction)
    }

    private mutating func addDNSRules() {
        // The rules differ only in their comments, so the peers and ports are built once.
        let template = ClusterDNS.rule(comments: [])
        let ruleKey = interner.key(of: template)
        for namespace in program.namespaces where namespace.dnsEnabled {
            for key in isolatedSubjects(in: namespace, direction: .egress) {
                let origin = namespace.dnsOrigin ?? namespace.postureOrigin ?? serviceOrigin(key, in: namespace)
                var rule = template
                rule.comments = [origin.locationDescription + " cluster DNS for egress-isolated pods"]
                subjects[key]!.add(rule, key: ruleKey, direction: .egress)
            }
        }
    }

    private func serviceOrigin(_ key: SubjectKey, in namespace: Namespace) -> SourceRange {
        guard case .service(let id) = key, let service = namespace.services.first(where: { $0.id == id }) else {
            preconditionFailure("a namespace subject always has a posture origin")
        }
        return service.origin
    }

    // MARK: - Objects

    private func policies() -> [NetworkPolicy] {
        var policies: [NetworkPolicy] = []
        for namespace in program.namespaces {
            if let subject = subjects[.namespace(namespace.name)] {
                policies.append(policy(
                    subject, name: Lowering.namespacePolicyName, podSelector: .everything,
                    comment: namespace.postureOrigin!.locationDescription + " posture of namespace '\(namespace.name)'",
                    origin: namespace.postureOrigin!
                ))
            }
            for service in namespace.services {
                guard let subject = subjects[.service(service.id)] else { continue }
                policies.append(policy(
                    subject, name: service.id.name, podSelector: service.selector,
                    comment: service.origin.locationDescription + " service '\(service.id.name)'",
                    origin: service.origin
                ))
            }
        }
        return policies
    }

    private func policy(
        _ subject: Subject, name: String, podSelector: LabelSelector, comment: String, origin: SourceRange
    ) -> NetworkPolicy {
        NetworkPolicy(
            name: name,
            namespace: subject.namespace,
            podSelector: podSelector,
            policyTypes: subject.policyTypes.sorted(),
            // An isolated direction without rules omits its list: policyTypes alone denies it.
            ingress: subject.ingress.isEmpty ? nil : subject.ingress.rules,
            egress: subject.egress.isEmpty ? nil : subject.egress.rules,
            comments: [comment],
            origin: origin
        )
    }
}
