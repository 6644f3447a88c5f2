import RampIR
import RampSource

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
///
/// Most dependencies of a large system are alone in their group, so the
/// groups are ranges of one sorted array instead of an array each.
struct DependencyIndex {
    let dependencies: SourceOrderedDependencies
    /// The key of each dependency, by position.
    private let keys: [Key]
    /// The positions sorted by key, and by position within one key, so that
    /// each group is a range of ascending positions.
    private let positionsByKey: [Int]
    /// The key of each group, in ascending order.
    private let groupKeys: [Key]
    /// The offset in `positionsByKey` at which each group starts, and last
    /// the count of positions, so a group spans from its start to the next.
    private let groupStarts: [Int]
    /// The group of each dependency, by position.
    private let groupsByPosition: [Int]
    /// The number of each service that a dependency names as client or server.
    private let serviceNumbers: [ServiceID: Int]
    /// By service number, the group with that service as client and a wider
    /// set of pods as server, or nil. Most candidate groups are of this kind
    /// or the next, and are found here without a search.
    private let widerServerGroups: [Int?]
    /// By service number, the group with a wider set of pods as client and
    /// that service as server, or nil.
    private let widerClientGroups: [Int?]
    /// The candidates by ports, searched instead of the groups when they are
    /// fewer, as for thousands of dependencies between two services. Nil
    /// when no group is large enough to need them.
    private let ports: DependencyPortIndex?
    /// By position, the first position of a dependency with the same client,
    /// server, ports and `only in`. A repeated line gets the same result from the checks
    /// as its first occurrence, so thousands of repetitions are compared once.
    let firstIdentical: [Int]

    /// Services are numbered in the order they first appear, so that keys
    /// compare two integers instead of four strings.
    private struct Key: Comparable {
        static let widerPods = -1
        static let addresses = -2

        let client: Int
        let server: Int

        static func < (lhs: Key, rhs: Key) -> Bool {
            (lhs.client, lhs.server) < (rhs.client, rhs.server)
        }
    }

    /// `scope` returns the environments that a dependency's statement is
    /// limited to, nil for every build, which identical dependencies share.
    init(_ dependencies: SourceOrderedDependencies, scope: (Dependency) -> [String]? = { _ in nil }) {
        let (keys, serviceNumbers) = DependencyIndex.keys(of: dependencies)
        let positionsByKey = keys.indices.sorted { left, right in
            keys[left] != keys[right] ? keys[left] < keys[right] : left < right
        }

        var groupKeys: [Key] = []
        var groupStarts: [Int] = []
        var groupsByPosition = [Int](repeating: 0, count: keys.count)
        for (offset, position) in positionsByKey.enumerated() {
            if groupKeys.last != keys[position] {
                groupKeys.append(keys[position])
                groupStarts.append(offset)
            }
            groupsByPosition[position] = groupKeys.count - 1
        }
        groupStarts.append(positionsByKey.count)

        var widerServerGroups = [Int?](repeating: nil, count: serviceNumbers.count)
        var widerClientGroups = [Int?](repeating: nil, count: serviceNumbers.count)
        for (group, key) in groupKeys.enumerated() {
            if key.client >= 0, key.server == Key.widerPods { widerServerGroups[key.client] = group }
            if key.client == Key.widerPods, key.server >= 0 { widerClientGroups[key.server] = group }
        }

        self.dependencies = dependencies
        self.keys = keys
        self.positionsByKey = positionsByKey
        self.groupKeys = groupKeys
        self.groupStarts = groupStarts
        self.groupsByPosition = groupsByPosition
        self.serviceNumbers = serviceNumbers
        self.widerServerGroups = widerServerGroups
        self.widerClientGroups = widerClientGroups
        let largestGroup = zip(groupStarts, groupStarts.dropFirst()).map { $1 - $0 }.max() ?? 0
        self.ports = largestGroup > DependencyIndex.portSearchThreshold ? DependencyPortIndex(dependencies.map(\.ports)) : nil
        self.firstIdentical = DependencyIndex.firstIdentical(
            dependencies, scope: scope, positionsByKey: positionsByKey, groupStarts: groupStarts
        )
    }

    /// Returns whether the dependency at `position` is the first of those
    /// with its client, server, ports and `only in`.
    func isFirstIdentical(_ position: Int) -> Bool {
        firstIdentical[position] == position
    }

    /// Returns `firstIdentical`. Identical dependencies have the same key,
    /// so only groups of several members are hashed.
    private static func firstIdentical(
        _ dependencies: SourceOrderedDependencies, scope: (Dependency) -> [String]?, positionsByKey: [Int], groupStarts: [Int]
    ) -> [Int] {
        struct Content: Hashable {
            let client: Endpoint
            let server: Endpoint
            let ports: PortSet
        }
        var result = Array(0..<dependencies.count)
        for (start, end) in zip(groupStarts, groupStarts.dropFirst()) where end - start > 1 {
            var byContent: [Content: [Int]] = [:]
            for position in positionsByKey[start..<end] {
                let dependency = dependencies[position]
                byContent[Content(client: dependency.client, server: dependency.server, ports: dependency.ports), default: []].append(position)
            }
            // Only repeated contents look up their statements' scopes.
            for positions in byContent.values where positions.count > 1 {
                var firstByScope: [[String]?: Int] = [:]
                for position in positions {
                    let key = scope(dependencies[position])
                    if let earlier = firstByScope[key] {
                        result[position] = earlier
                    } else {
                        firstByScope[key] = position
                    }
                }
            }
        }
        return result
    }

