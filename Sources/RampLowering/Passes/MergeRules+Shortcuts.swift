import RampKube

extension MergeRules {
    // MARK: - Shortcuts

    /// Returns whether `merge` would return the rule alone unchanged: its
    /// peers and ports are omitted or distinct, and its origins distinct.
    /// Many directions have one rule, and building their pair table costs
    /// far more than this check.
    static func isMerged(_ rule: PlanRule) -> Bool {
        // An empty list becomes an omitted one.
        if let peers = rule.peers, peers.isEmpty { return false }
        if let ports = rule.ports, ports.isEmpty { return false }

        // Different fingerprints prove values different, and equal ones
        // leave the rare case to the pair table.
        let portFingerprints = rule.ports.map { $0.map(PeerKey.fingerprint) } ?? []
        guard areDistinct(rule.peerFingerprints ?? []), areDistinct(portFingerprints) else { return false }

        return areDistinct(rule.origins)
    }

    /// Returns whether no origin repeats. Most rules have a few, which a
    /// search compares faster than a set is built, but thousands of
    /// repeated lines make one rule of thousands.
    private static func areDistinct(_ origins: [String]) -> Bool {
        guard origins.count > 32 else {
            return !origins.indices.contains { index in origins[..<index].contains(origins[index]) }
        }
        return Set(origins).count == origins.count
    }

    private static func areDistinct(_ fingerprints: [UInt64]) -> Bool {
        let sorted = fingerprints.sorted()
        return !zip(sorted, sorted.dropFirst()).contains { $0 == $1 }
    }

    /// Returns the one rule that `merge` makes of rules that each list peers
    /// and that all list the same distinct ports or all omit them, or nil for
    /// other rules. Every peer then has every port, so the cover is one rule
    /// and needs no pair table. The ingress of a service that exposes one
    /// port to many clients is such a direction.
    static func mergeSharingPorts(_ rules: [PlanRule]) -> PlanRule? {
        let ports = rules[0].ports
        if let ports {
            guard !ports.isEmpty, areDistinct(ports.map(PeerKey.fingerprint)) else { return nil }
        }
        for rule in rules.dropFirst() where rule.ports != ports { return nil }

        // Peers are numbered in order of first appearance, and each rule
        // keeps the lowest number of its peers.
        var numbering = AtomNumbering<NetworkPolicyPeer>(capacity: rules.count, areEqual: PeerKey.areEqual)
        var firstPeers: [Int] = []
        firstPeers.reserveCapacity(rules.count)
        for rule in rules {
            guard let peers = rule.peers, let fingerprints = rule.peerFingerprints, !peers.isEmpty else { return nil }
            var firstPeer = Int.max
            for (peer, fingerprint) in zip(peers, fingerprints) {
                firstPeer = min(firstPeer, numbering.number(of: peer, fingerprint: fingerprint))
            }
            firstPeers.append(firstPeer)
        }

        // `merge` takes origins in pair order, which visits the rules of each
        // peer in rule order and keeps each origin once. A rule adds all its
        // origins at its lowest peer, so the rules are taken in order of that
        // peer, then of rule number.
        let order = rules.indices.sorted { (firstPeers[$0], $0) < (firstPeers[$1], $1) }
        var origins: [String] = []
        PlanRule.append(order.flatMap { rules[$0].origins }, toUnique: &origins)
        return PlanRule(peers: numbering.values, peerFingerprints: numbering.fingerprints, ports: ports, origins: origins)
    }
}
