import RampKube

/// Rewrites the `ipBlock` peers of each rule into the fewest blocks: a block
/// inside another block of the rule is dropped, two halves of one network
/// become the network, and each block's `except` list loses entries that
/// another entry covers and joins halves the same way.
///
/// Exact: a rule admits an address when any of its blocks does, and every
/// rewrite keeps that union of addresses.
public struct AggregateCIDRs: PlanPass {
    public let name = "aggregate-cidrs"

    public init() {}

    public func run(_ plan: inout PolicyPlan) {
        plan.rewriteEachObject { object in
            // Most rules name no ipBlock, so only those that do are rewritten.
            for index in object.ingress.indices where hasIPBlock(object.ingress[index]) {
                object.ingress[index] = aggregate(object.ingress[index])
            }
            for index in object.egress.indices where hasIPBlock(object.egress[index]) {
                object.egress[index] = aggregate(object.egress[index])
            }
        }
    }

    private func hasIPBlock(_ rule: PlanRule) -> Bool {
        rule.peers?.contains { $0.ipBlock != nil } ?? false
    }

    private func aggregate(_ rule: PlanRule) -> PlanRule {
        guard let peers = rule.peers else { return rule }
        let blocks = peers.compactMap(\.ipBlock)
        guard !blocks.isEmpty else { return rule }
        var result = rule
        let aggregated = AggregateCIDRs.aggregate(blocks).map { NetworkPolicyPeer(ipBlock: $0) }
        // The blocks take the place of the first block, so other peers keep their order.
        let firstBlock = peers.firstIndex { $0.ipBlock != nil }!
        var rewritten = peers[..<firstBlock].filter { $0.ipBlock == nil }
        rewritten += aggregated
        rewritten += peers[firstBlock...].filter { $0.ipBlock == nil }
        result.peers = Array(rewritten)
        return result
    }

    static func aggregate(_ blocks: [IPBlock]) -> [IPBlock] {
        var normalized = Array(Set(blocks.map { IPBlock(cidr: $0.cidr, except: minimalCover($0.except)) }))
        normalized = normalized.filter { block in
            !normalized.contains { other in other != block && covers(other, block) }
        }
        let plain = normalized.filter(\.except.isEmpty).map(\.cidr)
        let withExcept = normalized.filter { !$0.except.isEmpty }
        return (minimalCover(plain).map { IPBlock(cidr: $0) } + withExcept).sorted { ($0.cidr, $0.except.count) < ($1.cidr, $1.except.count) }
    }

    /// Returns whether every address of `inner` is in `outer`: inner's CIDR lies
    /// inside outer's, and none of outer's excepts cuts into inner's addresses.
    static func covers(_ outer: IPBlock, _ inner: IPBlock) -> Bool {
        guard outer.cidr.contains(inner.cidr) else { return false }
        return outer.except.allSatisfy { except in
            !overlaps(except, inner.cidr) || inner.except.contains { $0.contains(except) }
        }
    }

    static func overlaps(_ a: CIDR, _ b: CIDR) -> Bool {
        a.contains(b) || b.contains(a)
    }

    /// Returns the fewest CIDRs with the same union of addresses, in order:
    /// contained blocks are dropped and sibling halves joined until nothing
    /// changes.
    ///
    /// Two CIDRs either nest or are disjoint. In CIDR order a block inside
    /// another follows it, so one sweep drops contained blocks. The two
    /// halves of a network are then adjacent, and a stack joins them, and
    /// the larger networks they complete, in one more pass.
    static func minimalCover(_ cidrs: [CIDR]) -> [CIDR] {
        var disjoint: [CIDR] = []
        for cidr in cidrs.sorted() {
            if let last = disjoint.last, last.contains(cidr) { continue }
            disjoint.append(cidr)
        }

        var joined: [CIDR] = []
        for cidr in disjoint {
            var current = cidr
            while let top = joined.last, let parent = parent(ofHalves: top, current) {
                joined.removeLast()
                current = parent
            }
            joined.append(current)
        }
        return joined
    }

    /// Returns the network whose lower half is `lower` and upper half `upper`,
    /// or nil when they are not the two halves of one network.
    private static func parent(ofHalves lower: CIDR, _ upper: CIDR) -> CIDR? {
        guard lower.family == upper.family, lower.prefixLength == upper.prefixLength, lower.prefixLength > 0 else { return nil }
        let parent = CIDR(family: lower.family, address: lower.address, prefixLength: lower.prefixLength - 1)
        guard parent.first == lower.first, lower.last < parent.last, upper.first == lower.last + 1 else { return nil }
        return parent
    }
}
