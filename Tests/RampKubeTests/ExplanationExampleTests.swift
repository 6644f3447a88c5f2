import RampDiagnostics
import RampKube
import RampSource
import XCTest

/// Decodes the `yaml` examples in the explanation of every RAMP05xx code with
/// `NetworkPolicyDecoder`, which reads them with `YAMLReader`. The erroneous
/// example must produce its code and no other, and the corrected example
/// must decode to a NetworkPolicy without any diagnostic.
final class ExplanationExampleTests: XCTestCase {
    /// Codes whose erroneous example cannot be decoded as written, each with the reason.
    private static let undecodableErroneousExamples: [String: String] = [
        "RAMP0507": "the example shortens its 101 nested sequences with '…' to fit on a line, "
            + "so ReaderLimitTests checks the limit instead",
    ]

    private var manifestIDs: [DiagnosticID] {
        DiagnosticID.all.filter { (500..<600).contains($0.number) }
    }

    func testManifestCodesAreFound() {
        XCTAssertGreaterThanOrEqual(manifestIDs.count, 32)
    }

    func testErroneousExamplesProduceTheirCode() throws {
        for id in manifestIDs where Self.undecodableErroneousExamples[id.code] == nil {
            let example = try XCTUnwrap(yamlExample(after: "Erroneous example", for: id), "\(id.code) has no erroneous yaml example")
            let (_, diagnostics) = decode(example, code: id.code)
            let codes = Set(diagnostics.map(\.id.code))
            XCTAssertTrue(codes.contains(id.code), "\(id.code) erroneous example produced \(described(diagnostics))")
            XCTAssertEqual(codes.subtracting([id.code]), [], "\(id.code) erroneous example produced other codes: \(described(diagnostics))")
        }
    }

    func testExemptCodesHaveErroneousExample() {
        for code in Self.undecodableErroneousExamples.keys {
            let id = DiagnosticID.withCode(code)
            XCTAssertNotNil(id, "\(code) is not a diagnostic code")
            XCTAssertNotNil(id.flatMap { yamlExample(after: "Erroneous example", for: $0) }, "\(code) has no erroneous yaml example")
        }
    }

    func testCorrectedExamplesDecodeCleanly() throws {
        for id in manifestIDs {
            let example = try XCTUnwrap(yamlExample(after: "Corrected example", for: id), "\(id.code) has no corrected yaml example")
            let (result, diagnostics) = decode(example, code: id.code)
            XCTAssertEqual(described(diagnostics), [], "\(id.code) corrected example")
            XCTAssertEqual(result.policies.count, 1, "\(id.code) corrected example decodes to \(result.policies.count) policies")
        }
    }

    // MARK: - Helpers

    private func decode(_ text: String, code: String) -> (NetworkPolicyDecodingResult, [Diagnostic]) {
        let engine = DiagnosticEngine()
        let file = SourceFile(path: "\(code).yaml", text: text)
        let result = NetworkPolicyDecoder().decode(file, diagnostics: engine)
        return (result, engine.sorted())
    }

    private func described(_ diagnostics: [Diagnostic]) -> [String] {
        diagnostics.map { describe($0) }
    }

    /// Returns the body of the first ```` ```yaml ```` block between the
    /// paragraph that starts with `heading` and the next example heading,
    /// with a final line break.
    private func yamlExample(after heading: String, for id: DiagnosticID) -> String? {
        guard let text = Explanations.text(for: id.code), let headingRange = text.range(of: "\n\n" + heading) else { return nil }
        var rest = text[headingRange.upperBound...]
        for nextHeading in ["\n\nErroneous example", "\n\nCorrected example"] {
            if let next = rest.range(of: nextHeading) { rest = rest[..<next.lowerBound] }
        }
        guard let open = rest.range(of: "```yaml\n") else { return nil }
        let body = rest[open.upperBound...]
        guard let close = body.range(of: "```") else { return nil }
        return String(body[..<close.lowerBound])
    }
}
