import RampIR
import RampSema
import RampSource

/// Statements with `only in` grouped so that the builds with one of them
/// substituted come from a few compiled builds instead of one each.
///
/// A statement changes only the policies of the namespaces it reaches (see
/// `StatementReach`). The statements of one batch reach pairwise disjoint
/// namespaces, so in the build that substitutes the whole batch, each
/// statement's namespaces hold exactly the policies of the build that
/// substitutes that statement alone.
///
/// A batch compiles only if each of its statements compiles alone. Two
/// kinds certainly do not, and are left out: a dependency that names a
/// service this environment does not declare, and a service that a
/// dependency of this environment names.
struct StatementBatches {
    /// Each batch lists statements of pairwise disjoint reach.
    private(set) var batches: [[EnvironmentPart]] = []
    /// Statements that do not compile alone.
    private(set) var failing: [EnvironmentPart] = []
    /// Statements of unknown reach, to compile one by one.
    private(set) var alone: [EnvironmentPart] = []

    /// Groups the statement parts among `parts` for the builds of `program`'s
    /// environment with parts of the other one substituted.
    init(parts: [EnvironmentPart], reach: StatementReach, program: Program) {
        let applying = StatementBatches.statements(in: program, finder: reach.finder)
        let declared = Set(program.namespaces.flatMap { $0.services.map(\.id) })
        let named = Set(program.dependencies.flatMap { dependency in
            [dependency.client, dependency.server].compactMap { endpoint -> ServiceID? in
                if case .service(let id) = endpoint { return id }
                return nil
            }
        })

        var reachOfBatch: [Set<String>] = []
        for part in parts {
            guard case .statement(let range) = part else { continue }
            guard let namespaces = reach.namespaces(of: range) else {
                alone.append(part)
                continue
            }
            // Substituting a statement that applies here removes it, and one
            // that does not adds it.
            let removes = applying.contains(range)
            if removes ? !(reach.declaredServices[range] ?? []).isDisjoint(with: named)
                       : !(reach.namedServices[range] ?? []).isSubset(of: declared) {
                failing.append(part)
                continue
            }
            if let index = reachOfBatch.firstIndex(where: { $0.isDisjoint(with: namespaces) }) {
                batches[index].append(part)
                reachOfBatch[index].formUnion(namespaces)
            } else {
                batches.append([part])
                reachOfBatch.append(namespaces)
            }
        }
    }

    /// Returns the statements that apply in the program's environment: those
    /// that declare one of its services or make one of its dependencies.
    private static func statements(in program: Program, finder: StatementFinder) -> Set<SourceRange> {
        var statements: Set<SourceRange> = []
        for namespace in program.namespaces {
            for service in namespace.services {
                if let statement = finder.statement(containing: service.origin) { statements.insert(statement) }
            }
        }
        for dependency in program.dependencies {
            if let statement = finder.statement(containing: dependency.origin) { statements.insert(statement) }
        }
        return statements
    }
}
