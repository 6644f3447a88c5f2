import RampKube
import XCTest
@testable import RampEvaluator

final class NetworkPolicyEvaluatorTests: XCTestCase {
    private let cluster = netpolCluster()

    private func allowed(
        _ policies: [NetworkPolicy],
        _ source: String,
        _ destination: String,
        _ networkProtocol: NetworkProtocol = .tcp,
        _ portNumber: Int = 80,
        file: StaticString = #filePath,
        line: UInt = #line
    ) -> Bool {
        let from = source.contains("/") ? cluster.pod(source) : address(source)
        let to = destination.contains("/") ? cluster.pod(destination) : address(destination)
        return evaluator(policies, file: file, line: line)
            .isAllowed(from: from, to: to, protocol: networkProtocol, port: portNumber).isAllowed
    }

    // MARK: - Isolation

    func testNoPoliciesAllowEverything() {
        XCTAssertTrue(allowed([], "x/a", "y/b"))
        XCTAssertTrue(allowed([], "10.0.0.1", "x/a"))
        XCTAssertTrue(allowed([], "x/a", "2001:db8::1", .udp, 53))
    }

    func testIngressIsolationIsPerDirection() {
        let denyIngress = policy("x", "deny-ingress", types: [.ingress])
        XCTAssertFalse(allowed([denyIngress], "y/a", "x/a"))
        XCTAssertFalse(allowed([denyIngress], "x/b", "x/a"))
        XCTAssertTrue(allowed([denyIngress], "x/a", "y/a"), "egress of x/a is not isolated")
        XCTAssertTrue(allowed([denyIngress], "y/a", "y/b"), "other namespaces are not affected")
    }

    func testEgressOnlyPolicyDoesNotIsolateIngress() {
        // Ingress rules are ignored because Ingress is missing from policyTypes.
        let egressOnly = policy("x", "egress-only", types: [.egress],
                                ingress: [], egress: [rule([namespacePeer(["ns": "y"])])])
        XCTAssertTrue(allowed([egressOnly], "z/a", "x/a"))
        XCTAssertTrue(allowed([egressOnly], "x/a", "y/b"))
        XCTAssertFalse(allowed([egressOnly], "x/a", "z/b"))
        XCTAssertFalse(allowed([egressOnly], "x/a", "10.1.2.3"))
    }

    func testPolicyTypesDefaultWhenEmpty() {
        // No policyTypes: Ingress always, Egress because the egress list is non-empty.
        let defaulted = policy("x", "defaulted", types: [],
                               egress: [rule([namespacePeer(["ns": "y"])])])
        XCTAssertFalse(allowed([defaulted], "y/a", "x/a"), "ingress isolated with no rules")
        XCTAssertTrue(allowed([defaulted], "x/a", "y/a"))
        XCTAssertFalse(allowed([defaulted], "x/a", "z/a"))

        let emptyEgress = policy("x", "empty-egress", types: [], egress: [])
        XCTAssertTrue(allowed([emptyEgress], "x/a", "z/a"), "an empty egress list does not add Egress")
        XCTAssertFalse(allowed([emptyEgress], "z/a", "x/a"))
    }

    func testSelectedPodsOnlyAreIsolated() {
        let isolateA = policy("x", "isolate-a", podSelector: selector(["pod": "a"]), types: [.ingress, .egress])
        XCTAssertFalse(allowed([isolateA], "y/a", "x/a"))
        XCTAssertFalse(allowed([isolateA], "x/a", "y/a"))
        XCTAssertTrue(allowed([isolateA], "y/a", "x/b"))
        XCTAssertTrue(allowed([isolateA], "x/b", "y/a"))
    }

    // MARK: - Rules

