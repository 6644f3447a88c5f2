import Foundation
import XCTest

/// Two NetworkPolicies with one namespace and name, given to each command
/// that reads manifests.
final class DuplicatePoliciesTests: XCTestCase {
    private var directory: URL!
    private var manifests: String!
    private var contract: String!

    private let policy = """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: deny
          namespace: shop
        spec:
          podSelector: {}
          policyTypes:
          - Ingress

        """

    override func setUpWithError() throws {
        directory = try temporaryDirectory()
        manifests = directory.appendingPathComponent("policies.yaml").path
        try (policy + "---\n" + policy).write(toFile: manifests, atomically: false, encoding: .utf8)
        contract = directory.appendingPathComponent("shop.ramp").path
        try "namespace shop {\n  deny ingress\n}\n".write(toFile: contract, atomically: false, encoding: .utf8)
    }

    override func tearDownWithError() throws {
        try FileManager.default.removeItem(at: directory)
    }

    private var expectedError: String {
        """
        \(manifests!):14:9: error: NetworkPolicy 'shop/deny' is defined twice; the API server keeps one object per namespace and name [RAMP0812]
        14 |   name: deny
           |         ^~~~
        \(manifests!):4:9: note: first defined here
        4 |   name: deny
          |         ^~~~
        1 error generated.

        """
    }

    func testLintReportsDuplicate() {
        let result = runRamp(["lint", manifests])

        XCTAssertEqual(result.error, expectedError)
        XCTAssertEqual(result.status, 1)
    }

    func testDriftReportsDuplicate() {
        let result = runRamp(["drift", contract, "--live", manifests])

        XCTAssertEqual(result.error, expectedError)
        XCTAssertEqual(result.output, "")
        XCTAssertEqual(result.status, 1)
    }

    func testImportReportsDuplicate() {
        let output = directory.appendingPathComponent("imported.ramp").path

        let result = runRamp(["import", manifests, "-o", output])

        XCTAssertEqual(result.error, expectedError)
        XCTAssertEqual(result.status, 1)
        XCTAssertFalse(FileManager.default.fileExists(atPath: output))
    }
}
