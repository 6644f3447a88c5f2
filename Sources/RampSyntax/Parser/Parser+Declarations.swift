import RampDiagnostics
import RampSource

extension Parser {
    // MARK: - File

    mutating func parseFile() -> ContractFile {
        var namespaces: [NamespaceDecl] = []
        var networks: [NetworkDecl] = []
        var profiles: [ProfileDecl] = []
        var parameters: [ParameterDecl] = []
        var environments: [EnvironmentDecl] = []
        while true {
            skipNewlines()
            if at(.endOfFile) { break }
            let before = index
            do throws(StatementFailure) {
                if at("namespace") {
                    namespaces.append(try parseNamespace())
                } else if at("network") {
                    networks.append(try parseNetwork())
                    try expectStatementEnd(after: "network declaration")
                } else if at("profile") {
                    profiles.append(try parseProfile())
                } else if at("parameter") {
                    parameters.append(try parseParameter())
                    try expectStatementEnd(after: "parameter declaration")
                } else if at("environment") {
                    environments.append(try parseEnvironment())
                } else {
                    throw misplacedTopLevelStatement()
                }
            } catch {
                synchronize()
                // A stray '}' at top level would stop synchronization forever.
                if at(.rightBrace) { advance() }
            }
            assert(index > before, "the parser must consume a token per top-level statement")
        }
        return ContractFile(
            source: file, namespaces: namespaces, networks: networks,
            profiles: profiles, parameters: parameters, environments: environments
        )
    }

    private mutating func misplacedTopLevelStatement() -> StatementFailure {
        if at(.rightBrace) {
            diagnostics.emit(
                .expected("'namespace', 'network', 'profile', 'parameter' or 'environment'", found: "'}' without a matching '{'"),
                at: range(current)
            )
            return StatementFailure()
        }
        // A statement that is valid inside a namespace block gets a note saying where it goes.
        let belongsInNamespace = ["service", "deny", "dns", "expect", "never", "only"].contains(text(current)) || peek().kind == .arrow
        guard belongsInNamespace, current.kind == .word else {
            return fail(expected: "'namespace', 'network', 'profile', 'parameter' or 'environment'")
        }
        diagnostics.emit(
            .expected("'namespace', 'network', 'profile', 'parameter' or 'environment'", found: describe(current)),
            at: range(current),
            notes: [Note("services, postures and dependencies belong inside a 'namespace NAME { ... }' block")]
        )
        return StatementFailure()
    }

    // MARK: - Namespace

    mutating func parseNamespace() throws(StatementFailure) -> NamespaceDecl {
        let start = advance()
        var parsedName: Word?
        var labels: [LabelSyntax] = []
        do throws(StatementFailure) {
            parsedName = try parseName("namespace name")
            if at(.leftBracket) {
                labels = try parseSelector().requirements
            }
        } catch {
            throw recoverNamespaceBody(named: parsedName, after: error)
        }
        let name = parsedName!
        skipNewlines()
        guard at(.leftBrace) else { throw fail(expected: "'{' to open namespace \(QuotedText.quote(name.text))") }
        let open = advance()
        let members = parseMembers(namespace: name, open: open)
        return NamespaceDecl(name: name, labels: labels, members: members, range: range(from: start))
    }

    /// Parses the body of a namespace whose header failed, when its `{` is on
    /// the same line, so that the body's statements are neither lost nor
    /// read as top-level statements. Returns the failure to rethrow.
    private mutating func recoverNamespaceBody(named name: Word?, after failure: StatementFailure) -> StatementFailure {
        var lookahead = index
        while ![.newline, .endOfFile, .leftBrace].contains(tokens[lookahead].kind) { lookahead += 1 }
        guard tokens[lookahead].kind == .leftBrace else { return failure }
        index = lookahead
        let open = advance()
        _ = parseMembers(namespace: name ?? Word("<unnamed>", range(open)), open: open)
        return failure
    }

