import Foundation
import XCTest

/// Loads the official SARIF 2.1.0 schema (OASIS, errata 01), kept beside
/// this file so that the tests run in any checkout.
enum SARIFSchema {
    static let fileName = "sarif-schema-2.1.0.json"

    static func load(file: StaticString = #filePath, line: UInt = #line) throws -> [String: Any] {
        let path = URL(fileURLWithPath: "\(#filePath)").deletingLastPathComponent().appendingPathComponent(fileName).path
        guard let data = FileManager.default.contents(atPath: path) else {
            XCTFail("\(path) not found", file: file, line: line)
            throw CocoaError(.fileNoSuchFile)
        }
        return try JSONSerialization.jsonObject(with: data) as! [String: Any]
    }
}
