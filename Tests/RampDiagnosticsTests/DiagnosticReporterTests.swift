import Foundation
import RampSource
import XCTest

@testable import RampDiagnostics

final class DiagnosticReporterTests: XCTestCase {
    private let diagnostics = [Fixtures.unknownPort]

    func testEachFormatUsesItsRenderer() {
        XCTAssertEqual(DiagnosticReporter(format: .text).render(diagnostics).output, TextRenderer().render(diagnostics))
        XCTAssertEqual(DiagnosticReporter(format: .text, color: true).render(diagnostics).output, TextRenderer(colored: true).render(diagnostics))
        XCTAssertEqual(DiagnosticReporter(format: .json).render(diagnostics).output, JSONLinesRenderer().render(diagnostics))
        XCTAssertEqual(DiagnosticReporter(format: .github).render(diagnostics).output, GitHubActionsRenderer().render(diagnostics))
        XCTAssertEqual(
            DiagnosticReporter(format: .sarif, toolVersion: "2.0").render(diagnostics).output,
            SARIFRenderer(toolVersion: "2.0").render(diagnostics)
        )
    }

    func testColorAppliesOnlyToText() {
        let output = DiagnosticReporter(format: .json, color: true).render(diagnostics).output
        XCTAssertFalse(output.contains("\u{1B}"))
    }

    func testReportsWhetherErrorsRemain() {
        XCTAssertTrue(DiagnosticReporter(format: .json).render(diagnostics).hasErrors)
        XCTAssertFalse(DiagnosticReporter(format: .json).render([]).hasErrors)
    }

    func testFormatsParseFromFlagValues() {
        XCTAssertEqual(DiagnosticFormat.allCases.map(\.rawValue), ["text", "json", "sarif", "github"])
        XCTAssertEqual(DiagnosticFormat(rawValue: "sarif"), .sarif)
        XCTAssertNil(DiagnosticFormat(rawValue: "xml"))
    }

    func testErrorLimitNoteInEveryFormat() throws {
        let errors = (1...3).map { Diagnostic(.unknownNamespace("n\($0)"), at: nil) }
        let options = DiagnosticOptions(errorLimit: 1)
        let note = "stopped after 1 error; 2 more errors not shown, use '--error-limit 0' to show all"

        let json = DiagnosticReporter(format: .json, options: options).render(errors).output
        XCTAssertEqual(json.split(separator: "\n").count, 2)
        XCTAssertTrue(json.contains(#""code":"RAMP0054","name":"error-limit-reached","severity":"note","message":"\#(note)""#), json)

        let github = DiagnosticReporter(format: .github, options: options).render(errors).output
        XCTAssertTrue(github.hasSuffix("::notice title=RAMP0054%3A ramp stopped reporting at the error limit::\(note)\n"), github)

        let sarif = DiagnosticReporter(format: .sarif, options: options).render(errors).output
        let validator = JSONSchemaValidator(schema: try SARIFSchema.load())
        XCTAssertEqual(validator.validate(try JSONSerialization.jsonObject(with: Data(sarif.utf8))), [])
        XCTAssertTrue(sarif.contains("\"text\": \"\(note)\""), sarif)
    }

    func testMultiFileNotesInJSON() throws {
        let billing = SourceFile(path: "billing.ramp", text: "namespace billing {\n    service api [app=api]\n}\n")
        let diagnostic = Diagnostic(
            .duplicateService("api", namespace: "shop"),
            at: Fixtures.range(of: "api", in: Fixtures.shop),
            notes: [Note("first declared here", at: Fixtures.range(of: "api", in: billing))]
        )
        let line = DiagnosticReporter(format: .json).render([diagnostic]).output
        let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
        let note = (object["notes"] as! [[String: Any]])[0]
        XCTAssertEqual(object["file"] as? String, "contracts/shop.ramp")
        XCTAssertEqual(note["file"] as? String, "billing.ramp")
        XCTAssertEqual((note["start"] as! [String: Any])["line"] as? Int, 2)
        XCTAssertEqual((note["start"] as! [String: Any])["column"] as? Int, 13)
    }
}
