import Foundation
import RampChecks
import RampDiagnostics
import RampDriver
import RampEvaluator
import RampKube
import RampSource
import RampLowering
import XCTest

/// Invariants proved on the generated policies during compilation.
final class InvariantTests: XCTestCase {
    /// Returns each diagnostic as `line:column: message`, followed by its
    /// notes as `  note line:column: message` or `  note: message`.
    private func report(_ compilation: Compilation) -> [String] {
        compilation.diagnostics.sorted().flatMap { diagnostic -> [String] in
            var lines = ["\(position(diagnostic.range)): \(diagnostic.message)"]
            for note in diagnostic.notes {
                lines.append(note.range.map { "  note \(position($0)): \(note.message)" } ?? "  note: \(note.message)")
            }
            return lines
        }
    }

    private func position(_ range: SourceRange?) -> String {
        guard let range else { return "-" }
        let (line, column) = range.file.lineAndColumn(of: range.start)
        return "\(line):\(column)"
    }

    private let shop = """
    namespace shop {
      deny all
      service web [app=web] ports http:8080
      service api [app=api] ports http:8080
      service loadgen [app=loadgen]
      web -> api:http
      loadgen -> api:http
    %@
    }

    """

    private func shop(_ statements: String) -> String {
        shop.replacingOccurrences(of: "%@", with: statements)
    }

    // MARK: - Holding invariants

    func testHoldingInvariantsReportNothing() {
        let compilation = compile(shop("  never web -> loadgen\n  only web, loadgen -> api\n  never api -> web:8080"))
        XCTAssertEqual(report(compilation), [])
        XCTAssertFalse(compilation.policies.isEmpty)
    }

    func testInvariantWithoutPortsCoversEveryPort() {
        let compilation = compile("""
        namespace shop {
          service web [app=web] ports http:8080
          service db [app=db] ports 5432
          never web -> db
        }

        """)
        let lines = report(compilation)
        XCTAssertEqual(lines.first, "4:3: 'never' is violated: the generated policies allow shop/web to reach shop/db on every port")
        XCTAssertTrue(lines.contains("  note: a pod of shop/db is not isolated for ingress, so it admits every connection; "
            + "add 'deny ingress' to namespace 'shop' to isolate it"), lines.joined(separator: "\n"))
        XCTAssertTrue(lines.contains("  note: a pod of shop/web is not isolated for egress, so it admits every connection; "
            + "add 'deny egress' to namespace 'shop' to isolate it"), lines.joined(separator: "\n"))
    }

    // MARK: - Violations

    func testNeverViolationPointsAtItsDependencyOnly() {
        let compilation = compile(shop("  never loadgen -> api"))
        XCTAssertEqual(report(compilation), [
            "8:3: 'never' is violated: the generated policies allow shop/loadgen to reach shop/api on TCP 8080",
            "  note: for example, allowed: a pod of shop/loadgen -> a pod of shop/api on TCP 8080 (named 'http'); "
                + "egress: admitted by shop/web-loadgen egress[0] (test.ramp:7:14); ingress: admitted by shop/api ingress[0] (test.ramp:7:14)",
            "  note 7:14: this dependency allows it",
        ])
        XCTAssertEqual(compilation.diagnostics.diagnostics.first?.id, .neverViolated)
    }

    func testOnlyViolationNamesOtherClient() {
        let compilation = compile(shop("  only web -> api"))
        let lines = report(compilation)
        XCTAssertEqual(lines.first, "8:3: 'only' is violated: the generated policies also allow shop/loadgen to reach shop/api on TCP 8080")
        XCTAssertTrue(lines.contains("  note 7:14: this dependency allows it"))
        XCTAssertFalse(lines.contains("  note 6:10: this dependency allows it"), "web's dependency is what 'only' allows")
        XCTAssertEqual(compilation.diagnostics.diagnostics.first?.id, .onlyViolated)
    }

    func testOnlyWithUnisolatedServerListsEveryone() {
        let compilation = compile("""
        namespace open {
          service db [app=db] ports 5432
          service app [app=app]
          only app -> db:5432
        }

        """)
        let lines = report(compilation)
        XCTAssertEqual(lines.first, "4:3: 'only' is violated: the generated policies also allow open/db to reach open/db on TCP 5432")
        XCTAssertTrue(lines.contains("  note: also allows internet to reach open/db on TCP 5432"), lines.joined(separator: "\n"))
        XCTAssertTrue(lines.contains("  note: also allows pods in undeclared namespaces to reach open/db on TCP 5432"), lines.joined(separator: "\n"))
        XCTAssertFalse(lines.contains { $0.contains("not isolated for egress") }, "isolating other clients is no fix for 'only'")
    }

