import RampIR
import RampKube

/// Writes endpoints as NetworkPolicy peers and port sets as NetworkPolicy
/// ports.
struct PeerEncoding {
    let selectors: [ServiceID: LabelSelector]

    init(program: Program) {
        var selectors: [ServiceID: LabelSelector] = [:]
        for namespace in program.namespaces {
            for service in namespace.services { selectors[service.id] = service.selector }
        }
        self.init(selectors: selectors)
    }

    /// Creates an encoding that knows the selectors of the given services
    /// only. Encoding any other service stops the program.
    init(selectors: [ServiceID: LabelSelector]) {
        self.selectors = selectors
    }

    /// Returns the peers that select `endpoint`, as seen from a policy in `namespace`.
    func peers(for endpoint: Endpoint, from namespace: String) -> [NetworkPolicyPeer] {
        switch endpoint {
        case .service(let id):
            // The pod selector and the namespace selector of one service stay
            // in one peer, which Kubernetes reads as AND.
            return [NetworkPolicyPeer(
                podSelector: selectors[id]!,
                namespaceSelector: id.namespace == namespace ? nil : PeerEncoding.namespaceNamed(id.namespace)
            )]
        case .namespace(let name):
            return [NetworkPolicyPeer(namespaceSelector: PeerEncoding.namespaceNamed(name))]
        case .namespaces(let selector):
            return [NetworkPolicyPeer(namespaceSelector: selector)]
        case .cluster:
            return [NetworkPolicyPeer(namespaceSelector: .everything)]
        case .external(_, let blocks):
            return blocks.map { NetworkPolicyPeer(ipBlock: $0) }
        }
    }

    static func namespaceNamed(_ name: String) -> LabelSelector {
        LabelSelector(matchLabels: [Namespace.nameLabel: name])
    }

    /// Returns nil (the `ports` key omitted) for every port.
    static func ports(for portSet: PortSet) -> [NetworkPolicyPort]? {
        switch portSet {
        case .all:
            return nil
        case .some(let items):
            return items.map { item in
                switch item.value {
                case let .range(first, last):
                    return NetworkPolicyPort(protocol: item.protocol, port: .number(first), endPort: first == last ? nil : last)
                case .name(let name):
                    return NetworkPolicyPort(protocol: item.protocol, port: .name(name))
                }
            }
        }
    }
}
