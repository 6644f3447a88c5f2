import RampKube
import XCTest
@testable import RampEvaluator

final class PolicyValidationTests: XCTestCase {
    private func rejection(_ policy: NetworkPolicy) -> PolicyValidationError? {
        do {
            _ = try NetworkPolicyEvaluator(policies: [policy])
            return nil
        } catch {
            return error
        }
    }

    private func ingressPolicy(peers: [NetworkPolicyPeer]? = nil, ports: [NetworkPolicyPort]? = nil) -> NetworkPolicy {
        policy("x", "bad", types: [.ingress], ingress: [rule(peers, ports: ports)])
    }

    func testValidPolicyIsAccepted() {
        XCTAssertNil(rejection(ingressPolicy(peers: [ipBlockPeer("10.0.0.0/8", except: ["10.1.0.0/16"])],
                                             ports: [port(80, endPort: 90), namedPort("http"), anyPort(.udp)])))
    }

    func testIPBlockWithSelectorIsRejected() {
        let peer = NetworkPolicyPeer(podSelector: .everything, ipBlock: IPBlock(cidr: parseCIDR("10.0.0.0/8")))
        XCTAssertEqual(rejection(ingressPolicy(peers: [peer])), PolicyValidationError(
            policy: "x/bad", field: "spec.ingress[0].from[0]", reason: "ipBlock may not be combined with podSelector or namespaceSelector"))
    }

    func testEmptyPeerIsRejected() {
        XCTAssertEqual(rejection(ingressPolicy(peers: [NetworkPolicyPeer()]))?.reason,
                       "must specify podSelector, namespaceSelector or ipBlock")
    }

    func testExceptOutsideCIDRIsRejected() {
        for except in ["10.0.0.0/8", "11.0.0.0/16", "2001:db8::/32"] {
            let error = rejection(ingressPolicy(peers: [ipBlockPeer("10.0.0.0/8", except: [except])]))
            XCTAssertEqual(error?.field, "spec.ingress[0].from[0].ipBlock.except[0]", except)
            XCTAssertEqual(error?.reason, "\(except) must be a strict subset of cidr 10.0.0.0/8", except)
        }
    }

    func testInvalidPortsAreRejected() {
        let cases: [(NetworkPolicyPort, String, String)] = [
            (NetworkPolicyPort(protocol: .tcp, port: nil, endPort: 90), "spec.ingress[0].ports[0].endPort", "may not be set without a numeric port"),
            (NetworkPolicyPort(protocol: .tcp, port: .name("http"), endPort: 90), "spec.ingress[0].ports[0].endPort", "may not be set with a named port"),
            (port(90, endPort: 80), "spec.ingress[0].ports[0].endPort", "must be from port 90 to 65535, found 80"),
            (port(0), "spec.ingress[0].ports[0].port", "must be from 1 to 65535, found 0"),
            (port(70000), "spec.ingress[0].ports[0].port", "must be from 1 to 65535, found 70000"),
            (namedPort("HTTP"), "spec.ingress[0].ports[0].port", "must consist of lowercase letters, digits and '-'"),
        ]
        for (badPort, field, reason) in cases {
            let error = rejection(ingressPolicy(ports: [badPort]))
            XCTAssertEqual(error?.field, field, "\(badPort)")
            XCTAssertEqual(error?.reason, reason, "\(badPort)")
        }
    }

    func testInvalidSelectorsAreRejected() {
        let emptyIn = ingressPolicy(peers: [podPeer([:], [requirement("app", .in)])])
        XCTAssertEqual(rejection(emptyIn)?.reason, "must be non-empty for operator In")

        let existsWithValues = ingressPolicy(peers: [podPeer([:], [requirement("app", .exists, ["web"])])])
        XCTAssertEqual(rejection(existsWithValues)?.reason, "must be empty for operator Exists")

        let badKey = policy("x", "bad", podSelector: selector(["-app": "web"]), types: [.ingress])
        XCTAssertEqual(rejection(badKey)?.field, "spec.podSelector.matchLabels")

        let badValue = ingressPolicy(peers: [namespacePeer(["team": "a b"])])
        XCTAssertEqual(rejection(badValue)?.field, "spec.ingress[0].from[0].namespaceSelector.matchLabels[team]")
    }

    func testLongLabelTextIsShortened() {
        let long = String(repeating: "v", count: 200)
        let quoted = "'\(String(repeating: "v", count: 64))…' (200 characters)"

        let value = rejection(ingressPolicy(peers: [podPeer([:], [requirement("app", .in, [long])])]))
        XCTAssertEqual(value?.field, "spec.ingress[0].from[0].podSelector.matchExpressions[0].values")
        XCTAssertEqual(value?.reason, "\(quoted) value must be at most 63 characters, found 200")
        XCTAssertEqual(
            value?.description,
            "invalid NetworkPolicy x/bad: spec.ingress[0].from[0].podSelector.matchExpressions[0].values: \(quoted) value must be at most 63 characters, found 200"
        )

        let key = rejection(policy("x", "bad", podSelector: selector([long: "web"]), types: [.ingress]))
        XCTAssertEqual(key?.field, "spec.podSelector.matchLabels")
        XCTAssertEqual(key?.reason, "label key \(quoted) name part must be at most 63 characters, found 200")
    }

    func testInvalidNamespaceIsRejected() {
        let error = rejection(policy("X_Y", "bad", types: [.ingress]))
        XCTAssertEqual(error?.field, "metadata.namespace")
        XCTAssertEqual(error?.description, "invalid NetworkPolicy X_Y/bad: metadata.namespace: must consist of lowercase letters, digits and '-'")
    }

    func testEquivalenceRejectsInvalidPolicies() {
        let invalid = ingressPolicy(ports: [port(0)])
        XCTAssertThrowsError(try equivalence(of: [], and: [invalid]))
        XCTAssertThrowsError(try connectivityDifferences(between: [invalid], and: []))
    }
}
