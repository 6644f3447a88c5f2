import RampIR
import RampKube

/// The isolated subjects and encoded peers and ports of endpoints, cached
/// for the reference lowering.
///
/// Services are numbered in declaration order, so a service endpoint costs
/// one hash of its ID per dependency and every later lookup is an array
/// index. Other endpoints are rare and keep dictionary caches.
struct LoweringLookups {
    private let subjects: Subjects
    private let encoding: PeerEncoding
    private let serviceNumbers: [ServiceID: Int]
    /// The subject of each service number that is isolated for ingress, as
    /// a one-element array so that callers iterate it like any endpoint's.
    /// An empty array means the service is not isolated for ingress.
    private let ingressSubjects: [[Int]]
    /// The same as `ingressSubjects`, for egress.
    private let egressSubjects: [[Int]]
    private var subjectsByEndpoint: [EndpointDirection: [Int]] = [:]
    /// The position in `Program.namespaces` of each service number's
    /// namespace, or -1 for a namespace that is not declared.
    private let serviceNamespaces: [Int]
    /// The position in `Program.namespaces` of each subject's namespace, by
    /// subject index.
    private let subjectNamespaces: [Int]
    /// The peers of each service number as seen from its own namespace.
    private var localPeers: [[NetworkPolicyPeer]?]
    /// The peers of each service number as seen from any other namespace.
    private var remotePeers: [[NetworkPolicyPeer]?]
    private var peersByEndpoint: [Endpoint: [NetworkPolicyPeer]] = [:]
    private var portsBySet: [PortSet: [NetworkPolicyPort]?] = [:]

    private struct EndpointDirection: Hashable {
        let endpoint: Endpoint
        let direction: NetworkPolicy.PolicyType
    }

    /// An endpoint with its service number, which is nil for every endpoint
    /// but a declared service.
    struct NumberedEndpoint {
        let endpoint: Endpoint
        let serviceNumber: Int?
    }

    init(program: Program, subjects: Subjects, encoding: PeerEncoding) {
        var namespaceNumbers: [String: Int] = [:]
        var serviceNumbers: [ServiceID: Int] = [:]
        for namespace in program.namespaces {
            namespaceNumbers[namespace.name] = namespaceNumbers.count
            for service in namespace.services { serviceNumbers[service.id] = serviceNumbers.count }
        }

        var serviceNamespaces = Array(repeating: -1, count: serviceNumbers.count)
        for (id, number) in serviceNumbers {
            serviceNamespaces[number] = namespaceNumbers[id.namespace] ?? -1
        }

        var ingressSubjects = Array(repeating: [Int](), count: serviceNumbers.count)
        var egressSubjects = ingressSubjects
        for subject in subjects.ordered {
            guard case .service(let id) = subject.key, let number = serviceNumbers[id] else { continue }
            if subject.policyTypes.contains(.ingress) { ingressSubjects[number] = [subject.index] }
            if subject.policyTypes.contains(.egress) { egressSubjects[number] = [subject.index] }
        }

        self.subjects = subjects
        self.encoding = encoding
        self.serviceNumbers = serviceNumbers
        self.ingressSubjects = ingressSubjects
        self.egressSubjects = egressSubjects
        self.serviceNamespaces = serviceNamespaces
        self.subjectNamespaces = subjects.ordered.map { namespaceNumbers[$0.namespace]! }
        self.localPeers = Array(repeating: nil, count: serviceNumbers.count)
        self.remotePeers = localPeers
    }

    func numbered(_ endpoint: Endpoint) -> NumberedEndpoint {
        guard case .service(let id) = endpoint else { return NumberedEndpoint(endpoint: endpoint, serviceNumber: nil) }
        return NumberedEndpoint(endpoint: endpoint, serviceNumber: serviceNumbers[id])
    }

    /// Returns the indices in `Subjects.ordered` of the subjects that
    /// `Subjects.isolated(in:direction:)` returns for `endpoint`.
    mutating func isolatedSubjects(in endpoint: NumberedEndpoint, direction: NetworkPolicy.PolicyType) -> [Int] {
        if let number = endpoint.serviceNumber {
            return direction == .ingress ? ingressSubjects[number] : egressSubjects[number]
        }

        // External endpoints contain no pods, so they have no isolated
        // subjects. Checking this first skips hashing their address blocks.
        if endpoint.endpoint.isExternal { return [] }

        let key = EndpointDirection(endpoint: endpoint.endpoint, direction: direction)
        if let cached = subjectsByEndpoint[key] { return cached }

        let indices = subjects.isolated(in: endpoint.endpoint, direction: direction).map(\.index)
        subjectsByEndpoint[key] = indices
        return indices
    }

    /// Returns `PeerEncoding.peers(for:from:)` with the namespace of the
    /// subject at `subjectIndex`. Only a service's peers depend on the
    /// namespace, and only on whether it is the service's own.
    mutating func peers(for endpoint: NumberedEndpoint, fromSubject subjectIndex: Int) -> [NetworkPolicyPeer] {
        guard let number = endpoint.serviceNumber else {
            return otherPeers(for: endpoint.endpoint, from: subjects.ordered[subjectIndex].namespace)
        }

        if serviceNamespaces[number] == subjectNamespaces[subjectIndex] {
            if let cached = localPeers[number] { return cached }
            let peers = encoding.peers(for: endpoint.endpoint, from: subjects.ordered[subjectIndex].namespace)
            localPeers[number] = peers
            return peers
        }

        if let cached = remotePeers[number] { return cached }
        let peers = encoding.peers(for: endpoint.endpoint, from: subjects.ordered[subjectIndex].namespace)
        remotePeers[number] = peers
        return peers
    }

    /// Encodes an endpoint that is not a declared service. Such peers do not
    /// depend on the namespace, except an undeclared service, which is not
    /// cached because `PeerEncoding` stops the program on it.
    private mutating func otherPeers(for endpoint: Endpoint, from namespace: String) -> [NetworkPolicyPeer] {
        if case .service = endpoint { return encoding.peers(for: endpoint, from: namespace) }
        if let cached = peersByEndpoint[endpoint] { return cached }

        let peers = encoding.peers(for: endpoint, from: namespace)
        peersByEndpoint[endpoint] = peers
        return peers
    }

    /// Returns `PeerEncoding.ports(for:)`, encoding each port set once.
    mutating func ports(for portSet: PortSet) -> [NetworkPolicyPort]? {
        if let cached = portsBySet[portSet] { return cached }

        let ports = PeerEncoding.ports(for: portSet)
        portsBySet[portSet] = ports
        return ports
    }
}
