import Foundation
import XCTest

/// `ramp test`, on generated policies and on manifests given with `--policies`.
final class TestCommandTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = try temporaryDirectory()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    @discardableResult
    private func write(_ name: String, _ text: String) -> String {
        let url = directory.appendingPathComponent(name)
        try! FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try! Data(text.utf8).write(to: url)
        return url.path
    }

    /// A contract whose last expectation fails: nothing admits the internet to `web`.
    private let contract = """
    namespace shop {
      deny all
      service web [app=web] ports http:8080
      service api [app=api] ports http:8080
      service db [app=db] ports 5432
      web -> api:http
      api -> db:5432
      expect allowed web -> api:8080
      expect blocked web -> db:5432
      expect allowed internet -> web:http
    }

    """

    // MARK: - Generated policies

    func testLinesForEachExpectation() {
        let path = write("shop.ramp", contract)
        let result = runRamp(["test", path])
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.error, "")
        XCTAssertEqual(result.output.components(separatedBy: "\n"), [
            "PASS \(path):8:3 expect allowed shop/web -> shop/api on TCP 8080",
            "PASS \(path):9:3 expect blocked shop/web -> shop/db on TCP 5432",
            "FAIL \(path):10:3 expect allowed internet -> shop/web on TCP 8080: blocked: 0.0.0.0 (internet) -> a pod of shop/web "
                + "on TCP 8080 (named 'http'); egress: outside the cluster, no policies apply; "
                + "ingress: isolated by shop/namespace-default (\(path):2:3), no rule admits it",
            "2 passed, 1 failed",
            "",
        ])
    }

    /// The README shows the output of 'ramp test' on its shop contract with
    /// two expectations added, so that output must be what ramp prints.
    func testReadmeExampleOutput() throws {
        let readme = try String(contentsOf: repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let blocks = readme.components(separatedBy: "```")
        let shop = try XCTUnwrap(blocks.first { $0.hasPrefix("\n# contracts/shop.ramp\n") })
        let example = try XCTUnwrap(blocks.first { $0.contains("PASS contracts/shop.ramp:") })

        let expectations = "  expect allowed internet -> web:8080\n  expect allowed internet -> api:8080\n}\n"
        let contract = String(shop.dropFirst()).replacingOccurrences(of: "}\n", with: expectations)
        let path = write("contracts/shop.ramp", contract)
        let result = runRamp(["test", path])

        let documented = example.split(separator: "\n").map { $0.drop { $0 == " " } }.filter { !$0.isEmpty }.joined(separator: "\n") + "\n"
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.output.replacingOccurrences(of: path, with: "contracts/shop.ramp"), documented)
    }

    func testPassingExpectationsExitZero() {
        let path = write("shop.ramp", contract.replacingOccurrences(of: "expect allowed internet", with: "expect blocked internet"))
        let result = runRamp(["test", path])
        XCTAssertEqual(result.status, 0, result.error)
        XCTAssertTrue(result.output.hasSuffix("3 passed, 0 failed\n"), result.output)
    }

    func testEveryPodMustReachEveryPod() {
        let path = write("shop.ramp", """
        namespace shop {
          deny all
          service web [app=web] ports http:8080
          service canary [app=web, track=canary]
          service api [app=api] ports http:8080
          canary -> api:http
          expect allowed web -> api:8080
          expect allowed canary -> api:8080
        }

        """)
        let result = runRamp(["test", path])
        let lines = result.output.components(separatedBy: "\n")
        XCTAssertTrue(lines[0].hasPrefix("FAIL \(path):7:3 expect allowed shop/web -> shop/api on TCP 8080: blocked: a pod of shop/web -> "), lines[0])
        XCTAssertEqual(lines[1], "PASS \(path):8:3 expect allowed shop/canary -> shop/api on TCP 8080")
    }

    func testContractErrorsPrintNoLines() {
        let path = write("shop.ramp", "namespace shop {\n  expect allowed web -> api:80\n}\n")
        let result = runRamp(["test", path])
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.output, "")
        XCTAssertTrue(result.error.contains("unknown service 'web' in namespace 'shop' [RAMP0201]"), result.error)
    }

    func testViolatedInvariantFailsTest() {
        let path = write("shop.ramp", contract.replacingOccurrences(of: "  expect allowed internet -> web:http\n", with: "  never web -> namespace shop\n"))
        let result = runRamp(["test", path])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.output.hasSuffix("2 passed, 0 failed\n"), result.output)
        XCTAssertTrue(result.error.contains("error: 'never' is violated: the generated policies allow shop/web to reach shop/api on TCP 8080 [RAMP0800]"))
    }

    func testGitHubFormatAnnotatesFailures() {
        let path = write("shop.ramp", contract)
        let result = runRamp(["test", path, "--diagnostics-format", "github"])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.output.contains("::error file=\(path),line=10,col=3,"), result.output)
        XCTAssertTrue(result.output.contains("RAMP0802"), result.output)
        XCTAssertTrue(result.error.hasSuffix("2 passed, 1 failed\n"), "lines go to standard error beside machine output")
    }

    func testUsageErrors() {
        XCTAssertEqual(runRamp(["test"]).error, "ramp: error: 'ramp test' requires at least one contract file or directory\n")
        XCTAssertEqual(runRamp(["test", "x.ramp", "--fast"]).error, "ramp: error: unknown option '--fast' for 'ramp test'; run 'ramp test --help'\n")
        XCTAssertEqual(runRamp(["test", "x.ramp", "--policies"]).error, "ramp: error: option '--policies' requires a value\n")
        XCTAssertEqual(runRamp(["test", "x.ramp", "--env", "a", "--env", "b"]).error, "ramp: error: option '--env' may be given once\n")
        XCTAssertEqual(runRamp(["test", "--help"]).status, 0)
        XCTAssertTrue(runRamp(["test", "--help"]).output.contains("USAGE: ramp test <path>... [--policies <file-or-dir>]... [options]"))
    }

    // MARK: - Policies from manifests

    /// The policies of `contract` as `kubectl get networkpolicy -A -o json` prints them, with server-set fields.
    private let kubectlJSON = """
    {
        "apiVersion": "v1",
        "items": [
            {
                "apiVersion": "networking.k8s.io/v1",
                "kind": "NetworkPolicy",
                "metadata": {
                    "annotations": {"kubectl.kubernetes.io/last-applied-configuration": "{}"},
                    "creationTimestamp": "2024-05-01T10:00:00Z",
                    "generation": 1,
                    "name": "api",
                    "namespace": "shop",
                    "resourceVersion": "1234",
                    "uid": "6f1c2a9e-0000-4000-8000-000000000000"
                },
                "spec": {
                    "ingress": [{"from": [{"podSelector": {"matchLabels": {"app": "web"}}}], "ports": [{"port": 8080, "protocol": "TCP"}]}],
                    "podSelector": {"matchLabels": {"app": "api"}},
                    "policyTypes": ["Ingress"]
                }
            },
            {
                "apiVersion": "networking.k8s.io/v1",
                "kind": "NetworkPolicy",
                "metadata": {"name": "db", "namespace": "shop"},
                "spec": {
                    "ingress": [{"from": [{"podSelector": {}}]}],
                    "podSelector": {"matchLabels": {"app": "db"}},
                    "policyTypes": ["Ingress"]
                }
            }
        ],
        "kind": "List",
        "metadata": {"resourceVersion": ""}
    }

    """

    func testPoliciesFromKubectlJSON() {
        let contractPath = write("contracts/shop.ramp", contract)
        let policies = write("cluster.json", kubectlJSON)
        let result = runRamp(["test", "--policies", policies, contractPath])
        XCTAssertEqual(result.status, 1)
        let lines = result.output.components(separatedBy: "\n")
        XCTAssertEqual(lines[0], "PASS \(contractPath):8:3 expect allowed shop/web -> shop/api on TCP 8080")
        XCTAssertEqual(lines[1], "FAIL \(contractPath):9:3 expect blocked shop/web -> shop/db on TCP 5432: allowed: a pod of shop/web -> "
            + "a pod of shop/db on TCP 5432; egress: not isolated; ingress: admitted by shop/db ingress[0] (\(policies):27:29)")
        XCTAssertEqual(lines[2], "PASS \(contractPath):10:3 expect allowed internet -> shop/web on TCP 8080", "no manifest isolates web")
        XCTAssertEqual(lines[3], "2 passed, 1 failed")
    }

    func testPoliciesDirectoryWithAwkwardYAML() {
        let contractPath = write("contracts/shop.ramp", contract)
        // Flow mappings, a document marker, comments, a quoted port name, a List inside a List,
        // an empty document, and a README that is not read.
        write("policies/nested/api.yml", """
        # exported by hand
        ---
        apiVersion: v1
        kind: List
        items:
        - apiVersion: v1
          kind: List
          items:
          - {apiVersion: networking.k8s.io/v1, kind: NetworkPolicy,
             metadata: {name: api, namespace: shop},
             spec: {podSelector: {matchLabels: {app: api}}, policyTypes: [Ingress],
                    ingress: [{from: [{podSelector: {matchLabels: {app: web}}}], ports: [{port: "http"}]}]}}
        ---
        """)
        write("policies/web.yaml", """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: web
          namespace: shop
        spec:
          podSelector:
            matchLabels: {app: web}
          ingress:
          - from:
            - ipBlock: {cidr: 0.0.0.0/0}
            - ipBlock:
                cidr: "::/0"
        """)
        write("policies/README.md", "not a manifest")
        let result = runRamp(["test", "--policies", directory.appendingPathComponent("policies").path, contractPath])
        XCTAssertEqual(result.error, "")
        XCTAssertEqual(result.status, 1, "the database is not isolated, so web reaches it")
        XCTAssertEqual(result.output.components(separatedBy: "\n").map { String($0.prefix(4)) }, ["PASS", "FAIL", "PASS", "2 pa", ""])
    }

    func testDecoderErrorsStopBeforeExpectations() {
        let contractPath = write("shop.ramp", contract)
        let policies = write("bad.yaml", """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: api, namespace: shop}
        spec:
          podSelector: {}
          ingres: []
        """)
        let result = runRamp(["test", "--policies", policies, contractPath])
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.output, "")
        XCTAssertTrue(result.error.hasPrefix("\(policies):6:3: error: unknown field 'ingres' in 'spec'; did you mean 'ingress'? [RAMP0552]"), result.error)
    }

    func testSkippedObjectsWarnAndEmptyInputFails() {
        let contractPath = write("shop.ramp", contract)
        let policies = write("apps.yaml", """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: shop}
        """)
        let result = runRamp(["test", "--policies", policies, contractPath])
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.output, "")
        XCTAssertTrue(result.error.contains("ramp: error: no NetworkPolicy objects found in '\(policies)'; pass the files or the "
            + "'kubectl get networkpolicy -A -o yaml' output [RAMP0810]"), result.error)
        XCTAssertTrue(result.error.contains("\(policies):1:1: warning: skipped Deployment 'web' because only NetworkPolicy objects are read [RAMP0811]"),
                      result.error)
    }

    func testDuplicatePolicyIsAnError() {
        let contractPath = write("shop.ramp", contract)
        let object = """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: api, namespace: shop}
        spec: {podSelector: {}}
        """
        let policies = write("twice.yaml", object + "\n---\n" + object + "\n")
        let result = runRamp(["test", "--policies", policies, contractPath])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.error.contains("\(policies):8:18: error: NetworkPolicy 'shop/api' is defined twice; "
            + "the API server keeps one object per namespace and name [RAMP0812]"), result.error)
        XCTAssertTrue(result.error.contains("\(policies):3:18: note: first defined here"), result.error)
    }

    func testMissingPoliciesPathIsAnIOError() {
        let contractPath = write("shop.ramp", contract)
        let missing = directory.appendingPathComponent("absent.yaml").path
        let result = runRamp(["test", "--policies", missing, contractPath])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.error.hasPrefix("ramp: error: cannot read '\(missing)': no such file or directory [RAMP0001]"), result.error)
    }

    func testInvariantsAreProvedOnManifests() {
        let contractPath = write("shop.ramp", contract.replacingOccurrences(of: "  expect allowed internet -> web:http\n", with: "  never web -> db\n"))
        let policies = write("cluster.json", kubectlJSON)
        let result = runRamp(["test", "--policies", policies, contractPath])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.error.contains("\(contractPath):10:3: error: 'never' is violated: the policies allow shop/web to reach shop/db on every port [RAMP0800]"),
                      result.error)
        XCTAssertTrue(result.error.contains("\(policies):27:29: note: this rule admits it (shop/db ingress[0])"), result.error)
    }
}
