import RampEvaluator
import RampIR
import RampKube

/// Decides whether a concrete connection lies inside what a contract statement names.
struct ConnectionMatching: Sendable {
    private let serviceSelectors: [ServiceID: LabelSelector]

    init(program: Program) {
        var selectors: [ServiceID: LabelSelector] = [:]
        for namespace in program.namespaces {
            for service in namespace.services { selectors[service.id] = service.selector }
        }
        serviceSelectors = selectors
    }

    func dependency(_ dependency: Dependency, contains connection: Connection) -> Bool {
        endpoint(dependency.client, contains: connection.source)
            && endpoint(dependency.server, contains: connection.destination)
            && ports(dependency.ports, contain: connection)
    }

    /// Returns whether a contract endpoint contains a concrete pod or address.
    /// A service contains the pods its selector matches in its namespace.
    func endpoint(_ endpoint: RampIR.Endpoint, contains concrete: RampEvaluator.Endpoint) -> Bool {
        switch (endpoint, concrete) {
        case let (.service(id), .pod(pod)):
            return pod.namespace.name == id.namespace && (serviceSelectors[id]?.matches(pod.labels) ?? false)
        case let (.namespace(name), .pod(pod)):
            return pod.namespace.name == name
        case let (.namespaces(selector), .pod(pod)):
            return selector.matches(pod.namespace.effectiveLabels)
        case (.cluster, .pod):
            return true
        case let (.external(_, blocks), .ipAddress(address)):
            return blocks.contains { block in
                block.cidr.contains(address: address.value, family: address.family)
                    && !block.except.contains { $0.contains(address: address.value, family: address.family) }
            }
        default:
            return false
        }
    }

    func ports(_ portSet: RampIR.PortSet, contain connection: Connection) -> Bool {
        guard case .some(let items) = portSet else { return true }
        return items.contains { item in
            guard item.protocol == connection.protocol else { return false }
            switch item.value {
            case let .range(first, last):
                return (first...last).contains(connection.port)
            case .name(let name):
                guard case .pod(let pod) = connection.destination else { return false }
                return pod.containerPorts.contains { $0.name == name && $0.protocol == connection.protocol && $0.containerPort == connection.port }
            }
        }
    }
}
