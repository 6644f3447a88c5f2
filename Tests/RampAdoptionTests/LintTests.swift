import RampAdoption
import RampDiagnostics
import XCTest

final class LintTests: XCTestCase {
    /// Lints one fixture, with the workload manifests when `workloads` is set.
    private func lint(_ name: String, workloads: Bool = false) -> [String] {
        let diagnostics = DiagnosticEngine()
        let policies = decode([sourceFile("lint/" + name)], diagnostics: diagnostics)
        let manifests = workloads ? inventory([sourceFile("lint/workloads-manifests.yaml")], diagnostics: diagnostics) : WorkloadInventory()
        Linter(policies: policies, inventory: manifests, diagnostics: diagnostics).run()
        return codes(diagnostics)
    }

    func testSplitPeer() {
        XCTAssertEqual(lint("split-peer.yaml"), ["lint/split-peer.yaml:17: RAMP0901"])
    }

    func testPortsWithoutPeersAndEmptyRule() {
        XCTAssertEqual(lint("rule-shapes.yaml"), ["lint/rule-shapes.yaml:13: RAMP0902", "lint/rule-shapes.yaml:16: RAMP0903"])
    }

    func testPolicyTypesDisagreeWithRules() {
        XCTAssertEqual(lint("policy-types.yaml"), ["lint/policy-types.yaml:12: RAMP0904", "lint/policy-types.yaml:26: RAMP0905"])
    }

    func testEgressIsolationWithoutDNS() {
        XCTAssertEqual(lint("no-dns.yaml"), ["lint/no-dns.yaml:9: RAMP0906"])
    }

    func testIPv4OnlyInternet() {
        XCTAssertEqual(lint("single-family.yaml"), ["lint/single-family.yaml:15: RAMP0907"])
    }

    func testMutableNamespaceLabelHasFixIt() {
        let diagnostics = DiagnosticEngine()
        Linter(policies: decode([sourceFile("lint/mutable-label.yaml")], diagnostics: diagnostics), diagnostics: diagnostics).run()
        XCTAssertEqual(codes(diagnostics), ["lint/mutable-label.yaml:16: RAMP0908"])
        XCTAssertEqual(diagnostics.diagnostics.first?.fixIts.first?.replacement, "kubernetes.io/metadata.name")
        XCTAssertEqual(diagnostics.diagnostics.first?.fixIts.first?.range.text, "name")
    }

    func testRedundantPolicyNamesCoveringPolicy() {
        let diagnostics = DiagnosticEngine()
        Linter(policies: decode([sourceFile("lint/redundant.yaml")], diagnostics: diagnostics), diagnostics: diagnostics).run()
        XCTAssertEqual(codes(diagnostics), ["lint/redundant.yaml:22: RAMP0911"])
        XCTAssertTrue(diagnostics.diagnostics.first?.message.contains("policy 'allow-web' allows") ?? false)
        XCTAssertEqual(diagnostics.diagnostics.first?.notes.first?.range?.text, "allow-web")
    }

    func testIdenticalPoliciesReportOnlyOne() {
        let text = """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: deny-a, namespace: shop}
        spec: {podSelector: {}, policyTypes: [Ingress]}
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: deny-b, namespace: shop}
        spec: {podSelector: {}, policyTypes: [Ingress]}
        """
        let diagnostics = DiagnosticEngine()
        Linter(policies: decode([.init(path: "deny.yaml", text: text)], diagnostics: diagnostics), diagnostics: diagnostics).run()
        XCTAssertEqual(codes(diagnostics), ["deny.yaml:3: RAMP0911"])
    }

    /// A namespace of more policies than the redundancy check examines gets
    /// a note instead of a silent skip, even where two of them repeat each other.
    func testRedundancySkipIsReported() {
        // One more than the 100 policies per namespace that the check examines.
        let policies = (0...100).map { index in
            "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny-\(index), namespace: shop}\nspec: {podSelector: {}, policyTypes: [Ingress]}\n"
        }
        let diagnostics = DiagnosticEngine()

        Linter(policies: decode([.init(path: "many.yaml", text: policies.joined(separator: "---\n"))], diagnostics: diagnostics), diagnostics: diagnostics).run()

        XCTAssertEqual(codes(diagnostics), ["many.yaml:1: RAMP0915"])
    }

