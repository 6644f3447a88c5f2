import RampEvaluator
import RampIR
import RampKube
import RampSema
import RampSource

/// Decides whether a statement with `only in` states a connection: whether
/// one of the dependencies it produced has the connection's source among
/// its clients, its destination among its servers and its port among its
/// ports.
///
/// The check runs on the example connection of a difference. The
/// statement's selectors and blocks are among those of the policies that
/// allow the connection, so every connection of the difference's class gets
/// the same result.
enum DeclaredConnections {
    static func states(_ parts: [EnvironmentPart], _ connection: Connection, in program: Program) -> Bool {
        let selectors = Dictionary(uniqueKeysWithValues: program.namespaces.flatMap(\.services).map { ($0.id, $0.selector) })
        for part in parts {
            guard case .statement(let statement) = part else { continue }
            for dependency in program.dependencies where contains(statement, dependency.origin) {
                if matches(dependency.client, connection.source, selectors)
                    && matches(dependency.server, connection.destination, selectors)
                    && matches(dependency.ports, connection) {
                    return true
                }
            }
        }
        return false
    }

    private static func contains(_ statement: SourceRange, _ range: SourceRange) -> Bool {
        statement.file === range.file && statement.start <= range.start && range.end <= statement.end
    }

    static func matches(
        _ endpoint: RampIR.Endpoint, _ concrete: RampEvaluator.Endpoint, _ selectors: [ServiceID: LabelSelector]
    ) -> Bool {
        switch (endpoint, concrete) {
        case let (.service(id), .pod(pod)):
            return pod.namespace.name == id.namespace && (selectors[id]?.matches(pod.labels) ?? false)
        case let (.namespace(name), .pod(pod)):
            return pod.namespace.name == name
        case let (.namespaces(selector), .pod(pod)):
            return selector.matches(pod.namespace.effectiveLabels)
        case (.cluster, .pod):
            return true
        case let (.external(_, blocks), .ipAddress(address)):
            return blocks.contains { $0.contains(address) }
        default:
            return false
        }
    }

    private static func matches(_ ports: PortSet, _ connection: Connection) -> Bool {
        guard case .some(let items) = ports else { return true }
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
