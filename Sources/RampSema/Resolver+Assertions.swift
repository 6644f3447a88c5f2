import RampDiagnostics
import RampIR
import RampKube
import RampSource
import RampSyntax

extension Resolver {
    /// Resolves every `expect`, `never` and `only` statement like a
    /// dependency: names in the namespace that states it, ports against the
    /// server.
    func resolveAssertions() -> ([Expectation], [Invariant]) {
        var expectations: [Expectation] = []
        var invariants: [Invariant] = []
        for namespaceName in namespaces.keys.sorted() {
            for assertion in namespaces[namespaceName]!.assertions {
                switch assertion {
                case .expectation(let declaration):
                    if let expectation = resolve(declaration, in: namespaceName) { expectations.append(expectation) }
                case .invariant(let declaration):
                    invariants += resolve(declaration, in: namespaceName)
                case .posture, .dns, .service, .dependency:
                    continue
                }
            }
        }
        return (expectations, invariants)
    }

    private func resolve(_ declaration: ExpectationDecl, in namespace: String) -> Expectation? {
        guard let client = resolve(declaration.client, in: namespace),
              let server = resolve(declaration.target.endpoint, in: namespace),
              case .some(.some(let ports)) = resolvePorts(declaration.target, server: server) else { return nil }
        if client.isExternal && server.isExternal {
            diagnostics.emit(.noPodsInAssertion("expect"), at: declaration.client.range, highlights: [Highlight(declaration.target.endpoint.range)])
            return nil
        }
        return Expectation(allowed: declaration.allowed, client: client, server: server, ports: ports, origin: declaration.range)
    }

    private func resolve(_ declaration: InvariantDecl, in namespace: String) -> [Invariant] {
        let clients = declaration.clients.compactMap { resolve($0, in: namespace) }
        guard clients.count == declaration.clients.count else { return [] }
        var invariants: [Invariant] = []
        for target in declaration.targets {
            guard let server = resolve(target.endpoint, in: namespace) else { continue }
            // `only` leaves out pods as well, so only `never` needs pods on one side.
            if declaration.kind == .never && server.isExternal && clients.allSatisfy(\.isExternal) {
                diagnostics.emit(.noPodsInAssertion("never"), at: declaration.clients[0].range, highlights: [Highlight(target.endpoint.range)])
                continue
            }
            // Without ports an invariant covers every port, not only the
            // server's declared ones, because a rule may open any port of its pods.
            guard let ports = target.ports.isEmpty ? .all : resolvePorts(target, server: server) else { continue }
            let kind: Invariant.Kind = declaration.kind == .never ? .never : .only
            invariants.append(Invariant(kind: kind, clients: clients, server: server, ports: ports, origin: declaration.range))
        }
        return invariants
    }
}