    func testStatementWithTwoTargetsReportsOnce() {
        let compilation = compile(shop("  never loadgen -> web, api"))
        XCTAssertEqual(compilation.diagnostics.diagnostics.count, 1)
        XCTAssertEqual(report(compilation).first, "8:3: 'never' is violated: the generated policies allow shop/loadgen to reach shop/api on TCP 8080")
    }

    func testExternalDestinationNamesNetwork() {
        let compilation = compile("""
        network backup = 198.51.100.0/24 except 198.51.100.128/25
        namespace data {
          deny all
          service db [app=db] ports 5432
          db -> network backup:443
          never namespace data -> internet
        }

        """)
        let lines = report(compilation)
        XCTAssertEqual(lines.first, "6:3: 'never' is violated: the generated policies allow data/db to reach network backup (198.51.100.0/25) on TCP 443")
        XCTAssertTrue(lines.contains("  note 5:9: this dependency allows it"))
    }

    func testDNSRuleIsNamed() {
        let compilation = compile(shop("  never web -> namespace kube-system"))
        let lines = report(compilation)
        XCTAssertEqual(lines.first, "8:3: 'never' is violated: the generated policies allow shop/web to reach "
            + "pods {k8s-app=kube-dns} of namespace 'kube-system' on TCP 53 and UDP 53")
        XCTAssertTrue(lines.contains("  note 2:3: cluster DNS for egress-isolated pods allows it"), lines.joined(separator: "\n"))
    }

    func testDeclaredNamespaceLabelsAreTrusted() {
        let compilation = compile("""
        namespace app [team=a] {
          deny all
          service api [app=api] ports metrics:9090
        }
        namespace monitoring {
          deny all
          service prometheus [app=prometheus]
          prometheus -> namespaces [team=a]:metrics
          only prometheus -> app/api:9090
        }

        """)
        XCTAssertEqual(report(compilation), [])
    }

    func testViolationFailsBuildWithoutWriting() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("shop.ramp")
        try Data(shop("  never loadgen -> api").utf8).write(to: input)
        let output = directory.appendingPathComponent("out")

        let result = runRamp(["build", input.path, "-o", output.path])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.error.contains("error: 'never' is violated: the generated policies allow shop/loadgen to reach shop/api on TCP 8080 [RAMP0800]"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: output.path))
    }

    func testOptimizationLevelsAgree() {
        let levels: [(String, OptimizationLevel)] = [("-O0", .none), ("-O", .standard), ("-Otrust-ingress", .trustIngress)]
        for (level, optimizationLevel) in levels {
            var compilation = Compilation()
            compilation.optimizationLevel = optimizationLevel
            compilation.compile([SourceFile(path: "test.ramp", text: shop("  never loadgen -> api\n  never web -> loadgen"))])
            XCTAssertEqual(compilation.diagnostics.diagnostics.map(\.id), [.neverViolated], level)
        }
    }

    // MARK: - Unevaluable policies

    func testInvalidPolicyIsNotEvaluable() throws {
        let program = try XCTUnwrap(compile(shop("")).program)
        let invalid = NetworkPolicy(
            name: "web", namespace: "shop", podSelector: .everything, policyTypes: [.ingress],
            ingress: [NetworkPolicyRule(peers: nil, ports: [NetworkPolicyPort(protocol: .tcp, port: .number(8080), endPort: 80)])]
        )
        do throws(PolicyValidationError) {
            _ = try AssertionAnalysis(
                program: program, policies: [invalid], sources: ManifestPolicySources([]), policiesDescription: "the policies"
            )
            XCTFail("an endPort below its port must be rejected")
        } catch {
            let message = DiagnosticMessage.policiesNotEvaluable(error.policy, field: error.field, reason: error.reason)
            XCTAssertEqual(message.id, .policiesNotEvaluable)
            XCTAssertTrue(message.text.hasPrefix("cannot evaluate NetworkPolicy 'shop/web': spec.ingress[0].ports[0].endPort: "), message.text)
        }
    }
}
