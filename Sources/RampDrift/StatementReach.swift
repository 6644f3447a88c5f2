import RampIR
import RampSource

/// The namespaces whose policies a statement with `only in` can change,
/// whatever else a mix substitutes.
///
/// A dependency adds rules only to the subjects isolated in its client
/// (egress) and in its server (ingress), and those subjects lie in the
/// namespaces of the two endpoints. A service becomes a subject only when a
/// dependency names it. A mix that keeps a dependency naming a service but
/// drops the service does not compile. So a service statement reaches its
/// own namespace and every namespace that a dependency naming the service
/// reaches, and whether a mix without it compiles is decided there too.
struct StatementReach {
    private var namespacesByStatement: [SourceRange: Set<String>] = [:]
    /// The services that each service statement declares.
    private(set) var declaredServices: [SourceRange: Set<ServiceID>] = [:]
    /// The services that the dependencies of each statement name.
    private(set) var namedServices: [SourceRange: Set<ServiceID>] = [:]
    /// Statements whose reach cannot be bounded.
    private var unbounded: Set<SourceRange> = []
    let finder: StatementFinder

    /// Collects the reach of `statements` from the programs of the two
    /// environments, because each statement applies in one of them.
    init(statements: [SourceRange], programs: [Program]) {
        finder = StatementFinder(statements)
        for program in programs {
            var statementsOfService: [ServiceID: [SourceRange]] = [:]
            for namespace in program.namespaces {
                for service in namespace.services {
                    guard let statement = finder.statement(containing: service.origin) else { continue }
                    namespacesByStatement[statement, default: []].insert(namespace.name)
                    declaredServices[statement, default: []].insert(service.id)
                    statementsOfService[service.id, default: []].append(statement)
                }
            }
            // A mix without a service that an expectation or an invariant
            // names does not compile, whichever namespace states them, so
            // such a service's reach is unknown.
            for id in StatementReach.assertedServices(program) {
                for statement in statementsOfService[id] ?? [] { unbounded.insert(statement) }
            }
            for dependency in program.dependencies {
                let reach = StatementReach.namespaces(of: dependency.client, in: program)
                    .union(StatementReach.namespaces(of: dependency.server, in: program))
                if let statement = finder.statement(containing: dependency.origin) {
                    namespacesByStatement[statement, default: []].formUnion(reach)
                    for case .service(let id) in [dependency.client, dependency.server] {
                        namedServices[statement, default: []].insert(id)
                    }
                }
                for endpoint in [dependency.client, dependency.server] {
                    guard case .service(let id) = endpoint else { continue }
                    for statement in statementsOfService[id] ?? [] {
                        namespacesByStatement[statement, default: []].formUnion(reach)
                    }
                }
            }
        }
    }

    /// Returns the namespaces a statement reaches, or nil when neither
    /// program contains it or its reach is unbounded, so that callers treat
    /// it as reaching everything.
    func namespaces(of statement: SourceRange) -> Set<String>? {
        unbounded.contains(statement) ? nil : namespacesByStatement[statement]
    }

    private static func assertedServices(_ program: Program) -> Set<ServiceID> {
        let endpoints = program.expectations.flatMap { [$0.client, $0.server] } + program.invariants.flatMap { $0.clients + [$0.server] }
        return Set(endpoints.compactMap { endpoint in
            if case .service(let id) = endpoint { return id }
            return nil
        })
    }

    /// Returns the namespaces whose subjects an endpoint can contain.
    static func namespaces(of endpoint: Endpoint, in program: Program) -> Set<String> {
        switch endpoint {
        case .service(let id): return [id.namespace]
        case .namespace(let name): return [name]
        case .namespaces(let selector): return Set(program.namespaces.filter { selector.matches($0.labels) }.map(\.name))
        case .cluster: return Set(program.namespaces.map(\.name))
        case .external: return []
        }
    }
}

/// Finds the statement whose range contains a range of a service or a
/// dependency, by a binary search over the statements of its file.
struct StatementFinder {
    private let statementsByFile: [String: [SourceRange]]

    init(_ statements: [SourceRange]) {
        var byFile: [String: [SourceRange]] = [:]
        for statement in statements { byFile[statement.file.path, default: []].append(statement) }
        statementsByFile = byFile.mapValues { $0.sorted { $0.start < $1.start } }
    }

    func statement(containing range: SourceRange) -> SourceRange? {
        guard let statements = statementsByFile[range.file.path] else { return nil }
        // The last statement that starts at or before the range.
        var (low, high) = (0, statements.count)
        while low < high {
            let middle = (low + high) / 2
            if statements[middle].start <= range.start { low = middle + 1 } else { high = middle }
        }
        guard low > 0, statements[low - 1].end >= range.end else { return nil }
        return statements[low - 1]
    }
}