    func testAllowsAreAdditiveAcrossPolicies() {
        let fromY = policy("x", "from-y", podSelector: selector(["pod": "a"]), types: [.ingress],
                           ingress: [rule([namespacePeer(["ns": "y"])])])
        let fromZ = policy("x", "from-z", podSelector: selector(["pod": "a"]), types: [.ingress],
                           ingress: [rule([namespacePeer(["ns": "z"])])])
        XCTAssertTrue(allowed([fromY, fromZ], "y/b", "x/a"))
        XCTAssertTrue(allowed([fromY, fromZ], "z/b", "x/a"))
        XCTAssertFalse(allowed([fromY, fromZ], "x/b", "x/a"))
    }

    func testOmittedAndEmptyPeersAdmitEveryPeer() {
        for peers in [nil, [NetworkPolicyPeer]()] {
            let open = policy("x", "open", types: [.ingress], ingress: [rule(peers, ports: [port(80)])])
            XCTAssertTrue(allowed([open], "y/a", "x/a"), "peers \(String(describing: peers))")
            XCTAssertTrue(allowed([open], "192.0.2.7", "x/a"), "peers \(String(describing: peers))")
            XCTAssertFalse(allowed([open], "y/a", "x/a", .tcp, 81), "peers \(String(describing: peers))")
        }
    }

    func testOmittedAndEmptyPortsAdmitEveryPort() {
        for ports in [nil, [NetworkPolicyPort]()] {
            let open = policy("x", "open", types: [.ingress], ingress: [rule([namespacePeer(["ns": "y"])], ports: ports)])
            XCTAssertTrue(allowed([open], "y/a", "x/a", .tcp, 80))
            XCTAssertTrue(allowed([open], "y/a", "x/a", .udp, 5353))
            XCTAssertTrue(allowed([open], "y/a", "x/a", .sctp, 9))
            XCTAssertFalse(allowed([open], "z/a", "x/a", .tcp, 80))
        }
    }

    func testEmptyRuleListAdmitsNothing() {
        for rules in [nil, [NetworkPolicyRule]()] {
            let closed = policy("x", "closed", types: [.ingress, .egress], ingress: rules, egress: rules)
            XCTAssertFalse(allowed([closed], "y/a", "x/a"))
            XCTAssertFalse(allowed([closed], "x/a", "y/a"))
        }
    }

    func testPeerSelectorsInOnePeerAreAnded() {
        let and = policy("x", "and", podSelector: selector(["pod": "a"]), types: [.ingress],
                         ingress: [rule([podsInNamespaces(selector(["pod": "b"]), selector(["ns": "y"]))])])
        XCTAssertTrue(allowed([and], "y/b", "x/a"))
        XCTAssertFalse(allowed([and], "y/c", "x/a"))
        XCTAssertFalse(allowed([and], "z/b", "x/a"))
        XCTAssertFalse(allowed([and], "x/b", "x/a"))
    }

    func testSeparatePeersAreOred() {
        let or = policy("x", "or", podSelector: selector(["pod": "a"]), types: [.ingress],
                        ingress: [rule([podPeer(["pod": "b"]), namespacePeer(["ns": "y"])])])
        XCTAssertTrue(allowed([or], "x/b", "x/a"), "pod peer selects in the policy's namespace")
        XCTAssertTrue(allowed([or], "y/c", "x/a"))
        XCTAssertFalse(allowed([or], "z/b", "x/a"), "pod peer does not reach other namespaces")
        XCTAssertFalse(allowed([or], "x/c", "x/a"))
    }

    func testNamespaceSelectorByNameLabel() {
        // The cluster's namespaces carry no kubernetes.io/metadata.name label as written.
        let byName = policy("x", "by-name", types: [.ingress],
                            ingress: [rule([namespacePeer([Namespace.nameLabel: "z"])])])
        XCTAssertTrue(allowed([byName], "z/a", "x/b"))
        XCTAssertFalse(allowed([byName], "y/a", "x/b"))
    }

