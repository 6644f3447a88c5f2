import RampIR
import RampKube

/// What a policy object selects, and which directions the contracts isolate
/// for it.
///
/// A namespace's posture isolates every pod in it; a service named as the
/// server of a dependency is isolated for ingress, and one named as a client
/// for egress. Pods that no subject isolates for a direction admit every
/// connection in that direction, so no rule is needed for them.
struct Subjects {
    enum Key: Hashable {
        case namespace(String)
        case service(ServiceID)
    }

    struct Subject {
        let key: Key
        let namespace: String
        let name: String
        let podSelector: LabelSelector
        let policyTypes: Set<NetworkPolicy.PolicyType>
        /// The contract location of the declaration that created the subject.
        let location: String
        /// The location with a description, printed above the object.
        let origin: String
        /// The position in `ordered`.
        var index = 0
    }

    /// The name of the object that contains a namespace's posture.
    static let namespacePolicyName = "namespace-default"

    let program: Program
    private(set) var byKey: [Key: Subject] = [:]
    /// Subjects in output order: per namespace, the namespace first, then services by name.
    private(set) var ordered: [Subject] = []

    init(program: Program) {
        self.program = program
        var servers: Set<ServiceID> = []
        var clients: Set<ServiceID> = []
        for dependency in program.dependencies {
            if case .service(let id) = dependency.server { servers.insert(id) }
            if case .service(let id) = dependency.client { clients.insert(id) }
        }
        for namespace in program.namespaces {
            // An environment that does not enforce a direction in a namespace
            // isolates nothing there, so that direction stays open.
            let enforced = program.environment.enforced(in: namespace.name)
            let posture = namespace.posture.intersection(enforced)
            if !posture.isEmpty {
                add(Subject(
                    key: .namespace(namespace.name), namespace: namespace.name, name: Subjects.namespacePolicyName,
                    podSelector: .everything, policyTypes: posture,
                    location: namespace.postureOrigin!.locationDescription,
                    origin: namespace.postureOrigin!.locationDescription + " posture of namespace '\(namespace.name)'"
                ))
            }
            for service in namespace.services {
                var types: Set<NetworkPolicy.PolicyType> = []
                if servers.contains(service.id) { types.insert(.ingress) }
                if clients.contains(service.id) { types.insert(.egress) }
                types.formIntersection(enforced)
                guard !types.isEmpty else { continue }
                add(Subject(
                    key: .service(service.id), namespace: namespace.name, name: service.id.name,
                    podSelector: service.selector, policyTypes: types,
                    location: service.origin.locationDescription,
                    origin: service.origin.locationDescription + " service '\(service.id.name)'"
                ))
            }
        }
    }

    private mutating func add(_ subject: Subject) {
        var subject = subject
        subject.index = ordered.count
        byKey[subject.key] = subject
        ordered.append(subject)
    }

    /// Returns the subjects whose pods lie in `endpoint` and are isolated for
    /// `direction`. Pods of undeclared namespaces are not ramp's to govern.
    func isolated(in endpoint: Endpoint, direction: NetworkPolicy.PolicyType) -> [Subject] {
        switch endpoint {
        case .service(let id):
            // A service may be a subject for one direction only, for example
            // when the environment does not enforce the other.
            guard let subject = byKey[.service(id)], subject.policyTypes.contains(direction) else { return [] }
            return [subject]
        case .namespace(let name):
            return program.namespace(named: name).map { isolated(in: $0, direction: direction) } ?? []
        case .namespaces(let selector):
            return program.namespaces.filter { selector.matches($0.labels) }.flatMap { isolated(in: $0, direction: direction) }
        case .cluster:
            return program.namespaces.flatMap { isolated(in: $0, direction: direction) }
        case .external:
            return []
        }
    }

    /// Returns the subjects that cover every isolated pod of a namespace. When
    /// the posture isolates the direction, the namespace subject covers them
    /// all. Otherwise only the isolated services need a rule.
    func isolated(in namespace: Namespace, direction: NetworkPolicy.PolicyType) -> [Subject] {
        if let subject = byKey[.namespace(namespace.name)], subject.policyTypes.contains(direction) { return [subject] }
        return namespace.services.compactMap { byKey[.service($0.id)] }.filter { $0.policyTypes.contains(direction) }
    }
}
