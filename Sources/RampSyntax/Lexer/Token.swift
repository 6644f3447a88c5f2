import RampSource

public enum TokenKind: Equatable, Sendable {
    /// A name, number, keyword, label key part or port range: letters, digits,
    /// '_', '.', and '-' (but not the '-' of '->'). Keywords are contextual.
    case word
    /// A double-quoted string; its text includes the quotes.
    case string
    /// An IPv4 or IPv6 address with a prefix length, such as `10.0.0.0/8`.
    case cidr
    case leftBrace, rightBrace, leftBracket, rightBracket, leftParen, rightParen
    case comma, colon, slash, equals, notEquals, bang, arrow
    case newline
    /// A character the language does not use.
    case unknown
    case endOfFile
}

/// A problem found while scanning, kept on the token and reported by the
/// parser, so that the lexer itself never prints anything.
public enum TokenFlaw: Equatable, Sendable {
    case unterminatedString
    /// A CR that no LF follows, which ends a line in old Mac files but not in
    /// contracts. The CR is the token's last byte, because it is either a
    /// token of its own or the end of a string literal, which cannot contain
    /// a line break.
    case loneCarriageReturn
    /// A backslash in a string before a character other than `"` and `\`,
    /// at the given byte offset. Dropping the backslash would change the
    /// value silently, so it is an error.
    case invalidEscape(at: Int)
}

public struct Token: Sendable {
    public let kind: TokenKind
    public let start: Int
    public let end: Int
    public let flaw: TokenFlaw?

    public init(kind: TokenKind, start: Int, end: Int, flaw: TokenFlaw? = nil) {
        self.kind = kind
        self.start = start
        self.end = end
        self.flaw = flaw
    }
}

extension TokenKind {
    /// How the token is named in "expected X, found Y" messages.
    public var description: String {
        switch self {
        case .word: return "name"
        case .string: return "string"
        case .cidr: return "CIDR"
        case .leftBrace: return "'{'"
        case .rightBrace: return "'}'"
        case .leftBracket: return "'['"
        case .rightBracket: return "']'"
        case .leftParen: return "'('"
        case .rightParen: return "')'"
        case .comma: return "','"
        case .colon: return "':'"
        case .slash: return "'/'"
        case .equals: return "'='"
        case .notEquals: return "'!='"
        case .bang: return "'!'"
        case .arrow: return "'->'"
        case .newline: return "end of line"
        case .unknown: return "invalid character"
        case .endOfFile: return "end of file"
        }
    }
}