    func testSelectorsOnAbsentKeys() {
        let notIn = policy("x", "not-prod", types: [.ingress],
                           ingress: [rule([namespacePeer([:], [requirement("env", .notIn, ["prod"])])])])
        let doesNotExist = policy("x", "no-env", types: [.ingress],
                                  ingress: [rule([namespacePeer([:], [requirement("env", .doesNotExist)])])])
        let exists = policy("x", "any-env", types: [.ingress],
                            ingress: [rule([namespacePeer([:], [requirement("env", .exists)])])])

        var cluster = Cluster()
        cluster.addNamespace("x")
        cluster.addNamespace("prod", labels: ["env": "prod"])
        cluster.addNamespace("dev", labels: ["env": "dev"])
        cluster.addNamespace("bare")
        for namespace in ["x", "prod", "dev", "bare"] { cluster.addPod("a", namespace: namespace) }
        func check(_ policy: NetworkPolicy, _ source: String) -> Bool {
            evaluator([policy]).isAllowed(from: cluster.pod(source), to: cluster.pod("x/a"), protocol: .tcp, port: 80).isAllowed
        }

        XCTAssertTrue(check(notIn, "bare/a"))
        XCTAssertTrue(check(notIn, "dev/a"))
        XCTAssertFalse(check(notIn, "prod/a"))
        XCTAssertTrue(check(doesNotExist, "bare/a"))
        XCTAssertFalse(check(doesNotExist, "dev/a"))
        XCTAssertFalse(check(exists, "bare/a"))
        XCTAssertTrue(check(exists, "prod/a"))
    }

    // MARK: - ipBlock

    func testIPBlockWithExceptIPv4() {
        let egress = policy("x", "egress-cidr", types: [.egress],
                            egress: [rule([ipBlockPeer("10.0.0.0/8", except: ["10.1.0.0/16", "10.2.3.0/24"])])])
        XCTAssertTrue(allowed([egress], "x/a", "10.0.0.1"))
        XCTAssertTrue(allowed([egress], "x/a", "10.255.255.255"))
        XCTAssertFalse(allowed([egress], "x/a", "10.1.200.1"))
        XCTAssertFalse(allowed([egress], "x/a", "10.2.3.4"))
        XCTAssertTrue(allowed([egress], "x/a", "10.2.4.4"))
        XCTAssertFalse(allowed([egress], "x/a", "11.0.0.1"))
        XCTAssertFalse(allowed([egress], "x/a", "::ffff:10.0.0.1"), "an IPv6 address never matches an IPv4 block")
    }

    func testIPBlockWithExceptIPv6() {
        let ingress = policy("x", "ingress-cidr", types: [.ingress],
                             ingress: [rule([ipBlockPeer("2001:db8::/32", except: ["2001:db8:ff::/48"])])])
        XCTAssertTrue(allowed([ingress], "2001:db8::1", "x/a"))
        XCTAssertTrue(allowed([ingress], "2001:db8:fe:ffff::1", "x/a"))
        XCTAssertFalse(allowed([ingress], "2001:db8:ff::1", "x/a"))
        XCTAssertFalse(allowed([ingress], "2001:db9::1", "x/a"))
        XCTAssertFalse(allowed([ingress], "10.0.0.1", "x/a"))
    }

    func testIPBlockNeverMatchesPods() {
        let everything = policy("x", "all-addresses", types: [.ingress, .egress],
                                ingress: [rule([ipBlockPeer("0.0.0.0/0"), ipBlockPeer("::/0")])],
                                egress: [rule([ipBlockPeer("0.0.0.0/0"), ipBlockPeer("::/0")])])
        XCTAssertFalse(allowed([everything], "y/a", "x/a"))
        XCTAssertFalse(allowed([everything], "x/a", "y/a"))
        XCTAssertTrue(allowed([everything], "198.51.100.1", "x/a"))
        XCTAssertTrue(allowed([everything], "x/a", "2001:db8::5"))
    }

