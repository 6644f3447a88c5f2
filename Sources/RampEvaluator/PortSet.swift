import RampKube

/// The ports that rules admit on one protocol: numbered ranges, plus port
/// names that admit whatever number the destination pod gives a container
/// port of that name and protocol.
struct ProtocolPorts: Hashable, Sendable {
    static let empty = ProtocolPorts(numbers: .empty, names: [])
    static let all = ProtocolPorts(numbers: .all, names: [])

    var numbers: PortRanges
    var names: Set<String>

    var isEmpty: Bool { numbers.isEmpty && names.isEmpty }

    func union(_ other: ProtocolPorts) -> ProtocolPorts {
        // Every port is admitted already, so names add nothing.
        if numbers.isAll { return .all }
        if other.numbers.isAll { return .all }
        return ProtocolPorts(numbers: numbers.union(other.numbers), names: names.union(other.names))
    }
}

/// The ports that rules admit, for each protocol.
struct PortSet: Hashable, Sendable {
    static let empty = PortSet(tcp: .empty, udp: .empty, sctp: .empty)
    static let all = PortSet(tcp: .all, udp: .all, sctp: .all)

    var tcp: ProtocolPorts
    var udp: ProtocolPorts
    var sctp: ProtocolPorts

    /// Creates the set of a rule's `ports` list, nil meaning every port.
    init(_ ports: [NetworkPolicyPort]?) {
        guard let ports else {
            self = .all
            return
        }
        self = .empty
        for port in ports {
            let protocolPorts: ProtocolPorts
            switch port.port {
            case nil:
                protocolPorts = .all
            case .number(let first):
                protocolPorts = ProtocolPorts(numbers: PortRanges(first...(port.endPort ?? first)), names: [])
            case .name(let name):
                protocolPorts = ProtocolPorts(numbers: .empty, names: [name])
            }
            self[port.effectiveProtocol] = self[port.effectiveProtocol].union(protocolPorts)
        }
    }

    private init(tcp: ProtocolPorts, udp: ProtocolPorts, sctp: ProtocolPorts) {
        self.tcp = tcp
        self.udp = udp
        self.sctp = sctp
    }

    subscript(_ networkProtocol: NetworkProtocol) -> ProtocolPorts {
        get {
            switch networkProtocol {
            case .tcp: return tcp
            case .udp: return udp
            case .sctp: return sctp
            }
        }
        set {
            switch networkProtocol {
            case .tcp: tcp = newValue
            case .udp: udp = newValue
            case .sctp: sctp = newValue
            }
        }
    }

    func union(_ other: PortSet) -> PortSet {
        PortSet(tcp: tcp.union(other.tcp), udp: udp.union(other.udp), sctp: sctp.union(other.sctp))
    }

    /// The set with port names dropped, as it applies to a destination
    /// outside the cluster, which has no container ports to resolve them.
    var withoutNames: PortSet {
        PortSet(
            tcp: ProtocolPorts(numbers: tcp.numbers, names: []),
            udp: ProtocolPorts(numbers: udp.numbers, names: []),
            sctp: ProtocolPorts(numbers: sctp.numbers, names: [])
        )
    }
}
