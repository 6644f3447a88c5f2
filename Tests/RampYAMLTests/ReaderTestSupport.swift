import RampDiagnostics
import RampSource
import RampYAML
import XCTest

/// Reads `text` as `test.yaml` and returns the documents and diagnostics.
func readYAML(_ text: String, reader: YAMLReader = YAMLReader()) -> ([YAMLSourceDocument], [Diagnostic]) {
    let file = SourceFile(path: "test.yaml", text: text)
    let engine = DiagnosticEngine()
    let documents = reader.read(file, diagnostics: engine)
    return (documents, engine.sorted())
}

/// Reads a stream that must have no diagnostics and returns each document
/// rendered by `render`.
func renderYAML(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> [String] {
    let (documents, diagnostics) = readYAML(text)
    XCTAssertEqual(diagnostics.map(describe), [], file: file, line: line)
    return documents.map { render($0.root) }
}

/// Renders a tree compactly with resolved scalars: strings in double
/// quotes, other scalars bare, so that `80` and `"80"` differ.
func render(_ value: YAMLValue) -> String {
    switch value.content {
    case .mapping(let entries):
        return "{" + entries.map { render($0.key) + ": " + render($0.value) }.joined(separator: ", ") + "}"
    case .sequence(let items):
        return "[" + items.map(render).joined(separator: ", ") + "]"
    case .scalar:
        switch value.resolvedScalar! {
        case .null: return "null"
        case .bool(let flag): return String(flag)
        case .int(let number): return String(number)
        case .largeInt(let text): return text
        case .float(let number): return String(number)
        case .string(let text): return ScalarQuoting.doubleQuoted(text)
        }
    }
}

/// `line:column: message [CODE]`, the form the error tests compare.
func describe(_ diagnostic: Diagnostic) -> String {
    guard let range = diagnostic.range else { return diagnostic.message }
    let (line, column) = range.file.lineAndColumn(of: range.start)
    return "\(line):\(column): \(diagnostic.message) [\(diagnostic.id.code)]"
}

/// Reads `text` and describes its diagnostics.
func yamlDiagnostics(_ text: String, reader: YAMLReader = YAMLReader()) -> [String] {
    readYAML(text, reader: reader).1.map(describe)
}

/// `line:column` of the start of a range.
func position(_ range: SourceRange) -> String {
    let (line, column) = range.file.lineAndColumn(of: range.start)
    return "\(line):\(column)"
}