    func testSelectorsNeverMatchAddresses() {
        let everyNamespace = policy("x", "every-namespace", types: [.ingress],
                                    ingress: [rule([namespacePeer([:])])])
        XCTAssertTrue(allowed([everyNamespace], "z/c", "x/a"))
        XCTAssertFalse(allowed([everyNamespace], "203.0.113.9", "x/a"))
    }

    func testExternalSourceIsJudgedByIngressOnly() {
        let denyEgressEverywhere = ["x", "y", "z"].map { policy($0, "deny-egress", types: [.egress]) }
        XCTAssertTrue(allowed(denyEgressEverywhere, "203.0.113.9", "x/a"))
        XCTAssertFalse(allowed(denyEgressEverywhere, "x/a", "203.0.113.9"))
    }

    // MARK: - Ports

    func testEndPortRangeIsInclusive() {
        let range = policy("x", "range", types: [.ingress], ingress: [rule(nil, ports: [port(8000, endPort: 8080)])])
        XCTAssertFalse(allowed([range], "y/a", "x/a", .tcp, 7999))
        XCTAssertTrue(allowed([range], "y/a", "x/a", .tcp, 8000))
        XCTAssertTrue(allowed([range], "y/a", "x/a", .tcp, 8042))
        XCTAssertTrue(allowed([range], "y/a", "x/a", .tcp, 8080))
        XCTAssertFalse(allowed([range], "y/a", "x/a", .tcp, 8081))
        XCTAssertFalse(allowed([range], "y/a", "x/a", .udp, 8042))
    }

    func testProtocolsAreDistinctAndDefaultToTCP() {
        let udp = policy("x", "udp", types: [.ingress], ingress: [rule(nil, ports: [port(53, .udp)])])
        XCTAssertTrue(allowed([udp], "y/a", "x/a", .udp, 53))
        XCTAssertFalse(allowed([udp], "y/a", "x/a", .tcp, 53))
        XCTAssertFalse(allowed([udp], "y/a", "x/a", .sctp, 53))

        let sctp = policy("x", "sctp", types: [.ingress], ingress: [rule(nil, ports: [anyPort(.sctp)])])
        XCTAssertTrue(allowed([sctp], "y/a", "x/a", .sctp, 38412))
        XCTAssertFalse(allowed([sctp], "y/a", "x/a", .tcp, 38412))

        let defaulted = policy("x", "no-protocol", types: [.ingress], ingress: [rule(nil, ports: [port(443, nil)])])
        XCTAssertTrue(allowed([defaulted], "y/a", "x/a", .tcp, 443))
        XCTAssertFalse(allowed([defaulted], "y/a", "x/a", .udp, 443))
    }

    func testNamedPortsResolvePerDestinationPod() {
        var cluster = Cluster()
        cluster.addPod("web1", namespace: "x", labels: ["app": "web"],
                       containerPorts: [ContainerPort(name: "http", protocol: .tcp, containerPort: 8080)])
        cluster.addPod("web2", namespace: "x", labels: ["app": "web"],
                       containerPorts: [ContainerPort(name: "http", protocol: .tcp, containerPort: 9090)])
        cluster.addPod("dns", namespace: "x", labels: ["app": "web"],
                       containerPorts: [ContainerPort(name: "http", protocol: .udp, containerPort: 8080)])
        cluster.addPod("client", namespace: "y")
        let namedIngress = policy("x", "http", podSelector: selector(["app": "web"]), types: [.ingress],
                                  ingress: [rule(nil, ports: [namedPort("http")])])
        let check = evaluator([namedIngress])
        func ok(_ destination: String, _ networkProtocol: NetworkProtocol, _ number: Int) -> Bool {
            check.isAllowed(from: cluster.pod("y/client"), to: cluster.pod(destination), protocol: networkProtocol, port: number).isAllowed
        }

        XCTAssertTrue(ok("x/web1", .tcp, 8080))
        XCTAssertFalse(ok("x/web1", .tcp, 9090))
        XCTAssertTrue(ok("x/web2", .tcp, 9090))
        XCTAssertFalse(ok("x/web2", .tcp, 8080))
        XCTAssertFalse(ok("x/dns", .tcp, 8080), "the container port is UDP, the rule TCP")
        XCTAssertFalse(ok("x/dns", .udp, 8080), "the rule's protocol is TCP")
    }

