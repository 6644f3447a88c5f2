import RampSource

/// Collects the diagnostics of one compilation.
///
/// Like Go's parser, the engine keeps at most one error per line and
/// position, so that a recovering parser cannot print a cascade of errors
/// about one mistake.
public final class DiagnosticEngine {
    public private(set) var diagnostics: [Diagnostic] = []
    private var errorLines: Set<LineKey> = []

    private struct LineKey: Hashable {
        let path: String
        let line: Int
    }

    public init() {}

    public var errorCount: Int { diagnostics.count { $0.severity == .error } }
    public var hasErrors: Bool { errorCount > 0 }

    public func emit(_ diagnostic: Diagnostic) {
        if diagnostic.severity == .error, let range = diagnostic.range {
            let key = LineKey(path: range.file.path, line: range.file.lineIndex(of: range.start))
            guard errorLines.insert(key).inserted else { return }
        }
        diagnostics.append(diagnostic)
    }

    public func emit(
        _ message: DiagnosticMessage,
        at range: SourceRange?,
        highlights: [Highlight] = [],
        notes: [Note] = [],
        fixIts: [FixIt] = []
    ) {
        emit(Diagnostic(message, at: range, highlights: highlights, notes: notes, fixIts: fixIts))
    }

    /// Returns the diagnostics in reading order: by file, then by position;
    /// diagnostics without a location come first.
    public func sorted() -> [Diagnostic] {
        diagnostics.enumerated().sorted { left, right in
            switch (left.element.range, right.element.range) {
            case (nil, nil): return left.offset < right.offset
            case (nil, _): return true
            case (_, nil): return false
            case let (l?, r?): return l == r ? left.offset < right.offset : l < r
            }
        }.map(\.element)
    }
}
