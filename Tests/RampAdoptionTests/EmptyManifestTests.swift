import Foundation
import XCTest

/// The warning for a manifest file without any object, from each command
/// that reads NetworkPolicy or workload files.
final class EmptyManifestTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = try temporaryDirectory()
    }

    override func tearDownWithError() throws {
        try FileManager.default.removeItem(at: directory)
    }

    private func writeFile(_ name: String, _ text: String) throws -> String {
        let url = directory.appendingPathComponent(name)
        try text.write(to: url, atomically: false, encoding: .utf8)
        return url.path
    }

    private func expectedWarning(_ path: String, expected: String = "NetworkPolicy") -> String {
        "ramp: warning: '\(path)' contains no \(expected) because it is empty or contains only comments and '---'; "
            + "check that the path names the intended file [RAMP0006]\n"
    }

    private let policy = """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: deny-ingress
          namespace: shop
        spec:
          podSelector: {}
          policyTypes: [Ingress]

        """

    func testLintWarnsOnEmptyFiles() throws {
        for (name, text) in [("empty.yaml", ""), ("comments.yaml", "# exported by hand\n"), ("separators.yaml", "---\n# nothing\n---\n")] {
            let path = try writeFile(name, text)
            let result = runRamp(["lint", path])
            XCTAssertEqual(result.status, 0, name)
            XCTAssertEqual(result.error, expectedWarning(path) + "1 warning generated.\n", name)
        }
    }

    func testLintWarningCanBeSilenced() throws {
        let path = try writeFile("empty.yaml", "")
        let result = runRamp(["lint", path, "-W", "no-empty-manifest"])
        XCTAssertEqual(result.status, 0)
        XCTAssertEqual(result.error, "")
    }

    func testEmptyListIsNoWarning() throws {
        let path = try writeFile("export.yaml", "apiVersion: v1\nkind: List\nitems: []\n")
        let result = runRamp(["lint", path])
        XCTAssertEqual(result.status, 0)
        XCTAssertEqual(result.error, "")
    }

    /// A contract of no policies would declare no namespace and not
    /// compile, so the import writes nothing.
    func testImportOfEmptyFileFails() throws {
        let path = try writeFile("empty.yaml", "")
        let output = directory.appendingPathComponent("imported.ramp").path
        let result = runRamp(["import", path, "-o", output])
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.error, expectedWarning(path) + noPolicies(path) + "1 error and 1 warning generated.\n")
        XCTAssertEqual(result.output, "")
        XCTAssertFalse(FileManager.default.fileExists(atPath: output))
    }

    func testImportOfOtherKindsFails() throws {
        let path = try writeFile("deployment.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n")
        let output = directory.appendingPathComponent("imported.ramp").path
        let result = runRamp(["import", path, "-o", output])
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.error, noPolicies(path) + "1 error generated.\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: output))
    }

    private func noPolicies(_ path: String) -> String {
        "ramp: error: no NetworkPolicy objects found in '\(path)'; pass the files or the 'kubectl get networkpolicy -A -o yaml' output [RAMP0810]\n"
    }

    func testDriftWarnsOnEmptyLiveFile() throws {
        let live = try writeFile("cluster.yaml", "---\n")
        let contracts = try writeFile("shop.ramp", "namespace shop {\n  deny all\n  service web [app=web] ports 8080\n  internet -> web:8080\n}\n")
        let result = runRamp(["drift", contracts, "--live", live, "--diagnostics-format", "json"])
        XCTAssertEqual(result.status, 1)
        let warnings = result.output.split(separator: "\n").filter { $0.contains("\"RAMP0006\"") }
        XCTAssertEqual(warnings, [
            """
            {"file":null,"start":null,"end":null,"code":"RAMP0006","name":"empty-manifest","severity":"warning",\
            "message":"'\(live)' contains no NetworkPolicy because it is empty or contains only comments and '---'; \
            check that the path names the intended file","highlights":[],"notes":[],"fixIts":[]}
            """,
        ])
    }

    func testLintWarnsOnEmptyWorkloads() throws {
        let policies = try writeFile("policies.yaml", policy)
        let workloads = try writeFile("workloads.yaml", "# kubectl get deployments failed\n---\n")
        let result = runRamp(["lint", policies, "--workloads", workloads])
        XCTAssertEqual(result.status, 0)
        XCTAssertEqual(result.error, expectedWarning(workloads, expected: "Kubernetes object") + "1 warning generated.\n")
    }

    /// A misspelt kind leaves the workload checks with nothing to read.
    func testLintWarnsOnWorkloadsWithoutWorkloads() throws {
        let policies = try writeFile("policies.yaml", policy)
        let workloads = try writeFile("workloads.yaml", "kind: Deploymnt\nmetadata: {name: web}\n")
        let result = runRamp(["lint", policies, "--workloads", workloads])
        XCTAssertEqual(result.status, 0)
        XCTAssertEqual(
            result.error,
            "ramp: warning: '\(workloads)' contains no workload, Service or Namespace that ramp reads, so the checks that use workloads "
                + "have nothing to check; check that the path names the intended file and that each object has a 'kind' and a 'metadata.name' "
                + "[RAMP0006]\n1 warning generated.\n"
        )
    }

    func testLintReadsWorkloadsWithoutWarning() throws {
        let policies = try writeFile("policies.yaml", policy)
        let workloads = try writeFile("workloads.yaml", "kind: Service\nmetadata: {name: web, namespace: shop}\nspec: {selector: {app: web}}\n")
        let result = runRamp(["lint", policies, "--workloads", workloads])
        XCTAssertEqual(result.status, 0)
        XCTAssertEqual(result.error, "")
    }

    func testImportWarnsOnEmptyWorkloads() throws {
        let policies = try writeFile("policies.yaml", policy)
        let workloads = try writeFile("workloads.yaml", "")
        let output = directory.appendingPathComponent("imported.ramp").path
        let result = runRamp(["import", policies, "-o", output, "--workloads", workloads])
        XCTAssertEqual(result.status, 0)
        XCTAssertEqual(result.error, expectedWarning(workloads, expected: "Kubernetes object") + "1 warning generated.\n")
        XCTAssertEqual(result.output, "wrote a contract for 1 NetworkPolicy to \(output)\n")
    }

    func testTestPoliciesWarnsOnEmptyFile() throws {
        let contracts = try writeFile("shop.ramp", "namespace shop {\n  deny all\n  service web [app=web] ports 8080\n  internet -> web:8080\n}\n")
        let policies = try writeFile("policies.yaml", policy)
        let empty = try writeFile("empty.yaml", "---\n")
        let result = runRamp(["test", contracts, "--policies", empty, "--policies", policies])
        XCTAssertEqual(result.status, 0)
        XCTAssertEqual(result.error, expectedWarning(empty) + "1 warning generated.\n")
        XCTAssertEqual(result.output, "0 passed, 0 failed\n")

        let silenced = runRamp(["test", contracts, "--policies", empty, "--policies", policies, "-W", "no-empty-manifest"])
        XCTAssertEqual(silenced.status, 0)
        XCTAssertEqual(silenced.error, "")
    }

    func testTestPoliciesOnlyEmptyFile() throws {
        let contracts = try writeFile("shop.ramp", "namespace shop {\n  deny all\n  service web [app=web] ports 8080\n  internet -> web:8080\n}\n")
        let empty = try writeFile("empty.yaml", "")
        let result = runRamp(["test", contracts, "--policies", empty])
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(
            result.error,
            expectedWarning(empty)
                + "ramp: error: no NetworkPolicy objects found in '\(empty)'; pass the files or the 'kubectl get networkpolicy -A -o yaml' output [RAMP0810]\n"
                + "1 error and 1 warning generated.\n"
        )
    }
}
