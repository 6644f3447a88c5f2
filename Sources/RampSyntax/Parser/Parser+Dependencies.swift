import RampDiagnostics
import RampSource

extension Parser {
    // MARK: - Dependencies

    /// Parses `client {, client} -> target {, target}`.
    mutating func parseDependency() throws(StatementFailure) -> DependencyDecl {
        let start = current
        let clients = try parseCommaList { (parser: inout Parser) throws(StatementFailure) in try parser.parseEndpoint() }
        guard at(.arrow) else {
            if current.kind == .word, let failure = reportUnsupportedTrailer() { throw failure }
            throw fail(expected: "'->' or ',' in dependency")
        }
        advance()
        if !lineBreakEndsList() { skipNewlines() }
        let targets = try parseCommaList { (parser: inout Parser) throws(StatementFailure) in try parser.parseTarget() }
        return DependencyDecl(clients: clients, targets: targets, range: range(from: start))
    }

    mutating func parseTarget() throws(StatementFailure) -> TargetSyntax {
        let start = current
        let endpoint = try parseEndpoint()
        var ports: [PortRefSyntax] = []
        if at(.colon) {
            advance()
            if at(.leftParen) {
                advance()
                skipNewlines()
                ports = try parseCommaList { (parser: inout Parser) throws(StatementFailure) in try parser.parsePortRef() }
                skipNewlines(beforeClosing: .rightParen)
                _ = try expect(.rightParen, "',' or ')' in port list")
            } else {
                ports = [try parsePortRef()]
            }
        }
        return TargetSyntax(endpoint: endpoint, ports: ports, range: range(from: start))
    }

    mutating func parsePortRef() throws(StatementFailure) -> PortRefSyntax {
        let start = current
        let value = try parseName("port name or number")
        let protocolName = try parseProtocolSuffix()
        return PortRefSyntax(value: value, protocolName: protocolName, range: range(from: start))
    }

    // MARK: - Endpoints

    mutating func parseEndpoint() throws(StatementFailure) -> EndpointSyntax {
        let start = current
        if at(.cidr) {
            return EndpointSyntax(kind: .cidr(word(advance())), range: range(from: start))
        }
        guard at(.word) || at(.string) else { throw fail(expected: "a service, 'namespace', 'namespaces', 'cluster', 'internet' or 'network'") }

        // A keyword followed by '/' is a namespace name, as in `cluster/api`.
        if peek().kind != .slash, let kind = try parseKeywordEndpoint() {
            return EndpointSyntax(kind: kind, range: range(from: start))
        }
        try rejectUnsupportedName()
        let first = try parseName("service name")
        guard at(.slash) else {
            return EndpointSyntax(kind: .service(namespace: nil, name: first), range: range(from: start))
        }
        advance()
        let name = try parseName("service name after \(QuotedText.quote(first.text + "/"))")
        return EndpointSyntax(kind: .service(namespace: first, name: name), range: range(from: start))
    }

    /// Parses an endpoint that starts with a keyword, or returns nil when the
    /// current token starts none. The keywords are compared as bytes, so
    /// that the common case, a service name, makes no string.
    private mutating func parseKeywordEndpoint() throws(StatementFailure) -> EndpointSyntax.Kind? {
        let nameFollows = peek().kind == .word || peek().kind == .string
        if at("cluster") {
            advance()
            return .cluster
        }
        if at("internet") {
            advance()
            return .internet
        }
        if at("apiserver") {
            advance()
            return .apiserver
        }
        if at("namespace") && nameFollows {
            advance()
            return .namespace(try parseName("namespace name"))
        }
        if at("namespaces") && peek().kind == .leftBracket {
            advance()
            return .namespaces(try parseSelector())
        }
        if at("network") && nameFollows {
            advance()
            return .network(try parseName("network name"))
        }
        if at("node") || at("nodes") {
            diagnostics.emit(.unsupportedNodeSelector, at: range(current))
            throw StatementFailure()
        }
        return nil
    }

    /// Rejects names that ask for something NetworkPolicy cannot select:
    /// domain names, Service DNS names and bare IP addresses.
    private mutating func rejectUnsupportedName() throws(StatementFailure) {
        // Service names are DNS labels, so a name with a dot is never a service.
        guard at(.word), file.bytes[current.start..<current.end].contains(UInt8(ascii: ".")) else { return }
        let name = text(current)
        if name.split(separator: ".").count == 4, name.allSatisfy({ $0.isNumber || $0 == "." }) {
            diagnostics.emit(.invalidCIDR(name, reason: "missing prefix length; write \(name)/32 for one address"), at: range(current))
        } else if name.hasSuffix(".svc") || name.contains(".svc.") {
            diagnostics.emit(.unsupportedServiceName(name), at: range(current))
        } else {
            diagnostics.emit(.unsupportedFQDN(name), at: range(current))
        }
        throw StatementFailure()
    }

    // MARK: - Unsupported trailers

    /// Words that ask for layer 7 matching when they follow a dependency.
    static let layer7Keywords: Set<String> = [
        "path", "paths", "method", "methods", "header", "headers", "host", "hosts", "url", "sni", "rpc",
    ]

    /// Reports a word after a dependency or statement that requests a feature
    /// NetworkPolicy lacks. Returns nil when the word is not one of those.
    mutating func reportUnsupportedTrailer() -> StatementFailure? {
        let word = text(current)
        if Parser.layer7Keywords.contains(word) {
            diagnostics.emit(.unsupportedLayer7(word), at: range(current))
            return StatementFailure()
        }
        if word == "priority" {
            diagnostics.emit(.unsupportedPriority, at: range(current))
            return StatementFailure()
        }
        return nil
    }
}
