import RampKube
import XCTest
@testable import RampEvaluator

final class EquivalenceTests: XCTestCase {
    private let web = selector(["app": "web"])

    private func assertEquivalent(
        _ first: [NetworkPolicy],
        _ second: [NetworkPolicy],
        file: StaticString = #filePath,
        line: UInt = #line
    ) {
        do {
            let forward = try equivalence(of: first, and: second)
            XCTAssertNil(forward, "first vs second: \(forward.map(\.description) ?? "")", file: file, line: line)
            let backward = try equivalence(of: second, and: first)
            XCTAssertNil(backward, "second vs first: \(backward.map(\.description) ?? "")", file: file, line: line)
        } catch {
            XCTFail("policies rejected: \(error)", file: file, line: line)
        }
    }

    private func pod(_ endpoint: Endpoint?) -> Pod? {
        if case .pod(let pod) = endpoint { return pod }
        return nil
    }

    // MARK: - Equal sets written differently

    func testSplitRulesEqualMergedRules() {
        let merged = policy("x", "web", podSelector: web, types: [.ingress], ingress: [
            rule([podPeer(["app": "api"]), namespacePeer(["team": "ops"])], ports: [port(80), port(443)]),
        ])
        let split = policy("x", "web", podSelector: web, types: [.ingress], ingress: [
            rule([podPeer(["app": "api"])], ports: [port(80)]),
            rule([podPeer(["app": "api"])], ports: [port(443)]),
            rule([namespacePeer(["team": "ops"])], ports: [port(443), port(80)]),
        ])
        assertEquivalent([merged], [split])
    }

    func testMatchLabelsEqualsInWithOneValue() {
        let matchLabels = policy("x", "a", podSelector: web, types: [.ingress],
                                 ingress: [rule([namespacePeer(["team": "ops"])])])
        let matchExpressions = policy("x", "a", podSelector: selector([:], [requirement("app", .in, ["web"])]), types: [.ingress],
                                      ingress: [rule([namespacePeer([:], [requirement("team", .in, ["ops"])])])])
        assertEquivalent([matchLabels], [matchExpressions])
    }

    func testDuplicatePoliciesChangeNothing() {
        let allowAPI = policy("x", "allow-api", podSelector: web, types: [.ingress, .egress],
                              ingress: [rule([podPeer(["app": "api"])], ports: [port(8080)])],
                              egress: [rule([namespacePeer(["kubernetes.io/metadata.name": "kube-system"])], ports: [port(53, .udp)])])
        var copy = allowAPI
        copy.name = "allow-api-copy"
        assertEquivalent([allowAPI], [allowAPI, copy, allowAPI])
    }

    func testPolicySplitByDirectionIsEquivalent() {
        let both = policy("x", "both", podSelector: web, types: [.ingress, .egress],
                          ingress: [rule([podPeer(["app": "api"])])],
                          egress: [rule([ipBlockPeer("10.0.0.0/8")], ports: [port(5432)])])
        let ingressOnly = policy("x", "in", podSelector: web, types: [.ingress], ingress: [rule([podPeer(["app": "api"])])])
        let egressOnly = policy("x", "out", podSelector: web, types: [.egress],
                                egress: [rule([ipBlockPeer("10.0.0.0/8")], ports: [port(5432)])])
        assertEquivalent([both], [egressOnly, ingressOnly])
    }

    func testEmptyAndOmittedListsAreEquivalent() {
        let omitted = policy("x", "a", podSelector: web, types: [.ingress], ingress: [rule(nil, ports: nil)])
        let empty = policy("x", "a", podSelector: web, types: [.ingress], ingress: [rule([], ports: [])])
        assertEquivalent([omitted], [empty])
    }

    func testEndPortEqualsEnumeratedPorts() {
        let range = policy("x", "a", types: [.ingress], ingress: [rule(nil, ports: [port(80, endPort: 82), port(53, .udp)])])
        let listed = policy("x", "a", types: [.ingress], ingress: [rule(nil, ports: [port(82), port(81), port(53, .udp), port(80)])])
        assertEquivalent([range], [listed])
    }

