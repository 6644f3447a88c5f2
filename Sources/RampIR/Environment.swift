import RampKube
import RampSource

/// Facts about one kind of cluster that the contracts rely on but cannot
/// see: where DNS runs, the API server's endpoints, the networks of pods
/// and nodes, and what the network plugin enforces.
public struct ClusterProfile: Sendable {
    /// A place that pods resolve names at, and its pod ports.
    public struct DNSTarget: Sendable {
        public enum Peer: Sendable {
            case pods(namespace: String, selector: LabelSelector)
            case address(IPBlock)
        }

        public let peer: Peer
        public let ports: [PortItem]

        public init(peer: Peer, ports: [PortItem]) {
            self.peer = peer
            self.ports = ports
        }
    }

    public let name: String
    public let kubernetesVersion: KubernetesVersion?
    public let dns: [DNSTarget]
    /// The API server's endpoint addresses and pod port, such as 6443; the
    /// `kubernetes` Service's 443 is translated before policies apply.
    public let apiserver: (blocks: [IPBlock], port: PortItem)?
    public let podNetworks: [CIDR]
    public let nodeNetworks: [CIDR]
    public let ipFamilies: Set<IPFamily>
    public let enforcesSCTP: Bool
    public let enforcesPortRanges: Bool
    public let origin: SourceRange?

    public init(
        name: String, kubernetesVersion: KubernetesVersion?, dns: [DNSTarget], apiserver: (blocks: [IPBlock], port: PortItem)?,
        podNetworks: [CIDR], nodeNetworks: [CIDR], ipFamilies: Set<IPFamily>, enforcesSCTP: Bool, enforcesPortRanges: Bool,
        origin: SourceRange?
    ) {
        self.name = name
        self.kubernetesVersion = kubernetesVersion
        self.dns = dns
        self.apiserver = apiserver
        self.podNetworks = podNetworks
        self.nodeNetworks = nodeNetworks
        self.ipFamilies = ipFamilies
        self.enforcesSCTP = enforcesSCTP
        self.enforcesPortRanges = enforcesPortRanges
        self.origin = origin
    }

    /// The profile used when no environment names one: kube-dns pods in
    /// kube-system on UDP and TCP port 53, both IP families, everything
    /// enforced, no API server endpoints.
    public static let standard = ClusterProfile(
        name: "standard",
        kubernetesVersion: nil,
        dns: [DNSTarget(
            peer: .pods(namespace: "kube-system", selector: LabelSelector(matchLabels: ["k8s-app": "kube-dns"])),
            ports: [PortItem(protocol: .udp, value: .range(first: 53, last: 53)), PortItem(protocol: .tcp, value: .range(first: 53, last: 53))]
        )],
        apiserver: nil, podNetworks: [], nodeNetworks: [], ipFamilies: [.ipv4, .ipv6],
        enforcesSCTP: true, enforcesPortRanges: true, origin: nil
    )
}

/// One environment, such as staging or production: a profile, parameter
/// values, and which directions each namespace enforces.
public struct Environment: Sendable {
    public let name: String
    public let profile: ClusterProfile
    /// Enforced directions by namespace; namespaces not listed use `defaultEnforcement`.
    public let enforcement: [String: Set<NetworkPolicy.PolicyType>]
    public let defaultEnforcement: Set<NetworkPolicy.PolicyType>
    public let origin: SourceRange?

    public init(
        name: String, profile: ClusterProfile, enforcement: [String: Set<NetworkPolicy.PolicyType>],
        defaultEnforcement: Set<NetworkPolicy.PolicyType>, origin: SourceRange?
    ) {
        self.name = name
        self.profile = profile
        self.enforcement = enforcement
        self.defaultEnforcement = defaultEnforcement
        self.origin = origin
    }

    /// Returns the directions that `namespace` enforces.
    public func enforced(in namespace: String) -> Set<NetworkPolicy.PolicyType> {
        enforcement[namespace] ?? defaultEnforcement
    }

    /// The build without `--env`: the standard profile, everything enforced.
    public static let unnamed = Environment(
        name: "", profile: .standard, enforcement: [:], defaultEnforcement: [.ingress, .egress], origin: nil
    )
}
