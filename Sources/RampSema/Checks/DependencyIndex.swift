import RampIR

/// The dependencies in source order, grouped so that the checks for repeated
/// and covered dependencies compare each one only with those that could
/// cover it, not with all of them.
///
/// A service endpoint covers only itself, pods are never covered by
/// addresses, and addresses never by pods. So a dependency can only be
/// covered by one whose client is the same service or a wider set of pods (a
/// namespace, a namespace selector, the cluster), or addresses when its
/// client is addresses, and likewise for the server. The index groups
/// dependencies by their service client and server, with `Key.widerPods` for
/// any wider set of pods and `Key.addresses` for any addresses.
struct DependencyIndex {
    let dependencies: SourceOrderedDependencies
    /// The key of each dependency, by position.
    private let keys: [Key]
    /// The positions of the dependencies with each key, in ascending order.
    private let groups: [[Int]]
    /// The index in `groups` of each key.
    private let groupNumbers: [Key: Int]
    /// The index in `groups` of each dependency's own group, by position,
    /// so that the checks that search only that group hash nothing.
    private let groupNumbersByPosition: [Int]
    /// The number of each service that a dependency names as client or server.
    private let serviceNumbers: [ServiceID: Int]
    /// By service number, the index in `groups` of the group with that
    /// service as client and a wider set of pods as server, or nil. Most
    /// candidate groups are of this kind or the next, and are found here
    /// without hashing.
    private let widerServerGroups: [Int?]
    /// By service number, the index in `groups` of the group with a wider
    /// set of pods as client and that service as server, or nil.
    private let widerClientGroups: [Int?]

    /// Services are numbered in the order they first appear, so that a
    /// lookup hashes two integers instead of four strings.
    private struct Key: Hashable {
        static let widerPods = -1
        static let addresses = -2

        let client: Int
        let server: Int
    }

    init(_ dependencies: SourceOrderedDependencies) {
        var numbers: [ServiceID: Int] = [:]
        func number(_ endpoint: Endpoint) -> Int {
            switch endpoint {
            case .service(let id):
                if let known = numbers[id] { return known }
                numbers[id] = numbers.count
                return numbers.count - 1
            case .namespace, .namespaces, .cluster:
                return Key.widerPods
            case .external:
                return Key.addresses
            }
        }

        var keys: [Key] = []
        keys.reserveCapacity(dependencies.count)
        var groups: [[Int]] = []
        var groupNumbers: [Key: Int] = [:]
        var groupNumbersByPosition: [Int] = []
        groupNumbersByPosition.reserveCapacity(dependencies.count)
        for (index, dependency) in dependencies.enumerated() {
            let key = Key(client: number(dependency.client), server: number(dependency.server))
            let groupNumber = groupNumbers[key] ?? groups.count
            if groupNumber == groups.count {
                groupNumbers[key] = groupNumber
                groups.append([])
            }
            groups[groupNumber].append(index)
            keys.append(key)
            groupNumbersByPosition.append(groupNumber)
        }
        self.dependencies = dependencies
        self.keys = keys
        self.groups = groups
        self.groupNumbers = groupNumbers
        self.groupNumbersByPosition = groupNumbersByPosition
        self.serviceNumbers = numbers
        var widerServerGroups = [Int?](repeating: nil, count: numbers.count)
        var widerClientGroups = [Int?](repeating: nil, count: numbers.count)
        for (key, groupNumber) in groupNumbers {
            if key.client >= 0, key.server == Key.widerPods { widerServerGroups[key.client] = groupNumber }
            if key.client == Key.widerPods, key.server >= 0 { widerClientGroups[key.server] = groupNumber }
        }
        self.widerServerGroups = widerServerGroups
        self.widerClientGroups = widerClientGroups
    }

    /// Returns whether a dependency names the service as client or server.
    func namesService(_ id: ServiceID) -> Bool {
        serviceNumbers[id] != nil
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
        // same client with a wider or the same server. Only a service side
        // has a wider group, because a wider set of pods or addresses is
        // covered only by endpoints of its own group.
        for variant in 0..<4 {
            let sameClient = variant & 1 != 0
            let sameServer = variant & 2 != 0
            guard let client = DependencyIndex.candidateSide(key.client, same: sameClient),
                  let server = DependencyIndex.candidateSide(key.server, same: sameServer),
                  let groupNumber = groupNumber(Key(client: client, server: server), of: index) else { continue }
            found = DependencyIndex.first(in: groups[groupNumber], below: min(limit, found ?? .max), where: predicate) ?? found
        }
        return found
    }

    /// Returns the index in `groups` of the group with `key`, which is a
    /// candidate key of the dependency at `index`, or nil when no dependency
    /// has that key.
    private func groupNumber(_ key: Key, of index: Int) -> Int? {
        if key == keys[index] { return groupNumbersByPosition[index] }
        if key.client >= 0, key.server == Key.widerPods { return widerServerGroups[key.client] }
        if key.client == Key.widerPods, key.server >= 0 { return widerClientGroups[key.server] }
        return groupNumbers[key]
    }

    /// Returns the first position in source order, below `limit`, of a
    /// dependency with the same key as the one at `index` that satisfies
    /// `predicate`. Only dependencies with the same key can cover each
    /// other, because a service covers only itself and no two of a service,
    /// a wider set of pods and addresses cover each other.
    func firstWithSameKey(as index: Int, below limit: Int = .max, where predicate: (Int) -> Bool) -> Int? {
        DependencyIndex.first(in: groups[groupNumbersByPosition[index]], below: limit, where: predicate)
    }

    /// Returns the key of one side of the candidate groups: the same side,
    /// or the wider set of pods that can cover a service. Returns nil for a
    /// wider side of an endpoint that only its own group covers.
    private static func candidateSide(_ side: Int, same: Bool) -> Int? {
        if same { return side }
        return side >= 0 ? Key.widerPods : nil
    }

    private static func first(in group: [Int], below limit: Int, where predicate: (Int) -> Bool) -> Int? {
        for position in group {
            guard position < limit else { return nil }
            if predicate(position) { return position }
        }
        return nil
    }
}
