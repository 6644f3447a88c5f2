import RampIR
import RampKube

/// Encodes the peers and ports of rules once and numbers every distinct
/// peer list and port list, so that merging a rule into a subject compares
/// two integers instead of hashing whole label selectors.
///
/// Equal numbers mean equal lists: the numbers come from the encoded
/// values, so two endpoints that encode to the same peers share a number,
/// exactly as when the lists themselves were compared.
struct RuleInterner {
    /// The numbers of a rule's peer list and port list.
    struct RuleKey: Hashable {
        let peers: Int
        let ports: Int
    }

    /// An endpoint as seen from a policy: a service's peer differs only by
    /// whether the policy is in the service's own namespace.
    private struct PeerSource: Hashable {
        let endpoint: Endpoint
        let isLocal: Bool
    }

    private var peerNumbers: [[NetworkPolicyPeer]?: Int] = [:]
    private var portNumbers: [[NetworkPolicyPort]?: Int] = [:]
    private var encodedPeers: [PeerSource: (peers: [NetworkPolicyPeer], number: Int)] = [:]
    private var encodedPorts: [PortSet: (ports: [NetworkPolicyPort]?, number: Int)] = [:]

    /// Returns the peers that select `endpoint` from a policy in `namespace`, and their number.
    mutating func peers(
        for endpoint: Endpoint, from namespace: String, encoding: PeerEncoding
    ) -> (peers: [NetworkPolicyPeer], number: Int) {
        var isLocal = false
        if case .service(let id) = endpoint { isLocal = id.namespace == namespace }
        let source = PeerSource(endpoint: endpoint, isLocal: isLocal)
        if let cached = encodedPeers[source] { return cached }

        let peers = encoding.peers(for: endpoint, from: namespace)
        let encoded = (peers: peers, number: number(ofPeers: peers))
        encodedPeers[source] = encoded
        return encoded
    }

    /// Returns the ports of `portSet` and their number.
    mutating func ports(for portSet: PortSet) -> (ports: [NetworkPolicyPort]?, number: Int) {
        if let cached = encodedPorts[portSet] { return cached }
        let ports = PeerEncoding.ports(for: portSet)
        let encoded = (ports: ports, number: number(ofPorts: ports))
        encodedPorts[portSet] = encoded
        return encoded
    }

    /// Returns the key of a rule built elsewhere, such as the cluster DNS rule.
    mutating func key(of rule: NetworkPolicyRule) -> RuleKey {
        RuleKey(peers: number(ofPeers: rule.peers), ports: number(ofPorts: rule.ports))
    }

    private mutating func number(ofPeers peers: [NetworkPolicyPeer]?) -> Int {
        if let number = peerNumbers[peers] { return number }
        peerNumbers[peers] = peerNumbers.count
        return peerNumbers.count - 1
    }

    private mutating func number(ofPorts ports: [NetworkPolicyPort]?) -> Int {
        if let number = portNumbers[ports] { return number }
        portNumbers[ports] = portNumbers.count
        return portNumbers.count - 1
    }
}
