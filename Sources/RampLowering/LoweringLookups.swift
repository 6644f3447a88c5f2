import RampIR
import RampKube

/// The isolated subjects and encoded peers and ports of endpoints, cached
/// for the reference lowering.
///
/// `ServiceNumbers` gives each dependency's service endpoints their numbers,
/// so every lookup for a service is an array index. Other endpoints are
/// rare and keep dictionary caches.
struct LoweringLookups {
    private let subjects: Subjects
    /// The encoding of endpoints other than declared services, which are
    /// encoded from `serviceSelectors`. It holds no service selectors,
    /// because only service endpoints read them.
    private let encoding = PeerEncoding(selectors: [:])
    private let numbers: ServiceNumbers
    /// The subject of each service number that is isolated for ingress, or
    /// nil when the service is not isolated for ingress.
    private let ingressSubjects: [Int?]
    /// The same as `ingressSubjects`, for egress.
    private let egressSubjects: [Int?]
    private var subjectsByEndpoint: [EndpointDirection: [Int]] = [:]
    /// The position in `Program.namespaces` of each subject's namespace, by
    /// subject index.
    private let subjectNamespaces: [Int]
    /// The pod selector of each service number.
    private let serviceSelectors: [LabelSelector]
    /// The selector of each namespace by name, by position in `Program.namespaces`.
    private let namespaceSelectors: [LabelSelector]
    /// The peers of each service number as seen from its own namespace.
    private var localPeers: [[NetworkPolicyPeer]?]
    /// The peers of each service number as seen from any other namespace.
    private var remotePeers: [[NetworkPolicyPeer]?]
    private var peersByEndpoint: [Endpoint: [NetworkPolicyPeer]] = [:]
    private var portTable = PortTable()

    private struct EndpointDirection: Hashable {
        let endpoint: Endpoint
        let direction: NetworkPolicy.PolicyType
    }

    /// The indices in `Subjects.ordered` of an endpoint's isolated subjects:
    /// at most one for a declared service, any number for other endpoints.
    /// Iterating the subject of a service allocates nothing.
    enum SubjectIndices: Sequence {
        case service(Int?)
        case list([Int])

        struct Iterator: IteratorProtocol {
            var single: Int?
            var list: IndexingIterator<[Int]>?

            mutating func next() -> Int? {
                if let value = single {
                    single = nil
                    return value
                }
                return list?.next()
            }
        }

        func makeIterator() -> Iterator {
            switch self {
            case .service(let index): return Iterator(single: index, list: nil)
            case .list(let indices): return Iterator(single: nil, list: indices.makeIterator())
            }
        }
    }

    init(program: Program, subjects: Subjects, numbers: ServiceNumbers) {
        var ingressSubjects = [Int?](repeating: nil, count: numbers.count)
        var egressSubjects = ingressSubjects
        var subjectNamespaces = Array(repeating: 0, count: subjects.ordered.count)
        for (position, range) in subjects.rangesByNamespace.enumerated() {
            for index in range {
                subjectNamespaces[index] = position
                guard let number = subjects.ordered[index].serviceNumber else { continue }
                if subjects.ordered[index].policyTypes.contains(.ingress) { ingressSubjects[number] = index }
                if subjects.ordered[index].policyTypes.contains(.egress) { egressSubjects[number] = index }
            }
        }

        var serviceSelectors: [LabelSelector] = []
        serviceSelectors.reserveCapacity(numbers.count)
        for namespace in program.namespaces {
            for service in namespace.services { serviceSelectors.append(service.selector) }
        }

        self.subjects = subjects
        self.numbers = numbers
        self.ingressSubjects = ingressSubjects
        self.egressSubjects = egressSubjects
        self.subjectNamespaces = subjectNamespaces
        self.serviceSelectors = serviceSelectors
        self.namespaceSelectors = program.namespaces.map { PeerEncoding.namespaceNamed($0.name) }
        self.localPeers = Array(repeating: nil, count: numbers.count)
        self.remotePeers = localPeers
    }

    /// Returns the indices in `Subjects.ordered` of the subjects that
    /// `Subjects.isolated(in:direction:)` returns for `endpoint`.
    /// `serviceNumber` is the number of a declared service and nil for any
    /// other endpoint, which `endpoint` then returns.
    mutating func isolatedSubjects(
        in endpoint: @autoclosure () -> Endpoint, serviceNumber: Int?, direction: NetworkPolicy.PolicyType
    ) -> SubjectIndices {
        if let number = serviceNumber {
            return .service(direction == .ingress ? ingressSubjects[number] : egressSubjects[number])
        }

        // External endpoints contain no pods, so they have no isolated
        // subjects. Checking this first skips hashing their address blocks.
        let endpoint = endpoint()
        if endpoint.isExternal { return .list([]) }

        let key = EndpointDirection(endpoint: endpoint, direction: direction)
        if let cached = subjectsByEndpoint[key] { return .list(cached) }

        let indices = subjects.isolated(in: endpoint, direction: direction).map(\.index)
        subjectsByEndpoint[key] = indices
        return .list(indices)
    }