    func testIPBlockExceptEqualsCoveringBlocks() {
        let withExcept = policy("x", "a", types: [.egress], egress: [rule([
            ipBlockPeer("10.0.0.0/8", except: ["10.128.0.0/9"]),
            ipBlockPeer("2001:db8::/32", except: ["2001:db8:8000::/33"]),
        ])])
        let covering = policy("x", "a", types: [.egress], egress: [rule([
            ipBlockPeer("10.0.0.0/10"), ipBlockPeer("10.64.0.0/10"), ipBlockPeer("2001:db8::/33"),
        ])])
        assertEquivalent([withExcept], [covering])
    }

    func testPodSelectorPeerEqualsOwnNamespaceByName() {
        let podOnly = policy("x", "a", podSelector: web, types: [.ingress], ingress: [rule([podPeer(["app": "api"])])])
        let byName = policy("x", "a", podSelector: web, types: [.ingress],
                            ingress: [rule([podsInNamespaces(selector(["app": "api"]), selector([Namespace.nameLabel: "x"]))])])
        assertEquivalent([podOnly], [byName])
    }

    func testNameLabelExistsEqualsEveryNamespace() {
        let exists = policy("x", "a", types: [.ingress],
                            ingress: [rule([namespacePeer([:], [requirement(Namespace.nameLabel, .exists)])])])
        let every = policy("x", "a", types: [.ingress], ingress: [rule([namespacePeer([:])])])
        assertEquivalent([exists], [every])
    }

    func testImpossibleNamespaceNameMatchesNothing() {
        // A valid label value, but not a valid namespace name.
        let badName = policy("x", "a", types: [.ingress], ingress: [rule([namespacePeer([Namespace.nameLabel: "Not_A_Namespace"])])])
        let closed = policy("x", "a", types: [.ingress])
        assertEquivalent([badName], [closed])
    }

    func testInWithTwoValuesEqualsTwoPeers() {
        let twoValues = policy("x", "a", types: [.ingress],
                               ingress: [rule([podPeer([:], [requirement("app", .in, ["api", "cron"])])])])
        let twoPeers = policy("x", "a", types: [.ingress], ingress: [rule([podPeer(["app": "cron"]), podPeer(["app": "api"])])])
        assertEquivalent([twoValues], [twoPeers])
    }

    func testDefaultedPolicyTypesEqualExplicitOnes() {
        let defaulted = policy("x", "a", podSelector: web, types: [], ingress: [rule([podPeer(["app": "api"])])],
                               egress: [rule([namespacePeer([:])])])
        let explicit = policy("x", "a", podSelector: web, types: [.ingress, .egress], ingress: [rule([podPeer(["app": "api"])])],
                              egress: [rule([namespacePeer([:])])])
        assertEquivalent([defaulted], [explicit])
    }

    func testSameNamedPortsInAnyOrderAreEquivalent() {
        let first = policy("x", "a", podSelector: web, types: [.ingress],
                           ingress: [rule(nil, ports: [namedPort("http"), namedPort("metrics"), port(9000)])])
        let second = policy("x", "a", podSelector: web, types: [.ingress],
                            ingress: [rule(nil, ports: [port(9000), namedPort("metrics")]), rule(nil, ports: [namedPort("http")])])
        assertEquivalent([first], [second])
    }

    func testEgressChangeMaskedByIngressIsEquivalent() {
        // Namespace y admits no ingress at all, so whether x/a may send there does not matter.
        let denyY = policy("y", "deny-ingress", types: [.ingress])
        let egressToY = policy("x", "to-y", podSelector: selector(["pod": "a"]), types: [.egress],
                               egress: [rule([namespacePeer([Namespace.nameLabel: "y"])])])
        let noEgress = policy("x", "to-y", podSelector: selector(["pod": "a"]), types: [.egress])
        assertEquivalent([denyY, egressToY], [noEgress, denyY])
    }

    // MARK: - Subtly different sets

