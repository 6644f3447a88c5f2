import RampDiagnostics
import RampIR

/// Warns about a dependency whose every connection a broader dependency
/// already allows: same or wider client, server and ports, such as
/// `web -> api:http` beside `web -> namespace shop`. One of the two is
/// most likely wrong: the narrow one is redundant, or the broad one allows
/// more than was meant.
///
/// Dependencies that cover each other are repetitions, which
/// `DuplicateDependencyCheck` reports.
struct CoveredDependencyCheck: SemanticCheck {
    let name = "covered-dependency"

    func run(_ context: CheckContext) {
        let index = context.dependencyIndex
        let dependencies = index.dependencies
        let coverage = context.dependencyCoverage
        var found: [(covered: Int, broader: Int)] = []
        var broaderByFirst: [Int: Int] = [:]
        for position in dependencies.indices where coverage.mayBeCoveredByAnother(position) {
            // A repetition has the result of its first occurrence, and the
            // first broader dependency is never a repetition, because its
            // own first occurrence covers as much and comes before it.
            let first = index.firstIdentical[position]
            if first != position {
                if let broader = broaderByFirst[first] { found.append((position, broader)) }
                continue
            }
            // A dependency never strictly covers itself, and often its group
            // contains no other dependency, so it is skipped unexamined.
            let broader = index.firstCandidate(for: position) { other in
                index.isFirstIdentical(other) && other != position && coverage.covers(other, position) && !coverage.covers(position, other)
                    && context.appliesWherever(dependencies[other], dependencies[position])
            }
            if let broader {
                found.append((position, broader))
                broaderByFirst[position] = broader
            }
        }
        for (position, broaderPosition) in found {
            let dependency = dependencies[position]
            let broader = dependencies[broaderPosition]
            let location = context.location(of: dependency)
            context.diagnostics.emit(
                .coveredDependency(context.text(of: dependency), broader: context.text(of: broader)),
                at: location.range, highlights: location.highlights,
                notes: [Note("the broader dependency is declared here", at: context.location(of: broader).range)]
            )
        }
    }
}
