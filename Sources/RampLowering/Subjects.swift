import RampIR
import RampKube
import RampSource

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

    /// A class, because the lowering reads subjects many times and copying
    /// a reference retains one object instead of every field.
    final class Subject {
        let key: Key
        let namespace: String
        let name: String
        let podSelector: LabelSelector
        let policyTypes: Set<NetworkPolicy.PolicyType>
        /// The contract location of the declaration that created the subject.
        let location: String
        /// The location with a description, printed above the object.
        let origin: String
        /// The position in `ordered`, set when the subject is added.
        fileprivate(set) var index = 0
        /// The `ServiceNumbers` number of a service subject, or nil for a namespace.
        let serviceNumber: Int?

        init(
            key: Key, namespace: String, name: String, podSelector: LabelSelector, policyTypes: Set<NetworkPolicy.PolicyType>,
            location: String, origin: String, serviceNumber: Int? = nil
        ) {
            self.key = key
            self.namespace = namespace
            self.name = name
            self.podSelector = podSelector
            self.policyTypes = policyTypes
            self.location = location
            self.origin = origin
            self.serviceNumber = serviceNumber
        }
    }

    /// The name of the object that contains a namespace's posture.
    static let namespacePolicyName = "namespace-default"

    let program: Program
    private(set) var byKey: [Key: Subject] = [:]
    /// Subjects in output order: per namespace, the namespace first, then services by name.
    private(set) var ordered: [Subject] = []
    /// The range in `ordered` of each namespace's subjects, by position in
    /// `Program.namespaces`.
    private(set) var rangesByNamespace: [Range<Int>] = []

    init(program: Program) {
        self.init(program: program, numbers: ServiceNumbers(program: program))
    }

    init(program: Program, numbers: ServiceNumbers) {
        self.program = program
        var servers = Array(repeating: false, count: numbers.count)
        var clients = Array(repeating: false, count: numbers.count)
        for number in numbers.servers { if let number { servers[number] = true } }
        for number in numbers.clients { if let number { clients[number] = true } }
        let descriptions = Subjects.describeServices(of: program, servers: servers, clients: clients)

        ordered.reserveCapacity(numbers.count + program.namespaces.count)
        byKey.reserveCapacity(numbers.count + program.namespaces.count)
        rangesByNamespace.reserveCapacity(program.namespaces.count)
        var serviceNumber = 0
        for namespace in program.namespaces {
            let start = ordered.count
            addSubjects(of: namespace, firstServiceNumber: serviceNumber, servers: servers, clients: clients, descriptions: descriptions)
            serviceNumber += namespace.services.count
            rangesByNamespace.append(start..<ordered.count)
        }
    }

    /// The location of a service and the origin of its subject.
    private typealias ServiceDescription = (location: String, origin: String)

    /// Returns the description of each service number that some dependency
    /// names, and nil for the others. Formatting locations is most of the
    /// work of making subjects, and each depends only on its service, so
    /// they are formatted on all cores.
    private static func describeServices(of program: Program, servers: [Bool], clients: [Bool]) -> [ServiceDescription?] {
        let services = program.namespaces.flatMap(\.services)
        return ConcurrentIndices.map(count: services.count, itemSize: 512) { number in
            guard servers[number] || clients[number] else { return nil }
            let location = services[number].origin.locationDescription
            return (location, describe(location, " service '", services[number].id.name))
        }
    }

    /// Adds the posture subject of `namespace` and the subjects of its
    /// isolated services, which are numbered from `firstServiceNumber` on.
    private mutating func addSubjects(
        of namespace: Namespace, firstServiceNumber: Int, servers: [Bool], clients: [Bool], descriptions: [ServiceDescription?]
    ) {
        // An environment that does not enforce a direction in a namespace
        // isolates nothing there, so that direction stays open.
        let enforced = program.environment.enforced(in: namespace.name)
        let posture = namespace.posture.intersection(enforced)
        if !posture.isEmpty {
            let location = namespace.postureOrigin!.locationDescription
            add(Subject(
                key: .namespace(namespace.name), namespace: namespace.name, name: Subjects.namespacePolicyName,
                podSelector: .everything, policyTypes: posture,
                location: location, origin: Subjects.describe(location, " posture of namespace '", namespace.name)
            ))
        }

        // The few possible sets are made once per namespace, because
        // hashing a policy type hashes its string.
        let ingressOnly = enforced.intersection([.ingress])
        let egressOnly = enforced.intersection([.egress])
        let both = enforced.intersection([.ingress, .egress])
        for (offset, service) in namespace.services.enumerated() {
            let types: Set<NetworkPolicy.PolicyType>
            switch (servers[firstServiceNumber + offset], clients[firstServiceNumber + offset]) {
            case (true, true): types = both
            case (true, false): types = ingressOnly
            case (false, true): types = egressOnly
            case (false, false): continue
            }
            guard !types.isEmpty else { continue }

            // A service with policy types is named by a dependency, so it has a description.
            let description = descriptions[firstServiceNumber + offset]!
            add(Subject(
                key: .service(service.id), namespace: namespace.name, name: service.id.name,
                podSelector: service.selector, policyTypes: types,
                location: description.location, origin: description.origin,
                serviceNumber: firstServiceNumber + offset
            ))
        }
    }

    /// Returns `location`, `kind` and `name` in quotes, written into one
    /// buffer, which costs less than an interpolation that grows its buffer.
    private static func describe(_ location: String, _ kind: String, _ name: String) -> String {
        var text = ""
        text.reserveCapacity(location.utf8.count + kind.utf8.count + name.utf8.count + 1)
        text += location
        text += kind
        text += name
        text += "'"
        return text
    }

    private mutating func add(_ subject: Subject) {
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

    /// Returns the indices in `ordered` of the subjects that
    /// `isolated(in:direction:)` returns for the namespace at `position` in
    /// `Program.namespaces`, without hashing any key.
    func isolatedIndices(inNamespaceAt position: Int, direction: NetworkPolicy.PolicyType) -> [Int] {
        let range = rangesByNamespace[position]
        if let first = range.first, case .namespace = ordered[first].key {
            if ordered[first].policyTypes.contains(direction) { return [first] }
            return range.dropFirst().filter { ordered[$0].policyTypes.contains(direction) }
        }
        return range.filter { ordered[$0].policyTypes.contains(direction) }
    }
}
