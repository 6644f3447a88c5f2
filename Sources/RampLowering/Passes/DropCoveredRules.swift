import RampKube
import RampSource

/// Drops rules whose every allow another rule already grants: within one
/// object and direction, and across a namespace when an object with an empty
/// pod selector isolates the direction for every pod and grants the allow.
/// An object left without rules for a direction that the namespace object
/// isolates anyway loses that direction, and an object left with none is
/// dropped. The dropped rule's contract locations move to the covering rule.
///
/// Exact: allows are a union, so removing a member that another member
/// contains keeps the union. A pod that the namespace object isolates stays
/// isolated without its own object.
public struct DropCoveredRules: PlanPass {
    public let name = "drop-covered"

    public init() {}

    public func run(_ plan: inout PolicyPlan) {
        plan.rewriteEachObject { object in
            object.ingress = dropCovered(object.ingress)
            object.egress = dropCovered(object.egress)
        }
        dropCoveredByNamespaceObjects(&plan)
    }

    /// Keeps the first of equal rules and drops any rule contained in another.
    /// Each rule is examined once, in order, against the rules still kept,
    /// and a dropped rule's origins go to the first rule that covers it.
    private func dropCovered(_ rules: [PlanRule]) -> [PlanRule] {
        // One rule has no other to be covered by.
        guard rules.count >= 2 else { return rules }

        var rules = rules
        let summaries = rules.map(PeerSummary.init)
        let candidates = CoverCandidates(summaries, rules: rules)
        var isKept = [Bool](repeating: true, count: rules.count)
        // The origins that each covering rule takes, added once at the end:
        // adding them rule by rule went through every origin added before,
        // for thousands of repeated lines.
        var movedOrigins: [Int: [String]] = [:]
        for index in rules.indices {
            let covering = candidates.first(for: index, summaries) { other in
                isKept[other] && other != index && summaries[other].mayContain(summaries[index]) && covers(rules[other], rules[index])
                    && (!covers(rules[index], rules[other]) || other < index)
            }
            if let covering {
                movedOrigins[covering, default: []] += rules[index].origins + (movedOrigins.removeValue(forKey: index) ?? [])
                isKept[index] = false
            }
        }
        for (index, origins) in movedOrigins { rules[index].addOrigins(origins) }
        return rules.indices.filter { isKept[$0] }.map { rules[$0] }
    }

    /// The rules that may contain a rule, found without comparing it with
    /// every other: a rule of one object per client or server of a
    /// statement with thousands of targets made that quadratic.
    ///
    /// A rule whose peers have no `ipBlock` lies only in a rule that admits
    /// every peer or that has each of its peers, so in one that has its
    /// first peer. Rules with an `ipBlock` are compared with all. A rule also
    /// lies only in a rule with a port that contains its first port, so when
    /// those are fewer, as for thousands of rules with one peer and a port
    /// each, they are the candidates instead.
    private struct CoverCandidates {
        /// The rules that admit every peer, in order.
        private let admittingEveryPeer: [Int]
        /// The rules that have a peer, by the peer's fingerprint, in order.
        private let byPeer: [UInt64: [Int]]
        /// The test for rules whose `ipBlock` peers no other rule's can contain.
        private let addresses: HullContainers?
        private let ports: PortCandidates?
        private let count: Int

        /// Below this many rules, every rule is a candidate: the fingerprint
        /// test rejects most pairs cheaply, and in objects of a few hundred
        /// rules the index cost more instructions than it saved.
        private static let indexedCount = 1024

        init(_ summaries: [PeerSummary], rules: [PlanRule]) {
            var admittingEveryPeer: [Int] = []
            var byPeer: [UInt64: [Int]] = [:]
            for (index, summary) in summaries.enumerated() where summaries.count >= CoverCandidates.indexedCount {
                guard let fingerprints = summary.fingerprints else {
                    admittingEveryPeer.append(index)
                    continue
                }
                for fingerprint in Set(fingerprints) { byPeer[fingerprint, default: []].append(index) }
            }
            self.admittingEveryPeer = admittingEveryPeer
            self.byPeer = byPeer
            self.addresses = summaries.count >= CoverCandidates.indexedCount
                ? HullContainers(summaries.map { $0.hasIPBlock ? $0.addresses : nil }) : nil
            self.ports = summaries.count >= CoverCandidates.indexedCount ? PortCandidates(rules) : nil
            self.count = summaries.count
        }

