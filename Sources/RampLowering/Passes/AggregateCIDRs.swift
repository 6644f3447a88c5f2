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

    /// Returns the fewest CIDRs with the same union of addresses: contained
    /// blocks are dropped and sibling halves joined until nothing changes.
    static func minimalCover(_ cidrs: [CIDR]) -> [CIDR] {
        var current = Set(cidrs)
        current = current.filter { cidr in !current.contains { $0 != cidr && $0.contains(cidr) } }
        var changed = true
        while changed {
            changed = false
            for cidr in current.sorted() where cidr.prefixLength > 0 {
                let parent = CIDR(family: cidr.family, address: cidr.address, prefixLength: cidr.prefixLength - 1)
                let halfSize = (parent.last - parent.first) / 2 + 1
                let otherHalf = CIDR(family: cidr.family, address: cidr.address == parent.first ? parent.first + halfSize : parent.first,
                                     prefixLength: cidr.prefixLength)
                if current.contains(otherHalf), current.contains(cidr) {
                    current.remove(cidr)
                    current.remove(otherHalf)
                    current.insert(parent)
                    changed = true
                    break
                }
            }
        }
        return current.sorted()
    }
}
