import RampIR
import RampKube
import RampLowering
import XCTest

final class ConnectionQueryTests: XCTestCase {
    private func query(_ text: String) -> ConnectionQuery {
        let compilation = compile(text)
        XCTAssertFalse(compilation.diagnostics.hasErrors, messages(compilation).joined(separator: "\n"))
        return ConnectionQuery(program: compilation.program!)
    }

    private func service(_ namespace: String, _ name: String) -> ConnectionQuery.End {
        .service(ServiceID(namespace: namespace, name: name))
    }

    func testServerIsolatedOnlyByItsDependency() throws {
        let contracts = query("""
        namespace shop {
          service web [app=web]
          service batch [app=batch]
          service api [app=api] ports http:8080
          web -> api:http
        }
        """)
        let fromBatch = try XCTUnwrap(contracts.explain(from: service("shop", "batch"), to: service("shop", "api"), port: nil).first)
        XCTAssertFalse(fromBatch.allowed)
        XCTAssertTrue(fromBatch.egress.admits, "batch calls nothing, so its egress is not isolated")
        guard case .dependency(let naming) = fromBatch.ingress.isolation else {
            return XCTFail("api is isolated by the dependency that names it")
        }
        XCTAssertEqual(naming.origin.text, "api:http")

        let fromWeb = try XCTUnwrap(contracts.explain(from: service("shop", "web"), to: service("shop", "api"), port: "http").first)
        XCTAssertTrue(fromWeb.allowed)
        XCTAssertEqual(fromWeb.ingress.allowedBy.count, 1)
    }

    func testClusterClientReachesEveryNamespace() throws {
        let contracts = query("""
        namespace mon {
          deny all
          service prom [app=prom]
          prom -> cluster:9090
        }
        namespace shop {
          deny all
          service api [app=api] ports 8080, 9090
        }
        """)
        let verdicts = try contracts.explain(from: service("mon", "prom"), to: service("shop", "api"), port: nil)
        XCTAssertEqual(verdicts.map(\.port.description), ["8080/tcp", "9090/tcp"])
        XCTAssertEqual(verdicts.map(\.allowed), [false, true])
    }

    func testExternalAddressesAndExcepts() throws {
        let contracts = query("""
        network partners = 203.0.113.0/24 except 203.0.113.128/25
        namespace shop {
          service api [app=api]
          api -> network partners:443
        }
        """)
        let inside = try CIDR.parseAddress("203.0.113.7")
        let cut = try CIDR.parseAddress("203.0.113.200")
        let allowed = try contracts.explain(from: service("shop", "api"), to: .address(inside.1, inside.0, text: "203.0.113.7"), port: "443")
        XCTAssertEqual(allowed.map(\.allowed), [true])
        let blocked = try contracts.explain(from: service("shop", "api"), to: .address(cut.1, cut.0, text: "203.0.113.200"), port: "443")
        XCTAssertEqual(blocked.map(\.allowed), [false])
        XCTAssertThrowsError(try contracts.explain(from: service("shop", "api"), to: service("shop", "nope"), port: "1"))
    }
}
