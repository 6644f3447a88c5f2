import Foundation
import XCTest

@testable import RampDiagnostics

final class RegistryTests: XCTestCase {
    func testCodesAreUnique() {
        let codes = DiagnosticID.all.map(\.code)
        XCTAssertEqual(Set(codes).count, codes.count, "repeated codes: \(duplicates(codes))")
    }

    func testNamesAreUnique() {
        let names = DiagnosticID.all.map(\.name)
        XCTAssertEqual(Set(names).count, names.count, "repeated names: \(duplicates(names))")
    }

    func testCodesAreRAMPAndFourDigits() {
        let format = try! NSRegularExpression(pattern: "^RAMP[0-9]{4}$")
        for id in DiagnosticID.all {
            let code = id.code
            XCTAssertNotNil(format.firstMatch(in: code, range: NSRange(code.startIndex..., in: code)), "malformed code \(code)")
        }
    }

    func testNamesAreKebabCase() {
        let format = try! NSRegularExpression(pattern: "^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
        for name in DiagnosticID.all.map(\.name) {
            XCTAssertNotNil(format.firstMatch(in: name, range: NSRange(name.startIndex..., in: name)), "malformed name \(name)")
        }
    }

    /// Reads every `DiagnosticID(number, "name", …)` in the Catalogue sources,
    /// so that an identity added there but not to `DiagnosticID.all` fails here.
    func testRegistryListsEveryCatalogueDeclaration() throws {
        let catalogue = URL(fileURLWithPath: "\(#filePath)")
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/RampDiagnostics/Catalogue")
        let declaration = try NSRegularExpression(pattern: #"DiagnosticID\(\s*([0-9]+)\s*,\s*"([^"]+)""#)

        var declared: Set<String> = []
        for file in try FileManager.default.contentsOfDirectory(atPath: catalogue.path) where file.hasSuffix(".swift") {
            let source = try String(contentsOf: catalogue.appendingPathComponent(file), encoding: .utf8)
            for match in declaration.matches(in: source, range: NSRange(source.startIndex..., in: source)) {
                let number = source[Range(match.range(at: 1), in: source)!]
                let name = source[Range(match.range(at: 2), in: source)!]
                declared.insert("\(Int(number)!) \(name)")
            }
        }
        let registered = Set(DiagnosticID.all.map { "\($0.number) \($0.name)" })
        XCTAssertGreaterThan(declared.count, 40)
        XCTAssertEqual(declared.subtracting(registered), [], "declared in Catalogue/ but missing from DiagnosticID.all")
        XCTAssertEqual(registered.subtracting(declared), [])
    }

    func testLookupByNameAndCode() {
        XCTAssertEqual(DiagnosticID.named("unknown-service"), .unknownService)
        XCTAssertEqual(DiagnosticID.withCode("ramp0201"), .unknownService)
        XCTAssertNil(DiagnosticID.named("no-such-name"))
        XCTAssertNil(DiagnosticID.withCode("RAMP9999"))
    }

    // MARK: - Explanations

    func testEveryIDHasExplanation() {
        for id in DiagnosticID.all {
            XCTAssertNotNil(Explanations.text(for: id.code), "no explanation for \(id.code) (\(id.name))")
        }
    }

    func testErrorExplanationsHaveExamples() {
        for id in DiagnosticID.all where id.severity == .error {
            let text = Explanations.text(for: id.code) ?? ""
            XCTAssertTrue(text.contains("Erroneous example"), "\(id.code) has no erroneous example")
            XCTAssertTrue(text.contains("Corrected example"), "\(id.code) has no corrected example")
        }
    }

    func testExplanationsHaveClosedCodeBlocks() {
        for id in DiagnosticID.all {
            let fences = (Explanations.text(for: id.code) ?? "").components(separatedBy: "```").count - 1
            XCTAssertEqual(fences % 2, 0, "\(id.code) has an unclosed code block")
        }
    }

    func testExplanationLookupIgnoresCase() {
        let upper = Explanations.text(for: "RAMP0201")
        XCTAssertNotNil(upper)
        XCTAssertEqual(Explanations.text(for: "ramp0201"), upper)
        XCTAssertEqual(Explanations.text(for: "Ramp0201"), upper)
        XCTAssertTrue(upper?.hasPrefix("A dependency names a service that no contract declares.") ?? false)
    }

    func testExplanationLookupRejectsUnknownCodes() {
        XCTAssertNil(Explanations.text(for: "RAMP9999"))
        XCTAssertNil(Explanations.text(for: "E0308"))
        XCTAssertNil(Explanations.text(for: ""))
    }

    func testFirstParagraphJoinsLines() {
        XCTAssertEqual(Explanations.firstParagraph(of: "One rule\nin two lines.\n\nWhy."), "One rule in two lines.")
    }

    private func duplicates(_ values: [String]) -> [String] {
        Dictionary(grouping: values, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted()
    }
}
