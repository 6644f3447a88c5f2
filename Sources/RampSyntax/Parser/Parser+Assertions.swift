import RampDiagnostics
import RampSource

extension Parser {
    /// Parses `expect allowed|blocked client -> target`, which needs a port.
    mutating func parseExpectation() throws(StatementFailure) -> ExpectationDecl {
        let start = advance()
        guard at("allowed") || at("blocked") else { throw fail(expected: "'allowed' or 'blocked' after 'expect'") }
        let allowed = text(advance()) == "allowed"
        let client = try parseEndpoint()
        _ = try expect(.arrow, "'->' in expectation")
        let target = try parseTarget()
        guard !target.ports.isEmpty else {
            diagnostics.emit(
                .expected("':' and a port, such as ':8080' or ':53/udp'", found: describe(current)),
                at: SourceRange(file: file, start: target.range.end, end: target.range.end),
                notes: [Note("an expectation is about one connection, so it names the port")]
            )
            throw StatementFailure()
        }
        return ExpectationDecl(allowed: allowed, client: client, target: target, range: range(from: start))
    }

    /// Parses `never clients -> targets` and `only clients -> targets`.
    mutating func parseInvariant() throws(StatementFailure) -> InvariantDecl {
        let start = advance()
        let kind: InvariantDecl.Kind = text(start) == "never" ? .never : .only
        let clients = try parseCommaList { (parser: inout Parser) throws(StatementFailure) in try parser.parseEndpoint() }
        _ = try expect(.arrow, "'->' in invariant")
        skipNewlines()
        let targets = try parseCommaList { (parser: inout Parser) throws(StatementFailure) in try parser.parseTarget() }
        return InvariantDecl(kind: kind, clients: clients, targets: targets, range: range(from: start))
    }
}
