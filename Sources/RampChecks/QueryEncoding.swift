import RampEvaluator
import RampIR
import RampKube

/// Writes contract endpoints and ports as the peers and ports of
/// reachability queries.
///
/// Unlike the peers of generated rules, every pod peer here carries a
/// namespace selector, because a query belongs to no policy namespace.
struct QueryEncoding {
    private let services: [ServiceID: Service]

    init(program: Program) {
        var services: [ServiceID: Service] = [:]
        for namespace in program.namespaces {
            for service in namespace.services { services[service.id] = service }
        }
        self.services = services
    }

    /// Returns the peers whose union is the endpoint.
    func peers(for endpoint: RampIR.Endpoint) -> [NetworkPolicyPeer] {
        switch endpoint {
        case .service(let id):
            return [NetworkPolicyPeer(podSelector: services[id]!.selector, namespaceSelector: QueryEncoding.namespaceNamed(id.namespace))]
        case .namespace(let name):
            return [NetworkPolicyPeer(namespaceSelector: QueryEncoding.namespaceNamed(name))]
        case .namespaces(let selector):
            return [NetworkPolicyPeer(namespaceSelector: selector)]
        case .cluster:
            return [NetworkPolicyPeer(namespaceSelector: .everything)]
        case .external(_, let blocks):
            return blocks.map { NetworkPolicyPeer(ipBlock: $0) }
        }
    }

    /// Returns the peers whose union is every one of the endpoints.
    func peers(for endpoints: [RampIR.Endpoint]) -> [NetworkPolicyPeer] {
        var seen: Set<NetworkPolicyPeer> = []
        return endpoints.flatMap { peers(for: $0) }.filter { seen.insert($0).inserted }
    }

    /// Returns nil, every port, for `.all`.
    func ports(for portSet: RampIR.PortSet) -> [NetworkPolicyPort]? {
        switch portSet {
        case .all: return nil
        case .some(let items): return ports(for: items)
        }
    }

    func ports(for items: [PortItem]) -> [NetworkPolicyPort] {
        items.map { item in
            switch item.value {
            case let .range(first, last):
                return NetworkPolicyPort(protocol: item.protocol, port: .number(first), endPort: first == last ? nil : last)
            case .name(let name):
                return NetworkPolicyPort(protocol: item.protocol, port: .name(name))
            }
        }
    }

    /// Returns the container ports that a service declares, which its pods
    /// are taken to have. Nil for a service without declared ports and for
    /// every other endpoint, whose pods may name their ports in any way.
    func containerPorts(of endpoint: RampIR.Endpoint) -> [RampEvaluator.ContainerPort]? {
        guard case .service(let id) = endpoint, let service = services[id], !service.ports.isEmpty else { return nil }
        // NOTE: Kubernetes names single container ports, so a named range
        // takes its name at its first port only.
        return service.ports.map {
            RampEvaluator.ContainerPort(name: $0.name, protocol: $0.protocol, containerPort: $0.first)
        }
    }

    static func namespaceNamed(_ name: String) -> LabelSelector {
        LabelSelector(matchLabels: [RampIR.Namespace.nameLabel: name])
    }
}
