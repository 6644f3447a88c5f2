import RampDiagnostics
import RampSource

/// A recursive-descent parser with one token of lookahead.
///
/// Each statement is parsed by a function that throws `StatementFailure`
/// after reporting the first problem in it. The statement loop then skips to
/// the next line or closing brace and goes on, so independent mistakes on
/// other lines are all reported. Every loop consumes a token per iteration or
/// leaves, so parsing always ends.
public struct Parser {
    let file: SourceFile
    let tokens: [Token]
    let diagnostics: DiagnosticEngine
    var index = 0

    /// Thrown after a statement's problem was reported; never escapes the parser.
    struct StatementFailure: Error {}

    public init(file: SourceFile, diagnostics: DiagnosticEngine) {
        self.init(file: file, tokens: Lexer.tokenize(file.bytes), diagnostics: diagnostics)
    }

    /// Creates a parser over tokens that `Lexer.tokenize` made from `file`.
    public init(file: SourceFile, tokens: [Token], diagnostics: DiagnosticEngine) {
        self.file = file
        self.tokens = tokens
        self.diagnostics = diagnostics
    }

    public static func parse(_ file: SourceFile, diagnostics: DiagnosticEngine) -> ContractFile {
        var parser = Parser(file: file, diagnostics: diagnostics)
        return parser.parseFile()
    }

    /// Parses tokens that `Lexer.tokenize` made from `file`, so that lexing
    /// and parsing can be timed apart.
    public static func parse(_ file: SourceFile, tokens: [Token], diagnostics: DiagnosticEngine) -> ContractFile {
        var parser = Parser(file: file, tokens: tokens, diagnostics: diagnostics)
        return parser.parseFile()
    }

    // MARK: - Token access

    var current: Token { tokens[index] }

    func peek(_ offset: Int = 1) -> Token {
        tokens[min(index + offset, tokens.count - 1)]
    }

    func text(_ token: Token) -> String {
        file.text(token.start..<token.end)
    }

    func range(_ token: Token) -> SourceRange {
        SourceRange(file: file, start: token.start, end: token.end)
    }

    func range(from start: Token) -> SourceRange {
        let previous = tokens[max(index - 1, 0)]
        return SourceRange(file: file, start: start.start, end: max(previous.end, start.end))
    }

    /// Returns whether the current token is the word `keyword`.
    func at(_ keyword: String) -> Bool {
        isWord(current, keyword)
    }

    /// Returns whether `token` is the word `keyword`, comparing bytes so
    /// that no string is made for the token.
    func isWord(_ token: Token, _ keyword: String) -> Bool {
        guard token.kind == .word, token.end - token.start == keyword.utf8.count else { return false }
        return file.bytes[token.start..<token.end].elementsEqual(keyword.utf8)
    }

    func at(_ kind: TokenKind) -> Bool {
        current.kind == kind
    }

    @discardableResult
    mutating func advance() -> Token {
        let token = current
        if token.kind != .endOfFile { index += 1 }
        return token
    }

    mutating func skipNewlines() {
        while current.kind == .newline { index += 1 }
    }

    /// Skips newlines only when the next token after them closes a list, so
    /// that a list left open at the end of a line is reported there instead
    /// of swallowing the next statement.
    mutating func skipNewlines(beforeClosing closing: TokenKind) {
        var lookahead = index
        while tokens[lookahead].kind == .newline { lookahead += 1 }
        if tokens[lookahead].kind == closing { index = lookahead }
    }

    // MARK: - Expectations

    mutating func expect(_ kind: TokenKind, _ what: String? = nil) throws(StatementFailure) -> Token {
        guard current.kind == kind, current.flaw == nil else {
            throw fail(expected: what ?? kind.description)
        }
        return advance()
    }

    /// Reports "expected X, found Y" at the current token, or the token's
    /// own flaw when it has one, and returns the failure to throw.
    mutating func fail(expected: String) -> StatementFailure {
        let token = current
        if token.kind == .newline || token.kind == .endOfFile, index > 0, tokens[index - 1].kind != .newline {
            // Point just after the last token of the line, where the missing text belongs.
            let end = tokens[index - 1].end
            diagnostics.emit(.expected(expected, found: describe(token)), at: SourceRange(file: file, start: end, end: end))
        } else if token.flaw == .unterminatedString {
            diagnostics.emit(.unterminatedString, at: range(token))
        } else if token.flaw == .loneCarriageReturn {
            diagnostics.emit(.loneCarriageReturn, at: SourceRange(file: file, start: token.end - 1, end: token.end))
        } else if case .invalidEscape(let offset) = token.flaw {
            let escape = SourceRange(file: file, start: offset, end: min(token.end, offset + 1 + SourceFile.scalarLength(leadingByte: file.bytes[offset + 1])))
            diagnostics.emit(.invalidEscape(file.text(escape.start..<escape.end)), at: escape)
        } else if token.kind == .unknown {
            diagnostics.emit(.invalidCharacter(describe(token)), at: range(token))
        } else {
            diagnostics.emit(.expected(expected, found: describe(token)), at: range(token))
        }
        return StatementFailure()
    }

    /// Names a token for a message: its text in quotes, or its kind.
    func describe(_ token: Token) -> String {
        switch token.kind {
        case .word, .cidr:
            let (text, length) = abbreviated(token)
            return length.map { "'\(text)…' (\($0) characters)" } ?? "'\(text)'"
        case .string:
            let (text, length) = abbreviated(token)
            return length.map { "string \(text)… (\($0) characters)" } ?? "string \(text)"
        case .unknown:
            let character = text(token)
            let scalar = character.unicodeScalars.first.map(Parser.codePoint) ?? ""
            return character.unicodeScalars.count == 1 && (character.unicodeScalars.first!.properties.isWhitespace
                || character.unicodeScalars.first!.value < 0x20) ? scalar : "'\(character)' (\(scalar))"
        default: return token.kind.description
        }
    }

    /// Returns the code point in Unicode's notation: `U+` and at least four
    /// uppercase hexadecimal digits, such as U+0000 or U+1F600.
    static func codePoint(_ scalar: Unicode.Scalar) -> String {
        let digits = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// The longest token text that a message quotes in full.
    static let quotedTextLimit = 64

    /// Returns the token's text for a message, or its first characters and
    /// its length when it is longer than the limit, so that a megabyte of
    /// garbage does not become a megabyte of message.
    func abbreviated(_ token: Token) -> (text: String, length: Int?) {
        let text = self.text(token)
        guard text.utf8.count > Parser.quotedTextLimit, text.count > Parser.quotedTextLimit else { return (text, nil) }
        return (String(text.prefix(Parser.quotedTextLimit)), text.count)
    }

    /// Skips the rest of a failed statement: up to the end of its line or a
    /// closing brace, which is left for the enclosing block.
    mutating func synchronize() {
        while !at(.newline) && !at(.rightBrace) && !at(.endOfFile) {
            advance()
        }
    }

    /// Requires that a statement ends here: end of line, '}' or end of file.
    mutating func expectStatementEnd(after what: String) throws(StatementFailure) {
        guard at(.newline) || at(.rightBrace) || at(.endOfFile) else {
            throw unexpectedAtStatementEnd(after: what)
        }
    }

    mutating func unexpectedAtStatementEnd(after what: String) -> StatementFailure {
        if current.kind == .word, let failure = reportUnsupportedTrailer() {
            return failure
        }
        return fail(expected: "end of line after \(what)")
    }
}
