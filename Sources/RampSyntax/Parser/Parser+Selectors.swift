import RampDiagnostics
import RampSource

extension Parser {
    // MARK: - Names

    func word(_ token: Token) -> Word {
        Word(text(token), range(token))
    }

    /// Parses a word or a string literal; a string's value has its quotes
    /// and escapes removed.
    mutating func parseName(_ what: String) throws(StatementFailure) -> Word {
        if at(.word) { return word(advance()) }
        if at(.string) && current.flaw == nil {
            let token = advance()
            return Word(Parser.unquote(text(token)), range(token))
        }
        throw fail(expected: what)
    }

    static func unquote(_ literal: String) -> String {
        var value = ""
        var escaped = false
        for character in literal.dropFirst().dropLast() {
            if escaped {
                value.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else {
                value.append(character)
            }
        }
        return value
    }

    /// Parses `item {, item}`; a newline may follow each comma. A comma at
    /// the end of a line followed by a new statement is reported at the
    /// comma's line, which keeps the next statement for the next iteration.
    mutating func parseCommaList<Item>(
        _ parseItem: (inout Parser) throws(StatementFailure) -> Item
    ) throws(StatementFailure) -> [Item] {
        var items = [try parseItem(&self)]
        while at(.comma) {
            advance()
            if !lineBreakEndsList() { skipNewlines() }
            items.append(try parseItem(&self))
        }
        return items
    }

    // MARK: - Selectors

    /// Parses `[requirement, ...]`; newlines are allowed inside the brackets.
    mutating func parseSelector() throws(StatementFailure) -> SelectorSyntax {
        let start = try expect(.leftBracket)
        skipNewlines()
        var requirements: [LabelSyntax] = []
        if !at(.rightBracket) {
            requirements = try parseCommaList { (parser: inout Parser) throws(StatementFailure) in try parser.parseRequirement() }
        }
        skipNewlines(beforeClosing: .rightBracket)
        _ = try expect(.rightBracket, "',' or ']' in label selector")
        return SelectorSyntax(requirements: requirements, range: range(from: start))
    }

    private mutating func parseRequirement() throws(StatementFailure) -> LabelSyntax {
        let start = current
        if at(.bang) {
            advance()
            let key = try parseLabelKey()
            return LabelSyntax(key: key, operator: .doesNotExist, values: [], range: range(from: start))
        }
        let key = try parseLabelKey()
        let labelOperator: LabelSyntax.Operator
        var values: [Word] = []
        switch current.kind {
        case .equals, .notEquals:
            labelOperator = at(.equals) ? .equals : .notEquals
            advance()
            values = [try parseLabelValue()]
        case .word where at("in") || at("notin"):
            labelOperator = at("in") ? .in : .notIn
            advance()
            values = try parseValueList()
        case .word where at("exists"):
            labelOperator = .exists
            advance()
        default:
            throw fail(expected: "'=', '!=', 'in', 'notin' or 'exists' after label key \(QuotedText.quote(key.text))")
        }
        return LabelSyntax(key: key, operator: labelOperator, values: values, range: range(from: start))
    }

    /// Parses a label key, which may have a prefix: `app.kubernetes.io/name`.
    private mutating func parseLabelKey() throws(StatementFailure) -> Word {
        let first = try parseName("label key")
        guard at(.slash), current.start == first.range.end, peek().kind == .word, peek().start == current.end else {
            return first
        }
        advance()
        let name = word(advance())
        return Word(first.text + "/" + name.text, first.range.merged(with: name.range))
    }

    private mutating func parseLabelValue() throws(StatementFailure) -> Word {
        // A label value may be empty only when written as "".
        try parseName("label value")
    }

    private mutating func parseValueList() throws(StatementFailure) -> [Word] {
        _ = try expect(.leftParen, "'(' to start the value list")
        skipNewlines()
        let values = try parseCommaList { (parser: inout Parser) throws(StatementFailure) in try parser.parseLabelValue() }
        skipNewlines(beforeClosing: .rightParen)
        _ = try expect(.rightParen, "',' or ')' in value list")
        return values
    }
}
