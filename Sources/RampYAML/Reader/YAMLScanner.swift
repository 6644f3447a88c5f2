import RampDiagnostics

/// A problem the scanner found, kept until the parser turns it into a
/// diagnostic. Offsets are bytes into the file.
struct YAMLProblem {
    let message: DiagnosticMessage
    let start: Int
    let end: Int
}

/// A scalar as scanned, with the byte range of its text.
struct ScannedScalar {
    let scalar: YAMLScalar
    let start: Int
    let end: Int
}

/// A cursor over the bytes of one YAML file and the scanning of its
/// lexical pieces: blanks, comments, line breaks, indicators and scalars.
///
/// It is a value type so that the parser can look ahead by copying it and
/// discarding the copy. It reports nothing itself: problems are collected
/// in `problems` for the parser to emit.
struct YAMLScanner {
    let bytes: [UInt8]
    var offset = 0
    /// Offset of the first byte of the line that contains `offset`.
    var lineStart = 0
    var problems: [YAMLProblem] = []

    init(bytes: [UInt8]) {
        self.bytes = bytes
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            offset = 3
            lineStart = 3
        }
    }

    // MARK: - Position

    var isAtEnd: Bool { offset >= bytes.count }

    /// The 0-based column of `offset` in bytes. Indentation is spaces, so up
    /// to the first content character it is also the column in characters.
    var column: Int { offset - lineStart }

    func peek(_ distance: Int = 0) -> UInt8? {
        let index = offset + distance
        return index < bytes.count ? bytes[index] : nil
    }

    func isPeek(_ character: Unicode.Scalar, _ distance: Int = 0) -> Bool {
        peek(distance) == UInt8(ascii: character)
    }

    /// Moves past one byte that is not a line break.
    mutating func advance(_ count: Int = 1) {
        offset = min(offset + count, bytes.count)
    }

    /// True when only blanks precede `offset` on its line.
    var isAtLineContentStart: Bool {
        bytes[lineStart..<offset].allSatisfy(YAMLScanner.isBlank)
    }

    // MARK: - Character classes

    static func isBlank(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
    }

    static func isBreak(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
    }

    static func isFlowIndicator(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ",") || byte == UInt8(ascii: "[") || byte == UInt8(ascii: "]")
            || byte == UInt8(ascii: "{") || byte == UInt8(ascii: "}")
    }

    /// True at a blank, a line break or the end of the input.
    func isSeparator(_ distance: Int = 0) -> Bool {
        guard let byte = peek(distance) else { return true }
        return YAMLScanner.isBlank(byte) || YAMLScanner.isBreak(byte)
    }

    var isAtBreakOrEnd: Bool {
        guard let byte = peek() else { return true }
        return YAMLScanner.isBreak(byte)
    }

    /// True at `---` or `...` in column 0 followed by a separator.
    var isAtDocumentMarker: Bool {
        guard column == 0, let first = peek(), first == UInt8(ascii: "-") || first == UInt8(ascii: ".") else {
            return false
        }
        return peek(1) == first && peek(2) == first && isSeparator(3)
    }

    var isAtDocumentStart: Bool { isAtDocumentMarker && isPeek("-") }

    // MARK: - Blanks, comments and line breaks

    mutating func skipBlanks() {
        while let byte = peek(), YAMLScanner.isBlank(byte) { offset += 1 }
    }

    /// Moves past a comment that starts at `offset` and returns its text
    /// without the `#` and one following space.
    @discardableResult
    mutating func skipComment() -> String? {
        guard isPeek("#") else { return nil }
        let start = offset + 1
        while let byte = peek(), !YAMLScanner.isBreak(byte) { offset += 1 }
        var text = Array(bytes[start..<offset])
        if text.first == UInt8(ascii: " ") { text.removeFirst() }
        return String(decoding: text, as: UTF8.self)
    }

    /// Moves past `\n`, `\r\n` or `\r`, or returns false when not at a break.
    @discardableResult
    mutating func consumeBreak() -> Bool {
        if isPeek("\r") && isPeek("\n", 1) {
            offset += 2
        } else if let byte = peek(), YAMLScanner.isBreak(byte) {
            offset += 1
        } else {
            return false
        }
        lineStart = offset
        return true
    }

    /// Moves to the end of the current line.
    mutating func skipToLineEnd() {
        while let byte = peek(), !YAMLScanner.isBreak(byte) { offset += 1 }
    }

    /// Moves to the first content character of the next line that has any,
    /// skipping blank lines and full-line comments, whose texts it returns.
    /// Call it where the rest of the current line may hold only blanks and
    /// a comment. Does nothing when already at the first content character
    /// of a line. A tab before the first content character is reported once
    /// per line, and the content's column then counts the tab as one.
    mutating func skipToNextContentLine() -> [String] {
        var comments: [String] = []
        if isAtLineContentStart, let byte = peek(), !YAMLScanner.isBlank(byte), !YAMLScanner.isBreak(byte), byte != UInt8(ascii: "#") {
            return comments
        }
        skipBlanks()
        if let comment = skipComment(), isAtLineContentStartIgnoringComment { comments.append(comment) }
        while consumeBreak() {
            let indentationStart = offset
            skipBlanks()
            if let comment = skipComment() {
                comments.append(comment)
                continue
            }
            if isAtBreakOrEnd { continue }
            if let tab = bytes[indentationStart..<offset].firstIndex(of: UInt8(ascii: "\t")) {
                problems.append(YAMLProblem(message: .yamlTabIndentation, start: tab, end: tab + 1))
            }
            return comments
        }
        return comments
    }

    /// True when the comment just skipped was alone on its line.
    private var isAtLineContentStartIgnoringComment: Bool {
        guard let hash = bytes[lineStart..<offset].firstIndex(of: UInt8(ascii: "#")) else { return false }
        return bytes[lineStart..<hash].allSatisfy(YAMLScanner.isBlank)
    }

    /// Skips blanks, line breaks and comments between flow tokens, where
    /// indentation does not matter and tabs are allowed.
    mutating func skipFlowSeparation() {
        while let byte = peek() {
            if YAMLScanner.isBlank(byte) {
                offset += 1
            } else if YAMLScanner.isBreak(byte) {
                consumeBreak()
                if isAtDocumentMarker { return }
            } else if byte == UInt8(ascii: "#") {
                skipComment()
            } else {
                return
            }
        }
    }

    // MARK: - Descriptions

    /// Describes the text at `offset` for "expected X, found Y" messages.
    func describeCurrent() -> String {
        guard let byte = peek() else { return "end of file" }
        if YAMLScanner.isBreak(byte) { return "end of line" }
        if isAtDocumentStart { return "document start '---'" }
        if isAtDocumentMarker { return "document end '...'" }
        var end = offset
        while end < bytes.count, end - offset < 24, !YAMLScanner.isBlank(bytes[end]), !YAMLScanner.isBreak(bytes[end]) {
            end += 1
            if YAMLScanner.isFlowIndicator(bytes[end - 1]) || bytes[end - 1] == UInt8(ascii: ":") { break }
        }
        return "'" + String(decoding: bytes[offset..<max(end, offset + 1)], as: UTF8.self) + "'"
    }

    func text(_ start: Int, _ end: Int) -> String {
        String(decoding: bytes[start..<end], as: UTF8.self)
    }
}
