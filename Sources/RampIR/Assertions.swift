import RampSource

/// `expect allowed|blocked client -> server:port`: a connection that the
/// generated policies must allow or block, for every pod of both sides.
public struct Expectation: Sendable {
    public let allowed: Bool
    public let client: Endpoint
    public let server: Endpoint
    public let ports: [PortItem]
    public let origin: SourceRange

    public init(allowed: Bool, client: Endpoint, server: Endpoint, ports: [PortItem], origin: SourceRange) {
        self.allowed = allowed
        self.client = client
        self.server = server
        self.ports = ports
        self.origin = origin
    }
}

/// A rule that the generated policies must never break.
public struct Invariant: Sendable {
    public enum Kind: String, Sendable {
        /// No client may reach the server on the ports.
        case never
        /// Nothing but the clients may reach the server on the ports.
        case only
    }

    public let kind: Kind
    public let clients: [Endpoint]
    public let server: Endpoint
    public let ports: PortSet
    public let origin: SourceRange

    public init(kind: Kind, clients: [Endpoint], server: Endpoint, ports: PortSet, origin: SourceRange) {
        self.kind = kind
        self.clients = clients
        self.server = server
        self.ports = ports
        self.origin = origin
    }
}