    private mutating func parseMembers(namespace: Word, open: Token) -> [NamespaceMember] {
        parseBlock(kind: "namespace", name: namespace, open: open) { (parser: inout Parser) throws(StatementFailure) in
            try parser.parseScopedMember()
        }
    }

    /// Parses the statements of a `{ ... }` block up to its closing brace,
    /// recovering at each line. A missing brace is reported at the end of
    /// the file with a note at the opening one.
    mutating func parseBlock<Statement>(
        kind: String, name: Word, open: Token,
        _ parseStatement: (inout Parser) throws(StatementFailure) -> Statement?
    ) -> [Statement] {
        var statements: [Statement] = []
        while true {
            skipNewlines()
            if at(.rightBrace) {
                advance()
                return statements
            }
            if at(.endOfFile) {
                diagnostics.emit(
                    .expected("'}' to close \(kind) \(QuotedText.quote(name.text))", found: "end of file"),
                    at: range(current),
                    notes: [Note("\(kind) \(QuotedText.quote(name.text)) opens here", at: range(open))]
                )
                return statements
            }
            let before = index
            do throws(StatementFailure) {
                if let statement = try parseStatement(&self) { statements.append(statement) }
                try expectStatementEnd(after: "statement")
            } catch {
                synchronize()
            }
            assert(index > before, "the parser must consume a token per statement")
        }
    }

    /// Parses one statement inside a namespace block. Keywords are contextual:
    /// `service`, `deny` and `dns` start their statements only when the next
    /// token cannot continue a dependency, so they remain usable as names.
    mutating func parseMember() throws(StatementFailure) -> NamespaceMember? {
        let next = peek().kind
        let startsDependency = next == .arrow || next == .comma || next == .slash || next == .colon
        if !startsDependency {
            if at("service") { return .service(try parseService()) }
            if at("deny") { return .posture(try parsePosture()) }
            if at("dns") { return .dns(try parseDNS()) }
            if at("expect") { return .expectation(try parseExpectation()) }
            if at("never") || at("only") { return .invariant(try parseInvariant()) }
            if at("priority") {
                diagnostics.emit(.unsupportedPriority, at: range(current))
                throw StatementFailure()
            }
            if at("namespace") && peek(2).kind != .arrow && peek(2).kind != .comma {
                diagnostics.emit(.expected("a statement", found: "'namespace'"), at: range(current),
                                 notes: [Note("namespace blocks cannot be nested; close the enclosing block first")])
                throw StatementFailure()
            }
            if at("network") && peek(2).kind == .equals {
                diagnostics.emit(.expected("a statement", found: "network declaration"), at: range(current),
                                 notes: [Note("networks are declared at the top level of a file, outside namespace blocks")])
                throw StatementFailure()
            }
        }
        return .dependency(try parseDependency())
    }

    // MARK: - Posture and DNS

    /// Returns whether an `->` comes before the end of the current line.
    private func arrowFollowsOnLine() -> Bool {
        var offset = 0
        while true {
            switch peek(offset).kind {
            case .arrow: return true
            case .newline, .endOfFile: return false
            default: offset += 1
            }
        }
    }

    private mutating func parsePosture() throws(StatementFailure) -> PostureDecl {
        let start = advance()
        guard at("ingress") || at("egress") || at("all") else {
            // `deny web -> api` is a deny rule; `deny sideways` is a posture
            // with a misspelt direction.
            if at(.cidr) || (at(.word) && arrowFollowsOnLine()) {
                diagnostics.emit(.unsupportedDenyRule, at: range(from: start).merged(with: range(current)))
                throw StatementFailure()
            }
            throw fail(expected: "'ingress', 'egress' or 'all'")
        }
        var directions: [Direction] = []
        while true {
            let word = try expect(.word, "'ingress', 'egress' or 'all'")
            switch text(word) {
            case "ingress": directions.append(.ingress)
            case "egress": directions.append(.egress)
            case "all": directions += [.ingress, .egress]
            default:
                index -= 1
                throw fail(expected: "'ingress', 'egress' or 'all'")
            }
            guard at(.comma) else { break }
            advance()
        }
        var unique: [Direction] = []
        for direction in directions where !unique.contains(direction) { unique.append(direction) }
        return PostureDecl(directions: unique, range: range(from: start))
    }

