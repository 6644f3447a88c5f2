// MARK: - Block scalars

extension YAMLScanner {
    private enum Chomping {
        /// `-`: no final line break.
        case strip
        /// The default: one final line break.
        case clip
        /// `+`: every trailing line break.
        case keep
    }

    /// The state of folding while the lines of a block scalar are read.
    private struct BlockScalarLines {
        var buffer: [UInt8] = []
        var leadingBreak: [UInt8] = []
        var trailingBreaks: [UInt8] = []
        var leadingBlank = false
    }

    /// Scans a `|` or `>` block scalar whose header starts at `offset`.
    /// `parentIndent` is the indentation of the collection that contains
    /// it, -1 at the document root. Leaves `offset` at the end of the last
    /// content line, so that the caller continues with the lines after it.
    mutating func scanBlockScalar(parentIndent: Int) -> ScannedScalar {
        let start = offset
        let isLiteral = isPeek("|")
        advance()
        let (chomping, explicitIndent) = scanBlockScalarHeader()

        var end = offset
        var resume = (offset, lineStart)
        var lines = BlockScalarLines()
        guard consumeBreak() else {
            return ScannedScalar(scalar: YAMLScalar("", style: isLiteral ? .literal : .folded), start: start, end: end)
        }

        var indent = explicitIndent.map { parentIndent + $0 }
        let leadingIndent = scanBlockScalarBreaks(indent: indent, into: &lines)
        let contentIndent = indent ?? max(leadingIndent, parentIndent + 1, 0)
        indent = contentIndent

        while column == contentIndent, !isAtEnd, !isAtDocumentMarker {
            appendBlockScalarLine(isFolded: !isLiteral, into: &lines)
            end = offset
            resume = (offset, lineStart)
            guard consumeBreak() else { break }
            lines.leadingBreak = [UInt8(ascii: "\n")]
            _ = scanBlockScalarBreaks(indent: contentIndent, into: &lines)
        }

        if chomping != .strip { lines.buffer += lines.leadingBreak }
        if chomping == .keep { lines.buffer += lines.trailingBreaks }
        (offset, lineStart) = resume
        let value = String(decoding: lines.buffer, as: UTF8.self)
        return ScannedScalar(scalar: YAMLScalar(value, style: isLiteral ? .literal : .folded), start: start, end: end)
    }

    /// Reads the chomping and indentation indicators, in either order, and
    /// the comment after them. Anything else on the header line is reported.
    private mutating func scanBlockScalarHeader() -> (Chomping, Int?) {
        var chomping = Chomping.clip
        var explicitIndent: Int?
        var sawChomping = false
        while let byte = peek() {
            if !sawChomping && (byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")) {
                chomping = byte == UInt8(ascii: "+") ? .keep : .strip
                sawChomping = true
            } else if explicitIndent == nil, (UInt8(ascii: "1")...UInt8(ascii: "9")).contains(byte) {
                explicitIndent = Int(byte - UInt8(ascii: "0"))
            } else {
                break
            }
            advance()
        }

        let indicatorsEnd = offset
        skipBlanks()
        if isPeek("#") && offset > indicatorsEnd { skipComment() }
        if !isAtBreakOrEnd {
            let found = describeCurrent()
            problems.append(YAMLProblem(message: .yamlInvalidBlockHeader(found), start: offset, end: offset + 1))
            skipToLineEnd()
        }
        return (chomping, explicitIndent)
    }

    /// Consumes the empty lines before a content line and the indentation of
    /// that line, up to `indent` spaces when it is known. Returns the largest
    /// indentation seen, which sets the content indentation when no
    /// indicator gave it.
    private mutating func scanBlockScalarBreaks(indent: Int?, into lines: inout BlockScalarLines) -> Int {
        var largest = 0
        while true {
            while isPeek(" "), indent.map({ column < $0 }) ?? true { advance() }
            largest = max(largest, column)
            guard !isAtEnd, isAtBreakOrEnd else { return largest }
            lines.trailingBreaks.append(UInt8(ascii: "\n"))
            consumeBreak()
        }
    }

    /// Appends one content line. In a folded scalar, the break between two
    /// lines that do not start with a blank becomes a space, or disappears
    /// when empty lines stand between them.
    private mutating func appendBlockScalarLine(isFolded: Bool, into lines: inout BlockScalarLines) {
        let startsWithBlank = peek().map(YAMLScanner.isBlank) ?? false
        if isFolded && lines.leadingBreak == [UInt8(ascii: "\n")] && !lines.leadingBlank && !startsWithBlank {
            if lines.trailingBreaks.isEmpty { lines.buffer.append(UInt8(ascii: " ")) }
            lines.leadingBreak = []
        } else {
            lines.buffer += lines.leadingBreak
            lines.leadingBreak = []
        }
        lines.buffer += lines.trailingBreaks
        lines.trailingBreaks = []
        lines.leadingBlank = startsWithBlank

        let contentStart = offset
        skipToLineEnd()
        lines.buffer += bytes[contentStart..<offset]
    }
}
