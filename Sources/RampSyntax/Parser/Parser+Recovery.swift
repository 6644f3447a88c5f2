import RampSource

extension Parser {
    // MARK: - Continuation lines

    /// Returns whether the current token is a line break after which a new
    /// statement starts, rather than the rest of a list that a trailing
    /// `,` or `->` left open.
    ///
    /// The lists that may continue on the next line hold endpoints, ports,
    /// CIDRs and label requirements. Each item starts with a word, a string,
    /// a CIDR or `!`. No item starts like these statements:
    /// `namespace NAME {` or `namespace NAME [`; `network NAME` followed by
    /// something other than ports or the end of the item; `service NAME [`;
    /// `deny` with a direction; `dns on` or `dns off`; a client and `->`.
    /// Keywords are contextual, so each shape includes the tokens after the
    /// keyword that no list item could have.
    func lineBreakEndsList() -> Bool {
        guard at(.newline) else { return false }
        var lookahead = index
        while tokens[lookahead].kind == .newline { lookahead += 1 }

        func kind(_ offset: Int) -> TokenKind { tokens[min(lookahead + offset, tokens.count - 1)].kind }
        func word(_ offset: Int) -> String? {
            let token = tokens[min(lookahead + offset, tokens.count - 1)]
            return token.kind == .word ? text(token) : nil
        }

        switch kind(0) {
        case .word:
            break
        case .string, .cidr, .bang:
            return false
        default:
            // Every list item starts with a word, a string, a CIDR or '!'.
            return true
        }
        let nameFollows = kind(1) == .word || kind(1) == .string
        switch word(0) {
        case "namespace" where nameFollows && (kind(2) == .leftBrace || kind(2) == .leftBracket):
            return true
        case "network" where nameFollows && ![.colon, .comma, .newline, .endOfFile, .rightBrace, .arrow].contains(kind(2)):
            // A `network NAME` endpoint is followed by its ports, the next item or the end of the list.
            return true
        case "service" where nameFollows && kind(2) == .leftBracket:
            return true
        case "deny" where ["ingress", "egress", "all"].contains(word(1) ?? ""):
            return true
        case "dns" where ["on", "off"].contains(word(1) ?? ""):
            return true
        default:
            // `client ->` or `namespace/client ->`: a target is never followed by an arrow.
            return kind(1) == .arrow || (kind(1) == .slash && kind(2) == .word && kind(3) == .arrow)
        }
    }
}
