import RampSource

/// Splits contract text into tokens. Comments (`#` to the end of the line),
/// spaces, tabs and a byte order mark at the start of the file are skipped;
/// newlines are tokens because they end statements.
///
/// The lexer never fails: a malformed token carries a flaw or has kind
/// `.unknown`, and the parser reports it.
public struct Lexer {
    private let bytes: [UInt8]
    private var position = 0

    public init(bytes: [UInt8]) {
        self.bytes = bytes
        // A UTF-8 byte order mark at the start of the file is not text.
        if bytes.starts(with: SourceFile.byteOrderMark) { position = SourceFile.byteOrderMark.count }
    }

    public static func tokenize(_ bytes: [UInt8]) -> [Token] {
        var lexer = Lexer(bytes: bytes)
        var tokens: [Token] = []
        tokens.reserveCapacity(bytes.count / 4)
        while true {
            let token = lexer.next()
            tokens.append(token)
            if token.kind == .endOfFile { return tokens }
        }
    }

    public mutating func next() -> Token {
        skipTrivia()
        let start = position
        guard position < bytes.count else { return Token(kind: .endOfFile, start: start, end: start) }

        let byte = bytes[position]
        if byte == UInt8(ascii: "\r") {
            // `skipTrivia` stops only at a CR that is not part of a CRLF.
            position += 1
            return Token(kind: .unknown, start: start, end: position, flaw: .loneCarriageReturn)
        }
        // Before punctuation, because an IPv6 CIDR such as `::/0` starts with ':'.
        if let end = cidrEnd(from: start) {
            position = end
            return Token(kind: .cidr, start: start, end: end)
        }
        if let kind = punctuation(byte) {
            return Token(kind: kind, start: start, end: position)
        }
        if byte == UInt8(ascii: "\"") {
            return scanString()
        }
        if Lexer.isWordByte(byte) {
            scanWord()
            return Token(kind: .word, start: start, end: position)
        }
        // One whole UTF-8 sequence, so that the message can show the character.
        position += max(1, min(Lexer.sequenceLength(byte), bytes.count - position))
        return Token(kind: .unknown, start: start, end: position)
    }

    // MARK: - Trivia

