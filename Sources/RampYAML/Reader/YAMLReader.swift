import RampDiagnostics
import RampSource

/// Reads a YAML stream into documents of `YAMLValue` trees with source
/// ranges, the way Kubernetes manifests are written by kubectl, Helm and
/// people: block and flow collections, all scalar styles, comments,
/// several documents, and JSON.
///
/// Reading never fails as a whole. A problem is reported through the
/// engine with its position, the document that contains it is marked with
/// `hasErrors`, and reading goes on with the next line or document.
///
/// NOTE: explicit keys (`? key`), `%TAG` directives and merge keys (`<<`)
/// are not interpreted. The first two are reported as unsupported, and a
/// merge key reads as an ordinary key.
public struct YAMLReader: Sendable {
    /// Collections nested deeper than this abandon their document with a
    /// diagnostic, which bounds the parser's recursion.
    public var maximumDepth: Int
    /// Nodes a document may contain once its aliases are expanded.
    public var maximumNodeCount: Int

    public init(maximumDepth: Int = 100, maximumNodeCount: Int = 1_000_000) {
        self.maximumDepth = maximumDepth
        self.maximumNodeCount = maximumNodeCount
    }

    /// Reads every document of `file`. An empty stream or one with only
    /// comments has no documents.
    public func read(_ file: SourceFile, diagnostics: DiagnosticEngine) -> [YAMLSourceDocument] {
        let parser = YAMLParser(
            file: file, diagnostics: diagnostics, maximumDepth: maximumDepth, maximumNodeCount: maximumNodeCount
        )
        return parser.parseStream()
    }
}
