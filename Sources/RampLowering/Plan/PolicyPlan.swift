import RampKube

/// The lowering's own IR: NetworkPolicy objects before they are final, with
/// the contract locations of every object and rule. Passes rewrite a plan;
/// `networkPolicies` turns it into API objects.
///
/// A plan has a text form (`PlanPrinter`, `PlanParser`) so that each pass
/// can be tested alone: text in, the pass run, text out.
public struct PolicyPlan: Equatable, Sendable {
    public var objects: [PlanObject]

    public init(objects: [PlanObject]) {
        self.objects = objects
    }

    /// Returns the objects as NetworkPolicy, in plan order.
    public var networkPolicies: [NetworkPolicy] {
        objects.map(\.networkPolicy)
    }
}

public struct PlanObject: Equatable, Sendable {
    public var namespace: String
    public var name: String
    /// The name of what the object governs (a service, or the namespace
    /// object's name); objects of one subject are grouped under it.
    public var subject: String
    public var podSelector: LabelSelector
    public var policyTypes: Set<NetworkPolicy.PolicyType>
    public var ingress: [PlanRule]
    public var egress: [PlanRule]
    /// Contract locations with a short description, printed above the object.
    public var origins: [String]

    public init(
        namespace: String, name: String, subject: String? = nil, podSelector: LabelSelector,
        policyTypes: Set<NetworkPolicy.PolicyType>, ingress: [PlanRule] = [], egress: [PlanRule] = [], origins: [String] = []
    ) {
        self.namespace = namespace
        self.name = name
        self.subject = subject ?? name
        self.podSelector = podSelector
        self.policyTypes = policyTypes
        self.ingress = ingress
        self.egress = egress
        self.origins = origins
    }

    public func rules(_ direction: NetworkPolicy.PolicyType) -> [PlanRule] {
        direction == .ingress ? ingress : egress
    }

    public mutating func setRules(_ rules: [PlanRule], _ direction: NetworkPolicy.PolicyType) {
        if direction == .ingress { ingress = rules } else { egress = rules }
    }

    var networkPolicy: NetworkPolicy {
        NetworkPolicy(
            name: name,
            namespace: namespace,
            podSelector: podSelector,
            policyTypes: policyTypes.sorted(),
            // An isolated direction without rules omits its list: policyTypes alone denies it.
            ingress: ingress.isEmpty ? nil : ingress.map(\.networkPolicyRule),
            egress: egress.isEmpty ? nil : egress.map(\.networkPolicyRule),
            comments: origins
        )
    }
}

/// One rule: it admits every pair of one of its peers and one of its ports.
public struct PlanRule: Equatable, Sendable {
    /// Nil admits every peer. An empty list does too, as in the API, so the
    /// lowering never makes one.
    public var peers: [NetworkPolicyPeer]? {
        get { storedPeers }
        set { setPeers(newValue, fingerprints: newValue.map { $0.map(PeerKey.fingerprint) }) }
    }
    /// Nil admits every port. An empty list does too, as in the API.
    public var ports: [NetworkPolicyPort]?
    public var origins: [String]
    /// The `PeerKey` fingerprint of each peer, nil when `peers` is nil. It
    /// is computed whenever the peers are set, so that every pass shares it
    /// instead of fingerprinting the same peers again.
    private(set) var peerFingerprints: [UInt64]?
    private var storedPeers: [NetworkPolicyPeer]?

    public init(peers: [NetworkPolicyPeer]?, ports: [NetworkPolicyPort]?, origins: [String] = []) {
        self.init(peers: peers, peerFingerprints: peers.map { $0.map(PeerKey.fingerprint) }, ports: ports, origins: origins)
    }

    /// Creates a rule from peers whose `PeerKey` fingerprints the caller has
    /// already. `peerFingerprints` must be those of `peers`.
    init(peers: [NetworkPolicyPeer]?, peerFingerprints: [UInt64]?, ports: [NetworkPolicyPort]?, origins: [String]) {
        self.storedPeers = peers
        self.peerFingerprints = peerFingerprints
        self.ports = ports
        self.origins = origins
    }

    /// Compares peers, ports and origins. The fingerprints follow from the
    /// peers, so comparing them first only rejects different peers sooner.
    public static func == (lhs: PlanRule, rhs: PlanRule) -> Bool {
        lhs.peerFingerprints == rhs.peerFingerprints && lhs.peers == rhs.peers && lhs.ports == rhs.ports
            && lhs.origins == rhs.origins
    }

    var networkPolicyRule: NetworkPolicyRule {
        NetworkPolicyRule(peers: peers, ports: ports, comments: origins)
    }

    /// Returns whether two rules admit the same peers and ports, ignoring origins.
    func hasSameMatch(as other: PlanRule) -> Bool {
        peerFingerprints == other.peerFingerprints && peers == other.peers && ports == other.ports
    }

    /// Sets peers whose `PeerKey` fingerprints the caller has already.
    /// `fingerprints` must be those of `peers`.
    mutating func setPeers(_ peers: [NetworkPolicyPeer]?, fingerprints: [UInt64]?) {
        storedPeers = peers
        peerFingerprints = fingerprints
    }

    mutating func addOrigins(_ more: [String]) {
        PlanRule.append(more, toUnique: &origins)
    }

    /// Appends the strings of `more` that `list` lacks, in order, each once.
    /// Short lists are searched, long ones go through a set: a merge of
    /// thousands of objects compared each origin with every other.
    static func append(_ more: [String], toUnique list: inout [String]) {
        guard list.count + more.count > 32 else {
            for item in more where !list.contains(item) { list.append(item) }
            return
        }
        var seen = Set(list)
        for item in more where seen.insert(item).inserted { list.append(item) }
    }
}
