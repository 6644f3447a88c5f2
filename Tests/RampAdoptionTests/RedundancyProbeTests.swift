import RampEvaluator
import RampKube
import XCTest
@testable import RampAdoption

/// A probe may only report a difference that the exact equivalence check
/// confirms, and it should find the difference of a policy that alone
/// admits a peer.
final class RedundancyProbeTests: XCTestCase {
    private static func selector(_ labels: [String: String], _ expressions: [LabelSelectorRequirement] = []) -> LabelSelector {
        LabelSelector(matchLabels: labels, matchExpressions: expressions)
    }

    private static func rule(_ peers: [NetworkPolicyPeer]?, port: Int?) -> NetworkPolicyRule {
        NetworkPolicyRule(peers: peers, ports: port.map { [NetworkPolicyPort(protocol: .tcp, port: .number($0))] })
    }

    private static func policy(
        _ name: String, _ podSelector: LabelSelector, types: [NetworkPolicy.PolicyType],
        ingress: [NetworkPolicyRule]? = nil, egress: [NetworkPolicyRule]? = nil
    ) -> NetworkPolicy {
        NetworkPolicy(name: name, namespace: "shop", podSelector: podSelector, policyTypes: types, ingress: ingress, egress: egress)
    }

    private static let web = selector(["app": "web"])
    private static let teamA = NetworkPolicyPeer(namespaceSelector: selector(["team": "a"]))
    private static let apiPods = NetworkPolicyPeer(podSelector: selector(["app": "api"]))
    private static let partners = NetworkPolicyPeer(ipBlock: IPBlock(cidr: CIDR(family: .ipv4, address: 0xCB00_7100, prefixLength: 24)))

    /// Policies that overlap in many ways: duplicates, wider and narrower
    /// selectors, deny-all, allow-all and rules that name the same peers.
    private let candidates: [NetworkPolicy] = [
        policy("deny-all", .everything, types: [.ingress, .egress]),
        policy("web-from-api", web, types: [.ingress], ingress: [rule([apiPods], port: 8080)]),
        policy("web-from-api-copy", web, types: [.ingress], ingress: [rule([apiPods], port: 8080)]),
        policy("web-from-team-a", web, types: [.ingress], ingress: [rule([teamA], port: 8080)]),
        policy("all-from-api", .everything, types: [.ingress], ingress: [rule([apiPods], port: nil)]),
        policy("web-to-partners", web, types: [.egress], egress: [rule([partners], port: 443)]),
        policy("web-allow-all", web, types: [.ingress, .egress], ingress: [rule(nil, port: nil)], egress: [rule(nil, port: nil)]),
        policy("tier-front", selector([:], [LabelSelectorRequirement(key: "tier", operator: .in, values: ["front"])]), types: [.ingress]),
    ]

    func testProbeDifferencesAreConfirmed() throws {
        var distinguishedCount = 0
        var checked = 0
        for mask in 1..<(1 << candidates.count) {
            let set = candidates.indices.filter { mask & (1 << $0) != 0 }.map { candidates[$0] }
            guard set.count >= 2 && set.count <= 4 else { continue }
            for removed in set {
                let without = set.filter { $0 != removed }
                checked += 1
                guard RedundancyProbe.distinguishes(set, without, removed: removed) else { continue }
                distinguishedCount += 1
                XCTAssertNotNil(try equivalence(of: set, and: without), "\(removed.name) in \(set.map(\.name))")
            }
        }
        // Both outcomes must occur often, or the test checks less than it claims.
        XCTAssertGreaterThan(distinguishedCount, 200)
        XCTAssertLessThan(distinguishedCount, checked)
    }

    /// Under an ingress-only deny, the one policy that admits api pods is
    /// needed. Under a deny of both directions it is not: the api pods of
    /// the namespace cannot send, so nothing reaches the rule.
    func testOnlyAdmittingPolicyIsToldApart() {
        let denyIngress = Self.policy("deny-ingress", .everything, types: [.ingress])
        let (deny, fromApi, fromApiCopy, toPartners) = (candidates[0], candidates[1], candidates[2], candidates[5])
        XCTAssertTrue(RedundancyProbe.distinguishes([denyIngress, fromApi], [denyIngress], removed: fromApi))
        XCTAssertFalse(RedundancyProbe.distinguishes([deny, fromApi], [deny], removed: fromApi))
        XCTAssertTrue(RedundancyProbe.distinguishes([deny, toPartners], [deny], removed: toPartners))
        XCTAssertFalse(RedundancyProbe.distinguishes([denyIngress, fromApi, fromApiCopy], [denyIngress, fromApi], removed: fromApiCopy))
    }

    func testWitnessLabelsSatisfySelector() {
        let selector = Self.selector(["app": "web"], [
            LabelSelectorRequirement(key: "tier", operator: .in, values: ["front", "back"]),
            LabelSelectorRequirement(key: "zone", operator: .exists),
            LabelSelectorRequirement(key: "canary", operator: .doesNotExist),
        ])
        XCTAssertEqual(RedundancyProbe.witnessLabels(selector), ["app": "web", "tier": "front", "zone": "probe"])
        let impossible = Self.selector([:], [LabelSelectorRequirement(key: "zone", operator: .notIn, values: ["probe"]),
                                             LabelSelectorRequirement(key: "zone", operator: .exists)])
        XCTAssertNil(RedundancyProbe.witnessLabels(impossible))
    }
}
