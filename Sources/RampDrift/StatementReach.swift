import RampIR
import RampSource
import RampSyntax

/// The namespaces whose policies a statement with `only in` can change,
/// whatever else a mix substitutes.
///
/// A dependency adds rules only to the subjects isolated in its client
/// (egress) and in its server (ingress), and those subjects lie in the
/// namespaces of the two endpoints. A service becomes a subject only when a
/// dependency names it. So a service reaches its own namespace and the
/// namespaces that the dependencies naming it reach.
///
/// Some statements compile only together: a dependency statement and the
/// services it names, and the statements that declare one service in
/// different environments, as a mix with both declarations has a duplicate.
/// Such statements share one reach, the union of theirs. Then a mix that
/// drops every statement reaching elsewhere compiles exactly when the mix
/// with them does.
struct StatementReach {
    private var namespacesByStatement: [SourceRange: Set<String>] = [:]
    /// The services that each service statement declares.
    private(set) var declaredServices: [SourceRange: Set<ServiceID>] = [:]
    /// The services that the dependencies of each statement name.
    private(set) var namedServices: [SourceRange: Set<ServiceID>] = [:]
    /// Statements whose reach cannot be bounded.
    private var unbounded: Set<SourceRange> = []
    /// One statement of each statement's group of statements that compile only together.
    private var groupOf: [SourceRange: SourceRange] = [:]
    /// For each parameter, the namespaces of the subjects that dependencies
    /// on its networks isolate.
    private var namespacesByParameter: [String: Set<String>] = [:]
    let finder: StatementFinder

    /// Collects the reach of `statements` from the programs of the two
    /// environments, because each statement applies in one of them, and the
    /// reach of the parameters that `networks` take their blocks from.
    init(statements: [SourceRange], programs: [Program], networks: [NetworkDecl] = []) {
        finder = StatementFinder(statements)
        let parameterOfNetwork = Dictionary(
            networks.compactMap { network in network.parameter.map { (network.name.text, $0.text) } }, uniquingKeysWith: { first, _ in first }
        )
        var statementsOfService: [ServiceID: Set<SourceRange>] = [:]
        for program in programs {
            for namespace in program.namespaces {
                for service in namespace.services {
                    guard let statement = finder.statement(containing: service.origin) else { continue }
                    namespacesByStatement[statement, default: []].insert(namespace.name)
                    declaredServices[statement, default: []].insert(service.id)
                    statementsOfService[service.id, default: []].insert(statement)
                }
            }
        }
        for program in programs {
            collect(program, statementsOfService: statementsOfService)
            collectParameters(program, parameterOfNetwork: parameterOfNetwork)
        }
        joinCompiledTogether(statementsOfService)
    }

    /// Adds the reach of the program's dependencies to their statements, and
    /// marks the services that assertions name as unbounded: a mix without
    /// such a service does not compile, whichever namespace states them.
    private mutating func collect(_ program: Program, statementsOfService: [ServiceID: Set<SourceRange>]) {
        for id in StatementReach.assertedServices(program) {
            unbounded.formUnion(statementsOfService[id] ?? [])
        }
        for dependency in program.dependencies {
            let reach = StatementReach.namespaces(of: dependency.client, in: program)
                .union(StatementReach.namespaces(of: dependency.server, in: program))
            let statement = finder.statement(containing: dependency.origin)
            if let statement { namespacesByStatement[statement, default: []].formUnion(reach) }
            for case .service(let id) in [dependency.client, dependency.server] {
                if let statement { namedServices[statement, default: []].insert(id) }
                for service in statementsOfService[id] ?? [] {
                    namespacesByStatement[service, default: []].formUnion(reach)
                }
            }
        }
    }

    /// Adds, for each dependency on a network that takes its blocks from a
    /// parameter, the namespaces of its other endpoint to the parameter's
    /// reach. The parameter decides only the blocks of such rules.
    private mutating func collectParameters(_ program: Program, parameterOfNetwork: [String: String]) {
        guard !parameterOfNetwork.isEmpty else { return }
        for dependency in program.dependencies {
            for (endpoint, other) in [(dependency.client, dependency.server), (dependency.server, dependency.client)] {
                guard case .external(let name, _) = endpoint, let parameter = parameterOfNetwork[name] else { continue }
                namespacesByParameter[parameter, default: []].formUnion(StatementReach.namespaces(of: other, in: program))
            }
        }
    }

    /// Gives statements that compile only together the union of their reaches.
    private mutating func joinCompiledTogether(_ statementsOfService: [ServiceID: Set<SourceRange>]) {
        var groups = StatementGroups()
        for declarations in statementsOfService.values {
            for statement in declarations { groups.join(statement, declarations.first!) }
        }
        for (statement, services) in namedServices {
            for id in services {
                for declaration in statementsOfService[id] ?? [] { groups.join(statement, declaration) }
            }
        }

        var reachOfGroup: [SourceRange: Set<String>] = [:]
        var unboundedGroups: Set<SourceRange> = []
        let members = Set(namespacesByStatement.keys).union(unbounded)
        for statement in members {
            let group = groups.representative(of: statement)
            reachOfGroup[group, default: []].formUnion(namespacesByStatement[statement] ?? [])
            if unbounded.contains(statement) { unboundedGroups.insert(group) }
        }
        for statement in members {
            let group = groups.representative(of: statement)
            namespacesByStatement[statement] = reachOfGroup[group]
            groupOf[statement] = group
            if unboundedGroups.contains(group) { unbounded.insert(statement) }
        }
    }

    /// Returns the namespaces a statement reaches, or nil when neither
    /// program contains it or its reach is unbounded, so that callers treat
    /// it as reaching everything.
    func namespaces(of statement: SourceRange) -> Set<String>? {
        unbounded.contains(statement) ? nil : namespacesByStatement[statement]
    }

    /// Returns the namespaces whose policies a parameter's value can change:
    /// an empty set for a parameter that no dependency uses.
    func namespaces(ofParameter name: String) -> Set<String> {
        namespacesByParameter[name] ?? []
    }

    /// Returns a statement that stands for the statement's group of
    /// statements that compile only together.
    func group(of statement: SourceRange) -> SourceRange {
        groupOf[statement] ?? statement
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

/// Disjoint groups of statements, joined pairwise.
private struct StatementGroups {
    private var parent: [SourceRange: SourceRange] = [:]

    mutating func representative(of statement: SourceRange) -> SourceRange {
        var root = statement
        while let next = parent[root], next != root { root = next }
        // Pointing the path at its root keeps later searches short.
        var current = statement
        while let next = parent[current], next != root {
            parent[current] = root
            current = next
        }
        return root
    }

    mutating func join(_ first: SourceRange, _ second: SourceRange) {
        let (a, b) = (representative(of: first), representative(of: second))
        if a != b { parent[a] = b }
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
