import RampDiagnostics
import RampSource

/// Builds `YAMLValue` trees from the scanner's pieces, one document at a
/// time, reporting every problem through the diagnostic engine.
///
/// Every loop consumes input or ends, and recovery skips whole lines, so
/// parsing ends on any input. Collections deeper than `maximumDepth`
/// abandon the rest of the document instead of growing the stack.
final class YAMLParser {
    let file: SourceFile
    var scanner: YAMLScanner
    let diagnostics: DiagnosticEngine
    let maximumDepth: Int
    let maximumNodeCount: Int

    // Per document.
    var depth = 0
    var nodeCount = 0
    var anchors: [String: AnchoredNode] = [:]
    var isDocumentAborted = false
    var documentErrorCount = 0
    /// Full-line comments read but not yet given to an entry, item or document.
    var pendingComments: [String] = []

    struct AnchoredNode {
        let value: YAMLValue
        /// Nodes in the anchored subtree, counting aliases inside it expanded.
        let size: Int
    }

    init(file: SourceFile, diagnostics: DiagnosticEngine, maximumDepth: Int, maximumNodeCount: Int) {
        self.file = file
        self.scanner = YAMLScanner(bytes: file.bytes)
        self.diagnostics = diagnostics
        self.maximumDepth = maximumDepth
        self.maximumNodeCount = maximumNodeCount
    }

    // MARK: - Stream

    func parseStream() -> [YAMLSourceDocument] {
        var documents: [YAMLSourceDocument] = []
        while true {
            pendingComments += scanner.skipToNextContentLine()
            drainScannerProblems()
            if scanner.isAtEnd { break }

            if scanner.column == 0 && scanner.isPeek("%") {
                parseDirective()
            } else if scanner.isAtDocumentMarker && scanner.isPeek(".") {
                scanner.advance(3)
                finishLine()
                pendingComments = []
            } else {
                documents.append(parseDocument())
            }
        }
        return documents
    }

    /// Skips `%YAML` and rejects `%TAG`, whose handles ramp does not
    /// resolve. Other directives are reserved and skipped without a message.
    private func parseDirective() {
        let start = scanner.offset
        scanner.skipToken()
        let name = scanner.text(start, scanner.offset)
        if name == "%TAG" {
            report(.yamlUnsupported("the %TAG directive", advice: "write tags in full as '!<tag>' or remove the directive"), start, scanner.offset)
        }
        scanner.skipToLineEnd()
    }

    private func parseDocument() -> YAMLSourceDocument {
        depth = 0
        nodeCount = 0
        anchors = [:]
        isDocumentAborted = false
        documentErrorCount = 0

        let start = scanner.offset
        let (root, comments) = parseDocumentRoot()

        if !isDocumentAborted {
            finishLine()
            pendingComments += scanner.skipToNextContentLine()
        }
        if !isDocumentAborted && !scanner.isAtEnd && !scanner.isAtDocumentMarker {
            report(.yamlExpected("'---' before another document", found: scanner.describeCurrent()), scanner.offset, scanner.offset + 1)
            isDocumentAborted = true
        }
        if isDocumentAborted { skipToDocumentMarker() }
        if scanner.isAtDocumentMarker && scanner.isPeek(".") {
            scanner.advance(3)
            finishLine()
            pendingComments = []
        }
        drainScannerProblems()
        let range = SourceRange(file: file, start: start, end: max(start, root.range.end))
        return YAMLSourceDocument(root: root, comments: comments, range: range, hasErrors: documentErrorCount > 0)
    }

    /// Parses the root after an optional `---`. Comments above `---` belong
    /// to no document, and those between it and the root to this one.
    private func parseDocumentRoot() -> (YAMLValue, [String]) {
        guard scanner.isAtDocumentStart else {
            let comments = takePendingComments()
            return (parseBlockNode(parentIndent: -1, context: .documentRoot), comments)
        }
        pendingComments = []
        scanner.advance(3)
        let markerEnd = scanner.offset
        var probe = scanner
        probe.skipBlanks()
        guard probe.isAtBreakOrEnd || probe.isPeek("#") else {
            return (parseBlockNode(parentIndent: -1, context: .documentRoot), [])
        }
        pendingComments += scanner.skipToNextContentLine()
        if scanner.isAtEnd || scanner.isAtDocumentMarker {
            return (emptyNode(at: markerEnd, properties: .none), takePendingComments())
        }
        let comments = takePendingComments()
        return (parseBlockNode(parentIndent: -1, context: .documentRoot), comments)
    }

    private func skipToDocumentMarker() {
        while !scanner.isAtEnd && !scanner.isAtDocumentMarker {
            scanner.skipToLineEnd()
            scanner.consumeBreak()
        }
        scanner.problems = []
        pendingComments = []
    }

    // MARK: - Lines

    /// Ends the line of a finished node: only blanks and a comment may
    /// follow it. Does nothing when a nested block already moved to the
    /// first content character of a later line.
    func finishLine() {
        if scanner.isAtEnd { return }
        if scanner.isAtLineContentStart, let byte = scanner.peek(), !YAMLScanner.isBlank(byte), !YAMLScanner.isBreak(byte) {
            if byte != UInt8(ascii: "#") { return }
        }
        scanner.skipBlanks()
        scanner.skipComment()
        if !scanner.isAtBreakOrEnd {
            report(.yamlExpected("end of line after the value", found: scanner.describeCurrent()), scanner.offset, scanner.offset + 1)
            scanner.skipToLineEnd()
        }
    }

    func takePendingComments() -> [String] {
        defer { pendingComments = [] }
        return pendingComments
    }

    // MARK: - Reporting

    func report(_ message: DiagnosticMessage, _ start: Int, _ end: Int, notes: [Note] = []) {
        drainScannerProblems()
        emit(Diagnostic(message, at: range(start, min(end, file.bytes.count)), notes: notes))
    }

    /// Turns the scanner's problems into diagnostics. Called before every
    /// parser diagnostic, so that a root cause such as a tab is the one
    /// kept when the engine allows one error per line.
    func drainScannerProblems() {
        let problems = scanner.problems
        scanner.problems = []
        for problem in problems {
            emit(Diagnostic(problem.message, at: range(problem.start, problem.end)))
        }
    }

    private func emit(_ diagnostic: Diagnostic) {
        if diagnostic.severity == .error { documentErrorCount += 1 }
        diagnostics.emit(diagnostic)
    }

    func range(_ start: Int, _ end: Int) -> SourceRange {
        SourceRange(file: file, start: start, end: end)
    }
}
