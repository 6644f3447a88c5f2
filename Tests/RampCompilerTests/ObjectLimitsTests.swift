import Foundation
import RampDiagnostics
@testable import RampDriver
import RampKube
import RampYAML
import XCTest

/// Size and dataplane limits of generated objects, with their exact messages.
final class ObjectLimitsTests: XCTestCase {
    /// Returns the diagnostics of a compilation, which checks the limits
    /// after lowering.
    private func limitMessages(_ text: String) -> [String] {
        let compilation = compile(text)
        XCTAssertNotNil(compilation.program, "the contract itself must compile")
        // Only the limit checks, not warnings about how the contract is written.
        return messages(compilation).filter { message in
            ["bytes of YAML", "policy-map entries", "rules, more than", "ports, more than"].contains { message.contains($0) }
        }
    }

    /// Returns a network declaration with `count` distinct /24 blocks, every
    /// other one, so that aggregate-cidrs cannot join them.
    private func network(_ name: String, blocks count: Int, firstOctet: Int = 10) -> String {
        let blocks = (0..<count).map { "\(firstOctet).\($0 / 128).\(($0 % 128) * 2).0/24" }
        return "network \(name) = " + blocks.joined(separator: ",\n  ") + "\n"
    }

    // MARK: - Size

    func testLargeObjectWarns() {
        let text = network("partners", blocks: 1_600) + """
        namespace edge {
          service gw [app=gw] ports 443
          network partners -> gw:443
        }
        """
        XCTAssertEqual(limitMessages(text), [
            "1602:11: warning: NetworkPolicy 'gw' is 68648 bytes of YAML without comments, more than 65536; client-side 'kubectl apply' fails above 262144 bytes",
        ])
    }

    func testObjectAboveAnnotationLimitIsAnError() throws {
        let text = network("partners", blocks: 6_100) + """
        namespace edge {
          service gw [app=gw] ports 443
          network partners -> gw:443
        }
        """
        XCTAssertEqual(limitMessages(text), [
            "6102:11: error: NetworkPolicy 'gw' is 264723 bytes of YAML without comments, more than the 262144 bytes that 'kubectl apply' can store in its last-applied-configuration annotation; split the service or its dependencies",
        ])
    }

    /// `kubectl apply` stores the object as JSON, without the comments, so
    /// a small rule with thousands of contract locations is within limits.
    func testCommentsDoNotCountTowardsSize() throws {
        let compilation = compile("namespace edge {\n  service gw [app=gw] ports 443\n  internet -> gw:443\n}\n")
        let program = try XCTUnwrap(compilation.program)
        let comments = (1...10_000).map { "edge.ramp:\($0):3" }
        let rule = NetworkPolicyRule(peers: nil, ports: [NetworkPolicyPort(protocol: .tcp, port: .number(443))], comments: comments)
        let policy = NetworkPolicy(
            name: "gw", namespace: "edge", podSelector: LabelSelector(matchLabels: ["app": "gw"]), policyTypes: [.ingress], ingress: [rule]
        )
        let rendered = RenderedPolicy.render([policy])
        let diagnostics = DiagnosticEngine()
        ObjectLimits.check(rendered, program: program, diagnostics: diagnostics)
        XCTAssertEqual(diagnostics.diagnostics.map(\.message), [])

        var document = YAMLBuffer()
        rendered[0].writeDocument(to: &document)
        XCTAssertGreaterThan(document.count, 200_000, "the comments alone exceed the warning's size")
    }

    /// An error from a limit fails the build with status 1 and writes nothing.
    func testLimitErrorWritesNothing() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("edge.ramp").path
        let text = network("partners", blocks: 6_100) + "namespace edge {\n  service gw [app=gw] ports 443\n  network partners -> gw:443\n}\n"
        try Data(text.utf8).write(to: URL(fileURLWithPath: input))
        let output = directory.appendingPathComponent("out").path

