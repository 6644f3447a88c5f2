import RampIR

/// The dependencies in source order, grouped so that the checks for repeated
/// and covered dependencies compare each one only with those that could
/// cover it, not with all of them.
///
/// A service endpoint covers only itself. So a dependency can only be
/// covered by one whose client is the same service or wider (a namespace, a
/// namespace selector, the cluster or addresses), and whose server is the
/// same service or wider. The index groups dependencies by their service
/// client and server, with nil standing for any wider endpoint.
struct DependencyIndex {
    let dependencies: [Dependency]
    private var groups: [Key: [Int]] = [:]

    private struct Key: Hashable {
        let client: ServiceID?
        let server: ServiceID?
    }

    init(_ dependencies: [Dependency]) {
        self.dependencies = dependencies
        for (index, dependency) in dependencies.enumerated() {
            groups[DependencyIndex.key(dependency), default: []].append(index)
        }
    }

    private static func key(_ dependency: Dependency) -> Key {
        var client: ServiceID?
        var server: ServiceID?
        if case .service(let id) = dependency.client { client = id }
        if case .service(let id) = dependency.server { server = id }
        return Key(client: client, server: server)
    }

    /// Returns the first position in source order, below `limit`, of a
    /// dependency that could cover the one at `index` (itself included) and
    /// that satisfies `predicate`, or nil when there is none.
    ///
    /// Each group lists its positions in ascending order, so the first match
    /// of each group is that group's earliest, and the earliest of those is
    /// the answer. No merged list is built.
    func firstCandidate(for index: Int, below limit: Int = .max, where predicate: (Int) -> Bool) -> Int? {
        var found: Int?
        for key in DependencyIndex.candidateKeys(of: DependencyIndex.key(dependencies[index])) {
            guard let group = groups[key] else { continue }
            let bound = min(limit, found ?? .max)
            for position in group {
                guard position < bound else { break }
                if predicate(position) {
                    found = position
                    break
                }
            }
        }
        return found
    }

    /// Returns the keys of the groups whose dependencies could cover one with `key`.
    private static func candidateKeys(of key: Key) -> [Key] {
        var keys = [Key(client: nil, server: nil)]
        if key.client != nil { keys.append(Key(client: key.client, server: nil)) }
        if key.server != nil { keys.append(Key(client: nil, server: key.server)) }
        if key.client != nil && key.server != nil { keys.append(key) }
        return keys
    }
}
