import Foundation
import RampDiagnostics
import RampSource

/// Reads a YAML stream into documents of `YAMLValue` trees with source
/// ranges, the way Kubernetes manifests are written by kubectl, Helm and
/// people: block and flow collections, all scalar styles, comments,
/// several documents, and JSON.
///
/// `read` returns what it could read instead of throwing. A problem is
/// reported through the engine with its position, the document that
/// contains it is marked with `hasErrors`, and reading goes on with the next
/// line or document.
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
    ///
    /// The parser recurses once per nesting level, so it runs on a thread of
    /// its own with `parserStackSize` bytes of stack, whatever the caller's
    /// stack. A 512 KiB thread overflowed at 60 levels in a debug build
    /// (x86-64 Linux, Swift 6.3).
    public func read(_ file: SourceFile, diagnostics: DiagnosticEngine) -> [YAMLSourceDocument] {
        let job = ParseJob(
            parser: YAMLParser(file: file, diagnostics: diagnostics, maximumDepth: maximumDepth, maximumNodeCount: maximumNodeCount)
        )
        let thread = Thread { job.run() }
        thread.stackSize = YAMLReader.parserStackSize
        thread.start()
        job.finished.wait()
        return job.documents
    }

    /// 16 MiB. A debug build read 1,500 nested mappings with it (x86-64
    /// Linux, Swift 6.3).
    public static let parserStackSize = 16 << 20
}

/// One parse handed to the parser's thread.
///
/// It is `@unchecked Sendable` because the calling thread blocks on
/// `finished` from `start()` until `run()` has returned, so the parser, the
/// diagnostic engine and the documents are never used by two threads at once.
private final class ParseJob: @unchecked Sendable {
    let parser: YAMLParser
    let finished = DispatchSemaphore(value: 0)
    var documents: [YAMLSourceDocument] = []

    init(parser: YAMLParser) {
        self.parser = parser
    }

    func run() {
        documents = parser.parseStream()
        finished.signal()
    }
}
