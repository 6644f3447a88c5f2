import RampIR
import RampKube
import XCTest

final class EndpointCoverageTests: XCTestCase {
    private let program: Program = {
        let compilation = compile("""
        network wide = 10.0.0.0/8 except 10.1.0.0/16
        network inner = 10.2.0.0/16
        network cut = 10.1.2.0/24
        namespace shop [team=store] {
          service api [app=api] ports http:8080
          service web [app=web]
          web -> api
          web -> network wide, network inner, network cut
        }
        """)
        return compilation.program!
    }()

    private let api = Endpoint.service(ServiceID(namespace: "shop", name: "api"))
    private let web = Endpoint.service(ServiceID(namespace: "shop", name: "web"))

    func testPodEndpoints() {
        XCTAssertTrue(program.endpoint(.cluster, covers: api))
        XCTAssertTrue(program.endpoint(.namespace("shop"), covers: api))
        XCTAssertFalse(program.endpoint(.namespace("other"), covers: api))
        XCTAssertTrue(program.endpoint(.namespaces(LabelSelector(matchLabels: ["team": "store"])), covers: api))
        XCTAssertFalse(program.endpoint(.namespaces(LabelSelector(matchLabels: ["team": "ops"])), covers: api))
        XCTAssertFalse(program.endpoint(web, covers: api))
        XCTAssertFalse(program.endpoint(api, covers: .namespace("shop")))
    }

    func testUndeclaredNamespaceMatchesOnlyByName() {
        let byName = LabelSelector(matchLabels: [Namespace.nameLabel: "kube-system"])
        XCTAssertTrue(program.endpoint(.namespaces(byName), covers: .namespace("kube-system")))
        let byTeam = LabelSelector(matchLabels: ["team": "ops"])
        XCTAssertFalse(program.endpoint(.namespaces(byTeam), covers: .namespace("kube-system")))
    }

    func testAddressesRespectExcepts() throws {
        let blocks = Dictionary(uniqueKeysWithValues: program.dependencies.compactMap { dependency -> (String, Endpoint)? in
            guard case .external(let name, _) = dependency.server else { return nil }
            return (name, dependency.server)
        })
        XCTAssertTrue(program.endpoint(blocks["wide"]!, covers: blocks["inner"]!))
        XCTAssertFalse(program.endpoint(blocks["wide"]!, covers: blocks["cut"]!))
        XCTAssertTrue(program.endpoint(.internet, covers: blocks["cut"]!))
        XCTAssertFalse(program.endpoint(blocks["inner"]!, covers: .internet))
        let address = try CIDR.parseAddress("10.1.2.3")
        XCTAssertFalse(program.endpoint(blocks["wide"]!, containsAddress: address.1, family: address.0))
        XCTAssertTrue(program.endpoint(blocks["cut"]!, containsAddress: address.1, family: address.0))
    }

    func testPortSets() {
        func ports(_ items: [(Int, Int)], _ networkProtocol: NetworkProtocol = .tcp) -> PortSet {
            .some(items.map { PortItem(protocol: networkProtocol, value: .range(first: $0.0, last: $0.1)) })
        }
        XCTAssertTrue(PortSet.all.covers(ports([(80, 80)])))
        XCTAssertFalse(ports([(80, 80)]).covers(.all))
        XCTAssertTrue(ports([(80, 90)]).covers(ports([(85, 85)])))
        XCTAssertTrue(ports([(80, 84), (85, 90)]).covers(ports([(82, 88)])))
        XCTAssertFalse(ports([(80, 84), (86, 90)]).covers(ports([(82, 88)])))
        XCTAssertFalse(ports([(80, 90)]).covers(ports([(85, 85)], .udp)))
        let named = PortSet.some([PortItem(protocol: .tcp, value: .name("metrics"))])
        XCTAssertTrue(named.covers(named))
        XCTAssertFalse(ports([(9090, 9090)]).covers(named))
        XCTAssertTrue(ports([(53, 53)], .udp).admits(port: 53, protocol: .udp))
    }
}