    /// Returns the key of each dependency, by position, and the numbers
    /// given to the services.
    private static func keys(of dependencies: SourceOrderedDependencies) -> ([Key], [ServiceID: Int]) {
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
        for dependency in dependencies {
            keys.append(Key(client: number(dependency.client), server: number(dependency.server)))
        }
        return (keys, numbers)
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
    ///
    /// It is inlined into the checks, because a call with their predicate
    /// copied the captured program for every candidate.
    ///
    /// The predicate must hold only for dependencies whose ports cover those
    /// of the one at `index`, because the search may skip the others.
    @inline(__always)
    func firstCandidate(for index: Int, below limit: Int = .max, where predicate: (Int) -> Bool) -> Int? {
        let key = keys[index]
        // The candidates lie in up to four groups, which cross a wider or the
        // same client with a wider or the same server. Only a service side
        // has a wider group, because a wider set of pods or addresses is
        // covered only by endpoints of its own group.
        var groups: [Int] = []
        for variant in 0..<4 {
            let sameClient = variant & 1 != 0
            let sameServer = variant & 2 != 0
            guard let client = DependencyIndex.candidateSide(key.client, same: sameClient),
                  let server = DependencyIndex.candidateSide(key.server, same: sameServer),
                  let group = group(Key(client: client, server: server), of: index) else { continue }
            groups.append(group)
        }
        if let byPorts = fewerByPorts(for: index, than: groups) {
            return AscendingLists.first(in: byPorts, below: limit) { groups.contains(groupsByPosition[$0]) && predicate($0) }
        }
        var found: Int?
        for group in groups {
            found = first(in: group, below: min(limit, found ?? .max), where: predicate) ?? found
        }
        return found
    }

    /// Returns the first position in source order, below `limit`, of a
    /// dependency with the same key as the one at `index` that satisfies
    /// `predicate`. Only dependencies with the same key can cover each
    /// other, because a service covers only itself and no two of a service,
    /// a wider set of pods and addresses cover each other.
    /// As for `firstCandidate`, the predicate must hold only for
    /// dependencies whose ports cover those of the one at `index`.
    @inline(__always)
    func firstWithSameKey(as index: Int, below limit: Int = .max, where predicate: (Int) -> Bool) -> Int? {
        let group = groupsByPosition[index]
        if let byPorts = fewerByPorts(for: index, than: [group]) {
            return AscendingLists.first(in: byPorts, below: limit) { groupsByPosition[$0] == group && predicate($0) }
        }
        return first(in: group, below: limit, where: predicate)
    }

    /// Returns the candidates by ports of the dependency at `index` when
    /// they are fewer than the members of `groups`, else nil.
    private func fewerByPorts(for index: Int, than groups: [Int]) -> [[Int]]? {
        let groupCount = groups.reduce(0) { $0 + groupStarts[$1 + 1] - groupStarts[$1] }
        // Most groups hold a few dependencies, fewer than any port list.
        guard groupCount > DependencyIndex.portSearchThreshold, let ports else { return nil }
        let lists = ports.candidates(for: index)
        return lists.reduce(0) { $0 + $1.count } < groupCount ? lists : nil
    }

    private static let portSearchThreshold = 64

    /// Returns the key of one side of the candidate groups: the same side,
    /// or the wider set of pods that can cover a service. Returns nil for a
    /// wider side of an endpoint that only its own group covers.
    private static func candidateSide(_ side: Int, same: Bool) -> Int? {
        if same { return side }
        return side >= 0 ? Key.widerPods : nil
    }

    /// Returns the group with `key`, which is a candidate key of the
    /// dependency at `index`, or nil when no dependency has that key.
    private func group(_ key: Key, of index: Int) -> Int? {
        if key == keys[index] { return groupsByPosition[index] }
        if key.client >= 0, key.server == Key.widerPods { return widerServerGroups[key.client] }
        if key.client == Key.widerPods, key.server >= 0 { return widerClientGroups[key.server] }
        return searchGroup(key)
    }

    /// Returns the group with `key` by binary search, or nil when no
    /// dependency has that key.
    private func searchGroup(_ key: Key) -> Int? {
        var low = 0
        var high = groupKeys.count
        while low < high {
            let middle = (low + high) / 2
            if groupKeys[middle] < key {
                low = middle + 1
            } else {
                high = middle
            }
        }
        return low < groupKeys.count && groupKeys[low] == key ? low : nil
    }

    @inline(__always)
    private func first(in group: Int, below limit: Int, where predicate: (Int) -> Bool) -> Int? {
        for offset in groupStarts[group]..<groupStarts[group + 1] {
            let position = positionsByKey[offset]
            guard position < limit else { return nil }
            if predicate(position) { return position }
        }
        return nil
    }
}
