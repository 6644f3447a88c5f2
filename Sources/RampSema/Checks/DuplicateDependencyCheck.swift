import RampDiagnostics
import RampIR
import RampSource

/// Warns about a dependency that an earlier one repeats: the same client,
/// the same server and the same ports, however they are spelled
/// (`api:http` and `api:8080` are one dependency when `http` is 8080). The
/// output does not change, but a repeated line is often a copy that was
/// meant to name another service or port.
struct DuplicateDependencyCheck: SemanticCheck {
    let name = "duplicate-dependency"

    func run(_ context: CheckContext) {
        let dependencyIndex = context.dependencyIndex
        let dependencies = dependencyIndex.dependencies
        let coverage = context.dependencyCoverage
        var reportedStatements: [SourceRange: Int] = [:]
        var found: [(repeated: Int, first: Int)] = []
        var earlierByFirst: [Int: Int] = [:]
        for index in dependencies.indices where coverage.mayBeCoveredByAnother(index) {
            // A repetition repeats what its first occurrence repeats, or else
            // it repeats that occurrence. The earliest equal dependency is never itself a
            // repetition, so the search skips those.
            let first = dependencyIndex.firstIdentical[index]
            if first != index {
                found.append((index, earlierByFirst[first] ?? first))
                continue
            }
            // A statement repeats another only when that one applies in every
            // build that it applies in. Otherwise removing it would remove the
            // connection from the other builds.
            let earlier = dependencyIndex.firstWithSameKey(as: index, below: index) { other in
                dependencyIndex.isFirstIdentical(other) && coverage.same(other, index)
                    && context.appliesWherever(dependencies[other], dependencies[index])
            }
            guard let earlier else { continue }
            found.append((index, earlier))
            earlierByFirst[index] = earlier
        }
        for (repeated, _) in found {
            reportedStatements[statementKey(dependencies[repeated], context), default: 0] += 1
        }
        for (repeatedIndex, firstIndex) in found {
            let repeated = dependencies[repeatedIndex]
            let first = dependencies[firstIndex]
            // Two removals in one statement could leave it without clients or
            // targets, so only a statement's single repetition gets a fix-it.
            let fixIt = reportedStatements[statementKey(repeated, context)] == 1 ? context.removal(of: repeated) : nil
            let location = context.location(of: repeated)
            context.diagnostics.emit(
                .duplicateDependency(context.text(of: repeated)), at: location.range, highlights: location.highlights,
                notes: [Note("first declared here", at: context.location(of: first).range)],
                fixIts: fixIt.map { [$0] } ?? []
            )
        }
    }

    /// Returns the range of the statement that declares `dependency`, which
    /// identifies the statement without computing its line and column.
    private func statementKey(_ dependency: Dependency, _ context: CheckContext) -> SourceRange {
        context.syntax.target(at: dependency.origin)?.statement.range ?? dependency.origin
    }
}
