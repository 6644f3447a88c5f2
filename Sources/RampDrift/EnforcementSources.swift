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
    /// One compiled build: the other parts of the mixes it serves, and the
    /// directions whose differing enforcement it substitutes everywhere.
    struct Source: Hashable {
        let others: Set<EnvironmentPart>
        let directions: Set<NetworkPolicy.PolicyType>
    }

    /// The enforcement settings in which the two environments differ, by direction.
    private let partsByDirection: [NetworkPolicy.PolicyType: Set<EnvironmentPart>]
    private var compiled: [Source: PoliciesByNamespace?] = [:]

    init(parts: [EnvironmentPart]) {
        var partsByDirection: [NetworkPolicy.PolicyType: Set<EnvironmentPart>] = [:]
        for part in parts {
            if case .enforcement(_, let direction) = part { partsByDirection[direction, default: []].insert(part) }
        }
        self.partsByDirection = partsByDirection
    }

    /// Splits a mix into its other parts and, for each namespace whose
    /// enforcement it substitutes, the directions it substitutes there.
    func split(_ mix: Set<EnvironmentPart>) -> (others: Set<EnvironmentPart>, directions: [String: Set<NetworkPolicy.PolicyType>]) {
        var others: Set<EnvironmentPart> = []
        var directions: [String: Set<NetworkPolicy.PolicyType>] = [:]
        for part in mix {
            if case let .enforcement(namespace, direction) = part, partsByDirection[direction]?.contains(part) == true {
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
    func sources(of mix: Set<EnvironmentPart>) -> (others: Set<EnvironmentPart>, sources: Set<Source>) {
        let (others, directions) = split(mix)
        return (others, Set(directions.values.map { Source(others: others, directions: $0) }))
    }

    /// Returns the parts that a source substitutes.
    func parts(of source: Source) -> Set<EnvironmentPart> {
        source.directions.reduce(into: source.others) { parts, direction in
            parts.formUnion(partsByDirection[direction] ?? [])
        }
    }

    /// Returns the source that substitutes exactly `parts`, or nil when none does.
    func source(substituting parts: Set<EnvironmentPart>) -> Source? {
        let (others, directions) = split(parts)
        let source = Source(others: others, directions: Set(directions.values.joined()))
        return self.parts(of: source) == parts ? source : nil
    }

    func contains(_ source: Source) -> Bool {
        compiled[source] != nil
    }

    /// Records the policies of a compiled source, nil when it does not compile.
    mutating func store(_ policies: PoliciesByNamespace?, for source: Source) {
        compiled[source] = .some(policies)
    }

    /// Returns the policies of a source, or nil when it does not compile or
    /// was not compiled.
    func policies(of source: Source) -> PoliciesByNamespace? {
        compiled[source] ?? nil
    }
}

extension EnvironmentPart {
    var isEnforcement: Bool {
        if case .enforcement = self { return true }
        return false
    }

    var isParameter: Bool {
        if case .parameter = self { return true }
        return false
    }
}