    private mutating func parseDNS() throws(StatementFailure) -> DNSDecl {
        let start = advance()
        guard at("on") || at("off") else { throw fail(expected: "'on' or 'off' after 'dns'") }
        let enabled = text(advance()) == "on"
        return DNSDecl(enabled: enabled, range: range(from: start))
    }

    // MARK: - Service

    private mutating func parseService() throws(StatementFailure) -> ServiceDecl {
        let start = advance()
        let name = try parseName("service name")
        guard at(.leftBracket) else { throw fail(expected: "'[' to start the label selector of service \(QuotedText.quote(name.text))") }
        let selector = try parseSelector()
        var ports: [PortDeclSyntax] = []
        // `ports` may continue on the next line.
        var lookahead = index
        while tokens[lookahead].kind == .newline { lookahead += 1 }
        if isWord(tokens[lookahead], "ports") {
            index = lookahead
            advance()
            ports = try parseCommaList { (parser: inout Parser) throws(StatementFailure) in try parser.parsePortDecl() }
        }
        return ServiceDecl(name: name, selector: selector, ports: ports, range: range(from: start))
    }

    private mutating func parsePortDecl() throws(StatementFailure) -> PortDeclSyntax {
        let start = current
        var name: Word?
        if at(.word) && peek().kind == .colon {
            name = word(advance())
            advance()
        }
        let number = try parseName("port number")
        let protocolName = try parseProtocolSuffix()
        return PortDeclSyntax(name: name, number: number, protocolName: protocolName, range: range(from: start))
    }

    mutating func parseProtocolSuffix() throws(StatementFailure) -> Word? {
        guard at(.slash) else { return nil }
        advance()
        return try parseName("protocol 'tcp', 'udp' or 'sctp'")
    }

    // MARK: - Network

    mutating func parseNetwork() throws(StatementFailure) -> NetworkDecl {
        let start = advance()
        let name = try parseName("network name")
        _ = try expect(.equals, "'=' after the network name")
        if at("parameter") {
            advance()
            let parameter = try parseName("parameter name")
            return NetworkDecl(name: name, blocks: [], parameter: parameter, range: range(from: start))
        }
        let blocks = try parseCIDRBlocks()
        return NetworkDecl(name: name, blocks: blocks, parameter: nil, range: range(from: start))
    }

    mutating func parseCIDRBlocks() throws(StatementFailure) -> [CIDRBlockSyntax] {
        try parseCommaList { (parser: inout Parser) throws(StatementFailure) in try parser.parseCIDRBlock() }
    }

    private mutating func parseCIDRBlock() throws(StatementFailure) -> CIDRBlockSyntax {
        let start = current
        let cidr = try parseCIDR()
        var excepts: [Word] = []
        if at("except") {
            advance()
            if at(.leftParen) {
                advance()
                skipNewlines()
                excepts = try parseCommaList { (parser: inout Parser) throws(StatementFailure) in try parser.parseCIDR() }
                skipNewlines(beforeClosing: .rightParen)
                _ = try expect(.rightParen, "')' to close the except list")
            } else {
                excepts = [try parseCIDR()]
            }
        }
        return CIDRBlockSyntax(cidr: cidr, excepts: excepts, range: range(from: start))
    }

    mutating func parseCIDR() throws(StatementFailure) -> Word {
        if at(.cidr) { return word(advance()) }
        if at(.word), text(current).split(separator: ".").count == 4, text(current).allSatisfy({ $0.isNumber || $0 == "." }) {
            let address = text(current)
            diagnostics.emit(.invalidCIDR(address, reason: "missing prefix length; write \(address)/32 for one address"),
                             at: range(current))
            throw StatementFailure()
        }
        throw fail(expected: "a CIDR such as 10.0.0.0/8 or fd00::/8")
    }
}
