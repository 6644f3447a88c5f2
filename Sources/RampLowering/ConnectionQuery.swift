import RampIR
import RampKube
import RampSource

/// Decides whether the contracts allow one connection, and why, for
/// `ramp explain`.
///
/// The decision follows the lowering. A side is isolated when `Subjects`
/// isolates its pods for the direction. An isolated side admits the
/// connection when some dependency includes both ends and the port,
/// because the lowering then writes a rule for it into an object that
/// selects the pods. It assumes that the pods of a service carry the labels and
/// container ports the contracts declare, and that no other service's
/// selector also matches them (the `overlapping-selectors` warning reports
/// where that could happen).
public struct ConnectionQuery {
    /// One end of the connection.
    public enum End: Equatable, Sendable, CustomStringConvertible {
        case service(ServiceID)
        /// An address outside the cluster, as the user wrote it.
        case address(UInt128, IPFamily, text: String)

        public var description: String {
            switch self {
            case .service(let id): return id.description
            case .address(_, _, let text): return text
            }
        }
    }

    /// A port and protocol, or a declared port range of the server.
    public struct Port: Equatable, Sendable, CustomStringConvertible {
        public let `protocol`: NetworkProtocol
        public let first: Int
        public let last: Int

        public init(protocol networkProtocol: NetworkProtocol, first: Int, last: Int) {
            self.protocol = networkProtocol
            self.first = first
            self.last = last
        }

        public var description: String {
            (first == last ? "\(first)" : "\(first)-\(last)") + "/" + self.protocol.rawValue.lowercased()
        }
    }

    /// What decides one direction at one end.
    public struct Side: Sendable {
        public enum Isolation: Sendable {
            /// The end lies outside the cluster, where no NetworkPolicy applies.
            case outsideCluster
            /// No policy selects the pods for this direction, so they admit every connection.
            case notIsolated
            /// The namespace's posture isolates the pods.
            case posture(SourceRange)
            /// The service is named by a dependency on this side.
            case dependency(Dependency)
        }

        public let isolation: Isolation
        /// The dependencies that allow the connection, in the order of the program.
        public let allowedBy: [Dependency]

        public var admits: Bool {
            switch isolation {
            case .outsideCluster, .notIsolated: return true
            case .posture, .dependency: return !allowedBy.isEmpty
            }
        }
    }

    public struct Verdict: Sendable {
        public let port: Port
        /// The client's egress.
        public let egress: Side
        /// The server's ingress.
        public let ingress: Side

        public var allowed: Bool { egress.admits && ingress.admits }
    }

    public enum QueryError: Error, Equatable {
        case unknownService(ServiceID)
        case unknownPortName(String, service: ServiceID)
        /// A port name that the service declares over another protocol than the one given.
        case portNameOfOtherProtocol(String, service: ServiceID, declared: NetworkProtocol, given: NetworkProtocol)
        /// A port that is not a number from 1 to 65535 or a name with an optional
        /// `/tcp`, `/udp` or `/sctp`, or a name on an address.
        case invalidPort(String)
        case noPort(server: String)
        case noPods
    }

    let program: Program
    let subjects: Subjects

    public init(program: Program) {
        self.program = program
        self.subjects = Subjects(program: program)
    }

    // MARK: - Queries

    /// Returns the verdict for each port: the one given, or, without one,
    /// each port the server declares. A port name resolves against the
    /// server's declared ports.
    public func explain(from client: End, to server: End, port: String?) throws(QueryError) -> [Verdict] {
        try check(client)
        try check(server)
        if case .address = client, case .address = server { throw .noPods }
        return try ports(port, server: server).map { evaluate(from: client, to: server, port: $0) }
    }

    private func check(_ end: End) throws(QueryError) {
        guard case .service(let id) = end else { return }
        guard service(id) != nil else { throw .unknownService(id) }
    }

    private func service(_ id: ServiceID) -> Service? {
        program.namespace(named: id.namespace)?.services.first { $0.id == id }
    }

    private func ports(_ text: String?, server: End) throws(QueryError) -> [Port] {
        var declared: [ContainerPort] = []
        if case .service(let id) = server { declared = service(id)?.ports ?? [] }
        guard let text else {
            guard !declared.isEmpty else { throw .noPort(server: server.description) }
            return declared.map { Port(protocol: $0.protocol, first: $0.first, last: $0.last) }
        }
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        var explicit: NetworkProtocol?
        if parts.count == 2 {
            guard let parsed = NetworkProtocol(rawValue: parts[1].uppercased()) else { throw .invalidPort(text) }
            explicit = parsed
        }
        if parts[0].first?.isNumber ?? false {
            guard let number = Int(parts[0]), (1...65535).contains(number) else { throw .invalidPort(text) }
            return [Port(protocol: explicit ?? .tcp, first: number, last: number)]
        }
        guard case .service(let id) = server else { throw .invalidPort(text) }
        guard let named = declared.first(where: { $0.name == parts[0] && (explicit == nil || explicit == $0.protocol) }) else {
            if let explicit, let other = declared.first(where: { $0.name == parts[0] }) {
                throw .portNameOfOtherProtocol(parts[0], service: id, declared: other.protocol, given: explicit)
            }
            throw .unknownPortName(parts[0], service: id)
        }
        return [Port(protocol: named.protocol, first: named.first, last: named.last)]
    }

    // MARK: - Evaluation

    private func evaluate(from client: End, to server: End, port: Port) -> Verdict {
        let allowing = program.dependencies.filter { dependency in
            includes(dependency.client, client) && includes(dependency.server, server) && admits(dependency, port, server: server)
        }
        return Verdict(
            port: port,
            egress: Side(isolation: isolation(of: client, direction: .egress), allowedBy: allowing),
            ingress: Side(isolation: isolation(of: server, direction: .ingress), allowedBy: allowing)
        )
    }

    private func includes(_ endpoint: Endpoint, _ end: End) -> Bool {
        switch end {
        case .service(let id): return program.endpoint(endpoint, containsPodsOf: id)
        case let .address(address, family, _): return program.endpoint(endpoint, containsAddress: address, family: family)
        }
    }

    /// Named ports of namespace-wide dependencies resolve on the server's
    /// pods, as Kubernetes resolves them, through the server's declared names.
    private func admits(_ dependency: Dependency, _ port: Port, server: End) -> Bool {
        guard case .some(let items) = dependency.ports else { return true }
        var resolved: [PortItem] = []
        for item in items {
            guard case .name(let name) = item.value else {
                resolved.append(item)
                continue
            }
            guard case .service(let id) = server, let declared = service(id)?.ports.first(where: { $0.name == name }),
                  declared.protocol == item.protocol else { continue }
            resolved.append(PortItem(protocol: declared.protocol, value: .range(first: declared.first, last: declared.last)))
        }
        let wanted = PortSet.some([PortItem(protocol: port.protocol, value: .range(first: port.first, last: port.last))])
        return PortSet.some(resolved).covers(wanted)
    }

    private func isolation(of end: End, direction: NetworkPolicy.PolicyType) -> Side.Isolation {
        guard case .service(let id) = end, let namespace = program.namespace(named: id.namespace) else {
            return .outsideCluster
        }
        if namespace.posture.contains(direction), let origin = namespace.postureOrigin {
            return .posture(origin)
        }
        guard subjects.byKey[.service(id)]?.policyTypes.contains(direction) ?? false else { return .notIsolated }
        let naming = program.dependencies.first { dependency in
            (direction == .ingress ? dependency.server : dependency.client) == .service(id)
        }
        return naming.map { .dependency($0) } ?? .notIsolated
    }
}
