import RampDiagnostics
import RampSource
import RampSyntax
import XCTest

final class EnvironmentParserTests: XCTestCase {
    private func parse(_ text: String) -> (ContractFile, DiagnosticEngine) {
        let diagnostics = DiagnosticEngine()
        let file = Parser.parse(SourceFile(path: "t.ramp", text: text), diagnostics: diagnostics)
        return (file, diagnostics)
    }

    func testProfileParameterEnvironment() {
        let (file, diagnostics) = parse("""
        profile nodelocal {
          kubernetes 1.30
          dns address 169.254.20.10/32 ports 53/udp, 53/tcp
          dns pods kube-system [k8s-app=kube-dns] ports 53/udp, 53/tcp
          apiserver 10.0.0.2/32, 10.0.0.3/32 port 6443
          ip-families ipv4
        }
        parameter backup = 198.51.100.0/24 except 198.51.100.128/25
        parameter office
        environment production {
          profile nodelocal
          set office = 192.0.2.0/24
          enforce * ingress
          enforce shop ingress, egress
          enforce data none
        }
        """)
        XCTAssertEqual(diagnostics.diagnostics.map(\.message), [])
        XCTAssertEqual(file.profiles.map(\.name.text), ["nodelocal"])
        XCTAssertEqual(file.profiles[0].settings.count, 5)
        XCTAssertEqual(file.parameters.map(\.name.text), ["backup", "office"])
        XCTAssertEqual(file.parameters[0].defaultValue?.first?.excepts.map(\.text), ["198.51.100.128/25"])
        XCTAssertNil(file.parameters[1].defaultValue)

        let environment = file.environments[0]
        XCTAssertEqual(environment.profile?.text, "nodelocal")
        XCTAssertEqual(environment.assignments.map(\.name.text), ["office"])
        XCTAssertEqual(environment.enforcement.map { $0.namespace?.text }, [nil, "shop", "data"])
        XCTAssertEqual(environment.enforcement.map(\.directions), [[.ingress], [.ingress, .egress], []])
    }

    func testOnlyInLimitsServicesAndDependencies() {
        let (file, diagnostics) = parse("""
        namespace shop {
          service load-test [app=load-test] ports 8080 only in staging
          load-test -> web:http,
                       api only in staging, dev
          web -> api
        }
        """)
        XCTAssertEqual(diagnostics.diagnostics.map(\.message), [])
        let members = file.namespaces[0].members
        guard case .service(let service) = members[0], case .dependency(let limited) = members[1],
              case .dependency(let everywhere) = members[2] else { return XCTFail("expected a service and two dependencies") }
        XCTAssertEqual(service.ports.map(\.number.text), ["8080"])
        XCTAssertEqual(service.scope?.environments.map(\.text), ["staging"])
        XCTAssertEqual(limited.targets.count, 2)
        XCTAssertEqual(limited.scope?.environments.map(\.text), ["staging", "dev"])
        XCTAssertEqual(limited.scope?.range.text, "only in staging, dev")
        XCTAssertTrue(limited.scope?.includes("dev") ?? false)
        XCTAssertFalse(limited.scope?.includes(nil) ?? true)
        XCTAssertNil(everywhere.scope)
    }

    func testOnlyRemainsUsableAsName() {
        let (file, diagnostics) = parse("""
        namespace shop {
          service only [app=only]
          only -> in
          only in -> web
        }
        """)
        XCTAssertEqual(diagnostics.diagnostics.map(\.message), [])
        XCTAssertEqual(file.namespaces[0].members.count, 3)
    }
}