    func testEgressNamedPortResolvesAgainstDestination() {
        let egress = policy("x", "egress-named", types: [.egress], egress: [rule(nil, ports: [namedPort("serve-81-udp", .udp)])])
        XCTAssertTrue(allowed([egress], "x/a", "y/a", .udp, 81))
        XCTAssertFalse(allowed([egress], "x/a", "y/a", .udp, 80))
        XCTAssertFalse(allowed([egress], "x/a", "y/a", .tcp, 81))
        XCTAssertFalse(allowed([egress], "x/a", "192.0.2.1", .udp, 81), "an address has no named ports")
    }

    func testAllowAllOverridesNarrowerPolicy() {
        let narrow = policy("x", "port-80", types: [.ingress], ingress: [rule(nil, ports: [port(80)])])
        let allowAll = policy("x", "allow-all", types: [.ingress], ingress: [rule()])
        XCTAssertFalse(allowed([narrow], "y/a", "x/a", .tcp, 81))
        XCTAssertTrue(allowed([narrow, allowAll], "y/a", "x/a", .tcp, 81))
        XCTAssertTrue(allowed([narrow, allowAll], "y/a", "x/a", .udp, 1))
    }

    // MARK: - Explanations

    func testVerdictNamesAdmittingRules() {
        let fromY = policy("x", "from-y", types: [.ingress], ingress: [rule([podPeer(["pod": "z"])]), rule([namespacePeer(["ns": "y"])])])
        let open80 = policy("x", "open-80", podSelector: selector(["pod": "a"]), types: [.ingress], ingress: [rule(nil, ports: [port(80)])])
        let verdict = evaluator([fromY, open80]).isAllowed(from: cluster.pod("y/b"), to: cluster.pod("x/a"), protocol: .tcp, port: 80)

        XCTAssertTrue(verdict.isAllowed)
        XCTAssertEqual(verdict.egress, .notIsolated)
        XCTAssertEqual(verdict.ingress, .admitted(by: [
            RuleReference(policy: PolicyReference(namespace: "x", name: "from-y"), direction: .ingress, ruleIndex: 1),
            RuleReference(policy: PolicyReference(namespace: "x", name: "open-80"), direction: .ingress, ruleIndex: 0),
        ]))
        XCTAssertEqual(verdict.description,
                       "allowed: y/b -> x/a TCP/80; egress of y/b: not isolated; ingress of x/a: admitted by x/from-y ingress[1], x/open-80 ingress[0]")
    }

    func testVerdictNamesIsolatingPolicies() {
        let denyAll = policy("x", "deny-all", types: [.ingress, .egress])
        let onlyY = policy("x", "egress-y", types: [.egress], egress: [rule([namespacePeer(["ns": "y"])])])
        let verdict = evaluator([denyAll, onlyY]).isAllowed(from: cluster.pod("x/a"), to: address("192.0.2.1"), protocol: .udp, port: 53)

        XCTAssertFalse(verdict.isAllowed)
        XCTAssertEqual(verdict.egress, .denied(isolatedBy: [
            PolicyReference(namespace: "x", name: "deny-all"),
            PolicyReference(namespace: "x", name: "egress-y"),
        ]))
        XCTAssertEqual(verdict.ingress, .external)
        XCTAssertEqual(verdict.description,
                       "denied: x/a -> 192.0.2.1 UDP/53; egress of x/a: isolated by x/deny-all, x/egress-y, no rule admits it; "
                       + "ingress of 192.0.2.1: outside the cluster, no policies apply")
    }
}