    /// Returns `PeerEncoding.peers(for:from:)` with the namespace of the
    /// subject at `subjectIndex`. Only a service's peers depend on the
    /// namespace, and only on whether it is the service's own.
    /// `serviceNumber` is the number of a declared service and nil for any
    /// other endpoint, which `endpoint` then returns.
    mutating func peers(
        for endpoint: @autoclosure () -> Endpoint, serviceNumber: Int?, fromSubject subjectIndex: Int
    ) -> [NetworkPolicyPeer] {
        guard let number = serviceNumber else {
            return otherPeers(for: endpoint(), from: subjects.ordered[subjectIndex].namespace)
        }

        // The peers are those of `PeerEncoding.peers(for:from:)`, built from
        // selectors indexed by number instead of looked up by ID and name.
        let namespacePosition = numbers.namespacePositions[number]
        if namespacePosition == subjectNamespaces[subjectIndex] {
            if let cached = localPeers[number] { return cached }
            let peers = [NetworkPolicyPeer(podSelector: serviceSelectors[number])]
            localPeers[number] = peers
            return peers
        }

        if let cached = remotePeers[number] { return cached }
        let peers = [NetworkPolicyPeer(podSelector: serviceSelectors[number], namespaceSelector: namespaceSelectors[namespacePosition])]
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

    /// Returns `PeerEncoding.ports(for:)`, encoding each port set once, so
    /// that rules with equal ports share one array.
    mutating func ports(for portSet: PortSet) -> [NetworkPolicyPort]? {
        portTable.ports(for: portSet)
    }
}

/// An open-addressing hash table from port set to its encoded ports. It
/// finds a set by an FNV-1a fingerprint of its items, which costs fewer
/// instructions than hashing every item with `Hasher`.
private struct PortTable {
    /// The fingerprint of each slot's entry.
    private var fingerprints = [UInt64](repeating: 0, count: 16)
    /// The index in `portSets` of each slot's entry, or -1 for an empty slot.
    private var entries = [Int](repeating: -1, count: 16)
    private var portSets: [PortSet] = []
    private var encoded: [[NetworkPolicyPort]?] = []

    mutating func ports(for portSet: PortSet) -> [NetworkPolicyPort]? {
        let fingerprint = PortTable.fingerprint(of: portSet)
        var slot = PortTable.firstSlot(of: fingerprint, mask: entries.count - 1)
        while entries[slot] >= 0 {
            if fingerprints[slot] == fingerprint && portSets[entries[slot]] == portSet { return encoded[entries[slot]] }
            slot = (slot + 1) & (entries.count - 1)
        }

        let ports = PeerEncoding.ports(for: portSet)
        fingerprints[slot] = fingerprint
        entries[slot] = portSets.count
        portSets.append(portSet)
        encoded.append(ports)
        // At most half the slots are used, so probe sequences stay short.
        if portSets.count * 2 > entries.count { grow() }
        return ports
    }

    private mutating func grow() {
        let size = entries.count * 2
        fingerprints = [UInt64](repeating: 0, count: size)
        entries = [Int](repeating: -1, count: size)
        for (entry, portSet) in portSets.enumerated() {
            let fingerprint = PortTable.fingerprint(of: portSet)
            var slot = PortTable.firstSlot(of: fingerprint, mask: size - 1)
            while entries[slot] >= 0 { slot = (slot + 1) & (size - 1) }
            fingerprints[slot] = fingerprint
            entries[slot] = entry
        }
    }

    private static func firstSlot(of fingerprint: UInt64, mask: Int) -> Int {
        Int(truncatingIfNeeded: fingerprint ^ (fingerprint >> 32)) & mask
    }

    /// Returns an FNV-1a style mix of the items' protocols, numbers and
    /// name bytes. Equal sets get equal fingerprints, and unequal sets rarely do.
    private static func fingerprint(of portSet: PortSet) -> UInt64 {
        guard case .some(let items) = portSet else { return 0 }

        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        func mix(_ value: UInt64) {
            hash = (hash ^ value) &* 0x0000_0100_0000_01B3
        }
        for item in items {
            switch item.protocol {
            case .tcp: mix(1)
            case .udp: mix(2)
            case .sctp: mix(3)
            }
            switch item.value {
            case let .range(first, last):
                mix(UInt64(truncatingIfNeeded: first))
                mix(UInt64(truncatingIfNeeded: last))
            case .name(let name):
                for byte in name.utf8 { mix(UInt64(byte)) }
                mix(0x100)
            }
        }
        return hash
    }
}