    func testDifferentPortGivesThatPort() throws {
        let port80 = policy("x", "a", types: [.ingress], ingress: [rule(nil, ports: [port(80)])])
        let port81 = policy("x", "a", types: [.ingress], ingress: [rule(nil, ports: [port(81)])])
        let counterexample = try XCTUnwrap(equivalence(of: [port80], and: [port81]))

        XCTAssertEqual(counterexample.allowedBy, .first)
        XCTAssertEqual(counterexample.connection.protocol, .tcp)
        XCTAssertEqual(counterexample.connection.port, 80)
        XCTAssertEqual(counterexample.connection.source, .pod(Pod(name: "source", namespace: Namespace(name: "x"))))
        XCTAssertEqual(counterexample.connection.destination, .pod(Pod(name: "destination", namespace: Namespace(name: "x"))))
        XCTAssertTrue(counterexample.firstVerdict.isAllowed)
        XCTAssertFalse(counterexample.secondVerdict.isAllowed)
    }

    func testAndVersusOrPeers() throws {
        let and = policy("x", "a", podSelector: selector(["pod": "a"]), types: [.ingress],
                         ingress: [rule([podsInNamespaces(selector(["role": "client"]), selector(["team": "blue"]))])])
        let or = policy("x", "a", podSelector: selector(["pod": "a"]), types: [.ingress],
                        ingress: [rule([podPeer(["role": "client"]), namespacePeer(["team": "blue"])])])
        let counterexample = try XCTUnwrap(equivalence(of: [and], and: [or]))
        let source = try XCTUnwrap(pod(counterexample.connection.source))
        let destination = try XCTUnwrap(pod(counterexample.connection.destination))

        XCTAssertEqual(counterexample.allowedBy, .second)
        XCTAssertEqual(source.namespace, Namespace(name: "x", labels: ["team": "blue"]))
        XCTAssertEqual(source.labels, ["pod": "a"], "matches team=blue but not role=client")
        XCTAssertEqual(destination.namespace, source.namespace)
        XCTAssertEqual(destination.labels["pod"], "a")
        XCTAssertEqual(counterexample.connection.protocol, .tcp)
        XCTAssertEqual(counterexample.connection.port, 1)
        XCTAssertEqual(counterexample.secondVerdict.ingress, .admitted(by: [
            RuleReference(policy: PolicyReference(namespace: "x", name: "a"), direction: .ingress, ruleIndex: 0),
        ]))
    }

    func testNotInVersusInAbsentKey() throws {
        let notProd = policy("x", "a", types: [.ingress], ingress: [rule([namespacePeer([:], [requirement("env", .notIn, ["prod"])])])])
        let dev = policy("x", "a", types: [.ingress], ingress: [rule([namespacePeer([:], [requirement("env", .in, ["dev"])])])])
        let counterexample = try XCTUnwrap(equivalence(of: [notProd], and: [dev]))
        let source = try XCTUnwrap(pod(counterexample.connection.source))
        let destination = try XCTUnwrap(pod(counterexample.connection.destination))

        XCTAssertEqual(counterexample.allowedBy, .first)
        XCTAssertEqual(source.namespace, Namespace(name: "x"), "NotIn matches a namespace without the key")
        XCTAssertEqual(destination.namespace, source.namespace)
        XCTAssertEqual(counterexample.connection.port, 1)
    }

    func testNamedPortVersusNumber() throws {
        let named = policy("x", "a", types: [.ingress], ingress: [rule(nil, ports: [namedPort("http")])])
        let numbered = policy("x", "a", types: [.ingress], ingress: [rule(nil, ports: [port(8080)])])
        let counterexample = try XCTUnwrap(equivalence(of: [named], and: [numbered]))
        let destination = try XCTUnwrap(pod(counterexample.connection.destination))

        XCTAssertEqual(counterexample.allowedBy, .second)
        XCTAssertEqual(counterexample.connection.port, 8080)
        XCTAssertEqual(destination.containerPorts, [], "no port named http, so only the number admits 8080")
    }

    func testNamedPortAgainstNothingGivesNamedContainerPort() throws {
        let named = policy("x", "a", types: [.ingress], ingress: [rule(nil, ports: [namedPort("http")])])
        let closed = policy("x", "a", types: [.ingress])
        let counterexample = try XCTUnwrap(equivalence(of: [named], and: [closed]))
        let destination = try XCTUnwrap(pod(counterexample.connection.destination))

        XCTAssertEqual(counterexample.allowedBy, .first)
        XCTAssertEqual(counterexample.connection.port, 1)
        XCTAssertEqual(destination.containerPorts, [ContainerPort(name: "http", protocol: .tcp, containerPort: 1)])
    }

