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
struct DeclaredConnections {
    private let selectors: [ServiceID: LabelSelector]
    /// The program's dependencies by the file of their origin, ordered by
    /// where their origin starts, so that a statement's are found by a
    /// binary search.
    private let dependenciesByFile: [ObjectIdentifier: [Dependency]]

    init(program: Program) {
        selectors = Dictionary(uniqueKeysWithValues: program.namespaces.flatMap(\.services).map { ($0.id, $0.selector) })
        dependenciesByFile = Dictionary(grouping: program.dependencies) { ObjectIdentifier($0.origin.file) }
            .mapValues { $0.sorted { $0.origin.start < $1.origin.start } }
    }

    func states(_ parts: [EnvironmentPart], _ connection: Connection) -> Bool {
        for part in parts {
            guard case .statement(let statement) = part else { continue }
            for dependency in dependencies(of: statement)
            where DeclaredConnections.matches(dependency.client, connection.source, selectors)
                && DeclaredConnections.matches(dependency.server, connection.destination, selectors)
                && DeclaredConnections.matches(dependency.ports, connection) {
                return true
            }
        }
        return false
    }

    /// Returns the dependencies whose origin lies inside the statement.
    private func dependencies(of statement: SourceRange) -> [Dependency] {
        guard let dependencies = dependenciesByFile[ObjectIdentifier(statement.file)] else { return [] }
        var (low, high) = (0, dependencies.count)
        while low < high {
            let middle = (low + high) / 2
            if dependencies[middle].origin.start < statement.start { low = middle + 1 } else { high = middle }
        }
        var found: [Dependency] = []
        for dependency in dependencies[low...] {
            guard dependency.origin.start < statement.end else { break }
            if dependency.origin.end <= statement.end { found.append(dependency) }
        }
        return found
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
