import RampDiagnostics
import RampSource
import RampSyntax
import XCTest

final class ParserTests: XCTestCase {
    private func parse(_ text: String) -> (ContractFile, DiagnosticEngine) {
        let diagnostics = DiagnosticEngine()
        let file = Parser.parse(SourceFile(path: "t.ramp", text: text), diagnostics: diagnostics)
        return (file, diagnostics)
    }

    func testParsesEveryStatementKind() {
        let (file, diagnostics) = parse("""
        network backup = 10.0.0.0/8 except (10.1.0.0/16, 10.2.0.0/16), fd00::/8
        namespace shop [team=web] {
          deny ingress, egress
          dns off
          service api [app=api, tier in (a, b), track notin (canary), debug exists, !legacy, env != dev]
            ports http:8080, 53/udp, 30000-30100
          web, admin -> api:(http, 53/udp), other/db, namespace ops:metrics, namespaces [team=x], cluster, internet:443, network backup:22, 192.0.2.0/24
        }
        """)
        XCTAssertEqual(diagnostics.diagnostics.map(\.message), [])
        XCTAssertEqual(file.networks.count, 1)
        XCTAssertEqual(file.networks[0].blocks.map(\.cidr.text), ["10.0.0.0/8", "fd00::/8"])
        XCTAssertEqual(file.networks[0].blocks[0].excepts.map(\.text), ["10.1.0.0/16", "10.2.0.0/16"])

        let namespace = file.namespaces[0]
        XCTAssertEqual(namespace.name.text, "shop")
        XCTAssertEqual(namespace.labels.map(\.key.text), ["team"])
        XCTAssertEqual(namespace.members.count, 4)

        guard case .posture(let posture) = namespace.members[0] else { return XCTFail("expected a posture") }
        XCTAssertEqual(posture.directions, [.ingress, .egress])
        guard case .dns(let dns) = namespace.members[1] else { return XCTFail("expected dns") }
        XCTAssertFalse(dns.enabled)

        guard case .service(let service) = namespace.members[2] else { return XCTFail("expected a service") }
        XCTAssertEqual(service.selector.requirements.map(\.operator), [.equals, .in, .notIn, .exists, .doesNotExist, .notEquals])
        XCTAssertEqual(service.selector.requirements[1].values.map(\.text), ["a", "b"])
        XCTAssertEqual(service.ports.map { $0.name?.text }, ["http", nil, nil])
        XCTAssertEqual(service.ports.map(\.number.text), ["8080", "53", "30000-30100"])
        XCTAssertEqual(service.ports.map { $0.protocolName?.text }, [nil, "udp", nil])

        guard case .dependency(let dependency) = namespace.members[3] else { return XCTFail("expected a dependency") }
        XCTAssertEqual(dependency.clients.count, 2)
        XCTAssertEqual(dependency.targets.count, 8)
        XCTAssertEqual(dependency.targets[0].ports.map(\.value.text), ["http", "53"])
        XCTAssertEqual(dependency.targets.map(\.range.text), [
            "api:(http, 53/udp)", "other/db", "namespace ops:metrics", "namespaces [team=x]", "cluster", "internet:443",
            "network backup:22", "192.0.2.0/24",
        ])
    }

    func testKeywordsStayUsableAsNames() {
        let (file, diagnostics) = parse("""
        namespace cluster {
          service dns [app=dns]
          service deny [app=deny]
          dns -> deny
          deny -> cluster/dns
        }
        """)
        XCTAssertEqual(diagnostics.diagnostics.map(\.message), [])
        XCTAssertEqual(file.namespaces[0].members.count, 4)
    }

    /// Each broken line is reported once; the valid lines between them parse.
    func testRecoversAtEveryLine() {
        let (file, diagnostics) = parse("""
        namespace shop {
          service a [app=a
          service b [app=b]
          b -> -> a
          service c [app=c]
          c -> ??
          service d [app=d]
        }
        namespace next {
          service e [app=e]
        }
        """)
        XCTAssertEqual(diagnostics.diagnostics.map(\.message), [
            "expected ',' or ']' in label selector, found end of line",
            "expected a service, 'namespace', 'namespaces', 'cluster', 'internet' or 'network', found '->'",
            "unexpected character '?' (U+003F) in contract",
        ])
        let services = file.namespaces[0].members.compactMap { member -> String? in
            if case .service(let service) = member { return service.name.text }
            return nil
        }
        XCTAssertEqual(services, ["b", "c", "d"])
        XCTAssertEqual(file.namespaces.map(\.name.text), ["shop", "next"])
    }

    /// Garbage of any shape ends parsing with diagnostics, never a hang.
    func testArbitraryInputTerminates() {
        let inputs = ["}}}}", "{{{{", "namespace", "namespace x {", "->->->", "[[[[", "\"", "namespace x { a -> b:(", String(repeating: "( ", count: 10_000)]
        for input in inputs {
            let (_, diagnostics) = parse(input)
            XCTAssertTrue(diagnostics.hasErrors, input)
        }
    }
}
