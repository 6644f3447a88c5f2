import Foundation
import XCTest

/// Objects whose kind is close to NetworkPolicy, which lint, import and
/// drift would otherwise leave out without a word.
final class MisspeltPolicyKindTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = try temporaryDirectory()
    }

    override func tearDownWithError() throws {
        try FileManager.default.removeItem(at: directory)
    }

    private func write(_ name: String, kind: String) throws -> String {
        let path = directory.appendingPathComponent(name).path
        let manifest = "apiVersion: networking.k8s.io/v1\nkind: \(kind)\nmetadata:\n  name: deny\n  namespace: shop\nspec:\n  podSelector: {}\n"
        try manifest.write(toFile: path, atomically: false, encoding: .utf8)
        return path
    }

    func testLintWarnsOnMisspeltKind() throws {
        let path = try write("typo.yaml", kind: "NetworkPolcy")

        let result = runRamp(["lint", path])

        XCTAssertEqual(result.error, """
        \(path):1:1: warning: skipped object 'deny' of kind 'NetworkPolcy' because only NetworkPolicy objects are read; did you mean 'NetworkPolicy'? [RAMP0811]
        1 | apiVersion: networking.k8s.io/v1
          | ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
        2 | kind: NetworkPolcy
          | ~~~~~~~~~~~~~~~~~~
        ...
        7 |   podSelector: {}
          |   ~~~~~~~~~~~~~~~
        1 warning generated.

        """)
        XCTAssertEqual(result.status, 0)
    }

    /// A NUL byte after the kind is invisible in most editors.
    func testImportWarnsOnKindWithNullByte() throws {
        let path = try write("nul.yaml", kind: "NetworkPolicy\u{0}")

        let result = runRamp(["import", path, "-o", "-"])

        // The only object is skipped, so the import has no policy to write.
        XCTAssertTrue(result.error.hasPrefix(
            "ramp: error: no NetworkPolicy objects found in '\(path)'; pass the files or the 'kubectl get networkpolicy -A -o yaml' output [RAMP0810]\n"
            + "\(path):1:1: warning: skipped object 'deny' of kind 'NetworkPolicy␀' because only NetworkPolicy objects are read; did you mean 'NetworkPolicy'? [RAMP0811]\n"
        ), result.error)
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.output, "")
    }

    func testOtherKindsPassInSilence() throws {
        let path = try write("deployment.yaml", kind: "Deployment")

        let result = runRamp(["lint", path])

        XCTAssertEqual(result.error, "")
        XCTAssertEqual(result.status, 0)
    }
}
