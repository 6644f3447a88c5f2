import RampEvaluator
import RampIR
import RampKube

/// Narrows connectivity differences to the container ports that the
/// destination's service declares.
///
/// `connectivityDifferences` lets a destination pod give any port any name,
/// so a rule on a named port differs from a numbered rule on every port
/// number. A pod of a service with declared ports names exactly those, so
/// for it a difference needing names exists only at a declared port, and a
/// difference needing none applies only where no declared name sits. Each
/// declared port in a difference's ranges is decided again by evaluating
/// both policy sets on a pod that has the declared container ports.
struct DeclaredPortRefinement {
    struct Part {
        let ports: ClosedRange<Int>
        let namedPorts: [String]
        let allowedBy: PolicySetSide
    }

    private let services: [Service]
    let old: NetworkPolicyEvaluator
    let new: NetworkPolicyEvaluator

    /// Takes each service's ports from the first program that declares it.
    init(programs: [Program], old: NetworkPolicyEvaluator, new: NetworkPolicyEvaluator) {
        var services: [ServiceID: Service] = [:]
        for program in programs {
            for namespace in program.namespaces {
                for service in namespace.services where services[service.id] == nil { services[service.id] = service }
            }
        }
        self.services = services.values.sorted { $0.id < $1.id }
        self.old = old
        self.new = new
    }

    func refine(_ difference: ConnectivityDifference) -> [Part] {
        let unrefined = difference.ports.map { Part(ports: $0.ports, namedPorts: $0.namedPorts, allowedBy: $0.allowedBy) }
        let example = difference.example.connection
        guard case .pod(let pod) = example.destination,
              let service = services.first(where: { $0.id.namespace == pod.namespace.name && $0.selector.matches(pod.labels) }),
              !service.ports.isEmpty else { return unrefined }

        let declared = service.ports.map {
            RampEvaluator.ContainerPort(name: $0.name, protocol: $0.protocol, containerPort: $0.first)
        }
        let namedNumbers = Set(declared.filter { $0.protocol == difference.protocol && $0.name != nil }.map(\.containerPort))

        var parts: [Part] = []
        for portDifference in difference.ports where portDifference.namedPorts.isEmpty {
            for range in subtract(namedNumbers, from: portDifference.ports) {
                parts.append(Part(ports: range, namedPorts: [], allowedBy: portDifference.allowedBy))
            }
        }
        var destination = pod
        destination.containerPorts = declared
        for number in namedNumbers.sorted() where difference.ports.contains(where: { $0.ports.contains(number) }) {
            let connection = Connection(from: example.source, to: .pod(destination), protocol: difference.protocol, port: number)
            let before = old.evaluate(connection).isAllowed
            let after = new.evaluate(connection).isAllowed
            if before != after { parts.append(Part(ports: number...number, namedPorts: [], allowedBy: after ? .second : .first)) }
        }
        return parts
    }

    /// Returns the parts of `range` outside `numbers`.
    private func subtract(_ numbers: Set<Int>, from range: ClosedRange<Int>) -> [ClosedRange<Int>] {
        var result: [ClosedRange<Int>] = []
        var start = range.lowerBound
        for number in numbers.sorted() where range.contains(number) {
            if number > start { result.append(start...(number - 1)) }
            start = number + 1
        }
        if start <= range.upperBound { result.append(start...range.upperBound) }
        return result
    }
}
