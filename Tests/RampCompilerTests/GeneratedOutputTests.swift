import Foundation
import XCTest

/// `generated/` must hold exactly what the README's command,
/// `ramp build --all-environments contracts -o generated`, produces from the
/// current contracts and compiler: the build without an environment at the
/// top, and one subdirectory per declared environment.
final class GeneratedOutputTests: XCTestCase {
    private let command = "swift run ramp build --all-environments contracts -o generated"

    func testGeneratedDirectoryIsCurrent() throws {
        let output = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }

        // Run from the repository root so the paths in the headers match.
        let previous = FileManager.default.currentDirectoryPath
        XCTAssertTrue(FileManager.default.changeCurrentDirectoryPath(repositoryRoot.path))
        defer { _ = FileManager.default.changeCurrentDirectoryPath(previous) }
        let result = runRamp(["build", "--all-environments", "contracts", "-o", output.path])
        XCTAssertEqual(result.status, 0, result.error)

        let committed = repositoryRoot.appendingPathComponent("generated")
        let expectedNames = try relativeFiles(in: output)
        let committedNames = try relativeFiles(in: committed)
        XCTAssertEqual(committedNames, expectedNames, "generated/ is stale: run '\(command)'")
        XCTAssertTrue(expectedNames.contains("staging/storefront.yaml"), "the examples declare a staging environment")
        XCTAssertTrue(expectedNames.contains("production/storefront.yaml"), "the examples declare a production environment")
        for name in expectedNames {
            let fresh = try String(contentsOf: output.appendingPathComponent(name), encoding: .utf8)
            let current = try? String(contentsOf: committed.appendingPathComponent(name), encoding: .utf8)
            XCTAssertEqual(current, fresh, "generated/\(name) is stale: run '\(command)'")
        }
    }

    /// Returns the paths of the files below `directory`, relative to it and sorted.
    private func relativeFiles(in directory: URL) throws -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: directory.path) else { return [] }
        return enumerator.compactMap { $0 as? String }.filter { path in
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: directory.appendingPathComponent(path).path, isDirectory: &isDirectory)
            return !isDirectory.boolValue
        }.sorted()
    }
}
