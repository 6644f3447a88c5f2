import Foundation
import XCTest

/// Loads the official SARIF 2.1.0 schema from `shared/schemas`, which sits
/// beside the repository in a checkout and beside a worktree's parent
/// directories on a developer machine, so the directories above this file
/// are searched in turn.
enum SARIFSchema {
    static let relativePath = "shared/schemas/sarif-schema-2.1.0.json"

    static func load(file: StaticString = #filePath, line: UInt = #line) throws -> [String: Any] {
        var directory = URL(fileURLWithPath: "\(#filePath)").deletingLastPathComponent()
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent(relativePath)
            if let data = FileManager.default.contents(atPath: candidate.path) {
                return try JSONSerialization.jsonObject(with: data) as! [String: Any]
            }
            directory.deleteLastPathComponent()
        }
        XCTFail("\(relativePath) not found in any directory above \(#filePath)", file: file, line: line)
        throw CocoaError(.fileNoSuchFile)
    }
}
