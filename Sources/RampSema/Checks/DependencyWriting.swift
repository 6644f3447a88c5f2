import RampDiagnostics
import RampIR
import RampSource

/// Names, locations and removals of dependencies, for the dependency checks.
extension CheckContext {
    /// Returns the dependency as written: the client, the arrow and the
    /// target with its ports, such as `web -> api:http`.
    func text(of dependency: Dependency) -> String {
        let client = dependency.clientOrigin?.text ?? describe(dependency.client)
        return client + " -> " + dependency.origin.text
    }

    /// Returns the range that distinguishes this dependency from the others
    /// of its statement: the target, or the client when several clients share
    /// one target, as in `a, b -> c`. With several clients and several
    /// targets the target is returned and the client goes in `highlights`.
    func location(of dependency: Dependency) -> (range: SourceRange, highlights: [Highlight]) {
        guard let statement = syntax.target(at: dependency.origin)?.statement, statement.clients.count > 1,
              let client = dependency.clientOrigin else {
            return (dependency.origin, [])
        }
        if statement.targets.count == 1 {
            return (client, [])
        }
        return (dependency.origin, [Highlight(client, label: "client")])
    }

    /// Returns the fix-it that deletes exactly this dependency: the whole
    /// statement when it makes no other dependency, its client when the
    /// statement has one target, its target when it has one client. A
    /// statement with several clients and several targets cannot lose one
    /// pair, so it gets none.
    func removal(of dependency: Dependency) -> FixIt? {
        guard let target = syntax.target(at: dependency.origin) else { return nil }
        let statement = target.statement
        let message = "remove the repeated dependency"
        if statement.clients.count == 1 && statement.targets.count == 1 {
            // The statement's range ends before `only in`, which goes with it.
            let whole = statement.scope.map { statement.range.merged(with: $0.range) } ?? statement.range
            return FixIt(message, replacing: Removal.statement(whole), with: "")
        }
        if statement.targets.count == 1, let client = dependency.clientOrigin,
           let index = statement.clients.firstIndex(where: { $0.range == client }) {
            return FixIt(message, replacing: Removal.listItem(index, of: statement.clients.map(\.range)), with: "")
        }
        if statement.clients.count == 1 {
            return FixIt(message, replacing: Removal.listItem(target.index, of: statement.targets.map(\.range)), with: "")
        }
        return nil
    }

    /// Returns an endpoint in contract spelling, for dependencies that carry
    /// no client text.
    func describe(_ endpoint: Endpoint) -> String {
        switch endpoint {
        case .service(let id): return id.description
        case .namespace(let name): return "namespace \(name)"
        case .namespaces: return "namespaces [...]"
        case .cluster: return "cluster"
        case .external(let name, _): return name
        }
    }
}
