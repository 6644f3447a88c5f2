import RampKube
import XCTest
@testable import RampEvaluator

/// The label index of a namespace's policies must leave out only policies
/// whose selector cannot match, and keep the policies' order.
final class NamespacePoliciesTests: XCTestCase {
    private let selectors: [LabelSelector] = [
        selector(["app": "web"]),
        selector(["app": "web", "tier": "front"]),
        selector(["tier": "front"]),
        selector(["app": "db"]),
        .everything,
        selector([:], [requirement("app", .in, ["web", "db"])]),
        selector(["app": "db"], [requirement("tier", .doesNotExist)]),
        selector([:], [requirement("tier", .notIn, ["back"])]),
        selector(["zone": "a"]),
        selector(["app": "web"], [requirement("zone", .exists)]),
    ]

    func testIndexKeepsEveryMatchingPolicyInOrder() {
        let policies = selectors.enumerated().map { index, podSelector in
            EffectivePolicy(policy("x", "p\(index)", podSelector: podSelector, types: [.ingress]))
        }
        let namespace = NetworkPolicyEvaluator.NamespacePolicies(policies: policies, portEntries: [])
        let values: [String: [String?]] = ["app": [nil, "web", "db", "api"], "tier": [nil, "front", "back"], "zone": [nil, "a", "b"]]
        var matchedCount = 0
        for app in values["app"]! {
            for tier in values["tier"]! {
                for zone in values["zone"]! {
                    let labels = ["app": app, "tier": tier, "zone": zone].compactMapValues { $0 }
                    let expected = policies.filter { $0.podSelector.matches(labels) }.map(\.reference.name)
                    let found = namespace.candidates(selecting: labels).filter { $0.podSelector.matches(labels) }.map(\.reference.name)
                    XCTAssertEqual(found, expected, "labels \(labels)")
                    matchedCount += expected.count
                }
            }
        }
        // Most label sets must match several policies, or the test checks less than it claims.
        XCTAssertGreaterThan(matchedCount, 100)
    }

    func testIndexLeavesOutOtherLabels() {
        let policies = selectors.enumerated().map { index, podSelector in
            EffectivePolicy(policy("x", "p\(index)", podSelector: podSelector, types: [.ingress]))
        }
        let namespace = NetworkPolicyEvaluator.NamespacePolicies(policies: policies, portEntries: [])
        let names = namespace.candidates(selecting: ["app": "api"]).map(\.reference.name)
        XCTAssertEqual(names, ["p4", "p5", "p7"])
    }
}
