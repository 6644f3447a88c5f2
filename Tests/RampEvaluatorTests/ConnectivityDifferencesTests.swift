import RampKube
import XCTest
@testable import RampEvaluator

final class ConnectivityDifferencesTests: XCTestCase {
    private let inX = EndpointClass(kind: .pods(namespaceLabels: "kubernetes.io/metadata.name=x", podLabels: "(any labels)"))
    private let notInX = EndpointClass(kind: .pods(namespaceLabels: "kubernetes.io/metadata.name notin (x)", podLabels: "(any labels)"))
    private let allIPv4 = EndpointClass(kind: .addresses(
        first: try! IPAddress.parse("0.0.0.0"), last: try! IPAddress.parse("255.255.255.255")))
    private let allIPv6 = EndpointClass(kind: .addresses(
        first: try! IPAddress.parse("::"), last: try! IPAddress.parse("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")))

    func testIdenticalSetsHaveNoDifferences() throws {
        let policies = [policy("x", "a", types: [.ingress, .egress], ingress: [rule([podPeer(["app": "api"])])], egress: [rule()])]
        XCTAssertEqual(try connectivityDifferences(between: policies, and: policies).count, 0)
    }

    func testWidenedPortRangeListsEverySourceClass() throws {
        let port80 = [policy("x", "a", types: [.ingress], ingress: [rule(nil, ports: [port(80)])])]
        let ports80To81 = [policy("x", "a", types: [.ingress], ingress: [rule(nil, ports: [port(80, endPort: 81)])])]
        let differences = try connectivityDifferences(between: port80, and: ports80To81)

        XCTAssertEqual(differences.map(\.source), [inX, notInX, allIPv4, allIPv6])
        XCTAssertEqual(differences.map(\.destination), Array(repeating: inX, count: 4))
        XCTAssertEqual(differences.map(\.protocol), Array(repeating: .tcp, count: 4))
        for difference in differences {
            XCTAssertEqual(difference.ports, [PortDifference(ports: 81...81, namedPorts: [], allowedBy: .second)])
            XCTAssertEqual(difference.example.connection.port, 81)
            XCTAssertEqual(difference.example.allowedBy, .second)
        }
        XCTAssertEqual(differences[0].description,
                       "pods {(any labels)} in namespaces {kubernetes.io/metadata.name=x} -> "
                       + "pods {(any labels)} in namespaces {kubernetes.io/metadata.name=x} TCP: 81 allowed by second")
        XCTAssertEqual(differences[2].example.connection.source, address("0.0.0.0"))
    }

    func testLimitKeepsTheFirstEntries() throws {
        let port80 = [policy("x", "a", types: [.ingress], ingress: [rule(nil, ports: [port(80)])])]
        let port81 = [policy("x", "a", types: [.ingress], ingress: [rule(nil, ports: [port(81)])])]
        let all = try connectivityDifferences(between: port80, and: port81)
        let limited = try connectivityDifferences(between: port80, and: port81, limit: 2)

        XCTAssertEqual(all.count, 4)
        XCTAssertEqual(limited.map(\.source), Array(all.prefix(2)).map(\.source))
        XCTAssertEqual(limited.first?.ports, [
            PortDifference(ports: 80...80, namedPorts: [], allowedBy: .first),
            PortDifference(ports: 81...81, namedPorts: [], allowedBy: .second),
        ])
    }

    func testNamedPortDifferencesNameTheContainerPort() throws {
        let named = [policy("x", "a", types: [.ingress], ingress: [rule(nil, ports: [namedPort("http")])])]
        let numbered = [policy("x", "a", types: [.ingress], ingress: [rule(nil, ports: [port(8080)])])]
        let differences = try connectivityDifferences(between: named, and: numbered)

        XCTAssertEqual(differences.count, 4, "one per source class, TCP only")
        XCTAssertEqual(differences.first?.ports, [
            PortDifference(ports: 8080...8080, namedPorts: [], allowedBy: .second),
            PortDifference(ports: 1...8079, namedPorts: ["http"], allowedBy: .first),
            PortDifference(ports: 8081...65535, namedPorts: ["http"], allowedBy: .first),
        ])
    }

    func testSelectorChangeListsOnlyAffectedClasses() throws {
        let fromWeb = [policy("x", "db", podSelector: selector(["app": "db"]), types: [.ingress],
                              ingress: [rule([podPeer(["app": "web"])], ports: [port(5432)])])]
        let fromWebAndJobs = [policy("x", "db", podSelector: selector(["app": "db"]), types: [.ingress],
                                     ingress: [rule([podPeer([:], [requirement("app", .in, ["jobs", "web"])])], ports: [port(5432)])])]
        let differences = try connectivityDifferences(between: fromWeb, and: fromWebAndJobs)

        XCTAssertEqual(differences.count, 1)
        let difference = try XCTUnwrap(differences.first)
        XCTAssertEqual(difference.source, EndpointClass(kind: .pods(namespaceLabels: "kubernetes.io/metadata.name=x", podLabels: "app=jobs")))
        XCTAssertEqual(difference.destination, EndpointClass(kind: .pods(namespaceLabels: "kubernetes.io/metadata.name=x", podLabels: "app=db")))
        XCTAssertEqual(difference.ports, [PortDifference(ports: 5432...5432, namedPorts: [], allowedBy: .second)])
        XCTAssertEqual(difference.example.description, "x/source -> x/destination TCP/5432 is allowed only by the second policy set")
    }
}
