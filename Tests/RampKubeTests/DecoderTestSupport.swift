import RampDiagnostics
import RampKube
import RampSource
import RampYAML
import XCTest

/// Decodes `text` as `policy.yaml` and returns the result with the
/// diagnostics as `line:column: message [code]`.
func decodeManifest(_ text: String, decoder: NetworkPolicyDecoder = NetworkPolicyDecoder()) -> (NetworkPolicyDecodingResult, [String]) {
    let file = SourceFile(path: "policy.yaml", text: text)
    let engine = DiagnosticEngine()
    let result = decoder.decode(file, diagnostics: engine)
    return (result, engine.sorted().map(describe))
}

/// Decodes a manifest that must have no diagnostics and returns its policies.
func decodePolicies(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> [NetworkPolicy] {
    let (result, diagnostics) = decodeManifest(text)
    XCTAssertEqual(diagnostics, [], file: file, line: line)
    return result.policies.map(\.policy)
}

/// Decodes a manifest and describes its diagnostics.
func manifestDiagnostics(_ text: String) -> [String] {
    decodeManifest(text).1
}

func describe(_ diagnostic: Diagnostic) -> String {
    guard let range = diagnostic.range else { return diagnostic.message }
    return "\(position(range)): \(diagnostic.message) [\(diagnostic.id.code)]"
}

func position(_ range: SourceRange?) -> String {
    guard let range else { return "nil" }
    let (line, column) = range.file.lineAndColumn(of: range.start)
    return "\(line):\(column)"
}

/// Wraps a spec body, indented by two spaces, in a NetworkPolicy object.
func policyManifest(spec: String) -> String {
    """
    apiVersion: networking.k8s.io/v1
    kind: NetworkPolicy
    metadata:
      name: web
      namespace: shop
    spec:
    \(spec)
    """
}
