import RampSema

/// A list of environment parts indexed by the namespaces whose policies
/// each part can change, so that the parts relevant to one connection are
/// found without reading the whole list.
///
/// Enforcement changes only its own namespace, and a statement with
/// `only in` only the namespaces of its reach (see `StatementReach`).
/// Every other part, and a statement of unbounded reach, can change any
/// namespace and is relevant everywhere.
struct PartsByNamespace {
    let parts: [EnvironmentPart]
    /// The namespaces each part can change, nil for every namespace.
    private let namespacesOfPart: [Set<String>?]
    /// The indices in `parts` of the parts relevant everywhere.
    private let everywhere: [Int]
    private let byNamespace: [String: [Int]]
    private let positions: [EnvironmentPart: Int]

    init(_ parts: [EnvironmentPart], reach: StatementReach) {
        namespacesOfPart = parts.map { PartsByNamespace.namespaces(of: $0, reach: reach) }
        var everywhere: [Int] = []
        var byNamespace: [String: [Int]] = [:]
        for (index, namespaces) in namespacesOfPart.enumerated() {
            guard let namespaces else {
                everywhere.append(index)
                continue
            }
            for namespace in namespaces { byNamespace[namespace, default: []].append(index) }
        }
        self.parts = parts
        self.everywhere = everywhere
        self.byNamespace = byNamespace
        positions = Dictionary(parts.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Returns the namespaces a part can change, or nil for every namespace.
    private static func namespaces(of part: EnvironmentPart, reach: StatementReach) -> Set<String>? {
        switch part {
        case .enforcement(let namespace, _): return [namespace]
        case .statement(let range): return reach.namespaces(of: range)
        default: return nil
        }
    }

    /// Returns the indices of the parts that can change one of `namespaces`,
    /// in list order.
    func relevant(to namespaces: Set<String>) -> [Int] {
        var indices = Set(everywhere)
        for namespace in namespaces { indices.formUnion(byNamespace[namespace] ?? []) }
        return indices.sorted()
    }

    /// Returns whether a part of the list can change one of `namespaces`.
    func reaches(_ part: EnvironmentPart, _ namespaces: Set<String>) -> Bool {
        guard let index = positions[part] else { return true }
        return namespacesOfPart[index].map { !$0.isDisjoint(with: namespaces) } ?? true
    }

    /// Returns `subset` in list order.
    func ordered<Parts: Sequence<EnvironmentPart>>(_ subset: Parts) -> [EnvironmentPart] {
        subset.compactMap { positions[$0] }.sorted().map { parts[$0] }
    }
}
