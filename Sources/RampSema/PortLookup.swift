import RampIR

/// Finds the declared ports of a service by name or number. A service with
/// many ports gets an index, built once, so that 100,000 references to a
/// service with 10,000 ports do not scan them all each time.
final class PortLookup {
    /// Services with at most this many ports are scanned, which is faster
    /// than hashing for the few ports a service usually has.
    static let indexThreshold = 16

    private struct Index {
        var byName: [String: ContainerPort] = [:]
        /// Ports of one number, by that number.
        var singles: [Int: [ContainerPort]] = [:]
        /// Ports that are ranges, in declaration order.
        var ranges: [ContainerPort] = []
    }

    private var indexes: [ServiceID: Index] = [:]

    /// Returns the port named `name`; port names are unique in a service.
    func port(named name: String, in service: Service) -> ContainerPort? {
        guard service.ports.count > PortLookup.indexThreshold else {
            return service.ports.first { $0.name == name }
        }
        return index(of: service).byName[name]
    }

    /// Returns the ports whose range contains `first...last`. Only a range
    /// can contain more than one number, so a single port can contain only
    /// a reference to its own number.
    func ports(containing first: Int, _ last: Int, in service: Service) -> [ContainerPort] {
        guard service.ports.count > PortLookup.indexThreshold else {
            return service.ports.filter { $0.first <= first && last <= $0.last }
        }
        let index = index(of: service)
        let ranges = index.ranges.filter { $0.first <= first && last <= $0.last }
        return first == last ? (index.singles[first] ?? []) + ranges : ranges
    }

    private func index(of service: Service) -> Index {
        if let index = indexes[service.id] { return index }
        var index = Index()
        for port in service.ports {
            if let name = port.name { index.byName[name] = port }
            if port.first == port.last {
                index.singles[port.first, default: []].append(port)
            } else {
                index.ranges.append(port)
            }
        }
        indexes[service.id] = index
        return index
    }
}
