import RampKube

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
        let candidates = CoverCandidates(summaries)
        var isKept = [Bool](repeating: true, count: rules.count)
        for index in rules.indices {
            let covering = candidates.first(for: index, summaries) { other in
                isKept[other] && other != index && summaries[other].mayContain(summaries[index]) && covers(rules[other], rules[index])
                    && (!covers(rules[index], rules[other]) || other < index)
            }
            if let covering {
                rules[covering].addOrigins(rules[index].origins)
                isKept[index] = false
            }
        }
        return rules.indices.filter { isKept[$0] }.map { rules[$0] }
    }

    /// The rules that may contain a rule, found without comparing it with
    /// every other: a rule of one object per client or server of a
    /// statement with thousands of targets made that quadratic.
    ///
    /// A rule whose peers have no `ipBlock` lies only in a rule that admits
    /// every peer or that has each of its peers, so in one that has its
    /// first peer. Rules with an `ipBlock` are compared with all.
    private struct CoverCandidates {
        /// The rules that admit every peer, in order.
        private let admittingEveryPeer: [Int]
        /// The rules that have a peer, by the peer's fingerprint, in order.
        private let byPeer: [UInt64: [Int]]
        /// The test for rules whose `ipBlock` peers no other rule's can contain.
        private let addresses: HullContainers?
        private let count: Int

        /// Below this many rules, every rule is a candidate: the fingerprint
        /// test rejects most pairs cheaply, and in objects of a few hundred
        /// rules the index cost more instructions than it saved.
        private static let indexedCount = 1024

        init(_ summaries: [PeerSummary]) {
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
            guard let first = summary.fingerprints?.first else { return admittingEveryPeer.first(where: predicate) }
            return CoverCandidates.first(inMerged: admittingEveryPeer, byPeer[first] ?? [], where: predicate)
        }

        /// Walks two ascending lists as one ascending list.
        private static func first(inMerged left: [Int], _ right: [Int], where predicate: (Int) -> Bool) -> Int? {
            var (leftIndex, rightIndex) = (0, 0)
            while leftIndex < left.count || rightIndex < right.count {
                let takesLeft = rightIndex == right.count || (leftIndex < left.count && left[leftIndex] < right[rightIndex])
                let candidate = takesLeft ? left[leftIndex] : right[rightIndex]
                if takesLeft { leftIndex += 1 } else { rightIndex += 1 }
                if predicate(candidate) { return candidate }
            }
            return nil
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
            for index in indicesByNamespace[wide.namespace]! where index != wideIndex {
                for (direction, summaries) in zip(directions, wideSummaries) {
                    dropRules(of: index, coveredBy: wideIndex, wide: wide, summaries: summaries, direction: direction, in: &plan)
                }
            }
        }
        plan.objects.removeAll { $0.policyTypes.isEmpty }
    }

    /// `summaries` are those of the wide object's rules for `direction`.
    private func dropRules(
        of index: Int, coveredBy wideIndex: Int, wide: PlanObject, summaries: [PeerSummary],
        direction: NetworkPolicy.PolicyType, in plan: inout PolicyPlan
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
                if direction == .ingress {
                    plan.objects[wideIndex].ingress[covering].addOrigins(rule.origins)
                } else {
                    plan.objects[wideIndex].egress[covering].addOrigins(rule.origins)
                }
            } else {
                remaining.append(rule)
            }
        }
        plan.objects[index].setRules(remaining, direction)
        if remaining.isEmpty { plan.objects[index].policyTypes.remove(direction) }
    }
}
