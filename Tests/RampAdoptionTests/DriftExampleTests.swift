@testable import RampAdoption
import RampEvaluator
import RampKube
import XCTest

final class DriftExampleTests: XCTestCase {
    func testPodsAreNamedByLabelsAndNamespace() {
        let client = Pod(name: "source", namespace: Namespace(name: "shop"), labels: ["tier": "web", "app": "cart"])
        let server = Pod(name: "destination", namespace: Namespace(name: "data", labels: ["team": "db", Namespace.nameLabel: "data"]))
        let connection = Connection(from: .pod(client), to: .pod(server), protocol: .tcp, port: 5432)
        XCTAssertEqual(
            DriftExample.describe(connection),
            "a pod {app=cart,tier=web} in namespace 'shop' -> a pod without labels in namespace 'data' labelled {team=db} on TCP 5432"
        )
    }

    func testAddressesAreNamedAsAddresses() {
        let client = Pod(name: "source", namespace: Namespace(name: "shop"), labels: ["app": "cart"])
        let address = IPAddress(family: .ipv4, value: 0x0A00_0001)
        let connection = Connection(from: .pod(client), to: .ipAddress(address), protocol: .udp, port: 53)
        XCTAssertEqual(DriftExample.describe(connection), "a pod {app=cart} in namespace 'shop' -> address 10.0.0.1 on UDP 53")
    }
}