        /// Returns the first candidate for the rule at `index`, in rule
        /// order, that satisfies `predicate`.
        func first(for index: Int, _ summaries: [PeerSummary], where predicate: (Int) -> Bool) -> Int? {
            let summary = summaries[index]
            guard count >= CoverCandidates.indexedCount else { return (0..<count).first(where: predicate) }
            if summary.hasIPBlock {
                // Only a rule that admits every peer, or one whose blocks may
                // contain these, can contain a rule with blocks.
                // TODO: nested or overlapping blocks still compare every pair.
                guard addresses?.mayBeContained(index) ?? true else { return admittingEveryPeer.first(where: predicate) }
                return (0..<count).first(where: predicate)
            }
            let byPeers = summary.fingerprints?.first.map { [admittingEveryPeer, byPeer[$0] ?? []] } ?? [admittingEveryPeer]
            let byPorts = ports?.lists(for: index) ?? []
            let peerCount = byPeers.reduce(0) { $0 + $1.count }
            let portCount = byPorts.reduce(0) { $0 + $1.count }
            return AscendingLists.first(in: portCount < peerCount ? byPorts : byPeers, where: predicate)
        }
    }

    /// The rules that may contain a rule by their ports: those that admit
    /// every port, and those with a port that can contain the rule's first
    /// port (see `Containment.contains`).
    private struct PortCandidates {
        /// A port that contains only ports with the same key, except for a
        /// range, which `ranges` lists.
        private enum Key: Hashable {
            case every(NetworkProtocol)
            case number(NetworkProtocol, Int)
            case name(NetworkProtocol, String)
        }

        /// The first port of each rule, nil when it admits every port.
        private let firstPorts: [NetworkPolicyPort?]
        /// The rules that admit every port, in order.
        private let admittingEveryPort: [Int]
        /// The rules with a port of a key, in order.
        private let byKey: [Key: [Int]]
        /// The rules with a range of numbers, by protocol, in order.
        private let ranges: [NetworkProtocol: [Int]]

        init(_ rules: [PlanRule]) {
            var admittingEveryPort: [Int] = []
            var byKey: [Key: [Int]] = [:]
            var ranges: [NetworkProtocol: [Int]] = [:]
            for (index, rule) in rules.enumerated() {
                guard let ports = rule.ports, !ports.isEmpty else {
                    admittingEveryPort.append(index)
                    continue
                }
                for port in ports {
                    let networkProtocol = port.protocol ?? .tcp
                    if case .number(let first) = port.port, let last = port.endPort, last != first {
                        if ranges[networkProtocol]?.last != index { ranges[networkProtocol, default: []].append(index) }
                    } else if byKey[PortCandidates.key(port)]?.last != index {
                        byKey[PortCandidates.key(port), default: []].append(index)
                    }
                }
            }
            self.firstPorts = rules.map { rule in rule.ports.flatMap { $0.isEmpty ? nil : $0[0] } }
            self.admittingEveryPort = admittingEveryPort
            self.byKey = byKey
            self.ranges = ranges
        }

        /// Returns the ascending lists whose rules may contain the rule at `index`.
        func lists(for index: Int) -> [[Int]] {
            guard let port = firstPorts[index] else { return [admittingEveryPort] }
            let networkProtocol = port.protocol ?? .tcp
            var lists = [admittingEveryPort, byKey[.every(networkProtocol)] ?? []]
            switch port.port {
            case nil:
                break
            case .name:
                lists.append(byKey[PortCandidates.key(port)] ?? [])
            case .number(let first):
                lists.append(byKey[.number(networkProtocol, first)] ?? [])
                lists.append(ranges[networkProtocol] ?? [])
            }
            return lists
        }

        private static func key(_ port: NetworkPolicyPort) -> Key {
            let networkProtocol = port.protocol ?? .tcp
            switch port.port {
            case nil: return .every(networkProtocol)
            case .number(let number): return .number(networkProtocol, number)
            case .name(let name): return .name(networkProtocol, name)
            }
        }
    }

    private func covers(_ outer: PlanRule, _ inner: PlanRule) -> Bool {
        // Ports compare far faster than selectors, and often differ where peers match.
        Containment.ports(inner.ports, within: outer.ports) && Containment.peers(inner.peers, within: outer.peers)
    }

