import Foundation
import XCTest

/// `generated/` must hold exactly what `ramp build contracts -o generated`
/// produces from the current contracts and compiler.
final class GeneratedOutputTests: XCTestCase {
    func testGeneratedDirectoryIsCurrent() throws {
        let output = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }

        // Run from the repository root so the paths in the headers match.
        let previous = FileManager.default.currentDirectoryPath
        FileManager.default.changeCurrentDirectoryPath(repositoryRoot.path)
        defer { FileManager.default.changeCurrentDirectoryPath(previous) }
        let result = runRamp(["build", "contracts", "-o", output.path])
        XCTAssertEqual(result.status, 0, result.error)

        let committed = repositoryRoot.appendingPathComponent("generated")
        let expectedNames = try FileManager.default.contentsOfDirectory(atPath: output.path).sorted()
        let committedNames = try FileManager.default.contentsOfDirectory(atPath: committed.path).sorted()
        XCTAssertEqual(committedNames, expectedNames, "generated/ is stale: run 'swift run ramp build contracts -o generated'")
        for name in expectedNames {
            let fresh = try String(contentsOf: output.appendingPathComponent(name), encoding: .utf8)
            let current = try? String(contentsOf: committed.appendingPathComponent(name), encoding: .utf8)
            XCTAssertEqual(current, fresh, "generated/\(name) is stale: run 'swift run ramp build contracts -o generated'")
        }
    }
}
