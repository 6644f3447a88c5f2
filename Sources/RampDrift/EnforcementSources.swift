import RampKube
import RampSema

/// The compiled builds from which mixes that substitute enforcement
/// settings are assembled.
///
/// Enforcement decides only which directions the subjects of its own
/// namespace isolate, and every pass of the standard lowering is exact for
/// each object alone. So the policies of a namespace depend on its own
/// enforcement and on no other namespace's. Whatever enforcement settings a
/// mix substitutes, each namespace's policies are those of the build that
/// substitutes the same other parts and the same directions everywhere.
/// Three such builds per set of other parts (ingress, egress, both) stand
/// for every mix of enforcement settings, of which there are one or two per
/// namespace.
struct EnforcementSources {
    /// The enforcement settings in which the two environments differ.
    private let parts: Set<EnvironmentPart>
    private var compiled: [Set<EnvironmentPart>: PoliciesByNamespace?] = [:]

    init(parts: [EnvironmentPart]) {
        self.parts = Set(parts.filter(\.isEnforcement))
    }

    /// Splits a mix into its other parts and, for each namespace whose
    /// enforcement it substitutes, the directions it substitutes there.
    func split(_ mix: Set<EnvironmentPart>) -> (others: Set<EnvironmentPart>, directions: [String: Set<NetworkPolicy.PolicyType>]) {
        var others: Set<EnvironmentPart> = []
        var directions: [String: Set<NetworkPolicy.PolicyType>] = [:]
        for part in mix {
            if case let .enforcement(namespace, direction) = part, parts.contains(part) {
                directions[namespace, default: []].insert(direction)
            } else {
                others.insert(part)
            }
        }
        return (others, directions)
    }

    /// Returns what to compile whole for assembling a mix that substitutes
    /// enforcement settings: its other parts, and the sources its
    /// namespaces take their policies from.
    func compiledMixes(of mix: Set<EnvironmentPart>) -> (others: Set<EnvironmentPart>, sources: [Set<EnvironmentPart>]) {
        let (others, directions) = split(mix)
        return (others, Set(directions.values).map { key(others, $0) })
    }

    func contains(_ parts: Set<EnvironmentPart>) -> Bool {
        compiled[parts] != nil
    }

    /// Records the policies of a compiled source, nil when it does not compile.
    mutating func store(_ policies: PoliciesByNamespace?, for parts: Set<EnvironmentPart>) {
        compiled[parts] = .some(policies)
    }

    /// Returns the policies of the build that substitutes `others` and every
    /// enforcement setting of `directions`, or nil when it does not compile
    /// or was not compiled.
    func policies(of others: Set<EnvironmentPart>, substituting directions: Set<NetworkPolicy.PolicyType>) -> PoliciesByNamespace? {
        compiled[key(others, directions)] ?? nil
    }

    private func key(_ others: Set<EnvironmentPart>, _ directions: Set<NetworkPolicy.PolicyType>) -> Set<EnvironmentPart> {
        others.union(parts.filter { part in
            if case .enforcement(_, let direction) = part { return directions.contains(direction) }
            return false
        })
    }
}

extension EnvironmentPart {
    var isEnforcement: Bool {
        if case .enforcement = self { return true }
        return false
    }
}
