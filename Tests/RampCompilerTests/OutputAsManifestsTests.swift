import Foundation
import XCTest

/// The output directory of `ramp build --source-map`, given as it is to the
/// commands that read NetworkPolicy manifests.
final class OutputAsManifestsTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = try temporaryDirectory()
        let contract = """
            namespace shop {
              deny all
              service web [app=web] ports http:8080
              service api [app=api] ports http:8080
              internet -> web:http
              web -> api:http
            }

            """
        try contract.write(to: directory.appendingPathComponent("shop.ramp"), atomically: false, encoding: .utf8)
        let build = runRamp(["build", path("shop.ramp"), "-o", path("out"), "--source-map"])
        XCTAssertEqual(build.status, 0, build.error)
    }

    override func tearDownWithError() throws {
        try FileManager.default.removeItem(at: directory)
    }

    private func path(_ name: String) -> String {
        directory.appendingPathComponent(name).path
    }

    func testLintSkipsSourceMaps() {
        let result = runRamp(["lint", path("out")])

        XCTAssertEqual(result.error, "")
        XCTAssertEqual(result.status, 0)
    }

    func testDriftSkipsSourceMaps() {
        let result = runRamp(["drift", path("shop.ramp"), "--live", path("out")])

        XCTAssertEqual(result.error, "")
        XCTAssertEqual(result.output, "no drift: the cluster allows exactly the connections that the contracts allow\n")
        XCTAssertEqual(result.status, 0)
    }

    func testTestPoliciesSkipsSourceMaps() {
        let result = runRamp(["test", path("shop.ramp"), "--policies", path("out")])

        XCTAssertEqual(result.error, "")
        XCTAssertEqual(result.output, "0 passed, 0 failed\n")
        XCTAssertEqual(result.status, 0)
    }

    /// A linked output directory is searched as the directory itself.
    func testTestPoliciesFollowsLinkedDirectory() throws {
        try FileManager.default.createSymbolicLink(atPath: path("linked"), withDestinationPath: "out")

        let result = runRamp(["test", path("shop.ramp"), "--policies", path("linked")])

        XCTAssertEqual(result.error, "")
        XCTAssertEqual(result.output, "0 passed, 0 failed\n")
        XCTAssertEqual(result.status, 0)
    }

    /// Only a file that starts as ramp's maps do is skipped.
    func testOtherMapNamedFileIsRead() throws {
        let other = path("out/other.yaml.map.json")
        try #"{"kind": "NetworkPolicy"}"#.write(toFile: other, atomically: false, encoding: .utf8)

        let result = runRamp(["lint", path("out")])

        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.error.hasPrefix("\(other):1:1: error: missing required field 'apiVersion' in the object [RAMP0553]\n"), result.error)
    }
}
