import RampSource

/// The `networking.k8s.io/v1` NetworkPolicy object, with the fields ramp
/// emits and reads. Optional fields distinguish "omitted" from "empty",
/// because the API gives them different meanings.
public struct NetworkPolicy: Hashable, Sendable {
    public enum PolicyType: String, Sendable, Hashable, Comparable {
        case ingress = "Ingress"
        case egress = "Egress"

        public static func < (lhs: PolicyType, rhs: PolicyType) -> Bool { lhs == .ingress && rhs == .egress }
    }

    public var name: String
    public var namespace: String
    public var podSelector: LabelSelector
    public var policyTypes: [PolicyType]
    /// Omitted (nil) and empty both admit nothing once the direction is isolated.
    public var ingress: [NetworkPolicyRule]?
    public var egress: [NetworkPolicyRule]?
    /// Comment lines printed above the object, such as its contract location.
    public var comments: [String]
    /// The contract text the object was generated for: the service
    /// declaration or the namespace's posture. Not part of the YAML.
    public var origin: SourceRange?

    public init(
        name: String,
        namespace: String,
        podSelector: LabelSelector,
        policyTypes: [PolicyType],
        ingress: [NetworkPolicyRule]? = nil,
        egress: [NetworkPolicyRule]? = nil,
        comments: [String] = [],
        origin: SourceRange? = nil
    ) {
        self.name = name
        self.namespace = namespace
        self.podSelector = podSelector
        self.policyTypes = policyTypes
        self.ingress = ingress
        self.egress = egress
        self.comments = comments
        self.origin = origin
    }
}

/// A `NetworkPolicyIngressRule` or `NetworkPolicyEgressRule`: the peers are
/// `from` or `to` depending on the direction.
public struct NetworkPolicyRule: Hashable, Sendable {
    /// Nil (omitted) admits every peer; an empty list admits none.
    public var peers: [NetworkPolicyPeer]?
    /// Nil (omitted) admits every port; an empty list admits none.
    public var ports: [NetworkPolicyPort]?
    public var comments: [String]
    /// The dependencies that asked for the rule. Not part of the YAML.
    public var origins: [SourceRange]

    public init(peers: [NetworkPolicyPeer]?, ports: [NetworkPolicyPort]?, comments: [String] = [], origins: [SourceRange] = []) {
        self.peers = peers
        self.ports = ports
        self.comments = comments
        self.origins = origins
    }
}

/// A `NetworkPolicyPeer`. A pod selector and a namespace selector in one peer
/// select the pods matching both (AND); `ipBlock` stands alone.
public struct NetworkPolicyPeer: Hashable, Sendable {
    public var podSelector: LabelSelector?
    public var namespaceSelector: LabelSelector?
    public var ipBlock: IPBlock?

    public init(podSelector: LabelSelector? = nil, namespaceSelector: LabelSelector? = nil, ipBlock: IPBlock? = nil) {
        self.podSelector = podSelector
        self.namespaceSelector = namespaceSelector
        self.ipBlock = ipBlock
    }
}

public struct IPBlock: Hashable, Sendable {
    public var cidr: CIDR
    /// Blocks inside `cidr` that are excluded, sorted.
    public var except: [CIDR]

    public init(cidr: CIDR, except: [CIDR] = []) {
        self.cidr = cidr
        self.except = except
    }
}

public enum NetworkProtocol: String, Sendable, Hashable, Comparable, CaseIterable {
    case tcp = "TCP"
    case udp = "UDP"
    case sctp = "SCTP"

    public static func < (lhs: NetworkProtocol, rhs: NetworkProtocol) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// A `NetworkPolicyPort`: a protocol and an optional port, number or name,
/// with `endPort` for a numeric range.
public struct NetworkPolicyPort: Hashable, Sendable {
    public enum Port: Hashable, Sendable {
        case number(Int)
        case name(String)
    }

    /// The API defaults an omitted protocol to TCP; ramp always writes it.
    public var `protocol`: NetworkProtocol?
    /// Nil admits every port of the protocol.
    public var port: Port?
    public var endPort: Int?

    public init(protocol: NetworkProtocol? = .tcp, port: Port? = nil, endPort: Int? = nil) {
        self.protocol = `protocol`
        self.port = port
        self.endPort = endPort
    }
}