        let result = runRamp(["build", input, "-o", output])

        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.error.hasPrefix("\(input):6102:11: error: NetworkPolicy 'gw' is "), result.error)
        XCTAssertTrue(result.error.contains(" [RAMP0711]\n"), result.error)
        XCTAssertTrue(result.error.hasSuffix("1 error generated.\n"), result.error)
        XCTAssertFalse(FileManager.default.fileExists(atPath: output))
    }

    /// A warning from a limit is printed with the others and the build still writes.
    func testLimitWarningStillWrites() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("edge.ramp").path
        let text = network("partners", blocks: 1_600) + "namespace edge {\n  service gw [app=gw] ports 443\n  network partners -> gw:443\n}\n"
        try Data(text.utf8).write(to: URL(fileURLWithPath: input))
        let output = directory.appendingPathComponent("out").path

        let result = runRamp(["build", input, "-o", output])

        XCTAssertEqual(result.status, 0)
        XCTAssertTrue(result.error.hasPrefix("\(input):1602:11: warning: NetworkPolicy 'gw' is "), result.error)
        XCTAssertTrue(result.error.hasSuffix(" [RAMP0712]\n1602 |   service gw [app=gw] ports 443\n     |           ^~\n1 warning generated.\n"), result.error)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: output), ["edge.yaml"])
    }

    // MARK: - Rules

    func testTooManyPortsOfOneProtocolInOneRule() {
        let ports = (1...30).map { "\(8000 + 2 * $0)" }.joined(separator: ", ") + ", 53/udp"
        let text = """
        namespace shop {
          service api [app=api] ports \(ports)
          service web [app=web]
          web -> api
        }
        """
        XCTAssertEqual(limitMessages(text), [
            "2:11: warning: ingress rule 1 of NetworkPolicy 'api' lists 30 TCP ports, more than the 24 that Amazon VPC CNI accepts in one rule; declare a port range instead",
            "3:11: warning: egress rule 1 of NetworkPolicy 'web' lists 30 TCP ports, more than the 24 that Amazon VPC CNI accepts in one rule; declare a port range instead",
        ])
    }

    func testPortWarningPointsAtTheDependency() {
        let ports = (1...25).map { "\(8000 + 2 * $0)" }.joined(separator: ", ")
        let compilation = compile("namespace shop {\n  service api [app=api] ports \(ports)\n  service web [app=web]\n  web -> api\n}\n")
        let notes = compilation.diagnostics.diagnostics.first?.notes ?? []
        XCTAssertEqual(notes.count, 1)
        XCTAssertEqual(notes.first?.message, "the rule comes from this dependency")
        XCTAssertEqual(notes.first?.range?.locationDescription, "test.ramp:4:3")
    }

    func testPortLimitCountsEachProtocolSeparately() {
        let tcp = (1...24).map { "\(8000 + 2 * $0)" }
        let udp = (1...24).map { "\(9000 + 2 * $0)/udp" }
        let text = """
        namespace shop {
          service api [app=api] ports \((tcp + udp).joined(separator: ", "))
          service web [app=web]
          web -> api
        }
        """
        XCTAssertEqual(limitMessages(text), [])
    }

    func testTooManyRulesInOneObject() {
        // Each client on its own port, so that no two rules can be merged.
        let ports = (0...100).map { "\(8000 + 2 * $0)" }.joined(separator: ", ")
        let clients = (0...100).map { "  service c\($0) [app=c\($0)]\n  c\($0) -> api:\(8000 + 2 * $0)\n" }.joined()
        let text = "namespace shop {\n  service api [app=api] ports \(ports)\n" + clients + "}\n"
        XCTAssertEqual(limitMessages(text), [
            "2:11: warning: NetworkPolicy 'api' has 101 rules, more than 100; split the service, or use a 'namespace' endpoint where every pod of a namespace may connect",
        ])
    }

    // MARK: - Policy map

    func testLargePolicyMapWarns() {
        let ports = ["tcp", "udp", "sctp"].flatMap { name in (1...14).map { "\(7000 + 2 * $0)/\(name)" } }
        let text = network("partners", blocks: 200) + """
        namespace edge {
          service gw [app=gw] ports \(ports.joined(separator: ", "))
          network partners -> gw
        }
        """
        XCTAssertEqual(limitMessages(text), [
            "202:11: warning: pods of NetworkPolicy 'gw' need an estimated 8400 policy-map entries (peers times ports), more than 8000, half of Cilium's default map of 16384; use namespace endpoints or port ranges",
        ])
    }

    /// Pods of a service are also selected by `namespace-default`, so its
    /// entries count towards theirs.
    func testPolicyMapCountsTheNamespaceObject() {
        let ports = ["tcp", "udp", "sctp"].flatMap { name in (1...14).map { "\(7000 + 2 * $0)/\(name)" } }.joined(separator: ", ")
        // Two networks, so that the namespace-wide rule does not cover the service's own.
        let others = network("others", blocks: 100, firstOctet: 172)
        let text = network("partners", blocks: 100) + others + """
        namespace edge {
          deny ingress
          service gw [app=gw] ports \(ports)
          network others -> gw
          network partners -> namespace edge:(\(ports))
        }
        """
        XCTAssertEqual(limitMessages(text), [
            "203:11: warning: pods of NetworkPolicy 'gw' need an estimated 8400 policy-map entries (peers times ports), more than 8000, half of Cilium's default map of 16384; use namespace endpoints or port ranges",
        ])
    }

    func testPolicyMapEstimateMultipliesPeersAndPorts() {
        let compilation = compile("""
        network pair = 192.0.2.0/25, 192.0.2.128/25
        namespace shop {
          service api [app=api] ports 80, 443, 8080
          network pair -> api
          internet -> api:443
        }
        """)
        let api = compilation.policies.first { $0.name == "api" }!
        // aggregate-cidrs joins the two halves into one block, so the rules are
        // one block times three ports and two internet blocks times one port.
        XCTAssertEqual(ObjectLimits.policyMapEntries(api), 1 * 3 + 2 * 1)
    }
}
