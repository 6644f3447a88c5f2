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

    /// The maximum number of local parts in a mix that is composed. Each
    /// part adds pieces, and a mix of many parts rarely finds all but one
    /// of them built (see `MixedBuilds.compose`). In one contract whose
    /// statements share namespaces, 6 of the 8,500 mixes that its searches
    /// tried did, and looking cost a twentieth of the check.
    static let maximumLocalParts = 8

    /// Returns the composition of a mix with a statement and at least one
    /// other local part, or nil when a statement's reach is unknown, some
    /// namespace is reached by every local part, or the mix has more than
    /// `maximumLocalParts` local parts.
    init?(_ mix: Set<EnvironmentPart>, reach: StatementReach) {
        guard mix.count(where: { $0.isStatement || $0.isEnforcement }) <= MixComposition.maximumLocalParts else { return nil }
        // Each local part is a bit, so that grouping the namespaces by the
        // parts that reach them hashes numbers instead of sets of parts.
        var others: Set<EnvironmentPart> = []
        var local: [EnvironmentPart] = []
        var masks: [String: UInt64] = [:]
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
            let bit = UInt64(1) << UInt64(local.count)
            local.append(part)
            for namespace in namespaces { masks[namespace, default: 0] |= bit }
        }
        guard local.count > 1, local.contains(where: \.isStatement) else { return nil }

        let every = (UInt64(1) << UInt64(local.count)) - 1
        var namespacesByMask: [UInt64: Set<String>] = [:]
        for (namespace, mask) in masks {
            if mask == every { return nil }
            namespacesByMask[mask, default: []].insert(namespace)
        }
        self.others = others
        pieces = namespacesByMask.map { mask, namespaces in
            let parts = local.indices.filter { mask & (UInt64(1) << UInt64($0)) != 0 }.map { local[$0] }
            return (others.union(parts), namespaces)
        }
    }
}
