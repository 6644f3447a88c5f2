import Foundation
import XCTest

/// Commands that read manifests from standard input when given `-`.
final class StandardInputTests: XCTestCase {
    private let contract = """
        namespace shop {
          deny all
          service web [app=web] ports http:8080
          service api [app=api] ports http:8080
          web -> api:http
          expect allowed web -> api:http
        }

        """

    /// Isolates every pod of `shop` for ingress and admits nothing.
    private let denyAll = """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: deny
          namespace: shop
        spec:
          podSelector: {}
          policyTypes: [Ingress]

        """

    private var directory: URL!

    override func setUpWithError() throws {
        directory = try temporaryDirectory()
    }

    override func tearDownWithError() throws {
        try FileManager.default.removeItem(at: directory)
    }

    func testTestPoliciesReadsStandardInput() throws {
        let input = directory.appendingPathComponent("shop.ramp").path
        try Data(contract.utf8).write(to: URL(fileURLWithPath: input))

        let result = try withStandardInput(denyAll) { runRamp(["test", input, "--policies", "-"]) }

        XCTAssertEqual(result.output, """
            FAIL \(input):6:3 expect allowed shop/web -> shop/api on TCP 8080: blocked: a pod of shop/web -> a pod of shop/api \
            on TCP 8080 (named 'http'); egress: not isolated; ingress: isolated by shop/deny (<stdin>:4:9), no rule admits it
            0 passed, 1 failed

            """)
        XCTAssertEqual(result.error, "")
        XCTAssertEqual(result.status, 1)
    }

    /// A second read would find standard input empty and test no policies.
    func testTestPoliciesRejectsStandardInputTwice() {
        let result = runRamp(["test", "shop.ramp", "--policies", "-", "--policies", "-"])

        XCTAssertEqual(result.error, "ramp: error: standard input ('-') can be read only once; give '-' once and the other manifests as files\n")
        XCTAssertEqual(result.status, 2)
    }

    func testLintReadsStandardInput() throws {
        let result = try withStandardInput(denyAll.replacingOccurrences(of: "kind: NetworkPolicy", with: "kind: NetworkPolicy\nkind: Service")) {
            runRamp(["lint", "-"])
        }

        XCTAssertEqual(result.error, """
            <stdin>:3:1: error: duplicate mapping key 'kind'; remove or rename one of the entries [RAMP0505]
            3 | kind: Service
              | ^~~~
            <stdin>:2:1: note: first defined at line 2, column 1
            2 | kind: NetworkPolicy
              | ^~~~
            1 error generated.

            """)
        XCTAssertEqual(result.status, 1)
    }
}

/// Runs `body` with the process's standard input reading `text`, and
/// restores the previous standard input afterwards.
func withStandardInput<T>(_ text: String, _ body: () throws -> T) throws -> T {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("ramp-stdin-\(UUID().uuidString)")
    try Data(text.utf8).write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }

    let input = open(file.path, O_RDONLY)
    let saved = dup(STDIN_FILENO)
    guard input >= 0, saved >= 0 else { throw CocoaError(.fileReadUnknown) }
    dup2(input, STDIN_FILENO)
    close(input)
    defer {
        dup2(saved, STDIN_FILENO)
        close(saved)
    }
    return try body()
}
