import RampKube

/// The egress rule that lets an egress-isolated pod resolve names through
/// cluster DNS: pods labelled `k8s-app=kube-dns` in `kube-system`, on UDP
/// and TCP port 53 of the pods. Both selectors sit in one peer, so only
/// those pods match, not every pod of kube-system or every kube-dns pod.
enum ClusterDNS {
    static let namespace = "kube-system"
    static let podLabels = ["k8s-app": "kube-dns"]
    static let port = 53

    static func rule(origins: [String]) -> PlanRule {
        PlanRule(
            peers: [NetworkPolicyPeer(
                podSelector: LabelSelector(matchLabels: podLabels),
                namespaceSelector: PeerEncoding.namespaceNamed(namespace)
            )],
            ports: [
                NetworkPolicyPort(protocol: .udp, port: .number(port)),
                NetworkPolicyPort(protocol: .tcp, port: .number(port)),
            ],
            origins: origins
        )
    }
}
