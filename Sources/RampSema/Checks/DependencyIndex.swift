import RampIR

/// The dependencies in source order, grouped so that the checks for repeated
/// and covered dependencies compare each one only with those that could
/// cover it, not with all of them.
///
/// A service endpoint covers only itself. So a dependency can only be
/// covered by one whose client is the same service or wider (a namespace, a
/// namespace selector, the cluster or addresses), and whose server is the
/// same service or wider. The index groups dependencies by their service
/// client and server, with `Key.wider` for any wider endpoint.
struct DependencyIndex {
    let dependencies: SourceOrderedDependencies
    /// The key of each dependency, by position.
    private let keys: [Key]
    /// The positions of the dependencies with each key, in ascending order.
    private let groups: [Key: [Int]]

    /// Services are numbered in the order they first appear, so that a
    /// lookup hashes two integers instead of four strings.
    private struct Key: Hashable {
        static let wider = -1

        let client: Int
        let server: Int
    }

    init(_ dependencies: SourceOrderedDependencies) {
        var numbers: [ServiceID: Int] = [:]
        func number(_ endpoint: Endpoint) -> Int {
            guard case .service(let id) = endpoint else { return Key.wider }
            if let known = numbers[id] { return known }
            numbers[id] = numbers.count
            return numbers.count - 1
        }

        var keys: [Key] = []
        keys.reserveCapacity(dependencies.count)
        var groups: [Key: [Int]] = [:]
        for (index, dependency) in dependencies.enumerated() {
            let key = Key(client: number(dependency.client), server: number(dependency.server))
            keys.append(key)
            groups[key, default: []].append(index)
        }
        self.dependencies = dependencies
        self.keys = keys
        self.groups = groups
    }

    /// Returns the first position in source order, below `limit`, of a
    /// dependency that could cover the one at `index` (itself included) and
    /// that satisfies `predicate`, or nil when there is none.
    ///
    /// Each group lists its positions in ascending order, so the first match
    /// of each group is that group's earliest, and the function returns the
    /// earliest of those. No merged list is built.
    func firstCandidate(for index: Int, below limit: Int = .max, where predicate: (Int) -> Bool) -> Int? {
        let key = keys[index]
        var found: Int?
        // The candidates lie in up to four groups, which cross a wider or the
        // same client with a wider or the same server. A wider endpoint of
        // this dependency leaves only the wider group on its side.
        for variant in 0..<4 {
            let sameClient = variant & 1 != 0
            let sameServer = variant & 2 != 0
            if sameClient && key.client == Key.wider || sameServer && key.server == Key.wider { continue }
            let candidateKey = Key(client: sameClient ? key.client : Key.wider, server: sameServer ? key.server : Key.wider)
            guard let group = groups[candidateKey] else { continue }

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
}
