import RampKube
import XCTest
@testable import RampEvaluator

final class ReachabilityTests: XCTestCase {
    private let web = podsInNamespaces(selector(["app": "web"]), selector([Namespace.nameLabel: "x"]))
    private let database = podsInNamespaces(selector(["app": "db"]), selector([Namespace.nameLabel: "x"]))
    private let everyPod = NetworkPolicyPeer(namespaceSelector: .everything)

    /// x/db admits app=web on TCP 5432 and nothing else.
    private var databaseFromWeb: [NetworkPolicy] {
        [policy("x", "db", podSelector: selector(["app": "db"]), types: [.ingress],
                ingress: [rule([podPeer(["app": "web"])], ports: [port(5432)])])]
    }

    private func reachability(_ policies: [NetworkPolicy], _ sets: [EndpointSet]) throws -> Reachability {
        try Reachability(policies: policies, endpointSets: sets)
    }

    // MARK: - Allowed connections

    func testAllowedConnectionNamesAdmittingRule() throws {
        let query = ReachabilityQuery(sources: .matching([web]), destinations: .matching([database]), ports: [port(5432)])
        let allowed = try reachability(databaseFromWeb, [query.sources, query.destinations]).allowedConnections(query)

        XCTAssertEqual(allowed.count, 1)
        let connections = try XCTUnwrap(allowed.first)
        XCTAssertEqual(connections.protocol, .tcp)
        XCTAssertEqual(connections.ports, [5432...5432])
        XCTAssertEqual(connections.examples.count, 1)
        let verdict = try XCTUnwrap(connections.examples.first)
        XCTAssertTrue(verdict.isAllowed)
        XCTAssertEqual(verdict.ingress, .admitted(by: [RuleReference(policy: PolicyReference(namespace: "x", name: "db"), direction: .ingress, ruleIndex: 0)]))
    }

    func testNoAllowedConnectionOutsideRule() throws {
        let query = ReachabilityQuery(sources: .matching([web]), destinations: .matching([database]), ports: [port(80)])
        let allowed = try reachability(databaseFromWeb, [query.sources, query.destinations]).allowedConnections(query)
        XCTAssertEqual(allowed.count, 0)
    }

    func testComplementOfSourcesIsBlockedWhenIsolated() throws {
        let query = ReachabilityQuery(sources: .notMatching([web]), destinations: .matching([database]), ports: nil)
        let allowed = try reachability(databaseFromWeb, [query.sources, query.destinations]).allowedConnections(query)
        XCTAssertEqual(allowed.map(\.description), [])
    }

    func testComplementReachesUnisolatedDestination() throws {
        let query = ReachabilityQuery(sources: .notMatching([web]), destinations: .matching([database]), ports: [port(5432)])
        let allowed = try reachability([], [query.sources, query.destinations]).allowedConnections(query)

        let sourceKinds = allowed.map { connections -> String in
            if case .addresses = connections.source.kind { return "addresses" }
            return "pods"
        }
        XCTAssertTrue(sourceKinds.contains("addresses"), "external addresses reach an unisolated pod")
        XCTAssertTrue(sourceKinds.contains("pods"))
        for connections in allowed {
            XCTAssertNotEqual(connections.source.description, "pods {app=web} in namespaces {kubernetes.io/metadata.name=x}")
            XCTAssertEqual(connections.ports, [5432...5432])
        }
    }

    func testLimitCapsClassCount() throws {
        let query = ReachabilityQuery(sources: .notMatching([web]), destinations: .matching([database]), ports: nil)
        let limited = try reachability([], [query.sources, query.destinations]).allowedConnections(query, limit: 2)
        XCTAssertEqual(limited.count, 2)
    }

    func testAddressPairsAreNeverListed() throws {
        let internet = ipBlockPeer("0.0.0.0/0")
        let query = ReachabilityQuery(sources: .notMatching([everyPod]), destinations: .matching([internet]), ports: nil)
        let allowed = try reachability([], [query.sources, query.destinations]).allowedConnections(query)
        XCTAssertEqual(allowed.count, 0)
    }

    func testExamplesSplitAtRuleBoundaries() throws {
        let policies = [policy("x", "db", podSelector: selector(["app": "db"]), types: [.ingress], ingress: [
            rule([podPeer(["app": "web"])], ports: [port(80)]),
            rule([podPeer(["app": "web"])], ports: [port(81)]),
        ])]
        let query = ReachabilityQuery(sources: .matching([web]), destinations: .matching([database]), ports: nil)
        let allowed = try reachability(policies, [query.sources, query.destinations]).allowedConnections(query)

        XCTAssertEqual(allowed.count, 1)
        XCTAssertEqual(allowed.first?.ports, [80...81])
        let admitting = allowed.first?.examples.map { verdict -> [Int] in
            guard case .admitted(let rules) = verdict.ingress else { return [] }
            return rules.map(\.ruleIndex)
        }
        XCTAssertEqual(admitting, [[0], [1]])
    }

    // MARK: - Named ports

    func testNamedRuleReachesAnyNumberWhenPortsUnknown() throws {
        let policies = [policy("x", "db", podSelector: selector(["app": "db"]), types: [.ingress],
                               ingress: [rule([podPeer(["app": "web"])], ports: [namedPort("metrics")])])]
        let query = ReachabilityQuery(sources: .matching([web]), destinations: .matching([database]), ports: [port(5432)])
        let allowed = try reachability(policies, [query.sources, query.destinations]).allowedConnections(query)

        XCTAssertEqual(allowed.count, 1)
        XCTAssertEqual(allowed.first?.namedPorts, ["metrics"])
        XCTAssertEqual(allowed.first?.ports, [5432...5432])
    }

