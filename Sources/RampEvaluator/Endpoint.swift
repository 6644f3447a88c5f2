import RampKube

// MARK: - IP addresses

/// One IPv4 or IPv6 address, right-aligned in `value` as `CIDR` stores it.
public struct IPAddress: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let family: IPFamily
    public let value: UInt128

    public init(family: IPFamily, value: UInt128) {
        self.family = family
        self.value = value
    }

    /// Parses a dotted IPv4 address or an IPv6 address such as `2001:db8::1`.
    public static func parse(_ text: String) throws(CIDRParseError) -> IPAddress {
        let (family, value) = try CIDR.parseAddress(text)
        return IPAddress(family: family, value: value)
    }

    /// Returns the largest address of a family: 255.255.255.255 or ffff:…:ffff.
    static func maximum(of family: IPFamily) -> UInt128 {
        family == .ipv4 ? UInt128(UInt32.max) : UInt128.max
    }

    public var description: String { IPAddressFormat.format(value, family: family) }

    public static func < (lhs: IPAddress, rhs: IPAddress) -> Bool {
        if lhs.family != rhs.family { return lhs.family == .ipv4 }
        return lhs.value < rhs.value
    }
}

extension CIDR {
    // NOTE: `CIDR.last` in RampKube traps on the IPv6 block ::/0, because it
    // computes (1 << 128) - 1. The evaluator uses this getter instead.
    /// The last address of the block.
    var lastAddress: UInt128 {
        let hostBits = family.bitWidth - prefixLength
        return hostBits == 0 ? address : address | (UInt128.max >> UInt128(128 - hostBits))
    }

    func containsAddress(_ candidate: IPAddress) -> Bool {
        candidate.family == family && candidate.value >= address && candidate.value <= lastAddress
    }
}

extension IPBlock {
    /// Returns whether the address is inside `cidr` and outside every `except` entry.
    func contains(_ address: IPAddress) -> Bool {
        guard cidr.containsAddress(address) else { return false }
        return !except.contains { $0.containsAddress(address) }
    }
}

// MARK: - Namespaces and pods

/// A namespace with the fields NetworkPolicy reads: its name and labels.
public struct Namespace: Hashable, Sendable {
    /// The label the API server sets on every namespace, with the namespace name as value.
    public static let nameLabel = "kubernetes.io/metadata.name"

    public var name: String
    /// Labels as written. `effectiveLabels` adds the name label.
    public var labels: [String: String]

    public init(name: String, labels: [String: String] = [:]) {
        self.name = name
        self.labels = labels
    }

    /// The labels a namespace selector is matched against. The API server
    /// always sets `kubernetes.io/metadata.name` to the name, overriding any
    /// other value written for that key.
    public var effectiveLabels: [String: String] {
        var result = labels
        result[Namespace.nameLabel] = name
        return result
    }
}

/// A `containerPort` entry of a pod. Named NetworkPolicy ports resolve
/// against these entries by name and protocol.
public struct ContainerPort: Hashable, Sendable {
    public var name: String?
    public var `protocol`: NetworkProtocol
    public var containerPort: Int

    public init(name: String? = nil, protocol: NetworkProtocol = .tcp, containerPort: Int) {
        self.name = name
        self.protocol = `protocol`
        self.containerPort = containerPort
    }
}

/// A pod with what NetworkPolicy reads of it: its namespace, labels and container ports.
public struct Pod: Hashable, Sendable {
    public var name: String
    public var namespace: Namespace
    public var labels: [String: String]
    public var containerPorts: [ContainerPort]

    public init(name: String, namespace: Namespace, labels: [String: String] = [:], containerPorts: [ContainerPort] = []) {
        self.name = name
        self.namespace = namespace
        self.labels = labels
        self.containerPorts = containerPorts
    }

    /// Returns whether a container port with this name and protocol listens on `port`.
    func hasNamedPort(_ portName: String, protocol: NetworkProtocol, number port: Int) -> Bool {
        containerPorts.contains { $0.name == portName && $0.protocol == `protocol` && $0.containerPort == port }
    }
}

// MARK: - Endpoints and connections

/// One end of a connection: a pod in the cluster, or an IP address outside it.
public enum Endpoint: Hashable, Sendable, CustomStringConvertible {
    case pod(Pod)
    /// An address outside the cluster. It has no policies of its own, and
    /// only `ipBlock` peers match it.
    case ipAddress(IPAddress)

    public var description: String {
        switch self {
        case .pod(let pod): return pod.namespace.name + "/" + pod.name
        case .ipAddress(let address): return address.description
        }
    }
}

/// A connection attempt from `source` to `port` on `destination`.
public struct Connection: Hashable, Sendable, CustomStringConvertible {
    public var source: Endpoint
    public var destination: Endpoint
    public var `protocol`: NetworkProtocol
    /// The destination port, from 1 to 65535.
    public var port: Int

    public init(from source: Endpoint, to destination: Endpoint, protocol: NetworkProtocol, port: Int) {
        self.source = source
        self.destination = destination
        self.protocol = `protocol`
        self.port = port
    }

    public var description: String {
        "\(source) -> \(destination) \(self.protocol.rawValue)/\(port)"
    }
}
