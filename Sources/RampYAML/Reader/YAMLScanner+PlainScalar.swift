/// Where a plain scalar appears, which decides where it ends.
enum PlainScalarContext {
    /// An implicit key of a block mapping: one line only.
    case blockKey
    /// A value in a block collection whose indentation is `parentIndent`;
    /// continuation lines must be indented further.
    case block(parentIndent: Int)
    /// Inside `[...]` or `{...}`, where flow indicators end the scalar.
    case flow

    var isFlow: Bool {
        if case .flow = self { return true }
        return false
    }
}

// MARK: - Plain scalars

extension YAMLScanner {
    /// True when a plain scalar may start at `offset`: not at an indicator,
    /// except `-`, `?` and `:` directly followed by a character that is not
    /// a separator (or, in flow context, a flow indicator).
    func canStartPlainScalar(inFlow: Bool) -> Bool {
        guard let byte = peek(), !YAMLScanner.isBlank(byte), !YAMLScanner.isBreak(byte) else { return false }
        switch byte {
        case UInt8(ascii: "-"), UInt8(ascii: "?"), UInt8(ascii: ":"):
            guard !isSeparator(1) else { return false }
            return !(inFlow && YAMLScanner.isFlowIndicator(peek(1)!))
        case UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"),
             UInt8(ascii: "#"), UInt8(ascii: "&"), UInt8(ascii: "*"), UInt8(ascii: "!"), UInt8(ascii: "|"),
             UInt8(ascii: ">"), UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "%"), UInt8(ascii: "@"),
             UInt8(ascii: "`"):
            return false
        default:
            return true
        }
    }

    /// Scans a plain scalar that starts at `offset`. Line breaks inside it
    /// fold: one break becomes a space and each further one a newline.
    mutating func scanPlainScalar(_ context: PlainScalarContext) -> ScannedScalar {
        let start = offset
        var buffer: [UInt8] = []
        while true {
            scanPlainLine(inFlow: context.isFlow, into: &buffer)
            if case .blockKey = context { break }

            var probe = self
            probe.skipBlanks()
            guard !probe.isAtEnd, probe.isAtBreakOrEnd else { break }
            var lineBreaks = 0
            while probe.consumeBreak() {
                lineBreaks += 1
                if probe.isAtDocumentMarker { break }
                probe.skipBlanks()
            }
            guard probe.canContinuePlainScalar(context) else { break }

            buffer += lineBreaks == 1 ? [UInt8(ascii: " ")] : Array(repeating: UInt8(ascii: "\n"), count: lineBreaks - 1)
            self = probe
        }
        let value = String(decoding: buffer, as: UTF8.self)
        return ScannedScalar(scalar: YAMLScalar(value, style: .plain), start: start, end: offset)
    }

    /// Appends the text of one line of a plain scalar, leaving `offset` at
    /// the end of its last non-blank character.
    private mutating func scanPlainLine(inFlow: Bool, into buffer: inout [UInt8]) {
        while let byte = peek(), !YAMLScanner.isBreak(byte) {
            if YAMLScanner.isBlank(byte) {
                var next = offset
                while next < bytes.count, YAMLScanner.isBlank(bytes[next]) { next += 1 }
                if next == bytes.count || YAMLScanner.isBreak(bytes[next]) || bytes[next] == UInt8(ascii: "#") { return }
                if isPlainTerminator(at: next, inFlow: inFlow) { return }
                buffer += bytes[offset..<next]
                offset = next
                continue
            }
            if isPlainTerminator(at: offset, inFlow: inFlow) { return }
            buffer.append(byte)
            offset += 1
        }
    }

    /// True at `: ` (or `:` before a flow indicator in flow context) and,
    /// in flow context, at a flow indicator.
    private func isPlainTerminator(at index: Int, inFlow: Bool) -> Bool {
        let byte = bytes[index]
        if inFlow && YAMLScanner.isFlowIndicator(byte) { return true }
        guard byte == UInt8(ascii: ":") else { return false }
        let next = index + 1
        if next >= bytes.count || YAMLScanner.isBlank(bytes[next]) || YAMLScanner.isBreak(bytes[next]) { return true }
        return inFlow && YAMLScanner.isFlowIndicator(bytes[next])
    }

    /// Decides whether the line at `offset` continues a plain scalar. In
    /// block context it must be indented past the parent and must not be a
    /// `key: value` line, which belongs to a mapping and not to the scalar.
    private func canContinuePlainScalar(_ context: PlainScalarContext) -> Bool {
        guard let byte = peek(), !isAtDocumentMarker, byte != UInt8(ascii: "#") else { return false }
        if isPlainTerminator(at: offset, inFlow: context.isFlow) { return false }
        switch context {
        case .blockKey:
            return false
        case .flow:
            return true
        case .block(let parentIndent):
            return column > parentIndent && !isAtImplicitKey()
        }
    }

    // MARK: - Implicit keys

    /// Looks ahead on the current line for an implicit mapping key: optional
    /// anchor and tag, a one-line scalar or alias, then `:` and a separator.
    /// `?` followed by a separator also counts, so that the caller can
    /// report explicit keys.
    func isAtImplicitKey() -> Bool {
        var probe = self
        if probe.isPeek("?") && probe.isSeparator(1) { return true }
        while probe.isPeek("&") || probe.isPeek("!") {
            probe.skipToken()
            probe.skipBlanks()
        }
        switch probe.peek() {
        case UInt8(ascii: "\"")?, UInt8(ascii: "'")?:
            guard probe.scanQuotedScalar(singleLine: true) != nil else { return false }
        case UInt8(ascii: "*")?:
            probe.skipToken()
        default:
            guard probe.canStartPlainScalar(inFlow: false) else { return false }
            _ = probe.scanPlainScalar(.blockKey)
        }
        probe.skipBlanks()
        return probe.isPeek(":") && probe.isSeparator(1)
    }

    /// Moves past the characters up to the next separator or flow indicator,
    /// as in an anchor, alias or tag.
    mutating func skipToken() {
        advance()
        while let byte = peek(), !YAMLScanner.isBlank(byte), !YAMLScanner.isBreak(byte), !YAMLScanner.isFlowIndicator(byte) {
            offset += 1
        }
    }
}