    func testNamedRuleResolvesThroughKnownPorts() throws {
        let policies = [policy("x", "db", podSelector: selector(["app": "db"]), types: [.ingress],
                               ingress: [rule([podPeer(["app": "web"])], ports: [namedPort("metrics")])])]
        let declared = [ContainerPort(name: "postgres", containerPort: 5432), ContainerPort(name: "metrics", containerPort: 9187)]
        let onDatabase = ReachabilityQuery(sources: .matching([web]), destinations: .matching([database]), ports: [port(5432)],
                                           destinationContainerPorts: declared)
        let onMetrics = ReachabilityQuery(sources: .matching([web]), destinations: .matching([database]), ports: nil,
                                          destinationContainerPorts: declared)
        let analysis = try reachability(policies, [onDatabase.sources, onDatabase.destinations])

        XCTAssertEqual(analysis.allowedConnections(onDatabase).count, 0)
        XCTAssertEqual(analysis.allowedConnections(onMetrics).map(\.ports), [[9187...9187]])
        XCTAssertEqual(analysis.deniedConnections(onMetrics).first?.ports.first, 1...9186)
    }

    // MARK: - Known namespace labels

    func testKnownLabelsDropContradictingClusters() throws {
        let policies = [policy("y", "db", podSelector: selector(["app": "db"]), types: [.ingress],
                               ingress: [rule([namespacePeer(["team": "a"])])])]
        let inX = NetworkPolicyPeer(namespaceSelector: selector([Namespace.nameLabel: "x"]))
        let databaseInY = podsInNamespaces(selector(["app": "db"]), selector([Namespace.nameLabel: "y"]))
        let query = ReachabilityQuery(sources: .matching([inX]), destinations: .matching([databaseInY]), ports: [port(80)])

        let anyLabels = try Reachability(policies: policies, endpointSets: [query.sources, query.destinations])
        let labelled = try Reachability(policies: policies, endpointSets: [query.sources, query.destinations],
                                        namespaceLabels: ["x": ["team": "a"]])

        let denied = anyLabels.deniedConnections(query)
        XCTAssertFalse(denied.isEmpty)
        for connections in denied {
            XCTAssertEqual(connections.source.description, "pods {(any labels)} in namespaces {kubernetes.io/metadata.name=x,team notin (a)}")
        }
        XCTAssertEqual(labelled.deniedConnections(query).count, 0)
        XCTAssertFalse(labelled.allowedConnections(query).isEmpty)
    }

    func testKnownLabelsNarrowDifferences() throws {
        let fromTeam = [policy("y", "db", types: [.ingress], ingress: [rule([namespacePeer(["team": "a"])])])]
        let fromX = [policy("y", "db", types: [.ingress], ingress: [rule([namespacePeer([Namespace.nameLabel: "x"])])])]

        let everyLabelling = try connectivityDifferences(between: fromTeam, and: fromX)
        let known = try connectivityDifferences(between: fromTeam, and: fromX, namespaceLabels: ["x": ["team": "a"]])

        XCTAssertTrue(everyLabelling.contains { $0.source.description.contains("kubernetes.io/metadata.name=x") })
        XCTAssertFalse(known.contains { $0.source.description.contains("kubernetes.io/metadata.name=x") })
        XCTAssertFalse(known.isEmpty, "other namespaces labelled team=a still differ")
    }

    // MARK: - Denied connections

    func testDeniedConnectionsFindUncoveredPods() throws {
        let policies = [policy("x", "db", podSelector: selector(["app": "db"]), types: [.ingress],
                               ingress: [rule([podPeer(["app": "web", "tier": "a"])], ports: [port(5432)])])]
        let query = ReachabilityQuery(sources: .matching([web]), destinations: .matching([database]), ports: [port(5432)])
        let denied = try reachability(policies, [query.sources, query.destinations]).deniedConnections(query)

        XCTAssertEqual(denied.count, 1)
        XCTAssertEqual(denied.first?.source.description, "pods {app=web,tier notin (a)} in namespaces {kubernetes.io/metadata.name=x}")
        XCTAssertEqual(denied.first?.examples.first?.isAllowed, false)
    }

    func testNoDeniedConnectionsWhenEveryPodIsAdmitted() throws {
        let query = ReachabilityQuery(sources: .matching([web]), destinations: .matching([database]), ports: [port(5432)])
        let denied = try reachability(databaseFromWeb, [query.sources, query.destinations]).deniedConnections(query)
        XCTAssertEqual(denied.count, 0)
    }

    func testDeniedNamedQueryPortWithoutNamedRule() throws {
        let query = ReachabilityQuery(sources: .matching([web]), destinations: .matching([database]), ports: [namedPort("postgres")])
        let denied = try reachability(databaseFromWeb, [query.sources, query.destinations]).deniedConnections(query)

        XCTAssertEqual(denied.first?.namedPorts, ["postgres"])
        XCTAssertFalse(denied.first?.ports.contains(5432...5432) ?? true, "5432 is admitted by number")
    }
}