    /// The peer fingerprints of a rule, which reject most pairs of rules
    /// before `Containment` compares their selectors.
    private struct PeerSummary {
        /// The fingerprints of the peers, or nil when the rule admits every peer.
        let fingerprints: [UInt64]?
        let hasIPBlock: Bool
        /// The hull of the CIDRs of the `ipBlock` peers.
        let addresses: AddressHull

        init(_ rule: PlanRule) {
            if let peers = rule.peers, !peers.isEmpty {
                fingerprints = rule.peerFingerprints
                hasIPBlock = peers.contains { $0.ipBlock != nil }
                addresses = hasIPBlock ? AddressHull(peers.lazy.compactMap(\.ipBlock?.cidr)) : AddressHull()
            } else {
                fingerprints = nil
                hasIPBlock = false
                addresses = AddressHull()
            }
        }

        /// Returns false only when `Containment.peers` returns false for the
        /// two rules: a peer without `ipBlock` is contained only in an equal
        /// peer, which has the same fingerprint, and an `ipBlock` peer only
        /// in one whose CIDR contains its CIDR, which lies in the hull.
        func mayContain(_ inner: PeerSummary) -> Bool {
            guard let outerPrints = fingerprints else { return true }
            guard let innerPrints = inner.fingerprints else { return false }
            guard !inner.hasIPBlock else { return addresses.mayContain(inner.addresses) }

            return innerPrints.allSatisfy { outerPrints.contains($0) }
        }
    }

    private func dropCoveredByNamespaceObjects(_ plan: inout PolicyPlan) {
        // Object indices per namespace, in plan order, so that each wide
        // object visits only its own namespace.
        var indicesByNamespace: [String: [Int]] = [:]
        for index in plan.objects.indices {
            indicesByNamespace[plan.objects[index].namespace, default: []].append(index)
        }
        for wideIndex in plan.objects.indices where plan.objects[wideIndex].podSelector.isEmpty {
            let wide = plan.objects[wideIndex]
            let directions = wide.policyTypes.sorted()
            let wideSummaries = directions.map { wide.rules($0).map(PeerSummary.init) }
            // The origins that each rule of the wide object takes, by direction, added once at the end.
            var movedOrigins: [NetworkPolicy.PolicyType: [Int: [String]]] = [:]
            for index in indicesByNamespace[wide.namespace]! where index != wideIndex {
                for (direction, summaries) in zip(directions, wideSummaries) {
                    dropRules(
                        of: index, coveredBy: wide, summaries: summaries, direction: direction,
                        movedOrigins: &movedOrigins[direction, default: [:]], in: &plan
                    )
                }
            }
            for (covering, origins) in movedOrigins[.ingress] ?? [:] { plan.objects[wideIndex].ingress[covering].addOrigins(origins) }
            for (covering, origins) in movedOrigins[.egress] ?? [:] { plan.objects[wideIndex].egress[covering].addOrigins(origins) }
        }
        plan.objects.removeAll { $0.policyTypes.isEmpty }
    }

    /// `summaries` are those of the wide object's rules for `direction`.
    /// The origins of each dropped rule go to `movedOrigins`, by the wide
    /// object's rule that covers it.
    private func dropRules(
        of index: Int, coveredBy wide: PlanObject, summaries: [PeerSummary], direction: NetworkPolicy.PolicyType,
        movedOrigins: inout [Int: [String]], in plan: inout PolicyPlan
    ) {
        let wideRules = wide.rules(direction)
        // A namespace object without rules for the direction covers nothing,
        // so only an object that has no rules for it loses the direction.
        guard !wideRules.isEmpty else {
            if plan.objects[index].rules(direction).isEmpty { plan.objects[index].policyTypes.remove(direction) }
            return
        }

        var remaining: [PlanRule] = []
        for rule in plan.objects[index].rules(direction) {
            let summary = PeerSummary(rule)
            let covering = wideRules.indices.first { position in
                summaries[position].mayContain(summary) && covers(wideRules[position], rule)
            }
            if let covering {
                movedOrigins[covering, default: []] += rule.origins
            } else {
                remaining.append(rule)
            }
        }
        plan.objects[index].setRules(remaining, direction)
        if remaining.isEmpty { plan.objects[index].policyTypes.remove(direction) }
    }
}
