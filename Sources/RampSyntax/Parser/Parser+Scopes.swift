import RampDiagnostics
import RampSource

extension Parser {
    /// Parses a namespace statement and an optional `only in ENV, ...`
    /// suffix, which services, dependencies, expectations and invariants
    /// accept.
    mutating func parseScopedMember() throws(StatementFailure) -> NamespaceMember? {
        let member = try parseMember()
        guard atScope else { return member }

        switch member {
        case .service(var service):
            service.scope = try parseScope()
            return .service(service)
        case .dependency(let dependency):
            return .dependency(dependency.limited(to: try parseScope()))
        case .expectation(var expectation):
            expectation.scope = try parseScope()
            return .expectation(expectation)
        case .invariant(var invariant):
            invariant.scope = try parseScope()
            return .invariant(invariant)
        case .posture, .dns, nil:
            diagnostics.emit(
                .expected("end of line after statement", found: "'only in'"), at: range(current),
                notes: [Note("postures and DNS settings cannot be limited to environments; an environment stages a posture with 'enforce'")]
            )
            throw StatementFailure()
        }
    }

    /// `only` followed by `in` on the same line starts a scope.
    private var atScope: Bool {
        at("only") && peek().kind == .word && text(peek()) == "in"
    }

    private mutating func parseScope() throws(StatementFailure) -> EnvironmentScope {
        let start = advance()
        advance()
        let environments = try parseCommaList { (parser: inout Parser) throws(StatementFailure) in
            try parser.parseName("environment name")
        }
        return EnvironmentScope(environments: environments, range: range(from: start))
    }
}
