import RampSema

/// The plan that builds a mix with statements from the builds of smaller
/// mixes, with no compilation of its own.
///
/// A statement changes only the policies of the namespaces it reaches (see
/// `StatementReach`), whatever else a mix substitutes, and an enforcement
/// setting only those of its namespace. So in the build of a mix, a
/// namespace that some of these local parts reach holds the policies of the
/// build that substitutes just those parts and the mix's other parts. When
/// no namespace is reached by every local part, each such build substitutes
/// fewer parts than the mix, and namespaces reached by the same parts share
/// one. Every other namespace keeps the policies of the build that
/// substitutes the other parts alone.
///
/// The search for the cause of a difference tries many mixes of statements
/// that lie far apart. Where two statements isolate the two endpoints of a
/// connection, each pair of them is a mix of its own, so compiling every
/// mix cost time that grew with the square of the statements.
struct MixComposition {
    /// The parts that can change any namespace: profile settings and parameters.
    let others: Set<EnvironmentPart>
    /// The smaller mixes, each with the namespaces whose policies come from its build.
    let pieces: [(mix: Set<EnvironmentPart>, namespaces: Set<String>)]

    /// Returns the composition of a mix with a statement and at least one
    /// other local part, or nil when a statement's reach is unknown or some
    /// namespace is reached by every local part.
    init?(_ mix: Set<EnvironmentPart>, reach: StatementReach) {
        var others: Set<EnvironmentPart> = []
        var partsByNamespace: [String: Set<EnvironmentPart>] = [:]
        var localCount = 0
        for part in mix {
            let namespaces: Set<String>
            switch part {
            case .statement(let range):
                guard let reached = reach.namespaces(of: range), !reached.isEmpty else { return nil }
                namespaces = reached
            case .enforcement(let namespace, _):
                namespaces = [namespace]
            default:
                others.insert(part)
                continue
            }
            localCount += 1
            for namespace in namespaces { partsByNamespace[namespace, default: []].insert(part) }
        }
        guard mix.contains(where: \.isStatement), localCount > 1,
              !partsByNamespace.values.contains(where: { $0.count == localCount }) else {
            return nil
        }

        var namespacesByMix: [Set<EnvironmentPart>: Set<String>] = [:]
        for (namespace, parts) in partsByNamespace {
            namespacesByMix[parts.union(others), default: []].insert(namespace)
        }
        self.others = others
        pieces = namespacesByMix.map { ($0.key, $0.value) }
    }
}
