import RampKube

/// Syntactic containment of peers and ports, used to find rules that other
/// rules already cover. It returns true only when containment holds for
/// every cluster, so a pass that trusts it stays exact.
enum Containment {
    /// Returns whether every peer in `inner` is matched by some peer in
    /// `outer`; nil or empty stands for every peer.
    static func peers(_ inner: [NetworkPolicyPeer]?, within outer: [NetworkPolicyPeer]?) -> Bool {
        guard let outer, !outer.isEmpty else { return true }
        guard let inner, !inner.isEmpty else { return false }
        return inner.allSatisfy { peer in outer.contains { contains($0, peer) } }
    }

    static func contains(_ outer: NetworkPolicyPeer, _ inner: NetworkPolicyPeer) -> Bool {
        if outer == inner { return true }
        if let outerBlock = outer.ipBlock, let innerBlock = inner.ipBlock {
            return AggregateCIDRs.covers(outerBlock, innerBlock)
        }
        return false
    }

    /// Returns whether every port in `inner` is admitted by some port in
    /// `outer`; nil or empty stands for every port of every protocol.
    static func ports(_ inner: [NetworkPolicyPort]?, within outer: [NetworkPolicyPort]?) -> Bool {
        guard let outer, !outer.isEmpty else { return true }
        guard let inner, !inner.isEmpty else { return false }
        return inner.allSatisfy { port in outer.contains { contains($0, port) } }
    }

    static func contains(_ outer: NetworkPolicyPort, _ inner: NetworkPolicyPort) -> Bool {
        guard (outer.protocol ?? .tcp) == (inner.protocol ?? .tcp) else { return false }
        switch (outer.port, inner.port) {
        case (nil, _):
            return true
        case let (.number(outerFirst), .number(innerFirst)):
            return outerFirst <= innerFirst && (inner.endPort ?? innerFirst) <= (outer.endPort ?? outerFirst)
        case let (.name(outerName), .name(innerName)):
            return outerName == innerName
        default:
            return false
        }
    }
}
