import RampKube
import RampSource

/// The resolved program: every name bound, every value validated, every
/// dependency flattened to one client, one server and one port set.
/// Lowering reads only this, never the syntax tree.
public struct Program: Sendable {
    /// Namespaces sorted by name; they are sorted again after every change.
    public var namespaces: [Namespace] {
        didSet { namespaces.sort { $0.name < $1.name } }
    }
    public var dependencies: [Dependency]

    public init(namespaces: [Namespace], dependencies: [Dependency]) {
        self.namespaces = namespaces.sorted { $0.name < $1.name }
        self.dependencies = dependencies
    }

    /// Returns the namespace with this name by binary search, because
    /// lowering asks once per dependency on a namespace.
    public func namespace(named name: String) -> Namespace? {
        var low = 0
        var high = namespaces.count
        while low < high {
            let middle = (low + high) / 2
            if namespaces[middle].name < name {
                low = middle + 1
            } else {
                high = middle
            }
        }
        return low < namespaces.count && namespaces[low].name == name ? namespaces[low] : nil
    }
}

public struct Namespace: Sendable {
    public let name: String
    /// Declared labels plus `kubernetes.io/metadata.name`, which Kubernetes
    /// sets on every namespace.
    public let labels: [String: String]
    /// Default-deny directions and the statement that set them.
    public let posture: Set<NetworkPolicy.PolicyType>
    public let postureOrigin: SourceRange?
    public let dnsEnabled: Bool
    public let dnsOrigin: SourceRange?
    /// Services sorted by name.
    public let services: [Service]
    /// The files that declare this namespace, sorted.
    public let files: [String]

    public init(
        name: String, labels: [String: String], posture: Set<NetworkPolicy.PolicyType>, postureOrigin: SourceRange?,
        dnsEnabled: Bool, dnsOrigin: SourceRange?, services: [Service], files: [String]
    ) {
        self.name = name
        self.labels = labels
        self.posture = posture
        self.postureOrigin = postureOrigin
        self.dnsEnabled = dnsEnabled
        self.dnsOrigin = dnsOrigin
        self.services = services.sorted { $0.id.name < $1.id.name }
        self.files = files.sorted()
    }

    public static let nameLabel = "kubernetes.io/metadata.name"
}

public struct ServiceID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let namespace: String
    public let name: String

    public init(namespace: String, name: String) {
        self.namespace = namespace
        self.name = name
    }

    public var description: String { namespace + "/" + name }

    public static func < (lhs: ServiceID, rhs: ServiceID) -> Bool {
        (lhs.namespace, lhs.name) < (rhs.namespace, rhs.name)
    }
}

/// A set of pods selected by labels inside one namespace, with the
/// container ports they listen on.
public struct Service: Sendable {
    public let id: ServiceID
    public let selector: LabelSelector
    public let ports: [ContainerPort]
    public let origin: SourceRange

    public init(id: ServiceID, selector: LabelSelector, ports: [ContainerPort], origin: SourceRange) {
        self.id = id
        self.selector = selector
        self.ports = ports
        self.origin = origin
    }
}

/// A declared container port or range of ports.
public struct ContainerPort: Hashable, Sendable {
    public let name: String?
    public let `protocol`: NetworkProtocol
    public let first: Int
    public let last: Int

    public init(name: String?, protocol: NetworkProtocol, first: Int, last: Int) {
        self.name = name
        self.protocol = `protocol`
        self.first = first
        self.last = last
    }
}
