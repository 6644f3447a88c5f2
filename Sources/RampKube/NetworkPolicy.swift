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
    /// `metadata.labels` and `metadata.annotations`, which do not change what
    /// the policy allows. The decoder does not read them.
    public var labels: [String: String] = [:]
    public var annotations: [String: String] = [:]

    public init(
        name: String,
        namespace: String,
        podSelector: LabelSelector,
        policyTypes: [PolicyType],
        ingress: [NetworkPolicyRule]? = nil,
        egress: [NetworkPolicyRule]? = nil,
        comments: [String] = []
    ) {
        self.name = name
        self.namespace = namespace
        self.podSelector = podSelector
        self.policyTypes = policyTypes
        self.ingress = ingress
        self.egress = egress
        self.comments = comments
    }
}

extension NetworkPolicy {
    /// The same object without comments on it or its rules, for comparing
    /// and measuring what the API server stores.
    public var withoutComments: NetworkPolicy {
        var copy = self
        copy.comments = []
        copy.ingress = ingress?.map { NetworkPolicyRule(peers: $0.peers, ports: $0.ports) }
        copy.egress = egress?.map { NetworkPolicyRule(peers: $0.peers, ports: $0.ports) }
        return copy
    }
}

/// A `NetworkPolicyIngressRule` or `NetworkPolicyEgressRule`: the peers are
/// `from` or `to` depending on the direction.
///
/// As the API's field comments state, an empty list and an omitted one both
/// match everything ("If this field is empty or missing, this rule matches
/// all sources"), and the API server drops empty lists when it stores the
/// object. ramp never emits an empty list.
public struct NetworkPolicyRule: Hashable, Sendable {
    /// Nil or empty admits every peer.
    public var peers: [NetworkPolicyPeer]?
    /// Nil or empty admits every port.
    public var ports: [NetworkPolicyPort]?
    public var comments: [String]

    public init(peers: [NetworkPolicyPeer]?, ports: [NetworkPolicyPort]?, comments: [String] = []) {
        self.peers = peers
        self.ports = ports
        self.comments = comments
    }
}

/// A `NetworkPolicyPeer`. A pod selector and a namespace selector in one peer
/// select the pods matching both (AND). An `ipBlock` is alone in its peer.
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