    /// Skips spaces, tabs, comments and the CR of a CRLF. Lines end at LF,
    /// so a CR without an LF after it is left for `next` to report, and it
    /// also ends a comment, so that a file with CR line endings is not taken
    /// as one long comment.
    private mutating func skipTrivia() {
        while position < bytes.count {
            switch bytes[position] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"):
                position += 1
            case UInt8(ascii: "\r"):
                guard peek(1) == UInt8(ascii: "\n") else { return }
                position += 1
            case UInt8(ascii: "#"):
                while position < bytes.count && bytes[position] != UInt8(ascii: "\n") && !atLoneCarriageReturn {
                    position += 1
                }
            default:
                return
            }
        }
    }

    private var atLoneCarriageReturn: Bool {
        bytes[position] == UInt8(ascii: "\r") && peek(1) != UInt8(ascii: "\n")
    }

    // MARK: - Punctuation

    /// Returns the kind of a punctuation token and consumes it, or nil.
    private mutating func punctuation(_ byte: UInt8) -> TokenKind? {
        let kind: TokenKind
        var length = 1
        switch byte {
        case UInt8(ascii: "\n"): kind = .newline
        case UInt8(ascii: "{"): kind = .leftBrace
        case UInt8(ascii: "}"): kind = .rightBrace
        case UInt8(ascii: "["): kind = .leftBracket
        case UInt8(ascii: "]"): kind = .rightBracket
        case UInt8(ascii: "("): kind = .leftParen
        case UInt8(ascii: ")"): kind = .rightParen
        case UInt8(ascii: ","): kind = .comma
        case UInt8(ascii: ":"): kind = .colon
        case UInt8(ascii: "/"): kind = .slash
        case UInt8(ascii: "="): kind = .equals
        case UInt8(ascii: "!"):
            if peek(1) == UInt8(ascii: "=") {
                kind = .notEquals
                length = 2
            } else {
                kind = .bang
            }
        case UInt8(ascii: "-") where peek(1) == UInt8(ascii: ">"):
            kind = .arrow
            length = 2
        default:
            return nil
        }
        position += length
        return kind
    }

    private func peek(_ offset: Int) -> UInt8? {
        position + offset < bytes.count ? bytes[position + offset] : nil
    }

    // MARK: - Words

    static func isWordByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "-"):
            return true
        default:
            return false
        }
    }

    private mutating func scanWord() {
        while position < bytes.count && Lexer.isWordByte(bytes[position]) {
            // `a->b` is `a`, `->`, `b`.
            if bytes[position] == UInt8(ascii: "-") && peek(1) == UInt8(ascii: ">") { return }
            position += 1
        }
    }

    // MARK: - CIDRs

    /// Returns the end of a CIDR that starts at `start`, or nil. A CIDR is a
    /// run of hex digits, '.' and ':' containing a '.' or ':', then '/' and a
    /// decimal prefix length, not followed by another word character. Only
    /// a CIDR has that shape, so `api:8080` and `shop/api` stay words.
    private func cidrEnd(from start: Int) -> Int? {
        var index = start
        var hasSeparator = false
        while index < bytes.count && Lexer.isAddressByte(bytes[index]) {
            if bytes[index] == UInt8(ascii: ".") || bytes[index] == UInt8(ascii: ":") { hasSeparator = true }
            index += 1
        }
        guard hasSeparator, index > start, index + 1 < bytes.count, bytes[index] == UInt8(ascii: "/") else { return nil }
        index += 1
        let digitsStart = index
        while index < bytes.count && bytes[index] >= UInt8(ascii: "0") && bytes[index] <= UInt8(ascii: "9") { index += 1 }
        guard index > digitsStart else { return nil }
        if index < bytes.count && Lexer.isWordByte(bytes[index]) && bytes[index] != UInt8(ascii: "-") { return nil }
        return index
    }

    private static func isAddressByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"),
             UInt8(ascii: "A")...UInt8(ascii: "F"), UInt8(ascii: "."), UInt8(ascii: ":"):
            return true
        default:
            return false
        }
    }

    // MARK: - Strings

    /// Scans a double-quoted string on one line; `\"` and `\\` are escapes.
    /// A lone CR cannot be part of a string. The token ends with the CR and
    /// carries its flaw, so that the error points at the CR.
    private mutating func scanString() -> Token {
        let start = position
        var invalidEscape: Int?
        position += 1
        while position < bytes.count {
            switch bytes[position] {
            case UInt8(ascii: "\""):
                position += 1
                return Token(kind: .string, start: start, end: position, flaw: invalidEscape.map { .invalidEscape(at: $0) })
            case UInt8(ascii: "\\") where position + 1 < bytes.count && bytes[position + 1] != UInt8(ascii: "\n")
                && bytes[position + 1] != UInt8(ascii: "\r"):
                let escaped = bytes[position + 1]
                if escaped != UInt8(ascii: "\""), escaped != UInt8(ascii: "\\"), invalidEscape == nil { invalidEscape = position }
                position += 2
            case UInt8(ascii: "\n"):
                return Token(kind: .string, start: start, end: position, flaw: .unterminatedString)
            case UInt8(ascii: "\r") where peek(1) != UInt8(ascii: "\n"):
                position += 1
                return Token(kind: .string, start: start, end: position, flaw: .loneCarriageReturn)
            default:
                position += 1
            }
        }
        return Token(kind: .string, start: start, end: position, flaw: .unterminatedString)
    }

    private static func sequenceLength(_ byte: UInt8) -> Int {
        switch byte {
        case 0xF0...0xF7: return 4
        case 0xE0...0xEF: return 3
        case 0xC0...0xDF: return 2
        default: return 1
        }
    }
}
