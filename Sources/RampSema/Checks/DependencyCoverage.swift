import RampIR
import RampKube

/// Decides whether one dependency allows every connection of another, by
/// their positions in source order.
///
/// The checks for repeated and covered dependencies compare the members of
/// a group pair by pair, and a client that reaches thousands of networks
/// has a group of thousands. So the addresses of every endpoint outside the
/// cluster become a sorted set once, and a pair compares two sets instead
/// of building them.
// TODO: nested or overlapping networks still compare every pair of their
// group, hulls first. `HullContainers` skips only networks that no other
// can contain.
struct DependencyCoverage {
    let program: Program
    /// The dependencies by position, in an array, so that a comparison
    /// reads their fields in place instead of copying each dependency.
    private let dependencies: [Dependency]
    /// By position, the ports, which a comparison reads first and which are
    /// read without copying the dependency.
    private let ports: [PortSet]
    /// By position, the addresses of a client or server outside the cluster.
    private let clientAddresses: [AddressSet?]
    private let serverAddresses: [AddressSet?]
    /// By position, the hulls of those addresses, which reject most pairs
    /// of a large group without touching the sets.
    private let clientHulls: [AddressHull?]
    private let serverHulls: [AddressHull?]
    private let clientContainers: HullContainers
    private let serverContainers: HullContainers

    init(_ dependencies: SourceOrderedDependencies, program: Program) {
        self.dependencies = Array(dependencies)
        self.program = program
        ports = self.dependencies.map(\.ports)
        clientAddresses = dependencies.map { DependencyCoverage.addresses(of: $0.client) }
        serverAddresses = dependencies.map { DependencyCoverage.addresses(of: $0.server) }
        clientHulls = dependencies.map { DependencyCoverage.hull(of: $0.client) }
        serverHulls = dependencies.map { DependencyCoverage.hull(of: $0.server) }
        clientContainers = HullContainers(clientHulls)
        serverContainers = HullContainers(serverHulls)
    }

    /// Returns false only when no other dependency can cover the one at
    /// `position`, because no other's addresses can contain its client's or
    /// its server's. Then the checks need not compare it with any.
    func mayBeCoveredByAnother(_ position: Int) -> Bool {
        clientContainers.mayBeContained(position) && serverContainers.mayBeContained(position)
    }

    /// Returns whether the dependency at `outer` allows every connection of
    /// the one at `inner`. The hulls are compared first, then the ports,
    /// because those are the cheapest tests, and between dependencies of one
    /// group often the ones that fail.
    func covers(_ outer: Int, _ inner: Int) -> Bool {
        DependencyCoverage.hull(clientHulls[outer], mayContain: clientHulls[inner])
            && DependencyCoverage.hull(serverHulls[outer], mayContain: serverHulls[inner])
            && ports[outer].covers(ports[inner])
            && clientCovers(outer, inner)
            && serverCovers(outer, inner)
    }

    /// Two dependencies are the same when each covers the other.
    func same(_ left: Int, _ right: Int) -> Bool {
        covers(left, right) && covers(right, left)
    }

    private func clientCovers(_ outer: Int, _ inner: Int) -> Bool {
        if clientAddresses[outer] != nil, clientAddresses[inner] != nil {
            return clientAddresses[inner]!.isSubset(of: clientAddresses[outer]!)
        }
        return program.endpoint(dependencies[outer].client, covers: dependencies[inner].client)
    }

    private func serverCovers(_ outer: Int, _ inner: Int) -> Bool {
        if serverAddresses[outer] != nil, serverAddresses[inner] != nil {
            return serverAddresses[inner]!.isSubset(of: serverAddresses[outer]!)
        }
        return program.endpoint(dependencies[outer].server, covers: dependencies[inner].server)
    }

    private static func hull(_ outer: AddressHull?, mayContain inner: AddressHull?) -> Bool {
        guard let outer, let inner else { return true }
        return outer.mayContain(inner)
    }

    private static func hull(of endpoint: Endpoint) -> AddressHull? {
        guard case .external(_, let blocks) = endpoint else { return nil }
        return AddressHull(blocks.map(\.cidr))
    }

    private static func addresses(of endpoint: Endpoint) -> AddressSet? {
        guard case .external(_, let blocks) = endpoint else { return nil }
        return AddressSet(blocks)
    }
}