    /// Thirteen policies selecting pods by thirteen different keys make
    /// 8,192 label classes, more than the evaluator affords, so the check
    /// reports that it skipped the namespace. A copy of the first policy
    /// makes the exact check run, as no concrete probe distinguishes the copy.
    func testRedundancySkipOnLabelClasses() {
        let policy = { (name: String, index: Int) in
            "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: \(name), namespace: shop}\nspec: {podSelector: {matchLabels: {k\(index): x}}, policyTypes: [Ingress], ingress: [{from: [{podSelector: {matchLabels: {k\((index + 1) % 13): x}}}]}]}\n"
        }
        let policies = (0..<13).map { policy("p\($0)", $0) } + [policy("p0-copy", 0)]
        let diagnostics = DiagnosticEngine()

        Linter(policies: decode([.init(path: "keys.yaml", text: policies.joined(separator: "---\n"))], diagnostics: diagnostics), diagnostics: diagnostics).run()

        XCTAssertEqual(codes(diagnostics), ["keys.yaml:1: RAMP0915"])
        XCTAssertEqual(
            diagnostics.sorted().map(\.message),
            ["the 14 policies of namespace 'shop' were not checked for redundancy, because their pod selectors on different label keys combine into more than 4096 classes of pod labels"]
        )
    }

    func testDecoderReportsExceptAndEndPortMistakes() {
        XCTAssertEqual(lint("invalid-blocks.yaml"), [
            "lint/invalid-blocks.yaml:14: RAMP0402",
            "lint/invalid-blocks.yaml:15: RAMP0403",
            "lint/invalid-blocks.yaml:18: RAMP0560",
            "lint/invalid-blocks.yaml:21: RAMP0560",
        ])
    }

    func testChecksAgainstWorkloads() {
        XCTAssertEqual(lint("workloads.yaml", workloads: true), [
            "lint/workloads-manifests.yaml:37: RAMP0910",
            "lint/workloads.yaml:14: RAMP0909",
            "lint/workloads.yaml:17: RAMP0912",
            "lint/workloads.yaml:18: RAMP0914",
            "lint/workloads.yaml:27: RAMP0909",
        ])
    }

    func testNamedPortUndefinedOnWorkload() {
        let text = """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: cart, namespace: shop}
        spec:
          podSelector: {matchLabels: {app: cart}}
          policyTypes: [Ingress]
          ingress:
          - ports:
            - port: grpc
        """
        let diagnostics = DiagnosticEngine()
        let manifests = inventory([sourceFile("lint/workloads-manifests.yaml")], diagnostics: diagnostics)
        Linter(policies: decode([.init(path: "cart.yaml", text: text)], diagnostics: diagnostics), inventory: manifests, diagnostics: diagnostics).run()
        XCTAssertEqual(codes(diagnostics).filter { $0.hasPrefix("cart.yaml") }, ["cart.yaml:8: RAMP0902", "cart.yaml:9: RAMP0913"])
    }

    func testCommandExitStatus() {
        let clean = runRamp(["lint", fixtures.appendingPathComponent("lint/no-dns.yaml").path])
        XCTAssertEqual(clean.status, 0, clean.error)
        XCTAssertTrue(clean.error.contains("RAMP0906"), clean.error)

        let strict = runRamp(["lint", fixtures.appendingPathComponent("lint/no-dns.yaml").path, "-Werror"])
        XCTAssertEqual(strict.status, 1)

        let invalid = runRamp(["lint", fixtures.appendingPathComponent("lint/invalid-blocks.yaml").path])
        XCTAssertEqual(invalid.status, 1)

        let missing = runRamp(["lint", "/nonexistent.yaml"])
        XCTAssertEqual(missing.status, 2)
    }

    func testCommandWritesSARIF() {
        let result = runRamp(["lint", fixtures.appendingPathComponent("lint/split-peer.yaml").path, "--diagnostics-format", "sarif"])
        XCTAssertEqual(result.status, 0)
        XCTAssertTrue(result.output.contains("\"ruleId\": \"RAMP0901\""), result.output)
    }
}
