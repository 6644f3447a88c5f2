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

    /// Returns, in source order, the positions of the dependencies that could
    /// cover the one at `index`, itself included.
    func candidates(for index: Int) -> [Int] {
        let key = DependencyIndex.key(dependencies[index])
        var keys = [Key(client: nil, server: nil)]
        if key.client != nil { keys.append(Key(client: key.client, server: nil)) }
        if key.server != nil { keys.append(Key(client: nil, server: key.server)) }
        if key.client != nil && key.server != nil { keys.append(key) }
        let found = keys.flatMap { groups[$0] ?? [] }
        return keys.count == 1 ? found : found.sorted()
    }
}