    func testNamedPortsSharingANumber() throws {
        // The first set allows x/a to reach y pods only on a port that is both
        // its egress port "http" and their ingress port "web": a destination
        // must give both names the same number.
        let egressHTTP = policy("x", "out", podSelector: selector(["pod": "a"]), types: [.egress],
                                egress: [rule([namespacePeer([Namespace.nameLabel: "y"])], ports: [namedPort("http")])])
        let egressNone = policy("x", "out", podSelector: selector(["pod": "a"]), types: [.egress])
        let ingressWeb = policy("y", "in", types: [.ingress], ingress: [rule(nil, ports: [namedPort("web")])])
        let counterexample = try XCTUnwrap(equivalence(of: [egressHTTP, ingressWeb], and: [egressNone, ingressWeb]))
        let source = try XCTUnwrap(pod(counterexample.connection.source))
        let destination = try XCTUnwrap(pod(counterexample.connection.destination))

        XCTAssertEqual(counterexample.allowedBy, .first)
        XCTAssertEqual(source.namespace.name, "x")
        XCTAssertEqual(destination.namespace.name, "y")
        XCTAssertEqual(Set(destination.containerPorts), [
            ContainerPort(name: "http", protocol: .tcp, containerPort: counterexample.connection.port),
            ContainerPort(name: "web", protocol: .tcp, containerPort: counterexample.connection.port),
        ])
    }

    func testExceptChangeGivesExcludedAddress() throws {
        let withExcept = policy("x", "a", types: [.ingress], ingress: [rule([ipBlockPeer("10.0.0.0/8", except: ["10.1.0.0/16"])])])
        let without = policy("x", "a", types: [.ingress], ingress: [rule([ipBlockPeer("10.0.0.0/8")])])
        let counterexample = try XCTUnwrap(equivalence(of: [withExcept], and: [without]))

        XCTAssertEqual(counterexample.allowedBy, .second)
        XCTAssertEqual(counterexample.connection.source, address("10.1.0.0"))
        XCTAssertEqual(pod(counterexample.connection.destination)?.namespace.name, "x")
    }

    func testIPv6BlockChangeGivesIPv6Address() throws {
        let wide = policy("x", "a", types: [.egress], egress: [rule([ipBlockPeer("2001:db8::/32")])])
        let narrow = policy("x", "a", types: [.egress], egress: [rule([ipBlockPeer("2001:db8::/48")])])
        let counterexample = try XCTUnwrap(equivalence(of: [wide], and: [narrow]))

        XCTAssertEqual(counterexample.allowedBy, .first)
        XCTAssertEqual(counterexample.connection.destination, address("2001:db8:1::"))
        XCTAssertEqual(pod(counterexample.connection.source)?.namespace.name, "x")
    }

    func testEgressTypeAddedGivesExternalDestination() throws {
        let ingressOnly = policy("x", "a", types: [.ingress], ingress: [rule()], egress: [rule([namespacePeer([:])])])
        let both = policy("x", "a", types: [.ingress, .egress], ingress: [rule()], egress: [rule([namespacePeer([:])])])
        let counterexample = try XCTUnwrap(equivalence(of: [ingressOnly], and: [both]))

        XCTAssertEqual(counterexample.allowedBy, .first)
        XCTAssertEqual(counterexample.connection.destination, address("0.0.0.0"))
        XCTAssertEqual(counterexample.secondVerdict.egress, .denied(isolatedBy: [PolicyReference(namespace: "x", name: "a")]))
    }

    func testOneNameTwoLabelSetsImpossible() {
        // The extra ingress rule admits sources from namespace x labelled
        // env=dev. Those sources may only send to namespaces without env=dev,
        // and the destination is in x, so x would need both label sets.
        let egress = policy("x", "out", types: [.egress],
                            egress: [rule([namespacePeer([:], [requirement("env", .notIn, ["dev"])])])])
        let ingressFromDevX = policy("x", "in", types: [.ingress], ingress: [rule([namespacePeer([:], [
            requirement("env", .in, ["dev"]), requirement(Namespace.nameLabel, .in, ["x"]),
        ])])])
        let ingressClosed = policy("x", "in", types: [.ingress])
        assertEquivalent([egress, ingressFromDevX], [egress, ingressClosed])
    }
}
