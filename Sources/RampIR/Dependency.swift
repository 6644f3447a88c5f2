import RampKube
import RampSource

/// One side of a dependency: a set of pods or of external addresses.
public enum Endpoint: Hashable, Sendable {
    case service(ServiceID)
    /// Every pod of the namespace with this name, declared or not.
    case namespace(String)
    /// Every pod of every namespace whose labels match.
    case namespaces(LabelSelector)
    /// Every pod of the cluster.
    case cluster
    /// Addresses outside the cluster; `name` is how the contract named them.
    case external(name: String, blocks: [IPBlock])

    public var isExternal: Bool {
        if case .external = self { return true }
        return false
    }

    public static let internet = Endpoint.external(name: "internet", blocks: [IPBlock(cidr: .allIPv4), IPBlock(cidr: .allIPv6)])

    /// The address blocks of an external endpoint, empty for pods.
    public var blocks: [IPBlock] {
        if case .external(_, let blocks) = self { return blocks }
        return []
    }
}

/// The ports a dependency allows on its server.
public enum PortSet: Hashable, Sendable {
    /// Every port and protocol.
    case all
    case some([PortItem])
}

public struct PortItem: Hashable, Sendable, Comparable {
    public enum Value: Hashable, Sendable {
        case range(first: Int, last: Int)
        /// A container port name, resolved by Kubernetes on each destination pod.
        case name(String)
    }

    public let `protocol`: NetworkProtocol
    public let value: Value

    public init(protocol: NetworkProtocol, value: Value) {
        self.protocol = `protocol`
        self.value = value
    }

    public static func < (lhs: PortItem, rhs: PortItem) -> Bool {
        if lhs.protocol != rhs.protocol { return lhs.protocol < rhs.protocol }
        switch (lhs.value, rhs.value) {
        case let (.range(a, b), .range(c, d)): return (a, b) < (c, d)
        case (.range, .name): return true
        case (.name, .range): return false
        case let (.name(a), .name(b)): return a < b
        }
    }
}

/// `client` may open connections to `server` on `ports`.
public struct Dependency: Hashable, Sendable {
    public let client: Endpoint
    public let server: Endpoint
    public let ports: PortSet
    /// The target in the contract that asked for this connection.
    public let origin: SourceRange
    /// The client as written in the contract. It distinguishes the
    /// dependencies that one target makes with several clients, and is nil
    /// for a dependency that no contract text produced.
    public let clientOrigin: SourceRange?

    public init(client: Endpoint, server: Endpoint, ports: PortSet, origin: SourceRange, clientOrigin: SourceRange? = nil) {
        self.client = client
        self.server = server
        self.ports = ports
        self.origin = origin
        self.clientOrigin = clientOrigin
    }
}
