import RampSource

extension YAMLScanner {
    // MARK: - Quoted scalars

    /// Scans a single- or double-quoted scalar that starts at `offset`.
    /// Returns nil, for lookahead, when `singleLine` is set and the scalar
    /// does not close on its line. An unterminated scalar is otherwise
    /// reported and ends at the end of the file or at a document marker.
    mutating func scanQuotedScalar(singleLine: Bool) -> ScannedScalar? {
        let start = offset
        let isSingle = isPeek("'")
        advance()
        var buffer: [UInt8] = []
        while let byte = peek() {
            if isSingle && byte == UInt8(ascii: "'") {
                if isPeek("'", 1) {
                    buffer.append(byte)
                    advance(2)
                    continue
                }
                advance()
                return quotedScalar(buffer, isSingle: isSingle, start: start)
            }
            if !isSingle && byte == UInt8(ascii: "\"") {
                advance()
                return quotedScalar(buffer, isSingle: isSingle, start: start)
            }
            if !isSingle && byte == UInt8(ascii: "\\") && peek(1).map(YAMLScanner.isBreak) == true {
                if singleLine { return nil }
                advance()
                guard foldQuotedLines(into: &buffer, escapedBreak: true) else { break }
                continue
            }
            if !isSingle && byte == UInt8(ascii: "\\") {
                scanEscape(into: &buffer)
                continue
            }
            if YAMLScanner.isBlank(byte) || YAMLScanner.isBreak(byte) {
                let blanksStart = offset
                skipBlanks()
                if isAtEnd { break }
                if !isAtBreakOrEnd {
                    buffer += bytes[blanksStart..<offset]
                    continue
                }
                if singleLine { return nil }
                guard foldQuotedLines(into: &buffer, escapedBreak: false) else { break }
                continue
            }
            buffer.append(byte)
            advance()
        }
        if singleLine { return nil }
        problems.append(YAMLProblem(message: .yamlUnterminatedScalar(quote: isSingle ? "'" : "\""), start: start, end: start + 1))
        return quotedScalar(buffer, isSingle: isSingle, start: start)
    }

    private func quotedScalar(_ buffer: [UInt8], isSingle: Bool, start: Int) -> ScannedScalar {
        let value = String(decoding: buffer, as: UTF8.self)
        return ScannedScalar(scalar: YAMLScalar(value, style: isSingle ? .singleQuoted : .doubleQuoted), start: start, end: offset)
    }

    /// Consumes the line breaks at `offset` and the blanks that start the
    /// following lines. One break folds to a space, unless escaped, and
    /// each further break is a newline. Returns false at a document marker.
    private mutating func foldQuotedLines(into buffer: inout [UInt8], escapedBreak: Bool) -> Bool {
        var lineBreaks = 0
        while consumeBreak() {
            lineBreaks += 1
            if isAtDocumentMarker { return false }
            skipBlanks()
        }
        let newlines = lineBreaks - 1
        if newlines == 0 && !escapedBreak {
            buffer.append(UInt8(ascii: " "))
        } else {
            buffer += Array(repeating: UInt8(ascii: "\n"), count: newlines)
        }
        return true
    }

    // MARK: - Escapes

    private static let simpleEscapes: [UInt8: Unicode.Scalar] = [
        UInt8(ascii: "0"): "\u{00}", UInt8(ascii: "a"): "\u{07}", UInt8(ascii: "b"): "\u{08}",
        UInt8(ascii: "t"): "\t", UInt8(ascii: "\t"): "\t", UInt8(ascii: "n"): "\n",
        UInt8(ascii: "v"): "\u{0B}", UInt8(ascii: "f"): "\u{0C}", UInt8(ascii: "r"): "\r",
        UInt8(ascii: "e"): "\u{1B}", UInt8(ascii: " "): " ", UInt8(ascii: "\""): "\"",
        UInt8(ascii: "/"): "/", UInt8(ascii: "\\"): "\\", UInt8(ascii: "N"): "\u{85}",
        UInt8(ascii: "_"): "\u{A0}", UInt8(ascii: "L"): "\u{2028}", UInt8(ascii: "P"): "\u{2029}",
    ]

    private static let hexEscapeLengths: [UInt8: Int] = [UInt8(ascii: "x"): 2, UInt8(ascii: "u"): 4, UInt8(ascii: "U"): 8]

    /// Appends the character of the escape sequence at `offset` (a `\`).
    /// An invalid sequence is reported and its characters are kept as written.
    private mutating func scanEscape(into buffer: inout [UInt8]) {
        let start = offset
        advance()
        guard let code = peek() else {
            problems.append(YAMLProblem(message: .yamlInvalidEscape("\\"), start: start, end: offset))
            return
        }
        if let scalar = YAMLScanner.simpleEscapes[code] {
            advance()
            buffer += Array(String(scalar).utf8)
            return
        }
        if let length = YAMLScanner.hexEscapeLengths[code] {
            scanHexEscape(start: start, length: length, into: &buffer)
            return
        }
        advance(SourceFile.scalarLength(leadingByte: code))
        problems.append(YAMLProblem(message: .yamlInvalidEscape(text(start, offset)), start: start, end: offset))
        buffer += bytes[start..<offset]
    }

    private mutating func scanHexEscape(start: Int, length: Int, into buffer: inout [UInt8]) {
        advance()
        var digits = 0
        while digits < length, let byte = peek(), Character(Unicode.Scalar(byte)).isHexDigit {
            digits += 1
            advance()
        }
        let hex = text(start + 2, offset)
        if digits == length, let value = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(value) {
            buffer += Array(String(scalar).utf8)
            return
        }
        problems.append(YAMLProblem(message: .yamlInvalidEscape(text(start, offset)), start: start, end: offset))
        buffer += bytes[start..<offset]
    }
}
