import RampIR
import RampKube

/// The egress rules that let an egress-isolated pod resolve names: one rule
/// per DNS target of the profile. For the standard profile that is the pods
/// labelled `k8s-app=kube-dns` in `kube-system`, on UDP and TCP port 53 of
/// the pods. The namespace and pod selectors sit in one peer, so only those
/// pods match, not every pod of the namespace or every kube-dns pod.
enum ClusterDNS {
    static func rules(_ profile: ClusterProfile, origins: [String]) -> [PlanRule] {
        profile.dns.map { target in
            let peer: NetworkPolicyPeer
            switch target.peer {
            case let .pods(namespace, selector):
                peer = NetworkPolicyPeer(podSelector: selector, namespaceSelector: PeerEncoding.namespaceNamed(namespace))
            case .address(let block):
                peer = NetworkPolicyPeer(ipBlock: block)
            }
            return PlanRule(peers: [peer], ports: PeerEncoding.ports(for: .some(target.ports)), origins: origins)
        }
    }
}
